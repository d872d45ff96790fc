package org.nfvperf.testbed.netns;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs host commands ({@code ip}, {@code nft}, {@code tcpdump -J}) to completion with a time limit and
 * reports failures with the command line and its stderr. Stateless and thread-safe.
 *
 * <pre>{@code
 * String out = Host.run(HostCommand.of("ip", "netns", "list"), 5_000_000_000L);
 * }</pre>
 */
public final class Host {
    /** Default limit for one setup or teardown command, in ns. */
    public static final long DEFAULT_TIMEOUT_NANOS = 10_000_000_000L;

    private Host() {
    }

    /**
     * Runs {@code cmd} and returns its standard output.
     *
     * @throws IOException when it cannot start, exits non-zero (message: command, exit code, stderr)
     *                     or outlives {@code timeoutNanos} (it is then killed)
     */
    public static String run(HostCommand cmd, long timeoutNanos) throws IOException {
        Result r = tryRun(cmd, timeoutNanos);
        if (r.exitCode() != 0) {
            throw new IOException("'" + cmd + "' failed with exit code " + r.exitCode()
                    + (r.stderr().isBlank() ? "" : ": " + r.stderr().strip().replace('\n', ' ')));
        }
        return r.stdout();
    }

    /** Outcome of a finished command. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /**
     * Runs {@code cmd} and returns its exit code and output, whatever the exit code.
     *
     * @throws IOException when it cannot start or outlives {@code timeoutNanos}
     */
    public static Result tryRun(HostCommand cmd, long timeoutNanos) throws IOException {
        Path err = Files.createTempFile("nfvperf-host-", ".err");
        Path out = Files.createTempFile("nfvperf-host-", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd.argv()).redirectError(err.toFile()).redirectOutput(out.toFile());
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(cmd.stdin().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the command did not read its stdin; its exit code tells whether that matters
            }
            boolean done = p.waitFor(timeoutNanos, TimeUnit.NANOSECONDS);
            if (!done) {
                p.destroyForcibly();
                throw new IOException("'" + cmd + "' did not finish within " + timeoutNanos / 1_000_000 + " ms");
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running '" + cmd + "'", e);
        } finally {
            Files.deleteIfExists(err);
            Files.deleteIfExists(out);
        }
    }

    /** True when {@code program} is an executable file on {@code PATH} (or in /usr/sbin, /sbin). */
    public static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/local/sbin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Runs every command in order, stopping at the first failure. */
    public static void runAll(List<HostCommand> cmds) throws IOException {
        for (HostCommand c : cmds) {
            run(c, DEFAULT_TIMEOUT_NANOS);
        }
    }
}
