package org.nfvperf.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Properties;
import org.nfvperf.util.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of the {@code nfvperf} command line. Subcommands are thin: they parse flags,
 * call the library and print. Exit codes: 0 success, 2 unusable input or usage (one line on
 * stderr, no stack trace unless {@code --debug}), 1 any other failure.
 *
 * <pre>{@code
 * ./nfvperf pcap-info --json capture.pcapng
 * }</pre>
 */
@Command(name = "nfvperf", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Measure and compare NFV software dataplanes: captures, generator logs, latency, throughput, sweeps, figures.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for unusable input or wrong usage. */
    public static final int EXIT_INPUT = 2;
    /** Exit code for any other failure. */
    public static final int EXIT_FAILURE = 1;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces on errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Builds the command tree with every subcommand. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        Commands.register(cl);
        return withHandlers(cl);
    }

    /** Builds the command tree for {@code args}: only the subcommand it names, if it names one. */
    static CommandLine commandLine(String[] args) {
        CommandLine cl = new CommandLine(new Main());
        Commands.register(cl, args);
        return withHandlers(cl);
    }

    private static CommandLine withHandlers(CommandLine cl) {
        withHelpEverywhere(cl);
        cl.setExecutionExceptionHandler(Main::handleExecutionException);
        cl.setParameterExceptionHandler(Main::handleParameterException);
        return cl;
    }

    /**
     * Gives every command and subcommand of the tree {@code -h/--help} (and {@code -V/--version}),
     * so that a command added later without {@code mixinStandardHelpOptions} still answers it.
     */
    static void withHelpEverywhere(CommandLine cl) {
        CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
        if (!spec.helpCommand() && spec.findOption("--help") == null) {
            spec.mixinStandardHelpOptions(true);
            if (spec.versionProvider() == null) {
                spec.versionProvider(new Version());
            }
        }
        cl.getSubcommands().values().forEach(Main::withHelpEverywhere);
    }

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    private static boolean debugRequested(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult root = parseResult;
        while (root != null) {
            if (root.hasMatchedOption("--debug")) {
                return true;
            }
            root = root.subcommand();
        }
        return false;
    }

    private static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        cmd.getErr().println("nfvperf: " + ex.getMessage());
        cmd.getErr().println("Try 'nfvperf " + cmd.getCommandSpec().qualifiedName(" ").replaceFirst("^nfvperf ?", "")
                + (cmd.getCommandSpec().qualifiedName().equals("nfvperf") ? "" : " ") + "--help' for usage.");
        cmd.getErr().flush();
        return EXIT_INPUT;
    }

    private static int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        boolean debug = debugRequested(parseResult) || Boolean.getBoolean("nfvperf.debug");
        int code = exitCodeOf(ex);
        if (debug) {
            ex.printStackTrace(cmd.getErr());
        } else {
            cmd.getErr().println("nfvperf: " + messageOf(ex));
        }
        cmd.getErr().flush();
        return code;
    }

    /** Maps an exception to the documented exit code. */
    public static int exitCodeOf(Throwable ex) {
        Throwable t = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
        if (t instanceof InputException || t instanceof IllegalArgumentException
                || t instanceof NoSuchFileException || t instanceof AccessDeniedException
                || t instanceof CommandLine.ParameterException) {
            return EXIT_INPUT;
        }
        return EXIT_FAILURE;
    }

    /** One-line description of an exception for stderr. */
    public static String messageOf(Throwable ex) {
        Throwable t = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
        if (t instanceof NoSuchFileException) {
            return t.getMessage() + ": no such file";
        }
        if (t instanceof AccessDeniedException) {
            return t.getMessage() + ": permission denied";
        }
        String msg = t.getMessage();
        if (msg == null || msg.isBlank()) {
            msg = t.getClass().getSimpleName();
        }
        if (!(t instanceof InputException) && !(t instanceof IllegalArgumentException) && !(t instanceof IOException)) {
            msg = t.getClass().getSimpleName() + ": " + msg;
        }
        return msg.replace('\n', ' ');
    }

    /** Reads the version that Maven filtered into the jar. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/nfvperf-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"nfvperf " + p.getProperty("version", "unknown"),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
