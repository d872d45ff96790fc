package org.nfvperf.testbed.netns;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The processes, files and hugepages of one trial on the {@code dpdk} dataplane. Pure: it computes
 * command lines and NF configurations and runs nothing, so they are unit-tested without root.
 * Immutable and thread-safe.
 *
 * <p>Every NF of the chain is one {@code nfvperf-nf} process (a DPDK primary, one lcore) in its DUT
 * namespace. The first NF's in port and the last NF's out port are af_packet PMDs on the
 * namespaces' veths, so the generator, the sink and their tcpdump taps stay as on the other
 * dataplanes; consecutive NFs are joined by a vhost-user (server, in NF {@code i}) / virtio-user
 * (client, in NF {@code i+1}) pair, the vNIC of BESS's pipeline:
 *
 * <pre>
 *  [gen] gen ==veth== dut1_in(af_packet) NF1 dut1_out(vhost) ~~unix socket~~ dut2_in(virtio-user) NF2 dut2_out(af_packet) ==veth== sink [sink]
 * </pre>
 *
 * The veths between DUT namespaces that {@link ChainPlan} builds stay idle. Tap {@code dut<i>_in}
 * and {@code dut<i>_out} are taken inside the dataplane: by NF {@code i} itself (its rx/tx
 * callbacks, {@code tap-<name>.pcap}) or by {@code dpdk-dumpcap} (a secondary process attached to
 * NF {@code i} through pdump, {@code tap-<name>.pcapng}), see {@link DpdkSettings.TapMode}.
 *
 * <pre>{@code
 * DpdkPlan d = new DpdkPlan(chainPlan, DpdkSettings.defaults(), Path.of("/var/cache/nfvperf/nfvperf-nf-ab12"));
 * List<String> argv = d.nfCommand(1, Path.of("nf1.conf"));
 * }</pre>
 *
 * @param plan     the trial's namespaces and addresses (dataplane {@code dpdk})
 * @param settings burst, flush timer, idle sleep, CPUs
 * @param binary   the compiled {@code nfvperf-nf}
 */
public record DpdkPlan(ChainPlan plan, DpdkSettings settings, Path binary) {
    /** EAL memory of one NF ({@code -m}), in MiB: the mbuf pool (8191 × 2.3 KB) and the vhost rings. */
    public static final int MEMORY_MB_PER_NF = 48;
    /**
     * 2 MiB hugepages reserved per NF: its {@code -m} plus as much again for what dpdk-dumpcap
     * allocates in the NF's memory (its mbuf pool and ring).
     */
    public static final int HUGEPAGES_PER_NF = MEMORY_MB_PER_NF;
    /** Snap length of the dataplane taps, as tcpdump's. */
    public static final int SNAPLEN = NetnsRunner.SNAPLEN;

    /**
     * Frames in each af_packet ring (the PMD's default is 512): a poll-mode NF that shares its CPU
     * is off it for milliseconds at a time, and the ring must hold what arrives meanwhile.
     */
    public static final int AF_PACKET_FRAMES = 4096;
    /** Descriptors of each virtio-user ring (default 256), for the same reason. */
    public static final int VIRTIO_QUEUE_SIZE = 1024;

    private static final Pattern DUT_TAP = Pattern.compile("dut([1-9])_(in|out)");

    public DpdkPlan {
        if (plan == null || settings == null || binary == null) {
            throw new IllegalArgumentException("plan, settings and binary must be given: " + plan + ", " + settings + ", " + binary);
        }
        if (plan.dataplane() != Dataplane.DPDK) {
            throw new IllegalArgumentException("plan must be on dataplane dpdk: " + plan.dataplane().id());
        }
    }

    /** Where this trial keeps sockets and the hugetlbfs mount: {@code /run/nfvperf-netns/<prefix>dpdk}. */
    public Path stateDir() {
        return Leftovers.STATE_DIR.resolve(plan.prefix() + "dpdk");
    }

    /** The trial's own hugetlbfs mount point. */
    public Path hugeDir() {
        return stateDir().resolve("huge");
    }

    /** The vhost-user socket between NF {@code dut} and NF {@code dut + 1}. */
    public Path socket(int dut) {
        return stateDir().resolve("vhost-" + dut + ".sock");
    }

    /** EAL {@code --file-prefix} of NF {@code dut}: its namespace's name (so a dead owner's is recognised). */
    public String filePrefix(int dut) {
        return plan.namespace(dut);
    }

    /** 2 MiB hugepages the whole chain needs. */
    public int hugepages() {
        return plan.chain().size() * HUGEPAGES_PER_NF;
    }

    /** DPDK's name of NF {@code dut}'s in ({@code out == false}) or out port. */
    public String portName(int dut, boolean out) {
        int n = plan.chain().size();
        if (!out) {
            return dut == 1 ? "net_af_packet0" : "net_virtio_user0";
        }
        return dut == n ? "net_af_packet1" : "net_vhost0";
    }

    /** The EAL {@code --vdev} argument of NF {@code dut}'s in or out port. */
    public String vdev(int dut, boolean out) {
        String name = portName(dut, out);
        if (name.startsWith("net_af_packet")) {
            return name + ",iface=dut" + dut + (out ? "_out" : "_in") + ",qpairs=1,framecnt=" + AF_PACKET_FRAMES;
        }
        if (name.startsWith("net_vhost")) {
            return name + ",iface=" + socket(dut) + ",queues=1";
        }
        return name + ",path=" + socket(dut - 1) + ",queues=1,queue_size=" + VIRTIO_QUEUE_SIZE;
    }

    /**
     * The command line of NF {@code dut} (run inside its namespace), reading {@code config}. It runs
     * at the generator's niceness: on a shared machine an NF that waits for its turn on the CPU for
     * milliseconds drops what arrives meanwhile.
     */
    public List<String> nfCommand(int dut, Path config) {
        return nfCommand(dut, config, null, null);
    }

