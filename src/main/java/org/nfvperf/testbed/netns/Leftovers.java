package org.nfvperf.testbed.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the namespaces of a run after its owner process and removes what a dead owner left behind.
 * A namespace is called {@code nfvp-<pid>-<n>-<role>}; the owner also writes its start time to
 * {@code /run/nfvperf-netns/<pid>} so that a recycled pid is not mistaken for a live owner. A later
 * run (or {@code nfvperf testbed cleanup}) kills the processes left in a dead owner's namespaces
 * and deletes them (which destroys their veth ends) and their Open vSwitch state directories
 * ({@code /run/nfvperf-netns/<namespace>/}). Thread-safe.
 *
 * <pre>{@code
 * List<String> removed = Leftovers.removeDead();   // e.g. [nfvp-4242-1-gen, nfvp-4242-1-dut1, ...]
 * }</pre>
 */
public final class Leftovers {
    /** Every namespace nfvperf creates starts with this. */
    public static final String NAMESPACE_PREFIX = "nfvp-";
    /** Where owners record their start time. */
    public static final Path STATE_DIR = Path.of("/run/nfvperf-netns");

    private static final Pattern NAME = Pattern.compile(Pattern.quote(NAMESPACE_PREFIX) + "(\\d+)-(\\d+)-[A-Za-z0-9_]+");

    private Leftovers() {
    }

    /** The namespaces whose name starts with {@link #NAMESPACE_PREFIX}, from {@code ip netns list}. */
    public static List<String> ours() throws IOException {
        String out = Host.run(HostCommand.of("ip", "netns", "list"), Host.DEFAULT_TIMEOUT_NANOS);
        List<String> names = new ArrayList<>();
        for (String line : out.split("\n")) {
            String name = line.strip().split("\\s+")[0];
            if (name.startsWith(NAMESPACE_PREFIX)) {
                names.add(name);
            }
        }
        return names;
    }

    /** The owner pid encoded in a namespace name, if the name is one of ours. */
    public static Optional<Long> ownerPid(String namespace) {
        Matcher m = NAME.matcher(namespace);
        return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    /** Records this process as a live owner (idempotent). */
    public static void registerSelf() throws IOException {
        ProcessHandle self = ProcessHandle.current();
        Files.createDirectories(STATE_DIR);
        Files.writeString(STATE_DIR.resolve(Long.toString(self.pid())),
                self.info().startInstant().map(Instant::toString).orElse("unknown") + "\n");
    }

    /** Removes this process's state file. */
    public static void unregisterSelf() {
        try {
            Files.deleteIfExists(STATE_DIR.resolve(Long.toString(ProcessHandle.current().pid())));
        } catch (IOException e) {
            // best effort at exit; a stale file only makes a later run check the pid's start time
        }
    }

    /** True when {@code pid} runs and, if it left a state file, started at the recorded instant. */
    public static boolean ownerAlive(long pid) {
        Optional<ProcessHandle> ph = ProcessHandle.of(pid);
        if (ph.isEmpty() || !ph.get().isAlive()) {
            return false;
        }
        Path state = STATE_DIR.resolve(Long.toString(pid));
        try {
            if (Files.exists(state)) {
                String recorded = Files.readString(state).strip();
                String actual = ph.get().info().startInstant().map(Instant::toString).orElse("unknown");
                return recorded.equals(actual);
            }
        } catch (IOException e) {
            return true;
        }
        return true;
    }

    /**
     * Removes every namespace of ours whose owner is dead, first killing the processes inside.
     *
     * Then removes what dead owners' DPDK trials left ({@link DpdkChain#removeDead}) and their
     * {@code cpu_share} cgroups ({@link CpuShare#removeDead}).
     *
     * @return the namespaces removed, then the DPDK mounts, EAL directories and "N hugepages" given back
     */
    public static List<String> removeDead() throws IOException {
        List<String> removed = new ArrayList<>();
        for (String ns : ours()) {
            Optional<Long> owner = ownerPid(ns);
            if (owner.isPresent() && owner.get() != ProcessHandle.current().pid() && !ownerAlive(owner.get())) {
                remove(ns);
                removed.add(ns);
                Path state = STATE_DIR.resolve(Long.toString(owner.get()));
                Files.deleteIfExists(state);
            }
        }
        removed.addAll(DpdkChain.removeDead());
        removed.addAll(CpuShare.removeDead());
        removeOrphanState();
        return removed;
    }

    /** Deletes state files and OVS directories whose owner is dead and whose namespace is gone. */
    private static void removeOrphanState() throws IOException {
        if (!Files.isDirectory(STATE_DIR)) {
            return;
        }
        List<String> live = ours();
        try (var entries = Files.list(STATE_DIR)) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                Optional<Long> owner = name.matches("\\d+") ? Optional.of(Long.parseLong(name)) : ownerPid(name);
                if (owner.isEmpty() || owner.get() == ProcessHandle.current().pid() || ownerAlive(owner.get())
                        || live.contains(name)) {
                    continue;
                }
                try (var files = Files.walk(p)) {
                    for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        }
    }

    /** Kills the processes inside {@code namespace} and deletes it; missing namespaces are ignored. */
    public static void remove(String namespace) throws IOException {
        Host.Result pids = Host.tryRun(HostCommand.of("ip", "netns", "pids", namespace), Host.DEFAULT_TIMEOUT_NANOS);
        if (pids.exitCode() == 0) {
            for (String line : pids.stdout().split("\n")) {
                if (!line.isBlank()) {
                    ProcessHandle.of(Long.parseLong(line.strip())).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
        Host.Result del = Host.tryRun(HostCommand.of("ip", "netns", "delete", namespace), Host.DEFAULT_TIMEOUT_NANOS);
        if (del.exitCode() != 0 && !del.stderr().contains("No such file")) {
            throw new IOException("'ip netns delete " + namespace + "' failed: " + del.stderr().strip());
        }
        Path ovsDir = STATE_DIR.resolve(namespace);
        if (Files.isDirectory(ovsDir)) {
            try (var files = Files.walk(ovsDir)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}
