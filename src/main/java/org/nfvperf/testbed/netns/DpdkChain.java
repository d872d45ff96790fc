package org.nfvperf.testbed.netns;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live DPDK side of one {@code dpdk} trial: its hugepages, hugetlbfs mount, NF processes and
 * dataplane taps. {@link #start} reserves {@link DpdkPlan#hugepages()} pages, mounts a hugetlbfs of
 * its own under {@code /run/nfvperf-netns/<prefix>dpdk/huge}, and starts the NFs from the first
 * to the last (NF {@code i} creates the vhost-user socket NF {@code i+1} connects to), each once
 * the previous printed {@code READY}. {@link #close} (run by the
 * {@link Testbed} after its processes are gone, also on SIGINT/SIGTERM) unmounts, deletes the
 * sockets and EAL runtime directories and gives the hugepages back; {@link #removeDead} does the
 * same for a run killed with SIGKILL. Thread-safe for one trial (methods are synchronized).
 *
 * <pre>{@code
 * try (Testbed tb = Testbed.create(plan)) {
 *     DpdkChain dpdk = DpdkChain.start(tb, dpdkPlan, workDir);   // closed with tb
 *     dpdk.startTap("dut1_out", trialDir.resolve("tap-dut1_out.pcapng"), 0);
 *     ... traffic ...
 *     Map<String, TrialReport.TapStats> taps = dpdk.stopTaps();
 *     Map<Integer, Map<String, Long>> counters = dpdk.stopNfs();
 * }
 * }</pre>
 */
public final class DpdkChain implements AutoCloseable {
    /** Where EAL keeps each process's runtime files ({@code <file-prefix>/}). */
    public static final Path EAL_RUNTIME = Path.of("/var/run/dpdk");
    /** Where the compiled NF is cached. */
    public static final Path BINARY_CACHE = Path.of("/var/cache/nfvperf");
    /** Debian packages that bring everything the {@code dpdk} dataplane needs. */
    public static final String PACKAGES = "dpdk-dev librte-net-af-packet23 librte-net-vhost23 librte-net-virtio23 gcc pkg-config";

    private static final String SOURCE = "nfvperf-nf.c";
    private static final Pattern DUMPCAP_STATS = Pattern.compile("Packets received/dropped on interface '[^']*': (\\d+)/(\\d+)");
    private static final Pattern OWNED_PATH = Pattern.compile(Pattern.quote(Leftovers.NAMESPACE_PREFIX) + "(\\d+)-\\d+-.*");

    private final Testbed testbed;
    private final DpdkPlan plan;
    private final Path work;
    private final Map<Integer, Process> nfs = new LinkedHashMap<>();
    private final Map<String, Process> taps = new LinkedHashMap<>();
    private final Map<String, Path> tapFiles = new LinkedHashMap<>();
    private final Map<String, Path> nfTaps = new LinkedHashMap<>();
    private final Map<String, TrialReport.TapStats> nfTapStats = new LinkedHashMap<>();
    private final Map<String, Integer> corrected = new LinkedHashMap<>();
    private final long startedEpochNanos = System.currentTimeMillis() * 1_000_000L;
    private boolean reserved;
    private boolean mounted;
    private boolean closed;

    private DpdkChain(Testbed testbed, DpdkPlan plan, Path work) {
        this.testbed = testbed;
        this.plan = plan;
        this.work = work;
    }

    /**
     * Reserves and mounts the hugepages and starts every NF; registers itself to be closed with
     * {@code tb}. On failure what was set up is undone when {@code tb} closes.
     *
     * @param work folder for the NF configurations and their output (the trial's {@code testbed/})
     */
    public static DpdkChain start(Testbed tb, DpdkPlan plan, Path work) throws IOException {
        return start(tb, plan, work, work, List.of());
    }

    /**
     * As {@link #start(Testbed, DpdkPlan, Path)}; with {@link DpdkSettings.TapMode#NF} the NFs also
     * take those of {@code taps} that are inside the dataplane, into {@code trialDir}.
     */
    public static DpdkChain start(Testbed tb, DpdkPlan plan, Path work, Path trialDir, List<String> taps) throws IOException {
        DpdkChain c = new DpdkChain(tb, plan, work);
        tb.onClose(c);
        if (plan.settings().tapMode() == DpdkSettings.TapMode.NF) {
            for (String t : taps) {
                if (plan.insideDataplane(t)) {
                    c.nfTaps.put(t, plan.tapFile(t, trialDir));
                }
            }
        }
        c.setUp();
        return c;
    }

    private synchronized void setUp() throws IOException {
        Files.createDirectories(plan.hugeDir());
        Hugepages.reserve(plan.hugepages());
        reserved = true;
        Host.run(HostCommand.of("mount", "-t", "hugetlbfs", "-o", "pagesize=2M", "nodev", plan.hugeDir().toString()),
                Host.DEFAULT_TIMEOUT_NANOS);
        mounted = true;
        int n = plan.plan().chain().size();
        for (int dut = 1; dut <= n; dut++) {
            Path config = work.resolve("nf" + dut + ".conf");
            Files.writeString(config, plan.nfConfig(dut));
            Path out = work.resolve("nf" + dut + ".out");
            Path err = work.resolve("nf" + dut + ".err");
            Process p = testbed.start(plan.plan().namespace(dut), plan.nfCommand(dut, config, nfTaps.get("dut" + dut + "_in"),
                    nfTaps.get("dut" + dut + "_out")), out, err);
            nfs.put(dut, p);
            if (!Testbed.awaitMarker(out, "READY", p, 60_000_000_000L)) {
                throw new IOException("DPDK NF " + dut + " (" + plan.plan().chain().at(dut).id() + ") did not start: "
                        + tail(err));
            }
        }
    }

    /**
     * Starts dpdk-dumpcap on a dataplane tap and returns once it captures; nothing to do when the
     * NFs take the taps themselves ({@link DpdkSettings.TapMode#NF}, started with the NFs).
     */
    public synchronized void startTap(String tap, Path pcapng, long maxPackets) throws IOException {
        int dut = plan.dutOf(tap);
        if (plan.settings().tapMode() == DpdkSettings.TapMode.NF) {
            if (!nfTaps.containsKey(tap)) {
                throw new IllegalStateException("tap " + tap + " must be named when the chain starts (DpdkChain.start)");
            }
            return;
        }
        Path out = work.resolve("dumpcap-" + tap + ".out");
        Path err = work.resolve("dumpcap-" + tap + ".err");
        Process p = testbed.start(plan.plan().namespace(dut), plan.dumpcapCommand(tap, pcapng, maxPackets), out, err);
        if (!Testbed.awaitMarker(err, "File:", p, 30_000_000_000L)) {
            throw new IOException("dpdk-dumpcap on tap " + tap + " did not start: " + tail(err));
        }
        taps.put(tap, p);
        tapFiles.put(tap, pcapng);
    }

    /** Stops the dataplane taps (SIGINT, so dumpcap writes its statistics) and returns their counters. */
    public synchronized Map<String, TrialReport.TapStats> stopTaps() throws IOException, InterruptedException {
        for (Process p : taps.values()) {
            Host.run(HostCommand.of("kill", "-INT", Long.toString(p.pid())), Host.DEFAULT_TIMEOUT_NANOS);
        }
        Map<String, TrialReport.TapStats> stats = new LinkedHashMap<>();
        for (Map.Entry<String, Process> e : taps.entrySet()) {
            if (!e.getValue().waitFor(20, TimeUnit.SECONDS)) {
                throw new IOException("dpdk-dumpcap on tap " + e.getKey() + " did not stop within 20 s of SIGINT");
            }
            stats.put(e.getKey(), dumpcapStats(Files.readString(work.resolve("dumpcap-" + e.getKey() + ".err"))));
            Path file = tapFiles.get(e.getKey());
            if (Files.exists(file)) {
                long window = 600_000_000_000L;
                corrected.put(e.getKey(), DumpcapClock.correct(file, tscHz(plan.dutOf(e.getKey())),
                        startedEpochNanos - window, System.currentTimeMillis() * 1_000_000L + window));
            }
        }
        return stats;
    }

    /** The frames each NF tap wrote (after {@link #stopNfs}). */
    public synchronized Map<String, TrialReport.TapStats> nfTapStats() {
        return Map.copyOf(nfTapStats);
    }

    /** Per dataplane tap, how many timestamps {@link DumpcapClock} corrected (after {@link #stopTaps}). */
    public synchronized Map<String, Integer> timestampCorrections() {
        return Map.copyOf(corrected);
    }

    /** The TSC frequency NF {@code dut} reported in its READY line. */
    private long tscHz(int dut) throws IOException {
        String out = Files.readString(work.resolve("nf" + dut + ".out"));
        Matcher m = Pattern.compile("READY .*tsc_hz=(\\d+)").matcher(out);
        if (!m.find()) {
            throw new IOException("DPDK NF " + dut + " did not report tsc_hz in its READY line: " + out.strip());
        }
        return Long.parseLong(m.group(1));
    }

    /** The pid of each running NF process, by NF position. */
    public synchronized Map<Integer, Long> nfPids() {
        Map<Integer, Long> pids = new LinkedHashMap<>();
        nfs.forEach((dut, p) -> pids.put(dut, p.pid()));
        return pids;
    }

    /** Stops the NFs (SIGINT) and returns each one's closing counters, by NF position. */
    public synchronized Map<Integer, Map<String, Long>> stopNfs() throws IOException, InterruptedException {
        for (Process p : nfs.values()) {
            Host.run(HostCommand.of("kill", "-INT", Long.toString(p.pid())), Host.DEFAULT_TIMEOUT_NANOS);
        }
        Map<Integer, Map<String, Long>> counters = new LinkedHashMap<>();
        for (Map.Entry<Integer, Process> e : nfs.entrySet()) {
            if (!e.getValue().waitFor(20, TimeUnit.SECONDS)) {
                throw new IOException("DPDK NF " + e.getKey() + " did not stop within 20 s of SIGINT");
            }
            Map<String, Long> m = new LinkedHashMap<>();
            NetnsRunner.keyValues(Files.readString(work.resolve("nf" + e.getKey() + ".out")), "nfvperf-nf")
                    .forEach((k, v) -> m.put(k, Long.parseLong(v)));
            counters.put(e.getKey(), m);
            for (String side : List.of("in", "out")) {
                String tap = "dut" + e.getKey() + "_" + side;
                if (nfTaps.containsKey(tap)) {
                    long frames = m.getOrDefault("tap_" + side, 0L);
                    nfTapStats.put(tap, new TrialReport.TapStats(frames, frames, 0));
                }
            }
        }
        return counters;
    }

    /** dpdk-dumpcap's closing "Packets received/dropped on interface 'X': R/D". */
    static TrialReport.TapStats dumpcapStats(String stderr) {
        Matcher m = DUMPCAP_STATS.matcher(stderr);
        if (!m.find()) {
            throw new IllegalStateException("dpdk-dumpcap's summary must report 'Packets received/dropped on interface': "
                    + stderr.strip().replace('\n', ' '));
        }
        long received = Long.parseLong(m.group(1));
        return new TrialReport.TapStats(received, received, Long.parseLong(m.group(2)));
    }

    /** Unmounts, deletes the sockets and EAL runtime files, gives the hugepages back. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException first = null;
        for (Process p : nfs.values()) {
            p.destroyForcibly();
        }
        for (Process p : taps.values()) {
            p.destroyForcibly();
        }
        try {
            if (mounted) {
                unmount(plan.hugeDir());
            }
            deleteTree(plan.stateDir());
            for (int dut = 1; dut <= plan.plan().chain().size(); dut++) {
                deleteTree(EAL_RUNTIME.resolve(plan.filePrefix(dut)));
            }
        } catch (IOException e) {
            first = e;
        }
        if (reserved) {
            Hugepages.release(plan.hugepages());
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Removes what dead owners' DPDK trials left: hugetlbfs mounts under {@code /run/nfvperf-netns},
     * EAL runtime directories named after their namespaces, and their hugepages (run after their
     * namespaces, and so their processes, are gone).
     *
     * @return what was removed, for one line of output
     */
    public static List<String> removeDead() throws IOException {
        List<String> removed = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
            String[] f = line.split(" ");
            if (f.length > 2 && f[2].equals("hugetlbfs") && f[1].startsWith(Leftovers.STATE_DIR + "/")) {
                Path mount = Path.of(f[1]);
                Optional<Long> owner = ownerOf(Leftovers.STATE_DIR.relativize(mount).getName(0).toString());
                if (owner.isPresent() && deadOwner(owner.get())) {
                    unmount(mount);
                    removed.add(mount.toString());
                }
            }
        }
        if (Files.isDirectory(EAL_RUNTIME)) {
            try (var dirs = Files.list(EAL_RUNTIME)) {
                for (Path d : dirs.toList()) {
                    Optional<Long> owner = ownerOf(d.getFileName().toString());
                    if (owner.isPresent() && deadOwner(owner.get())) {
                        deleteTree(d);
                        removed.add(d.toString());
                    }
                }
            }
        }
        long pages = Hugepages.restoreDead();
        if (pages > 0) {
            removed.add(pages + " hugepages");
        }
        return removed;
    }

    /** Why {@code dpdk} trials are skipped on this machine, or empty when the dataplane is usable. */
    public static Optional<String> unavailableReason() {
        for (String tool : List.of("cc", "pkg-config", "dpdk-dumpcap", "mount", "umount")) {
            if (!Host.onPath(tool)) {
                return Optional.of(skip(tool + " is missing"));
            }
        }
        try {
            if (Host.tryRun(HostCommand.of("pkg-config", "--exists", "libdpdk"), Host.DEFAULT_TIMEOUT_NANOS).exitCode() != 0) {
                return Optional.of(skip("DPDK's development files (pkg-config libdpdk) are missing"));
            }
            for (String pmd : List.of("librte_net_af_packet.so", "librte_net_vhost.so", "librte_net_virtio.so")) {
                if (!pmdInstalled(pmd)) {
                    return Optional.of(skip("the PMD " + pmd + " is missing from /usr/lib/*/dpdk/pmds-*"));
                }
            }
            if (!Files.isWritable(Hugepages.NR_HUGEPAGES) || !Files.readString(Path.of("/proc/filesystems")).contains("hugetlbfs")) {
                return Optional.of("dataplane dpdk skipped: this kernel offers no 2 MiB hugepages (" + Hugepages.NR_HUGEPAGES
                        + " not writable or no hugetlbfs)");
            }
        } catch (IOException e) {
            return Optional.of(skip(e.getMessage()));
        }
        return Optional.empty();
    }

    /** True when a Debian-style PMD directory ({@code /usr/lib/<triplet>/dpdk/pmds-<abi>/}) holds {@code lib}. */
    private static boolean pmdInstalled(String lib) throws IOException {
        try (var triplets = Files.list(Path.of("/usr/lib"))) {
            for (Path t : triplets.toList()) {
                Path dpdk = t.resolve("dpdk");
                if (!Files.isDirectory(dpdk)) {
                    continue;
                }
                try (var abis = Files.list(dpdk)) {
                    for (Path abi : abis.toList()) {
                        if (Files.isDirectory(abi)) {
                            try (var libs = Files.list(abi)) {
                                if (libs.anyMatch(l -> l.getFileName().toString().startsWith(lib))) {
                                    return true;
                                }
                            }
                        }
                    }
                }
            }
        }
        return false;
    }

    private static String skip(String what) {
        return "dataplane dpdk skipped: " + what + "; install Debian's " + PACKAGES + " (apt-get install " + PACKAGES + ")";
    }

    /**
     * The compiled {@code nfvperf-nf}, built from the copy of its source in this jar on first use
     * and cached under {@link #BINARY_CACHE} by the source's hash.
     */
    public static synchronized Path binary() throws IOException {
        byte[] source;
        try (InputStream in = DpdkChain.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IOException(SOURCE + " is missing from the class path");
            }
            source = in.readAllBytes();
        }
        String hash;
        try {
            hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(source)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path bin = BINARY_CACHE.resolve("nfvperf-nf-" + hash);
        if (Files.isExecutable(bin)) {
            return bin;
        }
        Files.createDirectories(BINARY_CACHE);
        Path dir = Files.createTempDirectory(BINARY_CACHE, "build-");
        try {
            Path src = dir.resolve(SOURCE);
            Files.write(src, source);
            List<String> cc = new ArrayList<>(List.of("cc", "-O2", "-Wall", "-o", dir.resolve("nfvperf-nf").toString(), src.toString()));
            String flags = Host.run(HostCommand.of("pkg-config", "--cflags", "--libs", "libdpdk"), Host.DEFAULT_TIMEOUT_NANOS);
            cc.addAll(List.of(flags.strip().split("\\s+")));
            Host.run(new HostCommand(cc, ""), 120_000_000_000L);
            Files.move(dir.resolve("nfvperf-nf"), bin, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            deleteTree(dir);
        }
        return bin;
    }

    private static Optional<Long> ownerOf(String name) {
        Matcher m = OWNED_PATH.matcher(name);
        return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    private static boolean deadOwner(long pid) {
        return pid != ProcessHandle.current().pid() && !Leftovers.ownerAlive(pid);
    }

    /**
     * Deletes the hugepage files in {@code dir}, then unmounts it. Deleting first matters: a process
     * started with {@code ip netns exec} while the mount existed holds a copy of it in its own mount
     * namespace, which the unmount does not reach, but the files (and so the pages) are shared.
     */
    static void unmount(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
        Host.Result r = null;
        for (int i = 0; i < 20; i++) {
            r = Host.tryRun(HostCommand.of("umount", dir.toString()), Host.DEFAULT_TIMEOUT_NANOS);
            if (r.exitCode() == 0 || r.stderr().contains("not mounted")) {
                return;
            }
            try {
                Thread.sleep(250);   // an NF that was just killed may still hold its pages
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IOException("'umount " + dir + "' failed: " + r.stderr().strip());
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var files = Files.walk(root)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    private static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "(no output)";
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 4), lines.size())).strip();
    }
}
