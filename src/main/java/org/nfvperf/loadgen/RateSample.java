package org.nfvperf.loadgen;

/**
 * One periodic rate report of a generator or dataplane: the rate over an interval. Immutable
 * and thread-safe.
 *
 * <p>Times are {@code long} nanoseconds relative to the start of the log's first reported
 * interval (generators print relative or wrapped clocks, so absolute time is not kept).
 * {@code bitsPerSecond} is the layer-2 rate (frame bytes including FCS × 8) when the tool
 * reports or implies it, otherwise {@link Double#NaN}; {@code packets} is the packet count of
 * the interval, or {@code -1} when the tool prints only a rate.
 *
 * <pre>{@code
 * RateSample s = new RateSample(0, 1_001_001_000L, 14_880_952.0, Double.NaN, 14_895_833);
 * double mpps = s.pps() / 1e6;
 * }</pre>
 *
 * @param startNanos    start of the interval, ns from the first interval's start, &gt;= 0
 * @param intervalNanos length of the interval in ns, &gt; 0
 * @param pps           packets per second over the interval, finite and &gt;= 0
 * @param bitsPerSecond layer-2 bits per second (with FCS), &gt;= 0 or NaN when unknown
 * @param packets       packets in the interval, &gt;= 0, or -1 when unknown
 */
public record RateSample(long startNanos, long intervalNanos, double pps, double bitsPerSecond, long packets) {
    public RateSample {
        if (startNanos < 0) {
            throw new IllegalArgumentException("startNanos must be >= 0: " + startNanos);
        }
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("intervalNanos must be > 0: " + intervalNanos);
        }
        if (!(pps >= 0) || Double.isInfinite(pps)) {
            throw new IllegalArgumentException("pps must be finite and >= 0: " + pps);
        }
        if (bitsPerSecond < 0 || Double.isInfinite(bitsPerSecond)) {
            throw new IllegalArgumentException("bitsPerSecond must be finite and >= 0 or NaN: " + bitsPerSecond);
        }
        if (packets < -1) {
            throw new IllegalArgumentException("packets must be >= 0 or -1 (unknown): " + packets);
        }
    }

    /** End of the interval in ns from the first interval's start. */
    public long endNanos() {
        return startNanos + intervalNanos;
    }
}
