package org.nfvperf.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Properties;
import org.nfvperf.util.InputException;
import org.nfvperf.util.UsageException;
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
        System.exit(run(commandLine(args), args));
    }

    /**
     * Runs a command line and returns its exit code. Picocli hands {@link Exception}s to
     * {@link #handleExecutionException}; an {@link Error} passes it by and is caught here, the
     * command boundary: running out of memory is one line and exit 2 (the input asks for more
     * than the heap), any other error is an internal fault, exit 1.
     */
    static int run(CommandLine cl, String[] args) {
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            return reportError(e, args, cl.getErr());
        } catch (RuntimeException | Error e) {
            // thrown outside the command's call() (e.g. by a handler); still one line unless --debug
            return reportError(e, args, cl.getErr());
        }
    }

    private static int reportError(Throwable e, String[] args, java.io.PrintWriter err) {
        boolean debug = Boolean.getBoolean("nfvperf.debug") || java.util.Arrays.asList(args).contains("--debug");
        if (debug) {
            e.printStackTrace(err);
        } else {
            err.println("nfvperf: " + messageOf(e));
        }
        err.flush();
        return exitCodeOf(e);
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

    /**
     * True if {@code --debug} was given on the command line of {@code spec} (it is inherited by
     * every subcommand) or {@code -Dnfvperf.debug=true} is set: for commands that report several
     * failures themselves instead of throwing one.
     */
    static boolean debugRequested(CommandLine.Model.CommandSpec spec) {
        if (Boolean.getBoolean("nfvperf.debug")) {
            return true;
        }
        for (CommandLine cl = spec.commandLine(); cl != null; cl = cl.getParent()) {
            CommandLine.ParseResult pr = cl.getParseResult();
            if (pr != null && pr.hasMatchedOption("--debug")) {
                return true;
            }
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

    /**
     * Maps an exception to the documented exit code: 2 for user errors ({@link UsageException},
     * the typed input exceptions ({@link InputException} and its subclasses), a missing or
     * unreadable file, a wrong option, running out of memory on the input given), 1 for anything
     * else, which is an internal fault: an {@link IllegalArgumentException} that is not a
     * {@link UsageException} comes from a bug, not from the user.
     */
    public static int exitCodeOf(Throwable ex) {
        Throwable t = unwrap(ex);
        if (t instanceof InputException || t instanceof UsageException
                || t instanceof NoSuchFileException || t instanceof AccessDeniedException
                || t instanceof CommandLine.ParameterException || t instanceof OutOfMemoryError) {
            return EXIT_INPUT;
        }
        return EXIT_FAILURE;
    }

    private static Throwable unwrap(Throwable ex) {
        Throwable t = ex;
        while ((t instanceof UncheckedIOException || t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** One-line description of an exception for stderr. */
    public static String messageOf(Throwable ex) {
        Throwable t = unwrap(ex);
        if (t instanceof NoSuchFileException) {
            return t.getMessage() + ": no such file";
        }
        if (t instanceof AccessDeniedException) {
            return t.getMessage() + ": permission denied";
        }
        if (t instanceof OutOfMemoryError) {
            return outOfMemoryMessage();
        }
        String msg = t.getMessage();
        if (msg == null || msg.isBlank()) {
            msg = t.getClass().getSimpleName();
        }
        if (t instanceof InputException || t instanceof UsageException || t instanceof CommandLine.ParameterException) {
            return msg.replace('\n', ' ');
        }
        if (t instanceof IOException) {
            return msg.replace('\n', ' ');
        }
        return ("internal error: " + t.getClass().getSimpleName() + ": " + msg
                + " (a bug; --debug prints the stack trace)").replace('\n', ' ');
    }

    /** The line for an {@link OutOfMemoryError}: the heap in use and how to raise it. */
    static String outOfMemoryMessage() {
        long maxMiB = Runtime.getRuntime().maxMemory() >> 20;
        return "out of memory: the input needs more than the Java heap of " + maxMiB + " MiB; raise it with"
                + " JAVA_OPTS=-Xmx<size> (e.g. -Xmx" + Math.max(1, 2 * maxMiB / 1024) + "g) or give the command less"
                + " to hold at once";
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
