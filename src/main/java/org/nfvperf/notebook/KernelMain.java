package org.nfvperf.notebook;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.JupyterSocket;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the Java Jupyter kernel on a connection file, as a kernelspec's {@code argv} does:
 * {@code java -cp nfvperf.jar org.nfvperf.notebook.KernelMain {connection_file}}. Reads the
 * {@code IJAVA_*} environment variables ({@link KernelConfig}) and runs until Jupyter shuts it down.
 *
 * <p>Not thread-safe; one per JVM.
 * <pre>{@code
 * KernelMain.run(Path.of("/run/user/0/jupyter/kernel-1234.json"));
 * }</pre>
 */
public final class KernelMain {
    /** Held so that the level set on it survives garbage collection of unreferenced loggers. */
    private static final Logger BASEKERNEL_LOG = Logger.getLogger("io.github.spencerpark.jupyter");

    private KernelMain() {
    }

    /** Entry point: one argument, the connection file. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -cp nfvperf.jar org.nfvperf.notebook.KernelMain CONNECTION_FILE");
            System.exit(2);
        }
        run(Path.of(args[0]));
        System.exit(0);
    }

    /**
     * Serves Jupyter on the connection described by {@code connectionFile} until shutdown.
     *
     * @throws NoSuchFileException if the file does not exist
     */
    public static void run(Path connectionFile) throws Exception {
        if (!Files.isRegularFile(connectionFile)) {
            throw new NoSuchFileException(connectionFile.toString());
        }
        System.setProperty("java.awt.headless", "true");
        JupyterSocket.JUPYTER_LOGGER.setLevel(Level.WARNING);
        BASEKERNEL_LOG.setLevel(Level.WARNING);
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(connectionFile));
        JupyterConnection connection = new JupyterConnection(props);
        NfvperfKernel kernel = new NfvperfKernel(KernelConfig.fromEnvironment(System.getenv()), Path.of(""));
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
    }
}
