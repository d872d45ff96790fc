package org.nfvperf.figures;

import java.util.Arrays;
import java.util.Objects;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A latency percentile distribution in plain arrays — percentile levels (0–100) and the latency
 * in nanoseconds at each — as {@link Charts#percentilePlot} draws it. Build it from any source, or
 * from an HdrHistogram with {@link #fromHistogram}.
 *
 * <p>Immutable; arrays are copied in and out.
 *
 * <pre>{@code
 * PercentileSeries s = PercentileSeries.fromHistogram("bess", histogramOfNanos, 5);
 * XYChart c = Charts.percentilePlot("Latency by percentile", List.of(s));
 * }</pre>
 *
 * @param name         legend entry (a dataplane id gets the dataplane's colour)
 * @param percentiles  levels in [0, 100], non-decreasing
 * @param latencyNanos latency at each level, ns
 */
public record PercentileSeries(String name, double[] percentiles, double[] latencyNanos) {
    public PercentileSeries {
        Objects.requireNonNull(name, "name");
        percentiles = percentiles.clone();
        latencyNanos = latencyNanos.clone();
        if (percentiles.length != latencyNanos.length) {
            throw new IllegalArgumentException("percentiles and latencyNanos must have the same length: "
                    + percentiles.length + " != " + latencyNanos.length);
        }
        for (int i = 0; i < percentiles.length; i++) {
            if (!(percentiles[i] >= 0 && percentiles[i] <= 100)) {
                throw new IllegalArgumentException("percentiles must be in [0, 100]: " + percentiles[i]);
            }
            if (i > 0 && percentiles[i] < percentiles[i - 1]) {
                throw new IllegalArgumentException("percentiles must be non-decreasing: "
                        + percentiles[i - 1] + " then " + percentiles[i]);
            }
        }
    }

    /**
     * The percentile distribution of an HdrHistogram of nanosecond values, sampled as HdrHistogram's
     * own {@code outputPercentileDistribution} does ({@code ticksPerHalfDistance} levels per halving
     * of the distance to 100%).
     */
    public static PercentileSeries fromHistogram(String name, AbstractHistogram histogramNanos, int ticksPerHalfDistance) {
        if (ticksPerHalfDistance < 1) {
            throw new IllegalArgumentException("ticksPerHalfDistance must be >= 1: " + ticksPerHalfDistance);
        }
        if (histogramNanos.getTotalCount() == 0) {
            throw new IllegalArgumentException("histogram of " + name + " must not be empty");
        }
        double[] p = new double[64];
        double[] v = new double[64];
        int n = 0;
        for (HistogramIterationValue it : histogramNanos.percentiles(ticksPerHalfDistance)) {
            if (n == p.length) {
                p = Arrays.copyOf(p, n * 2);
                v = Arrays.copyOf(v, n * 2);
            }
            p[n] = it.getPercentileLevelIteratedTo();
            v[n] = histogramNanos.highestEquivalentValue(it.getValueIteratedTo());
            n++;
        }
        return new PercentileSeries(name, Arrays.copyOf(p, n), Arrays.copyOf(v, n));
    }

    @Override
    public double[] percentiles() {
        return percentiles.clone();
    }

    @Override
    public double[] latencyNanos() {
        return latencyNanos.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PercentileSeries s && name.equals(s.name) && Arrays.equals(percentiles, s.percentiles)
                && Arrays.equals(latencyNanos, s.latencyNanos);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(percentiles), Arrays.hashCode(latencyNanos));
    }

    @Override
    public String toString() {
        return "PercentileSeries[" + name + ", " + percentiles.length + " levels]";
    }
}
