package org.nfvperf.testbed.netns;

import java.util.List;
import java.util.Locale;
import org.nfvperf.experiment.Rate;
import org.nfvperf.experiment.Trial;

/**
 * What the netns runner needs from a {@link Trial}, parsed and checked: the chain, the dataplane,
 * frame size, offered rate, duration and taps. Immutable and thread-safe.
 *
 * <p>Factors read: {@code chain} (required, e.g. {@code firewall+l3fwd}), {@code dataplane}
 * (default {@code linux}), {@code frame_size} (bytes with FCS, default 128), {@code rate}
 * (a number is Mpps; {@code pps}, {@code kpps}, {@code Mpps} suffixes are accepted; {@code line}
 * is refused because a namespace generator cannot reach a NIC's line rate).
 *
 * <pre>{@code
 * TrialConfig c = TrialConfig.of(trial);   // chain l3fwd, 128B, 20000 pps, 2000 ms, taps [gen, sink]
 * }</pre>
 *
 * @param chain            NFs in path order
 * @param dataplane        who implements them
 * @param frameSizeBytes   Ethernet frame size with FCS, in [64, 1518]
 * @param ratePps          offered rate in packets per second, in (0, {@link #MAX_RATE_PPS}]
 * @param durationMillis   sending time, in [1, 600000]
 * @param taps             tap names in path order (each one of the plan's tap names)
 * @param maxPacketsPerTap cap passed to tcpdump {@code -c}, 0 for none
 * @param cpuShare         factor {@code cpu_share}: the CPU time each NF process may use, in cores
 *                         (0.5 = half of one core; {@link CpuShare}), 0 for no limit; refused for
 *                         {@code linux}, whose forwarding runs in softirq outside any process
 */
public record TrialConfig(Chain chain, Dataplane dataplane, int frameSizeBytes, double ratePps,
                          long durationMillis, List<String> taps, long maxPacketsPerTap, double cpuShare) {
    /** Highest offered rate accepted; far above what a namespace generator reaches. */
    public static final double MAX_RATE_PPS = 10_000_000;


    /** Without a CPU share limit. */
    public TrialConfig(Chain chain, Dataplane dataplane, int frameSizeBytes, double ratePps, long durationMillis,
                       List<String> taps, long maxPacketsPerTap) {
        this(chain, dataplane, frameSizeBytes, ratePps, durationMillis, taps, maxPacketsPerTap, 0);
    }

    public TrialConfig {
        if (chain == null || dataplane == null) {
            throw new IllegalArgumentException("chain and dataplane must be given: " + chain + ", " + dataplane);
        }
        if (!(cpuShare >= 0 && cpuShare <= CpuShare.MAX_SHARE)) {
            throw new IllegalArgumentException("factor cpu_share must be a number of cores in (0, " + CpuShare.MAX_SHARE
                    + "] (0.5 = half of one core): " + cpuShare);
        }
        if (cpuShare > 0 && dataplane == Dataplane.LINUX) {
            throw new IllegalArgumentException("factor cpu_share applies to dataplanes that forward in a process (ovs,"
                    + " ovs-dpdk, dpdk): linux forwards in softirq, outside any process, so no cgroup limits it;"
                    + " give linux trials no cpu_share");
        }
        UdpGenerator.udpPayloadBytes(frameSizeBytes);
        if (!(ratePps > 0 && ratePps <= MAX_RATE_PPS)) {
            throw new IllegalArgumentException("rate must be in (0, " + MAX_RATE_PPS / 1e6 + "] Mpps: " + ratePps / 1e6);
        }
        if (durationMillis < 1 || durationMillis > UdpGenerator.MAX_DURATION_MS) {
            throw new IllegalArgumentException("duration must be in [0.001, " + UdpGenerator.MAX_DURATION_MS / 1000
                    + "] s: " + durationMillis / 1000.0);
        }
        taps = List.copyOf(taps);
        ChainPlan probe = new ChainPlan("nfvp-0-0-", chain, 6000);
        for (String t : taps) {
            probe.tap(t);
        }
        if (maxPacketsPerTap < 0) {
            throw new IllegalArgumentException("maxPacketsPerTap must be >= 0: " + maxPacketsPerTap);
        }
    }

    /**
     * Reads a trial's factors.
     *
     * @throws IllegalArgumentException naming the factor and the value
     */
    public static TrialConfig of(Trial trial) {
        String chain = trial.factor("chain", null);
        if (chain == null) {
            throw new IllegalArgumentException("factor chain must be set for the netns runner (e.g. l3fwd, firewall+l3fwd): missing");
        }
        String frame = trial.factor("frame_size", "128");
        int frameSize;
        try {
            frameSize = Integer.parseInt(frame.trim().replaceFirst("(?i)b$", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("factor frame_size must be an integer number of bytes: " + frame);
        }
        String share = trial.factor(CpuShare.FACTOR, null);
        double cpuShare = 0;
        if (share != null) {
            try {
                cpuShare = Double.parseDouble(share.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("factor cpu_share must be a number of cores (0.5 = half of one core): " + share);
            }
            if (!(cpuShare > 0)) {
                throw new IllegalArgumentException("factor cpu_share must be > 0 cores: " + share);
            }
        }
        return new TrialConfig(Chain.parse(chain), Dataplane.parse(trial.factor("dataplane", "linux")), frameSize,
                parseRatePps(trial.factor("rate", "0.02")), Math.round(trial.durationSeconds() * 1000),
                trial.taps(), trial.maxPacketsPerTap(), cpuShare);
    }

    /**
     * Parses a rate: a bare number is Mpps; {@code pps}, {@code kpps}, {@code Mpps} suffixes are accepted.
     *
     * @return packets per second
     * @throws IllegalArgumentException for {@code line}, percentages or anything else
     */
    public static double parseRatePps(String text) {
        Rate r;
        try {
            r = Rate.parse(text);
        } catch (IllegalArgumentException e) {
            r = Rate.LINE;
        }
        if (r.isLine()) {
            throw new IllegalArgumentException("rate must be a number in Mpps or end in pps/kpps/Mpps"
                    + " (the netns generator has no line rate): " + text);
        }
        return r.pps();
    }

    /** Offered rate in Mpps. */
    public double rateMpps() {
        return ratePps / 1e6;
    }
}
