package org.nfvperf.loadgen;

import java.util.Objects;

/**
 * The steady-state rate of one port and direction, computed from a {@link RateSeries} by
 * {@link RateSeries#summary()}. Immutable and thread-safe.
 *
 * <p>{@code meanPps} is time-weighted (total packets of the kept samples over their total
 * time); {@code medianPps} is the median of the kept samples' rates. Bit rates are layer 2
 * with FCS, NaN when the tool reports none.
 *
 * <pre>{@code
 * RateSummary s = result.series().get(0).summary();
 * System.out.printf("%.3f Mpps over %d of %d samples%n", s.medianPps() / 1e6, s.keptSamples(), s.samples());
 * }</pre>
 *
 * @param port              port name
 * @param direction         tx or rx
 * @param samples           samples in the series, &gt;= 0
 * @param keptSamples       samples kept after trimming warm-up and the partial tail, 0..samples
 * @param steadyStartNanos  start of the first kept sample (ns from the series' start)
 * @param steadyEndNanos    end of the last kept sample
 * @param medianPps         median of the kept samples' pps
 * @param meanPps           time-weighted mean pps of the kept samples
 * @param medianBitsPerSecond median layer-2 bits/s, NaN when unknown
 * @param meanBitsPerSecond time-weighted mean layer-2 bits/s, NaN when unknown
 */
public record RateSummary(String port, Direction direction, int samples, int keptSamples,
                          long steadyStartNanos, long steadyEndNanos,
                          double medianPps, double meanPps, double medianBitsPerSecond, double meanBitsPerSecond) {
    public RateSummary {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(direction, "direction");
        if (samples < 0) {
            throw new IllegalArgumentException("samples must be >= 0: " + samples);
        }
        if (keptSamples < 0 || keptSamples > samples) {
            throw new IllegalArgumentException("keptSamples must be in 0.." + samples + ": " + keptSamples);
        }
        if (steadyEndNanos < steadyStartNanos) {
            throw new IllegalArgumentException("steadyEndNanos (" + steadyEndNanos
                    + ") must be >= steadyStartNanos (" + steadyStartNanos + ")");
        }
    }

    /** Length of the kept window in seconds. */
    public double steadySeconds() {
        return (steadyEndNanos - steadyStartNanos) / 1e9;
    }
}
