package org.nfvperf.testbed.netns;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nfvperf.experiment.StageCounters;
import org.nfvperf.util.Json;

/**
 * Per-stage counters of a netns trial for {@code stages.json}: for every namespace of the path
 * ({@code gen}, {@code dut1}..{@code dutN}, {@code sink}) the packets its interfaces dropped
 * (receive and transmit, from {@code ip -s -j link}), for process-based NFs (OVS's
 * {@code ovs-vswitchd}) the CPU time of the process, and the host's softirq time, where the Linux
 * kernel dataplane forwards (the kernel does not account softirq time per namespace, so this stage
 * is host-wide and includes everything else the machine did). For OVS ({@code ovs}, {@code ovs-dpdk})
 * each DUT's drops also count the packets the kernel dropped at {@code ovs-vswitchd}'s own packet
 * sockets (AF_PACKET; the {@code d} of {@code ss -0 -m}'s {@code skmem}, the socket's
 * {@code sk_drops}): the userspace datapath reads its veths through them, and when the switch falls
 * behind the socket's receive buffer overflows after the veth counted the packet as received, so
 * {@code ip -s link} shows nothing. For the {@code dpdk} dataplane each DUT
 * stage is its {@code nfvperf-nf} process (kind {@code dpdk}): its CPU from {@code /proc/<pid>/stat},
 * and as drops, besides its namespace's interface drops, what the NF itself reports at exit
 * ({@link #NF_LOSS_COUNTERS}: failed transmits, the ports' {@code imissed}, receives without an mbuf;
 * the firewall's and router's intended drops are not losses and are left out). Counters are snapshots taken before
 * the generator starts and after the sink stops; the stages report their differences. Stateless.
 *
 * <pre>{@code
 * NetnsStageCounters.Snapshot before = NetnsStageCounters.take(plan);
 * ... traffic ...
 * NetnsStageCounters.write(trialDir, plan, before, NetnsStageCounters.take(plan));
 * }</pre>
 */
final class NetnsStageCounters {
    /** Clock ticks per second of /proc CPU times (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100;

    /** The counters of {@code nfvperf-nf}'s closing line that are packets lost inside the NF. */
    static final List<String> NF_LOSS_COUNTERS = List.of("tx_failed", "port_imissed", "port_rx_nombuf");

    private NetnsStageCounters() {
    }

    /**
     * Counters at one moment.
     *
     * @param nanos         when (System.nanoTime)
     * @param dropsByNs     namespace to the sum of its interfaces' rx and tx drops
     * @param cpuTicksByDut DUT index to the CPU ticks of its NF process (OVS, DPDK), when it has one
     * @param softirqTicks  the host's softirq ticks (all CPUs)
     * @param socketDropsByDut DUT index to the drops of its switch's packet sockets (OVS), when read
     */
    record Snapshot(long nanos, Map<String, Long> dropsByNs, Map<Integer, Long> cpuTicksByDut, long softirqTicks,
                    Map<Integer, Long> socketDropsByDut) {
        Snapshot(long nanos, Map<String, Long> dropsByNs, Map<Integer, Long> cpuTicksByDut, long softirqTicks) {
            this(nanos, dropsByNs, cpuTicksByDut, softirqTicks, Map.of());
        }
    }

    /** The process whose packet sockets are OVS's ports ({@code ss -p} shows the 15-character comm). */
    static final String OVS_PROCESS = "ovs-vswitchd";

    private static final java.util.regex.Pattern SS_USER = java.util.regex.Pattern.compile("users:\\(\\(\"([^\"]*)\"");
    private static final java.util.regex.Pattern SS_DROPS = java.util.regex.Pattern.compile("skmem:\\([^)]*\\bd(\\d+)\\)");

    /**
     * The drops of the packet sockets that {@code process} (a name prefix) owns, summed, from the
     * output of {@code ss -0 -a -m -n -p} (one socket per line, {@code users:(("name",pid=..,fd=..))}
     * and {@code skmem:(r0,rb212992,...,d243338)}); -1 when no such socket is listed.
     */
    static long packetSocketDrops(String ssOutput, String process) {
        long sum = 0;
        boolean any = false;
        for (String line : ssOutput.split("\n")) {
            java.util.regex.Matcher u = SS_USER.matcher(line);
            java.util.regex.Matcher d = SS_DROPS.matcher(line);
            if (u.find() && u.group(1).startsWith(process) && d.find()) {
                sum += Long.parseLong(d.group(1));
                any = true;
            }
        }
        return any ? sum : -1;
    }

    /** Reads the counters now; a counter that cannot be read is left out (never fails the trial). */
    static Snapshot take(ChainPlan plan) {
        return take(plan, Map.of());
    }

