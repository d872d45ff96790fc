package org.nfvperf.figures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nfvperf.latency.IntervalSummary;
import org.nfvperf.latency.LatencyBreakdown;
import org.nfvperf.latency.LatencyStats;

/**
 * Thin adapters from the latency engine's results ({@link LatencyStats},
 * {@link LatencyBreakdown.Segment}) to the generic {@link Charts}: percentile plot, latency over
 * time and per-hop breakdown bars. Latencies in ns in, µs drawn.
 *
 * <p>Stateless and thread-safe; do not record into the stats while a chart is being built.
 *
 * <pre>{@code
 * LatencyBreakdown b = LatencyAnalysis.builder().tap("pnic0", in).tap("pnic1", out).run();
 * XYChart p = LatencyFigures.percentiles("End to end", Map.of("bess", b.endToEnd()));
 * CategoryChart hops = LatencyFigures.perHop("Per hop", Map.of("bess", b.segments()));
 * }</pre>
 */
public final class LatencyFigures {
    private LatencyFigures() {
    }

    /** Percentile plot (nines axis) of each named accumulator's histogram, 5 ticks per half distance. */
    public static XYChart percentiles(String title, Map<String, LatencyStats> stats) {
        List<PercentileSeries> series = new ArrayList<>();
        for (Map.Entry<String, LatencyStats> e : stats.entrySet()) {
            series.add(PercentileSeries.fromHistogram(e.getKey(), e.getValue().histogram(), 5));
        }
        return Charts.percentilePlot(title, series);
    }

    /**
     * Mean (solid) and p99 (dashed) latency per interval against the interval's start, in seconds
     * since the earliest interval, e.g. from {@code Map.of("bess", breakdown.endToEnd().intervals())}.
     *
     * @throws IllegalArgumentException if a series has no interval
     */
    public static XYChart overTime(String title, Map<String, List<IntervalSummary>> intervals) {
        long t0 = Long.MAX_VALUE;
        for (Map.Entry<String, List<IntervalSummary>> e : intervals.entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new IllegalArgumentException("intervals of " + e.getKey()
                        + " must be non-empty (analyse with an interval length > 0)");
            }
            for (IntervalSummary i : e.getValue()) {
                t0 = Math.min(t0, i.startNanos());
            }
        }
        List<Series> out = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, List<IntervalSummary>> e : intervals.entrySet()) {
            List<IntervalSummary> iv = e.getValue();
            double[] x = new double[iv.size()];
            double[] mean = new double[iv.size()];
            double[] p99 = new double[iv.size()];
            for (int k = 0; k < x.length; k++) {
                x[k] = (iv.get(k).startNanos() - t0) / 1e9;
                mean[k] = iv.get(k).meanNanos() / 1e3;
                p99[k] = iv.get(k).p99Nanos() / 1e3;
            }
            var color = Style.seriesColor(e.getKey(), i++);
            out.add(new Series(e.getKey() + " mean", x, mean, color, SeriesMarkers.NONE, SeriesLines.SOLID));
            out.add(new Series(e.getKey() + " p99", x, p99, color, SeriesMarkers.NONE, SeriesLines.DASH_DASH));
        }
        return Charts.xy(title, "Time since first interval (s)", "Latency per interval (µs)", out);
    }

    /**
     * Stacked bars of the mean delay of each hop ({@code from → to}), one bar per category (a
     * dataplane, a run). Every category must have the same hops in the same order.
     */
    public static CategoryChart perHop(String title, Map<String, List<LatencyBreakdown.Segment>> segmentsByCategory) {
        List<String> categories = new ArrayList<>(segmentsByCategory.keySet());
        List<String> hops = null;
        Map<String, double[]> components = new LinkedHashMap<>();
        for (int c = 0; c < categories.size(); c++) {
            List<LatencyBreakdown.Segment> segs = segmentsByCategory.get(categories.get(c));
            List<String> names = segs.stream().map(s -> s.from() + " → " + s.to()).toList();
            if (hops == null) {
                hops = names;
                for (String h : hops) {
                    components.put(h, new double[categories.size()]);
                }
            } else if (!hops.equals(names)) {
                throw new IllegalArgumentException("hops of " + categories.get(c) + " must be those of " + categories.get(0)
                        + ": " + names + " != " + hops);
            }
            for (int h = 0; h < segs.size(); h++) {
                components.get(hops.get(h))[c] = segs.get(h).stats().summary().meanNanos();
            }
        }
        return Charts.breakdownBars(title, categories, components);
    }
}
