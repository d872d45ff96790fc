package org.nfvperf.testbed.netns;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code cpu_share} factor: a CPU bandwidth limit on the processes of one NF, through the
 * kernel's CFS bandwidth control in a cgroup of its own, named like the trial's namespaces
 * ({@code nfvp-<pid>-<n>-dut<i>}) so that {@link Leftovers} can find it after a SIGKILL. It is the
 * netns counterpart of the paper's CPU-speed factor: an NF given 0.5 gets half of one core's time
 * in every 100 ms period, however many threads it runs.
 *
 * <p>Works with either cgroup version, whichever holds the {@code cpu} controller:
 * <ul>
 *   <li>v2 (unified, e.g. Debian 12 with systemd): {@code /sys/fs/cgroup/<name>/cpu.max} = {@code "<quota> 100000"};
 *       the root must already delegate {@code cpu} ({@code cgroup.subtree_control}); nfvperf does not change it;</li>
 *   <li>v1 (a {@code cpu} hierarchy, e.g. {@code /sys/fs/cgroup/cpu}): {@code cpu.cfs_period_us} = 100000 and
 *       {@code cpu.cfs_quota_us} = quota.</li>
 * </ul>
 * A share of 1.0 is a quota of 100 ms per 100 ms. The cgroup is removed on {@link #close} (once its
 * processes have ended; any left are moved back to the root first). Not thread-safe; one per NF.
 *
 * <pre>{@code
 * try (CpuShare limit = CpuShare.create("nfvp-42-1-dut1", 0.5)) {
 *     limit.add(ovsVswitchdPid);
 *     ... run the trial ...
 * }
 * }</pre>
 */
public final class CpuShare implements AutoCloseable {
    /** The factor's name in specs. */
    public static final String FACTOR = "cpu_share";
    /** CFS period in microseconds. */
    public static final long PERIOD_MICROS = 100_000;
    /** Largest share accepted, in cores. */
    public static final double MAX_SHARE = 64;
    private static final Path V2_ROOT = Path.of("/sys/fs/cgroup");
    private static final Path V1_ROOT = Path.of("/sys/fs/cgroup/cpu");

    private final Path dir;
    private final Path root;
    private boolean closed;

    private CpuShare(Path dir, Path root) {
        this.dir = dir;
        this.root = root;
    }

    /** The hierarchy that holds the cpu controller on this machine, or empty. */
    static Optional<Path> root() {
        try {
            Path controllers = V2_ROOT.resolve("cgroup.subtree_control");
            if (Files.isReadable(controllers) && List.of(Files.readString(controllers).trim().split("\\s+")).contains("cpu")) {
                return Optional.of(V2_ROOT);
            }
        } catch (IOException e) {
            // fall through to v1
        }
        return Files.isWritable(V1_ROOT.resolve("cpu.cfs_quota_us")) ? Optional.of(V1_ROOT) : Optional.empty();
    }

    /** Why cpu_share cannot be applied here, or empty. */
    public static Optional<String> unavailableReason() {
        return root().isPresent() ? Optional.empty() : Optional.of("factor cpu_share needs the cgroup cpu controller: "
                + "neither /sys/fs/cgroup/cgroup.subtree_control (v2) lists cpu nor /sys/fs/cgroup/cpu (v1) is writable");
    }

    /** The quota in microseconds per {@link #PERIOD_MICROS} for a share in cores. */
    static long quotaMicros(double share) {
        if (!(share > 0 && share <= MAX_SHARE)) {
            throw new IllegalArgumentException("share must be in (0, " + MAX_SHARE + "] cores: " + share);
        }
        return Math.max(1000, Math.round(share * PERIOD_MICROS));
    }

    /**
     * Creates the cgroup {@code name} with the limit.
     *
     * @throws IOException when there is no cpu controller or the cgroup cannot be made
     */
    public static CpuShare create(String name, double share) throws IOException {
        if (!name.startsWith(Leftovers.NAMESPACE_PREFIX) || !name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("name must be a namespace-like name starting with "
                    + Leftovers.NAMESPACE_PREFIX + ": " + name);
        }
        Path root = root().orElseThrow(() -> new IOException(unavailableReason().orElseThrow()));
        long quota = quotaMicros(share);
        Path dir = root.resolve(name);
        Files.createDirectory(dir);
        CpuShare c = new CpuShare(dir, root);
        try {
            if (root.equals(V2_ROOT)) {
                Files.writeString(dir.resolve("cpu.max"), quota + " " + PERIOD_MICROS);
            } else {
                Files.writeString(dir.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_MICROS));
                Files.writeString(dir.resolve("cpu.cfs_quota_us"), Long.toString(quota));
            }
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Moves a process (all its threads) into the cgroup. */
    public void add(long pid) throws IOException {
        Files.writeString(dir.resolve("cgroup.procs"), Long.toString(pid));
    }

    /** The limit as the kernel holds it, e.g. {@code "50000 100000"} (quota and period in µs). */
    public String limit() throws IOException {
        if (root.equals(V2_ROOT)) {
            return Files.readString(dir.resolve("cpu.max")).trim();
        }
        return Files.readString(dir.resolve("cpu.cfs_quota_us")).trim() + " " + Files.readString(dir.resolve("cpu.cfs_period_us")).trim();
    }

    /** How often the group was throttled and for how long (from {@code cpu.stat}), e.g. {@code nr_throttled 12 throttled_usec 3400}. */
    public String throttling() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("cpu.stat"))) {
            if (line.startsWith("nr_throttled") || line.startsWith("throttled_")) {
                out.add(line.trim());
            }
        }
        return String.join(", ", out);
    }

    /** The cgroup's directory. */
    public Path dir() {
        return dir;
    }

    /** Moves what is still in the cgroup back to the root and removes it. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        remove(dir, root);
    }

    private static void remove(Path dir, Path root) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        for (int attempt = 0; ; attempt++) {
            for (String pid : Files.readAllLines(dir.resolve("cgroup.procs"))) {
                if (!pid.isBlank()) {
                    try {
                        Files.writeString(root.resolve("cgroup.procs"), pid.trim());
                    } catch (IOException e) {
                        // the process ended meanwhile
                    }
                }
            }
            try {
                Files.delete(dir);
                return;
            } catch (IOException e) {
                if (attempt >= 50) {
                    throw new IOException("cannot remove cgroup " + dir + ": " + e.getMessage(), e);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while removing cgroup " + dir, ie);
                }
            }
        }
    }

    /** This machine's nfvperf cgroups whose owning process is gone (after a SIGKILL); removes them and returns their paths. */
    static List<String> removeDead() throws IOException {
        List<String> removed = new ArrayList<>();
        Optional<Path> root = root();
        if (root.isEmpty()) {
            return removed;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root.get(), Leftovers.NAMESPACE_PREFIX + "*")) {
            for (Path d : ds) {
                Optional<Long> owner = Leftovers.ownerPid(d.getFileName().toString());
                if (owner.isPresent() && !Leftovers.ownerAlive(owner.get()) && Files.isDirectory(d)) {
                    remove(d, root.get());
                    removed.add(d.toString());
                }
            }
        }
        return removed;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "cgroup %s", dir);
    }
}
