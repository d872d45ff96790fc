package org.nfvperf.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nfvperf.notebook.KernelMain;
import org.nfvperf.notebook.KernelSpecInstaller;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nfvperf kernel install [--user | --prefix DIR] [--force]} installs the Jupyter kernelspec
 * {@code java}; {@code nfvperf kernel run CONNECTION_FILE} is the kernel itself (what the
 * kernelspec starts through {@code KernelMain}). Thin: the work is in {@code org.nfvperf.notebook}.
 *
 * <pre>{@code
 * ./nfvperf kernel install --user && jupyter kernelspec list
 * }</pre>
 */
@Command(name = "kernel", mixinStandardHelpOptions = true, description = "The Java Jupyter kernel (IJava-compatible): install its kernelspec or run it.",
        subcommands = {KernelCommand.Install.class, KernelCommand.Run.class})
public final class KernelCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code kernel install}. */
    @Command(name = "install", mixinStandardHelpOptions = true, description = {"Install the kernelspec 'java' (display name \"Java (nfvperf)\") pointing at this jar.",
            "Default: system-wide /usr/local/share/jupyter/kernels; --user: ~/.local/share/jupyter/kernels; "
                    + "--prefix DIR: DIR/share/jupyter/kernels, as 'jupyter kernelspec install --prefix'."})
    static final class Install implements Callable<Integer> {
        @ArgGroup(exclusive = true)
        Where where;

        static final class Where {
            @Option(names = "--user", description = "Install for the current user.")
            boolean user;
            @Option(names = "--prefix", paramLabel = "DIR", description = "Install under DIR/share/jupyter/kernels.")
            Path prefix;
        }

        @Option(names = "--force", description = "Replace a different kernel named 'java'.")
        boolean force;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            KernelSpecInstaller.Target target = where == null ? KernelSpecInstaller.Target.system()
                    : where.user ? KernelSpecInstaller.Target.user(System.getenv())
                    : KernelSpecInstaller.Target.prefix(where.prefix);
            KernelSpecInstaller.Result r = KernelSpecInstaller.forThisJvm().install(target, force);
            spec.commandLine().getOut().println((r.changed() ? "installed kernelspec 'java' in " : "kernelspec 'java' already up to date in ")
                    + r.directory());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code kernel run}. */
    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run the kernel on a Jupyter connection file (what the kernelspec does).")
    static final class Run implements Callable<Integer> {
        @Parameters(paramLabel = "CONNECTION_FILE", description = "The connection file Jupyter passes as {connection_file}.")
        Path connectionFile;

        @Override
        public Integer call() throws Exception {
            KernelMain.run(connectionFile);
            return 0;
        }
    }
}
