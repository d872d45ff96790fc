package org.nfvperf.throughput;

import org.nfvperf.util.UsageException;

/**
 * Ethernet framing arithmetic of DESIGN.md: frame sizes include the 4-byte FCS, and every
 * frame costs 20 more bytes on the wire (preamble 7, SFD 1, inter-frame gap 12). Stateless and
 * thread-safe.
 *
 * <p>Line rate in frames per second is {@code link_bps / ((frame + 20) × 8)}.
 * {@link #linePps} returns that exactly (a {@code double}); {@link #linePpsFloor} returns the
 * whole frames that fit in one second, rounded <em>down</em> with integer arithmetic, which is
 * the figure tables print: 10GbE at 64B is 10^10 / 672 = 14 880 952.38…, so 14 880 952.
 * L2 Gb/s counts frame bytes × 8, L1 Gb/s adds the 20 bytes of overhead.
 *
 * <pre>{@code
 * long pps = Ethernet.linePpsFloor(LinkSpeed.G10, 64);          // 14_880_952
 * double l2 = Ethernet.l2Gbps(14_880_952.38, 64);             // 7.619
 * double pct = Ethernet.lineRatePercent(8.662e6, 124.228, LinkSpeed.G10);
 * }</pre>
 */
public final class Ethernet {
    /** Preamble (7) + SFD (1) + inter-frame gap (12). */
    public static final int OVERHEAD_BYTES = 20;
    /** The frame check sequence included in frame sizes. */
    public static final int FCS_BYTES = 4;
    /** The smallest Ethernet frame, FCS included. */
    public static final int MIN_FRAME_BYTES = 64;
    /** The largest frame size accepted (jumbo frames up to 16 KiB). */
    public static final int MAX_FRAME_BYTES = 16384;

    private Ethernet() {
    }

    /**
     * Exact line rate in frames per second.
     *
     * @param frameSizeBytes frame size with FCS (may be a mix's average), in 64..16384
     */
    public static double linePps(LinkSpeed link, double frameSizeBytes) {
        checkFrame(frameSizeBytes);
        return link.bitsPerSecond() / ((frameSizeBytes + OVERHEAD_BYTES) * 8.0);
    }

    /** Whole frames per second at line rate, rounded down (exact integer arithmetic). */
    public static long linePpsFloor(LinkSpeed link, int frameSizeBytes) {
        checkFrame(frameSizeBytes);
        return link.bitsPerSecond() / ((frameSizeBytes + OVERHEAD_BYTES) * 8L);
    }

    /** Layer-2 Gb/s (frame bytes with FCS × 8) of a packet rate. */
    public static double l2Gbps(double pps, double frameSizeBytes) {
        return pps * frameSizeBytes * 8 / 1e9;
    }

    /** Layer-1 Gb/s ((frame + 20) bytes × 8) of a packet rate. */
    public static double l1Gbps(double pps, double frameSizeBytes) {
        return pps * (frameSizeBytes + OVERHEAD_BYTES) * 8 / 1e9;
    }

    /** A packet rate as a percentage of the line rate of {@code link} at that frame size. */
    public static double lineRatePercent(double pps, double frameSizeBytes, LinkSpeed link) {
        return 100.0 * pps / linePps(link, frameSizeBytes);
    }

    /**
     * Loss in percent of what was sent: {@code 100 × (tx − rx) / tx}; NaN when nothing was sent.
     * Negative when more arrived than was sent (duplicates, counters from different windows).
     */
    public static double lossPercent(double txPackets, double rxPackets) {
        return txPackets > 0 ? 100.0 * (txPackets - rxPackets) / txPackets : Double.NaN;
    }

    private static void checkFrame(double frameSizeBytes) {
        if (!(frameSizeBytes >= MIN_FRAME_BYTES && frameSizeBytes <= MAX_FRAME_BYTES)) {
            throw new UsageException("frameSizeBytes must be in " + MIN_FRAME_BYTES + ".."
                    + MAX_FRAME_BYTES + ": " + (frameSizeBytes == Math.rint(frameSizeBytes)
                    ? Long.toString((long) frameSizeBytes) : Double.toString(frameSizeBytes)));
        }
    }
}