    /**
     * As {@link #take(ChainPlan)}, with the pids of the DUTs' NF processes (DUT index to pid; the
     * {@code dpdk} dataplane's {@code nfvperf-nf} processes), whose CPU time is read too.
     */
    static Snapshot take(ChainPlan plan, Map<Integer, Long> nfPids) {
        Map<String, Long> drops = new LinkedHashMap<>();
        for (String ns : plan.namespaces()) {
            try {
                String json = Host.run(HostCommand.of("ip", "-n", ns, "-s", "-j", "link", "show"), Host.DEFAULT_TIMEOUT_NANOS);
                long sum = 0;
                for (JsonNode link : Json.MAPPER.readTree(json)) {
                    JsonNode st = link.path("stats64");
                    sum += st.path("rx").path("dropped").asLong(0) + st.path("tx").path("dropped").asLong(0);
                }
                drops.put(ns, sum);
            } catch (IOException e) {
                // left out: the stage then reports no drop count
            }
        }
        Map<Integer, Long> cpu = new LinkedHashMap<>();
        Map<Integer, Long> sockets = new LinkedHashMap<>();
        if (plan.dataplane().isOvs()) {
            for (int dut = 1; dut <= plan.chain().size(); dut++) {
                long ticks = processTicks(plan.ovsDir(dut).resolve("ovs-vswitchd.pid"));
                if (ticks >= 0) {
                    cpu.put(dut, ticks);
                }
                try {
                    String ss = Host.run(HostCommand.of("ss", "-N", plan.namespace(dut), "-0", "-a", "-m", "-n", "-p"),
                            Host.DEFAULT_TIMEOUT_NANOS);
                    long d = packetSocketDrops(ss, OVS_PROCESS);
                    if (d >= 0) {
                        sockets.put(dut, d);
                    }
                } catch (IOException e) {
                    // left out: the stage then reports its interface drops only
                }
            }
        }
        for (Map.Entry<Integer, Long> e : nfPids.entrySet()) {
            long ticks = processTicks(e.getValue());
            if (ticks >= 0) {
                cpu.put(e.getKey(), ticks);
            }
        }
        return new Snapshot(System.nanoTime(), drops, cpu, softirqTicks(), sockets);
    }

    /** Writes {@code stages.json} from two snapshots. */
    static void write(Path trialDir, ChainPlan plan, Snapshot before, Snapshot after) throws IOException {
        write(trialDir, plan, before, after, Map.of());
    }

    /**
     * As {@link #write(Path, ChainPlan, Snapshot, Snapshot)}, adding to each DUT's drops the losses
     * its NF process counted ({@code nfCounters}: DUT index to the NF's closing counters, the
     * {@code dpdk} dataplane's; {@link #NF_LOSS_COUNTERS}).
     */
    static void write(Path trialDir, ChainPlan plan, Snapshot before, Snapshot after,
                      Map<Integer, Map<String, Long>> nfCounters) throws IOException {
        double seconds = (after.nanos() - before.nanos()) / 1e9;
        List<StageCounters.Stage> stages = new ArrayList<>();
        for (int node = 0; node <= plan.chain().size() + 1; node++) {
            String ns = plan.namespace(node);
            String stage = node == 0 ? "gen" : node == plan.chain().size() + 1 ? "sink" : "dut" + node;
            Long b = before.dropsByNs().get(ns);
            Long a = after.dropsByNs().get(ns);
            long drops = a == null || b == null ? -1 : Math.max(0, a - b);
            Map<String, Long> nf = nfCounters.get(node);
            if (nf != null && drops >= 0) {
                for (String c : NF_LOSS_COUNTERS) {
                    drops += nf.getOrDefault(c, 0L);
                }
            }
            Long sb = before.socketDropsByDut().get(node);
            Long sa = after.socketDropsByDut().get(node);
            if (sb != null && sa != null && drops >= 0) {
                drops += Math.max(0, sa - sb);
            }
            double cpu = Double.NaN;
            Long cb = before.cpuTicksByDut().get(node);
            Long ca = after.cpuTicksByDut().get(node);
            if (cb != null && ca != null && seconds > 0) {
                cpu = 100.0 * (ca - cb) / TICKS_PER_SECOND / seconds;
            }
            String kind = node == 0 || node == plan.chain().size() + 1 ? "endpoint"
                    : plan.dataplane().isOvs() ? "process"
                    : plan.dataplane() == Dataplane.DPDK ? "dpdk" : "kernel";
            stages.add(new StageCounters.Stage(stage, kind, cpu, drops));
        }
        if (before.softirqTicks() >= 0 && after.softirqTicks() >= 0 && seconds > 0) {
            stages.add(new StageCounters.Stage("host_softirq", "host",
                    100.0 * (after.softirqTicks() - before.softirqTicks()) / TICKS_PER_SECOND / seconds, -1));
        }
        StageCounters.write(trialDir, "netns: ip -s link drops per namespace (+ ovs-vswitchd's packet-socket drops"
                        + " from ss -0 -m for ovs; + nfvperf-nf's tx_failed, port imissed, rx_nombuf for dpdk), /proc CPU"
                        + " of NF processes, host softirq",
                stages);
    }

    /** utime + stime of the process in the pid file, in ticks; -1 when it cannot be read. */
    static long processTicks(Path pidFile) {
        try {
            return processTicks(Long.parseLong(Files.readString(pidFile).strip()));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime of process {@code pid}, in ticks; -1 when it cannot be read. */
    static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name in parentheses: state is field 3; utime 14, stime 15
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The host's softirq time in ticks, summed over CPUs (the 7th value of /proc/stat's cpu line). */
    static long softirqTicks() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                if (line.startsWith("cpu ")) {
                    return Long.parseLong(line.trim().split("\\s+")[7]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
