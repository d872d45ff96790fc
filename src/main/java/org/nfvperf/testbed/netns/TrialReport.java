package org.nfvperf.testbed.netns;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one netns trial's helper processes reported: packets sent by the generator and received by
 * the sink, and per tap what tcpdump captured and dropped. These are the processes' own counters
 * (for the command line's summary and the NDR search); analyses read the logs and captures
 * instead. Immutable and thread-safe.
 *
 * <pre>{@code
 * TrialReport o = runner.execute(config, dir);
 * double lossPercent = o.lossPercent();   // 0.0 when every probe arrived
 * }</pre>
 *
 * @param namespacePrefix the run's namespace prefix
 * @param sent            packets the generator sent, &gt;= 0
 * @param txSeconds       generator's sending time (pkt-gen's "in N seconds")
 * @param received        packets the sink received, &gt;= 0
 * @param probes          received packets carrying the probe header
 * @param reordered       probes that arrived after a higher sequence number
 * @param taps            per tap name in path order: tcpdump's counters
 */
public record TrialReport(String namespacePrefix, long sent, double txSeconds, long received, long probes,
                           long reordered, Map<String, TapStats> taps) {
    public TrialReport {
        if (sent < 0 || received < 0 || probes < 0 || reordered < 0) {
            throw new IllegalArgumentException("counts must be >= 0: sent=" + sent + " received=" + received
                    + " probes=" + probes + " reordered=" + reordered);
        }
        taps = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(taps));
    }

    /**
     * tcpdump's closing counters for one tap: packets written to the file, packets that matched the
     * filter (more than captured when tcpdump was stopped before it read everything), and packets
     * the kernel dropped because tcpdump's buffer was full.
     */
    public record TapStats(long captured, long receivedByFilter, long dropped) {
    }

    /** Lost packets in percent of those sent; 0 when nothing was sent. */
    public double lossPercent() {
        return sent == 0 ? 0 : 100.0 * Math.max(0, sent - received) / sent;
    }

    /** Generator rate in Mpps over its sending time. */
    public double txMpps() {
        return txSeconds <= 0 ? 0 : sent / txSeconds / 1e6;
    }

    /** Sink rate in Mpps over the generator's sending time. */
    public double rxMpps() {
        return txSeconds <= 0 ? 0 : received / txSeconds / 1e6;
    }

    /** Packets the kernel dropped before tcpdump read them, summed over the taps (tcpdump's "dropped by kernel"). */
    public long tapDroppedPackets() {
        return taps.values().stream().mapToLong(TapStats::dropped).sum();
    }

    /**
     * What a trial summary line says about the taps: empty when no tap dropped a packet, else
     * {@code "; taps dropped N packets (per-hop latency covers fewer packets than the sink counted)"}.
     */
    public String tapDropNote() {
        long d = tapDroppedPackets();
        return d == 0 ? "" : "; taps dropped " + d + " packets (per-hop latency covers fewer packets than the sink counted)";
    }

    /** As provenance for {@code meta.json}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("netns_prefix", namespacePrefix);
        m.put("generator_sent", sent);
        m.put("generator_seconds", txSeconds);
        m.put("sink_received", received);
        m.put("sink_probes", probes);
        m.put("sink_reordered", reordered);
        Map<String, Object> t = new LinkedHashMap<>();
        taps.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> t.put(e.getKey(),
                Map.of("captured", e.getValue().captured(),
                "received_by_filter", e.getValue().receivedByFilter(), "dropped_by_kernel", e.getValue().dropped())));
        m.put("taps", t);
        // one number to look for: packets the taps' kernel buffers dropped (their pcaps miss them,
        // so per-hop latency covers fewer packets than the sink counted)
        m.put("taps_dropped_packets", tapDroppedPackets());
        return m;
    }
}
