package org.nfvperf.testbed.emulated;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The packets a generator offers in one simulated window: frame sizes (bytes, with FCS) and
 * transmit times (ns since the epoch), as netmap pkt-gen would send them — back to back at line
 * rate, or evenly spaced at a given packet rate.
 *
 * <p>Immutable after construction (the arrays are owned by this object; do not modify them).
 * Thread-safe for reading. Example:
 * <pre>{@code
 * Traffic t = Traffic.constantRate(1_000_000, 64, 14_880_952.0, 10_000_000_000L, START_NS, 42L);
 * }</pre>
 *
 * @param packets        number of packets, &gt;= 1
 * @param fixedFrameSize the frame size when all frames are equal, else 0
 * @param sizes          per-packet frame sizes when they differ, else null
 * @param txTimes        generator transmit time of each packet in ns, non-decreasing
 * @param seed           seed of everything random in the simulation of this window
 */
public record Traffic(int packets, int fixedFrameSize, int[] sizes, long[] txTimes, long seed) {
    /** Smallest frame the model accepts (Ethernet minimum, with FCS). */
    public static final int MIN_FRAME = 64;
    private static final long PS_PER_S = 1_000_000_000_000L;
    /** Largest frame the model accepts (jumbo frames included). */
    public static final int MAX_FRAME = 9216;

    public Traffic {
        if (packets < 1) {
            throw new IllegalArgumentException("packets must be >= 1: " + packets);
        }
        Objects.requireNonNull(txTimes, "txTimes");
        if (txTimes.length != packets) {
            throw new IllegalArgumentException("txTimes must have " + packets + " entries: " + txTimes.length);
        }
        if (sizes == null && (fixedFrameSize < MIN_FRAME || fixedFrameSize > MAX_FRAME)) {
            throw new IllegalArgumentException("frame_size must be in [" + MIN_FRAME + ", " + MAX_FRAME + "]: "
                    + fixedFrameSize);
        }
        if (sizes != null && sizes.length != packets) {
            throw new IllegalArgumentException("sizes must have " + packets + " entries: " + sizes.length);
        }
    }

    /** Frame size in bytes of packet {@code id}. */
    public int frameSize(int id) {
        return sizes == null ? fixedFrameSize : sizes[id];
    }

    /** Wire time in ns of a frame of {@code frameBytes} at {@code linkBps} (frame + 20 B of preamble and gap). */
    public static double wireNanos(int frameBytes, long linkBps) {
        return (frameBytes + 20) * 8 * 1e9 / linkBps;
    }

    /**
     * Frames of one size, evenly spaced at {@code ratePps}; a rate at or above line rate sends back to back.
     *
     * @param ratePps offered rate in packets per second, &gt; 0
     */
    public static Traffic constantRate(int packets, int frameSize, double ratePps, long linkBps, long startNanos,
                                       long seed) {
        int[] sizes = null;
        return build(packets, frameSize, sizes, ratePps, linkBps, startNanos, seed);
    }

    /**
     * Frames with sizes drawn from a distribution ({@code cumulative[i]} = P(size &lt;= sizes[i])),
     * evenly spaced at {@code ratePps} or back to back at line rate.
     */
    public static Traffic mix(int packets, int[] mixSizes, double[] cumulative, double ratePps, long linkBps,
                              long startNanos, long seed) {
        if (mixSizes.length == 0 || mixSizes.length != cumulative.length) {
            throw new IllegalArgumentException("mix must have as many cumulative weights as sizes: "
                    + mixSizes.length + " vs " + cumulative.length);
        }
        SplittableRandom r = new SplittableRandom(seed);
        int[] sizes = new int[packets];
        double total = cumulative[cumulative.length - 1];
        for (int i = 0; i < packets; i++) {
            double u = r.nextDouble() * total;
            int lo = 0;
            int hi = cumulative.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] < u) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            int s = Math.max(MIN_FRAME, Math.min(MAX_FRAME, mixSizes[lo]));
            sizes[i] = s;
        }
        return build(packets, 0, sizes, ratePps, linkBps, startNanos, seed);
    }

    private static Traffic build(int packets, int frameSize, int[] sizes, double ratePps, long linkBps,
                                 long startNanos, long seed) {
        if (!(ratePps > 0)) {
            throw new IllegalArgumentException("rate must be > 0 pps: " + ratePps);
        }
        long[] tx = new long[packets];
        double gap = 1e9 / ratePps;
        double t = 0;
        // the wire's clock: exact picoseconds plus a remainder in units of 1/linkBps ps, so that
        // back-to-back frames keep exact spacing on average (frame k at floor(k x wire time))
        long wirePs = 0;
        long wireRem = 0;
        for (int i = 0; i < packets; i++) {
            int s = sizes == null ? frameSize : sizes[i];
            long tPs = (long) Math.floor(t * 1000);
            double start;
            if (tPs >= wirePs) {
                start = t;
                wirePs = tPs;
                wireRem = 0;
            } else {
                start = wirePs / 1000.0;
            }
            tx[i] = startNanos + Math.floorDiv(wirePs, 1000);
            long num = wireRem + (s + 20) * 8L * PS_PER_S;
            wirePs += num / linkBps;
            wireRem = num % linkBps;
            t = start + gap;
        }
        return new Traffic(packets, sizes == null ? frameSize : 0, sizes, tx, seed);
    }

    /** Mean frame size in bytes over the window. */
    public double meanFrameSize() {
        if (sizes == null) {
            return fixedFrameSize;
        }
        long sum = 0;
        for (int s : sizes) {
            sum += s;
        }
        return sum / (double) packets;
    }

    /**
     * Time from the first transmit to the end of the last frame on the wire, in ns, rounded up.
     * When the frames went back to back (line rate) it is exact: the sum of their wire times,
     * kept in picoseconds; otherwise the last transmit time plus the last frame's wire time.
     */
    public long txSpanNanos(long linkBps) {
        long endPs = 0;
        long rem = 0;
        boolean backToBack = true;
        for (int i = 0; i < packets && backToBack; i++) {
            long num = rem + (frameSize(i) + 20) * 8L * PS_PER_S;
            endPs += num / linkBps;
            rem = num % linkBps;
            backToBack = i + 1 == packets || txTimes[i + 1] - txTimes[0] == Math.floorDiv(endPs, 1000);
        }
        if (!backToBack) {
            long num = (frameSize(packets - 1) + 20) * 8L * PS_PER_S;
            endPs = (txTimes[packets - 1] - txTimes[0]) * 1000L + num / linkBps;
            rem = num % linkBps;
        }
        return ceilDiv(endPs + (rem > 0 ? 1 : 0), 1000);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
