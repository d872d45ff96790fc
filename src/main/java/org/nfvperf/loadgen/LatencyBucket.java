package org.nfvperf.loadgen;

/**
 * One bucket of a latency histogram printed by a generator (MoonGen's {@code histogram.csv},
 * TRex's latency {@code histogram}). Immutable and thread-safe.
 *
 * <pre>{@code
 * LatencyBucket b = new LatencyBucket(12_500, 42);   // 42 packets at 12.5 us
 * }</pre>
 *
 * @param latencyNanos the bucket's value (its lower bound for ranged buckets) in ns, &gt;= 0
 * @param count        packets in the bucket, &gt;= 0
 */
public record LatencyBucket(long latencyNanos, long count) {
    public LatencyBucket {
        if (latencyNanos < 0) {
            throw new IllegalArgumentException("latencyNanos must be >= 0: " + latencyNanos);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
    }
}
