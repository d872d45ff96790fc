package org.nfvperf.experiment;

import java.util.List;
import java.util.Objects;

/**
 * The numbers of one analysed trial: throughput from the generator logs, latency from the taps.
 * A value that the artifacts cannot give (no taps, no probe packets matched) is {@code NaN} and
 * becomes an empty cell. Immutable and thread-safe.
 *
 * <pre>{@code
 * TrialMetrics m = new TrialMetrics(new TrialMetrics.Throughput(14.88, 14.2, 7.27, 9.54, 95.4, 4.57),
 *         TrialMetrics.Latency.NONE, List.of());
 * }</pre>
 *
 * @param throughput rates from {@code gen-tx.log} and {@code gen-rx.log}
 * @param endToEnd   latency from the first to the last tap
 * @param segments   latency between consecutive taps, in path order
 */
public record TrialMetrics(Throughput throughput, Latency endToEnd, List<Segment> segments) {
    public TrialMetrics {
        Objects.requireNonNull(throughput, "throughput");
        Objects.requireNonNull(endToEnd, "endToEnd");
        segments = List.copyOf(segments);
    }

    /**
     * Rates of one trial.
     *
     * @param txMpps      offered (sent) rate in Mpps
     * @param rxMpps      received rate in Mpps
     * @param rxGbpsL2    received frame bits per second in Gb/s (frame bytes × 8)
     * @param rxGbpsL1    received wire bits per second in Gb/s ((frame + 20 bytes) × 8)
     * @param lineRatePercent received rate in percent of the link's line rate at the trial's frame size
     * @param lossPercent     frames sent but not received, in percent of those sent
     */
    public record Throughput(double txMpps, double rxMpps, double rxGbpsL2, double rxGbpsL1, double lineRatePercent,
                             double lossPercent) {
        /** No throughput known. */
        public static final Throughput NONE = new Throughput(Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN);
    }

    /**
     * Latency statistics in nanoseconds.
     *
     * @param minNanos  smallest latency
     * @param meanNanos mean latency
     * @param p50Nanos  median
     * @param p99Nanos  99th percentile
     * @param maxNanos  largest latency
     */
    public record Latency(double minNanos, double meanNanos, double p50Nanos, double p99Nanos, double maxNanos) {
        /** No latency known (no taps, or nothing matched). */
        public static final Latency NONE = new Latency(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * Latency between two consecutive taps.
     *
     * @param from    upstream tap
     * @param to      downstream tap
     * @param latency statistics of the packets seen at both
     */
    public record Segment(String from, String to, Latency latency) {
        public Segment {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(latency, "latency");
        }
    }
}
