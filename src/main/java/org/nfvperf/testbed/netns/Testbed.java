package org.nfvperf.testbed.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One trial's live namespaces and the processes started in them. {@link #create} builds the
 * topology of a {@link ChainPlan}; {@link #close} kills the processes and deletes the namespaces,
 * and runs however the trial ends: normally, on an exception (try-with-resources) or on
 * SIGINT/SIGTERM (a JVM shutdown hook closes every testbed still open). Thread-safe; close is
 * idempotent.
 *
 * <pre>{@code
 * try (Testbed tb = Testbed.create(new ChainPlan(Testbed.newPrefix(), Chain.parse("l3fwd"), 6000))) {
 *     Process sink = tb.start(tb.plan().sinkNamespace(), List.of("java", ...), out, err);
 *     ...
 * }
 * }</pre>
 */
public final class Testbed implements AutoCloseable {
    private static final Set<Testbed> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicLong COUNTER = new AtomicLong();
    private static volatile boolean hookInstalled;

    private final ChainPlan plan;
    private final Map<Integer, Long> switchPids = new java.util.HashMap<>();
    private final List<Process> processes = new ArrayList<>();
    private final List<AutoCloseable> cleanups = new ArrayList<>();
    private boolean closed;

    private Testbed(ChainPlan plan) {
        this.plan = plan;
    }

    /** A fresh namespace prefix for this process: {@code nfvp-<pid>-<n>-}. */
    public static String newPrefix() {
        return Leftovers.NAMESPACE_PREFIX + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet() + "-";
    }

    /**
     * Builds the plan's namespaces, links and NFs. On failure, removes what was built and rethrows.
     */
    public static Testbed create(ChainPlan plan) throws IOException {
        installHook();
        Testbed tb = new Testbed(plan);
        OPEN.add(tb);
        try {
            Host.runAll(plan.setupCommands());
            if (plan.dataplane() == Dataplane.OVS_DPDK) {
                tb.prepareOvsDpdk();
            }
            if (plan.dataplane().isOvs()) {
                for (int dut = 1; dut <= plan.chain().size(); dut++) {
                    tb.startOvs(dut);
                }
            }
        } catch (IOException | RuntimeException e) {
            tb.close();
            throw e;
        }
        return tb;
    }

    /** Per DUT: the pid of its ovs-vswitchd (OVS dataplanes only), the process that forwards. */
    public synchronized Map<Integer, Long> switchPids() {
        return Map.copyOf(switchPids);
    }

    /** The plan this testbed was built from. */
    public ChainPlan plan() {
        return plan;
    }

    /**
     * Starts {@code argv} inside {@code namespace} with stdout and stderr going to files; its stdin
     * stays a pipe (closing it is how the sink is told to stop).
     */
    public Process start(String namespace, List<String> argv, Path stdout, Path stderr) throws IOException {
        return start(namespace, argv, java.util.Map.of(), stdout, stderr);
    }

    /** As {@link #start(String, List, Path, Path)} with extra environment variables. */
    public synchronized Process start(String namespace, List<String> argv, java.util.Map<String, String> env,
                                      Path stdout, Path stderr) throws IOException {
        if (closed) {
            throw new IOException("testbed " + plan.prefix() + " is closed");
        }
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        cmd.addAll(argv);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** Starts ovsdb-server and ovs-vswitchd inside DUT {@code dut} as children of this JVM, then configures the bridge. */
    private void startOvs(int dut) throws IOException {
        Host.runAll(plan.ovsPrepareCommands(dut));
        Path dir = plan.ovsDir(dut);
        List<List<String>> daemons = plan.ovsDaemons(dut);
        for (int i = 0; i < daemons.size(); i++) {
            Process p = start(plan.namespace(dut), daemons.get(i), plan.ovsEnvironment(dut), dir.resolve("daemon" + i + ".out"),
                    dir.resolve("daemon" + i + ".err"));
            if (daemons.get(i).stream().anyMatch(a -> a.endsWith("ovs-vswitchd") || a.endsWith("ovs-vswitchd-dpdk"))) {
                // `ip netns exec` execs the daemon in place, so this pid is the switch's
                switchPids.put(dut, p.pid());
            }
        }
        for (HostCommand c : plan.ovsConfigureCommands(dut)) {
            List<String> argv = new ArrayList<>(List.of("env"));
            plan.ovsEnvironment(dut).forEach((k, v) -> argv.add(k + "=" + v));
            argv.addAll(c.argv());
            Host.run(new HostCommand(argv, c.stdin()), Host.DEFAULT_TIMEOUT_NANOS * 4);
        }
    }

    /**
     * For ovs-dpdk: reserves the switches' hugepages and mounts their hugetlbfs; registers their
     * return (page files deleted, unmounted, EAL runtime files removed, pages given back) for
     * {@link #close}. After a SIGKILL, {@link DpdkChain#removeDead} finds the mount and the pages by
     * the owner's pid in their names.
     */
    private void prepareOvsDpdk() throws IOException {
        Path huge = plan.ovsDpdkHugeDir();
        int pages = plan.ovsDpdkHugepages();
        Files.createDirectories(huge);
        Hugepages.reserve(pages);
        onClose(() -> Hugepages.release(pages));
        onClose(() -> {
            DpdkChain.unmount(huge);
            DpdkChain.deleteTree(huge.getParent());
            for (int dut = 1; dut <= plan.chain().size(); dut++) {
                DpdkChain.deleteTree(DpdkChain.EAL_RUNTIME.resolve(plan.namespace(dut)));
            }
        });
        Host.run(HostCommand.of("mount", "-t", "hugetlbfs", "-o", "pagesize=2M", "nodev", huge.toString()),
                Host.DEFAULT_TIMEOUT_NANOS);
    }

    /** Registers {@code c} to be closed after the processes and namespaces are gone (last registered, first closed). */
    public synchronized void onClose(AutoCloseable c) {
        cleanups.add(0, c);
    }

    /** Kills what still runs, deletes the namespaces (and with them the veths), then runs {@link #onClose} cleanups. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        OPEN.remove(this);
        for (Process p : processes) {
            if (p.isAlive()) {
                p.destroy();
            }
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(2, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        IOException first = null;
        for (String ns : plan.namespaces()) {
            try {
                Leftovers.remove(ns);
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        for (AutoCloseable c : cleanups) {
            try {
                c.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Testbeds created and not yet closed in this JVM. */
    static int openCount() {
        return OPEN.size();
    }

    private static synchronized void installHook() throws IOException {
        if (hookInstalled) {
            return;
        }
        Leftovers.registerSelf();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Testbed tb : List.copyOf(OPEN)) {
                try {
                    tb.close();
                } catch (IOException e) {
                    System.err.println("nfvperf: cleanup of " + tb.plan.prefix() + "* failed: " + e.getMessage());
                }
            }
            Leftovers.unregisterSelf();
        }, "nfvperf-netns-cleanup"));
        hookInstalled = true;
    }

    /** Waits until {@code file} contains {@code marker} or {@code process} ends or time runs out. */
    static boolean awaitMarker(Path file, String marker, Process process, long timeoutNanos) throws IOException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (System.nanoTime() - deadline < 0) {
            if (Files.exists(file) && Files.readString(file).contains(marker)) {
                return true;
            }
            if (!process.isAlive()) {
                return Files.exists(file) && Files.readString(file).contains(marker);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for '" + marker + "' in " + file, e);
            }
        }
        return false;
    }
}