    /**
     * As {@link #nfCommand(int, Path)} with the NF's own taps: {@code tapIn} (frames its in port
     * receives) and {@code tapOut} (frames its out port sends), each {@code null} for none.
     */
    public List<String> nfCommand(int dut, Path config, Path tapIn, Path tapOut) {
        List<String> cmd = new ArrayList<>(List.of("nice", "-n", Integer.toString(NetnsRunner.HELPER_NICENESS), binary.toString(), "--lcores=0@" + settings.cpuOf(dut), "--no-pci", "--no-telemetry",
                "--huge-dir=" + hugeDir(), "--file-prefix=" + filePrefix(dut), "--single-file-segments",
                "-m", Integer.toString(MEMORY_MB_PER_NF), "--vdev=" + vdev(dut, false), "--vdev=" + vdev(dut, true),
                "--", "--config", config.toString(), "--in", portName(dut, false), "--out", portName(dut, true),
                "--burst", Integer.toString(settings.burst()), "--flush-us", Integer.toString(settings.flushMicros()),
                "--idle-sleep-us", Integer.toString(settings.idleSleepMicros())));
        if (tapIn != null || tapOut != null) {
            cmd.addAll(List.of("--tap-udp-port", Integer.toString(plan.udpPort()), "--tap-snaplen", Integer.toString(SNAPLEN)));
        }
        if (tapIn != null) {
            cmd.addAll(List.of("--tap-in", tapIn.toString()));
        }
        if (tapOut != null) {
            cmd.addAll(List.of("--tap-out", tapOut.toString()));
        }
        return cmd;
    }

    /** The file of a dataplane tap in {@code trialDir}: {@code tap-<name>.pcap} (NF taps) or {@code .pcapng} (dumpcap). */
    public Path tapFile(String tap, Path trialDir) {
        return trialDir.resolve("tap-" + tap + (settings.tapMode() == DpdkSettings.TapMode.NF ? ".pcap" : ".pcapng"));
    }

    /**
     * The configuration of NF {@code dut}: {@code l2fwd} forwards both ways untouched; {@code l3fwd}
     * holds {@value ChainPlan#L3FWD_ROUTES} routes (the sink's /32 and nine /24s of 198.18.0.0/15, as
     * the kernel and OVS dataplanes); {@code firewall} holds {@value ChainPlan#FIREWALL_RULES} rules
     * (8 drops, ICMP and the probe flow accepted), policy drop, and routes what it accepts.
     */
    public String nfConfig(int dut) {
        NetworkFunction nf = plan.chain().at(dut);
        StringBuilder sb = new StringBuilder("# nfvperf-nf configuration of " + plan.namespace(dut) + "\n");
        sb.append("nf ").append(nf.id()).append('\n');
        if (nf == NetworkFunction.L2FWD) {
            return sb.toString();
        }
        List<String> macs = plan.routeMacs(dut);
        String via = " " + macs.get(0) + " " + macs.get(1) + "\n";
        sb.append("route ").append(plan.sinkAddress()).append("/32").append(via);
        if (nf == NetworkFunction.L3FWD) {
            for (int i = 0; i < ChainPlan.L3FWD_ROUTES - 1; i++) {
                sb.append("route 198.18.").append(i).append(".0/24").append(via);
            }
            return sb.toString();
        }
        for (String net : List.of("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24")) {
            sb.append("rule drop src ").append(net).append('\n');
            sb.append("rule drop dst ").append(net).append('\n');
        }
        sb.append("rule drop proto 6 dport 23\n");
        sb.append("rule drop proto 17 dport 161\n");
        sb.append("rule accept proto 1\n");
        sb.append("rule accept proto 17 src ").append(plan.generatorAddress()).append("/32 dst ")
                .append(plan.sinkAddress()).append("/32 dport ").append(plan.udpPort()).append('\n');
        sb.append("policy drop\n");
        return sb.toString();
    }

    /** True for the taps taken inside the dataplane ({@code dut<i>_in}, {@code dut<i>_out}). */
    public boolean insideDataplane(String tap) {
        Matcher m = DUT_TAP.matcher(tap);
        return m.matches() && Integer.parseInt(m.group(1)) <= plan.chain().size();
    }

    /** The NF that holds tap {@code tap}. */
    public int dutOf(String tap) {
        Matcher m = DUT_TAP.matcher(tap);
        if (!m.matches() || !insideDataplane(tap)) {
            throw new IllegalArgumentException("tap must be dut<i>_in or dut<i>_out of chain " + plan.chain().id() + ": " + tap);
        }
        return Integer.parseInt(m.group(1));
    }

    /** The port a dataplane tap captures. */
    public String tapPort(String tap) {
        return portName(dutOf(tap), tap.endsWith("_out"));
    }

    /**
     * The dpdk-dumpcap command of a dataplane tap (run inside the NF's namespace): pcapng with
     * nanosecond timestamps, snaplen {@value #SNAPLEN}, filtered on the probe port like the tcpdump taps.
     */
    public List<String> dumpcapCommand(String tap, Path pcapng, long maxPackets) {
        int dut = dutOf(tap);
        List<String> cmd = new ArrayList<>(List.of("dpdk-dumpcap", "--file-prefix=" + filePrefix(dut), "-i", tapPort(tap),
                "-s", Integer.toString(SNAPLEN), "-w", pcapng.toString()));
        if (maxPackets > 0) {
            cmd.addAll(List.of("-c", Long.toString(maxPackets)));
        }
        cmd.addAll(List.of("-f", "udp port " + plan.udpPort()));
        return cmd;
    }
}
