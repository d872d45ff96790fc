package org.nfvperf.testbed.netns;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.nfvperf.latency.ProbeHeader;

/**
 * netsniff-ng's {@code trafgen} as the netns runner's generator: a PF_PACKET TX-ring generator that
 * writes whole frames, so it reaches rates a socket-based generator cannot (measured here: 1.48 Mpps
 * of 64B frames on a zero-hop veth, README). Pure: it writes the packet configuration and the
 * command line; the runner runs them.
 *
 * <p><b>The frame</b> (one template, {@code frame size − 4} bytes, the FCS being the NIC's):
 * Ethernet to the first layer-3 hop ({@link ChainPlan#generatorFrameMacs}), IPv4 (DF, TTL 64, the
 * header checksum by trafgen's {@code csumip}), UDP from and to the probe port with checksum 0
 * (allowed over IPv4; the payload changes per packet), and a residue-coded probe header
 * ({@link ProbeHeader#RESIDUE_MAGIC}): trafgen's runtime counters are single bytes ({@code dinc}) that
 * all step once per packet, so byte {@code i} counts modulo the {@code i}-th of the coprime
 * {@link ProbeHeader#RESIDUE_MODULI}, which together number 2.5e14 packets uniquely and in order.
 * The rest of the payload is zero.
 *
 * <p><b>Pacing</b>: trafgen 0.6.8's {@code --rate} is an average per second, not a pace: measured
 * here, {@code --rate 20000pps} sent each second's 20,000 packets in the first 70 ms at full speed
 * and then waited, and {@code --gap} (a sleep per packet) falls far short of the rate once the
 * machine is busy (a 5 µs gap gave 30 kpps at load 10). So the runner keeps {@code --rate} (one CPU,
 * {@code --cpus 1}, so the counters are one sequence; {@code -n} the planned count) and smooths its
 * bursts with a token-bucket shaper on the generator's interface ({@link #shaperCommand}: {@code tc
 * qdisc tbf} at exactly the rate's bytes per second, a burst of a few frames): a burst queues in
 * the qdisc, the socket's send buffer fills and blocks trafgen, and frames leave evenly spaced
 * (20 kpps: 1,600 ± 60 frames in every 0.1 s). The {@code gen} tap sees the frames as they leave
 * the shaper, so latency is measured from there. trafgen runs under {@code chrt -f 1} (SCHED_FIFO;
 * the kernel's RT throttling keeps 5% of each second for others) so that a busy machine delays it
 * less. {@code --qdisc-path} sends through the kernel's qdisc layer, so that packet sockets on the
 * generator's interface (the {@code gen} tap's tcpdump) see the frames, as they see a socket
 * generator's. {@code --no-sock-mem} keeps trafgen from raising the host's socket memory limits (which it
 * cannot inside a namespace).
 *
 * <pre>{@code
 * Files.writeString(conf, Trafgen.config(plan.generatorFrameMacs(), plan.generatorAddress(), plan.sinkAddress(), 6000, 64));
 * List<String> argv = Trafgen.command("gen", conf, 400_000, 200_000, true);
 * }</pre>
 */
final class Trafgen {
    /** The executable. */
    static final String BINARY = "trafgen";
    /** Bytes of Ethernet, IPv4 and UDP headers in front of the probe header. */
    static final int HEADER_BYTES = 14 + 20 + 8;

    private Trafgen() {
    }

    /** Why trafgen cannot be the generator here (not installed), or empty. */
    static Optional<String> unavailableReason() {
        if (!Host.onPath(BINARY)) {
            return Optional.of("trafgen is not on PATH (Debian: apt-get install netsniff-ng)");
        }
        return Optional.empty();
    }

