package org.nfvperf.loadgen;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The periodic rate reports of one port in one direction, in time order. Immutable and
 * thread-safe.
 *
 * <p><b>Steady state</b> ({@link #summary()}): generators' first report covers start-up
 * (link wait, ring fill, ramp) and their last report usually covers a fraction of an interval
 * (stop, {@code ^C}). The summary therefore drops
 * <ol>
 *   <li>the first sample when the series has at least 3 samples (warm-up);</li>
 *   <li>further leading samples, and trailing samples, whose rate is below half the median
 *       rate of the whole series (ramp-up, ramp-down);</li>
 *   <li>a last sample whose interval is shorter than 90% of the median interval (partial).</li>
 * </ol>
 * If that leaves nothing, every sample is kept. A series of zero rates (a dataplane that drops
 * everything) loses only its first and partial last sample.
 *
 * <pre>{@code
 * RateSeries s = new RateSeries("ix0", Direction.TX, samples);
 * double steadyMpps = s.summary().medianPps() / 1e6;
 * }</pre>
 *
 * @param port      port name as the tool prints it (a number, an interface name)
 * @param direction tx or rx
 * @param samples   samples in time order (non-decreasing start)
 */
public record RateSeries(String port, Direction direction, List<RateSample> samples) {
    /** Fraction of the median rate below which leading/trailing samples count as ramp. */
    static final double RAMP_FRACTION = 0.5;
    /** Fraction of the median interval below which the last sample counts as partial. */
    static final double PARTIAL_FRACTION = 0.9;

    public RateSeries {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(direction, "direction");
        samples = List.copyOf(samples);
        for (int i = 1; i < samples.size(); i++) {
            if (samples.get(i).startNanos() < samples.get(i - 1).startNanos()) {
                throw new IllegalArgumentException("samples must be in time order: sample " + i + " starts at "
                        + samples.get(i).startNanos() + " ns, before sample " + (i - 1) + " at "
                        + samples.get(i - 1).startNanos() + " ns");
            }
        }
    }

    /** The steady-state summary; see the class comment for the trimming rule. */
    public RateSummary summary() {
        int n = samples.size();
        if (n == 0) {
            return new RateSummary(port, direction, 0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] pps = new double[n];
        double[] intervals = new double[n];
        for (int i = 0; i < n; i++) {
            pps[i] = samples.get(i).pps();
            intervals[i] = samples.get(i).intervalNanos();
        }
        double medianRate = median(pps, 0, n);
        double medianInterval = median(intervals, 0, n);
        int from = n >= 3 ? 1 : 0;
        int to = n;
        if (to - from >= 2 && intervals[to - 1] < PARTIAL_FRACTION * medianInterval) {
            to--;
        }
        double ramp = RAMP_FRACTION * medianRate;
        while (from < to && pps[from] < ramp) {
            from++;
        }
        while (to > from && pps[to - 1] < ramp) {
            to--;
        }
        if (from >= to) {
            from = 0;
            to = n;
        }
        double packets = 0;
        double bits = 0;
        double nanos = 0;
        boolean bitsKnown = true;
        double[] bps = new double[to - from];
        for (int i = from; i < to; i++) {
            RateSample s = samples.get(i);
            packets += s.pps() * s.intervalNanos();
            bits += s.bitsPerSecond() * s.intervalNanos();
            bitsKnown &= !Double.isNaN(s.bitsPerSecond());
            nanos += s.intervalNanos();
            bps[i - from] = s.bitsPerSecond();
        }
        double medianBps = bitsKnown ? median(bps, 0, bps.length) : Double.NaN;
        return new RateSummary(port, direction, n, to - from, samples.get(from).startNanos(),
                samples.get(to - 1).endNanos(), median(pps, from, to), packets / nanos,
                medianBps, bitsKnown ? bits / nanos : Double.NaN);
    }

    private static double median(double[] values, int from, int to) {
        double[] sorted = Arrays.copyOfRange(values, from, to);
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