    /**
     * trafgen's packet configuration for one probe flow.
     *
     * @param macs           source and destination MAC, {@code aa:bb:cc:dd:ee:ff}
     * @param frameSizeBytes frame size with FCS, in [{@link UdpGenerator#MIN_FRAME_BYTES}, {@link UdpGenerator#MAX_FRAME_BYTES}]
     */
    static String config(List<String> macs, String srcIp, String dstIp, int port, int frameSizeBytes) {
        int payload = UdpGenerator.udpPayloadBytes(frameSizeBytes);
        int ipTotal = 20 + 8 + payload;
        StringBuilder b = new StringBuilder();
        b.append("/* nfvperf probe flow: ").append(frameSizeBytes).append("B frames (with FCS), ")
                .append(srcIp).append(" -> ").append(dstIp).append(" udp ").append(port).append(" */\n{\n  ");
        b.append(macBytes(macs.get(1))).append(", ").append(macBytes(macs.get(0))).append(", c16(0x0800),\n");
        b.append("  0x45, 0x00, c16(").append(ipTotal).append("), c16(0), c16(0x4000), 64, 17, csumip(14, 33), ")
                .append(ipBytes(srcIp)).append(", ").append(ipBytes(dstIp)).append(",\n");
        b.append("  c16(").append(port).append("), c16(").append(port).append("), c16(").append(8 + payload)
                .append("), c16(0),\n");
        b.append("  c32(0x").append(Integer.toHexString(ProbeHeader.RESIDUE_MAGIC)).append("),\n  ");
        List<Integer> moduli = ProbeHeader.RESIDUE_MODULI;
        for (int i = 0; i < moduli.size(); i++) {
            b.append(i == 0 ? "" : ", ").append("dinc(0, ").append(moduli.get(i) - 1).append(", 1)");
        }
        b.append(",\n  fill(0x00, ").append(payload - ProbeHeader.SEQUENCE_OFFSET - ProbeHeader.SEQUENCE_LENGTH)
                .append(")\n}\n");
        return b.toString();
    }

    /**
     * The command line (run inside the generator namespace).
     *
     * @param realtime start it under {@code chrt -f 1} (see the class comment)
     */
    static List<String> command(String iface, Path conf, long count, double ratePps, boolean realtime) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1: " + count);
        }
        if (!(ratePps >= 1)) {
            throw new IllegalArgumentException("rate must be >= 1 pps for trafgen: " + ratePps);
        }
        List<String> cmd = new ArrayList<>();
        if (realtime) {
            cmd.addAll(List.of("chrt", "-f", "1"));
        }
        cmd.addAll(List.of(BINARY, "--dev", iface, "--conf", conf.toString(), "--cpus", "1", "--num", Long.toString(count),
                "--rate", String.format(Locale.ROOT, "%dpps", Math.round(ratePps)), "--no-sock-mem", "--qdisc-path"));
        return cmd;
    }

    /**
     * The token-bucket shaper that paces trafgen's frames: {@code tc qdisc replace dev IFACE root tbf}
     * at {@code ratePps × (frame − 4) × 8} bit/s (tbf counts frames without FCS), a burst of
     * {@code max(4, rate × 20 µs)} frames and room for 1,000 frames (more than the socket's send
     * buffer lets trafgen queue, so the shaper drops nothing).
     */
    static List<String> shaperCommand(String iface, double ratePps, int frameSizeBytes) {
        long bytes = frameSizeBytes - 4L;
        long bits = Math.max(8, Math.round(ratePps * bytes * 8));
        long burstFrames = Math.max(4, Math.round(ratePps * 20e-6));
        return List.of("tc", "qdisc", "replace", "dev", iface, "root", "tbf", "rate", bits + "bit", "burst",
                Long.toString(burstFrames * bytes), "limit", Long.toString(1000 * bytes));
    }

    private static String macBytes(String mac) {
        String[] parts = mac.split(":");
        if (parts.length != 6) {
            throw new IllegalArgumentException("mac must be aa:bb:cc:dd:ee:ff: " + mac);
        }
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            out.add("0x" + p);
        }
        return String.join(", ", out);
    }

    private static String ipBytes(String ip) {
        String[] parts = ip.split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("address must be dotted IPv4: " + ip);
        }
        return String.join(", ", parts);
    }
}
