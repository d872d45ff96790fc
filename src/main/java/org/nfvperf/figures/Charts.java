package org.nfvperf.figures;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Generic charts for dataplane measurements, from plain arrays: latency CDF, HDR percentile
 * plot, latency over time, stacked per-hop breakdown bars, throughput vs frame size with the line
 * rate, grouped bars. Each returns an XChart chart styled by {@link Style}; latencies come in
 * nanoseconds and are drawn in microseconds; throughput in Mpps or Gb/s.
 *
 * <p>Stateless and thread-safe; the charts returned are not.
 *
 * <pre>{@code
 * XYChart cdf = Charts.latencyCdf("End-to-end latency", Map.of("bess", bessNanos, "clickos", clickNanos), true);
 * CategoryChart hops = Charts.breakdownBars("Per-hop latency", List.of("fw", "l3fwd"), components);
 * }</pre>
 */
public final class Charts {
    /** Points kept per CDF series: enough for a smooth curve, small enough for SVG. */
    static final int CDF_POINTS = 1000;
    /** Above this many samples, {@link #latencyOverTime} plots the maximum per time bucket. */
    static final int TIME_POINTS = 2000;
    /** The frame sizes (bytes) at which the line-rate reference curve is evaluated. */
    static final double[] REFERENCE_SIZES = {64, 96, 128, 192, 256, 384, 512, 768, 1024, 1280, 1518};

    private Charts() {
    }

    /** A series of latencies over time: send times and latencies in ns, same length. */
    public record TimeSeries(String name, long[] timeNanos, long[] latencyNanos) {
        public TimeSeries {
            Objects.requireNonNull(name, "name");
            timeNanos = timeNanos.clone();
            latencyNanos = latencyNanos.clone();
            if (timeNanos.length != latencyNanos.length) {
                throw new IllegalArgumentException("timeNanos and latencyNanos must have the same length: "
                        + timeNanos.length + " != " + latencyNanos.length);
            }
            if (timeNanos.length == 0) {
                throw new IllegalArgumentException("series " + name + " must not be empty");
            }
        }

        @Override
        public long[] timeNanos() {
            return timeNanos.clone();
        }

        @Override
        public long[] latencyNanos() {
            return latencyNanos.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TimeSeries t && name.equals(t.name) && Arrays.equals(timeNanos, t.timeNanos)
                    && Arrays.equals(latencyNanos, t.latencyNanos);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, Arrays.hashCode(timeNanos), Arrays.hashCode(latencyNanos));
        }

        @Override
        public String toString() {
            return "TimeSeries[" + name + ", " + timeNanos.length + " samples]";
        }
    }

    /** Packets per second at line rate, in Mpps: {@code link / ((frame + 20 B) × 8)}. */
    public static double lineRateMpps(double linkGbps, double frameSizeBytes) {
        if (!(linkGbps > 0)) {
            throw new IllegalArgumentException("linkGbps must be > 0: " + linkGbps);
        }
        if (!(frameSizeBytes >= 64)) {
            throw new IllegalArgumentException("frameSizeBytes must be >= 64: " + frameSizeBytes);
        }
        return linkGbps * 1e3 / ((frameSizeBytes + 20) * 8);
    }

    /** An XY chart with the house style, axis titles (with units) and the given series. */
    public static XYChart xy(String title, String xAxisTitle, String yAxisTitle, List<Series> series) {
        return xy(title, xAxisTitle, yAxisTitle, series, Style.PANEL_WIDTH, Style.PANEL_HEIGHT);
    }

    /** {@link #xy(String, String, String, List)} with a panel of {@code width} × {@code height} points. */
    public static XYChart xy(String title, String xAxisTitle, String yAxisTitle, List<Series> series, int width, int height) {
        XYChart c = new XYChartBuilder().width(width).height(height)
                .title(title).xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
        Style.apply(c);
        for (Series s : Overlaps.separate(series)) {
            s.addTo(c);
        }
        return c;
    }

    /**
     * Throughput vs frame size with the line rate of a {@code linkGbps} link as a dashed grey
     * reference: in Mpps ({@code gbps == false}) the line-rate curve, in Gb/s (layer 1, frame plus
     * 20 B of preamble and gap) the constant link speed. Frame sizes are evenly spaced categories
     * (64, 128, ... 1500 B), as in the paper, so small frames are not crowded; a series without a
     * value at some size shows a gap there. A category holds one value per series: several points
     * at one size (published values at several CPU speeds) need one series each.
     */
    public static CategoryChart throughputVsFrameSize(String title, List<Series> series, boolean gbps, double linkGbps) {
        return throughputVsFrameSize(title, series, gbps, linkGbps, true);
    }

    /** As {@link #throughputVsFrameSize(String, List, boolean, double)}, with or without the line-rate curve. */
    public static CategoryChart throughputVsFrameSize(String title, List<Series> series, boolean gbps, double linkGbps,
                                                      boolean lineRate) {
        TreeSet<Double> sizes = new TreeSet<>();
        for (Series s : series) {
            for (double x : s.x()) {
                sizes.add(x);
            }
        }
        if (sizes.isEmpty()) {
            for (double s : REFERENCE_SIZES) {
                sizes.add(s);
            }
        }
        List<String> categories = new ArrayList<>();
        for (double s : sizes) {
            categories.add(trim(s));
        }
        CategoryChart c = categoryChart(title, "Frame size (bytes)", gbps ? "Throughput, L1 (Gb/s)" : "Throughput (Mpps)");
        List<Series> all = new ArrayList<>(series);
        double[] rx = sizes.stream().mapToDouble(Double::doubleValue).toArray();
        double[] ry = new double[rx.length];
        for (int i = 0; i < rx.length; i++) {
            ry[i] = gbps ? linkGbps : lineRateMpps(linkGbps, rx[i]);
        }
        if (lineRate) {
            all.add(new Series(lineRateName(linkGbps), rx, ry, Style.REFERENCE, SeriesMarkers.NONE, SeriesLines.DASH_DASH));
        }
        for (Series s : Overlaps.separate(all)) {
            double[] x = s.x();
            double[] y = s.y();
            List<Double> values = new ArrayList<>(categories.size());
            for (double size : sizes) {
                Double v = null;
                for (int i = 0; i < x.length; i++) {
                    if (x[i] == size && !Double.isNaN(y[i])) {
                        v = y[i];
                    }
                }
                values.add(v);
            }
            CategorySeries cs = c.addSeries(s.name(), categories, values);
            cs.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
            cs.setLineColor(s.color());
            cs.setMarkerColor(s.color());
            cs.setFillColor(s.color());
            cs.setMarker(s.marker());
            cs.setLineStyle(s.line());
            cs.setLineWidth(s.lineWidth());
            cs.setShowInLegend(s.inLegend());
        }
        if (lineRate) {
            c.getStyler().setYAxisMax(gbps ? linkGbps * 1.1 : lineRateMpps(linkGbps, rx[0]) * 1.08);
        } else {
            c.getStyler().setYAxisMin(0.0);
        }
        c.getStyler().setOverlapped(true);
        c.getStyler().setMarkerSize(7);
        return c;
    }

    /** The legend name of the line-rate reference: {@code 10G line rate}. */
    public static String lineRateName(double linkGbps) {
        return String.format(Locale.ROOT, "%sG line rate", trim(linkGbps));
    }

    static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * Cumulative distribution of latencies (ns in, µs drawn): y is the fraction of packets at or
     * below x. Each series keeps at most {@value #CDF_POINTS} points, taken at evenly spaced ranks.
     */
    public static XYChart latencyCdf(String title, Map<String, double[]> latenciesNanos, boolean logX) {
        List<Series> series = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, double[]> e : latenciesNanos.entrySet()) {
            double[] sorted = e.getValue().clone();
            if (sorted.length == 0) {
                throw new IllegalArgumentException("latencies of " + e.getKey() + " must not be empty");
            }
            Arrays.sort(sorted);
            int n = Math.min(CDF_POINTS, sorted.length);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int k = 0; k < n; k++) {
                // rank of the k-th kept point; the last one is always the maximum
                int rank = (int) Math.round((double) (k + 1) * sorted.length / n) - 1;
                x[k] = sorted[rank] / 1e3;
                y[k] = (rank + 1.0) / sorted.length;
            }
            series.add(new Series(e.getKey(), x, y, Style.seriesColor(e.getKey(), i++), SeriesMarkers.NONE,
                    SeriesLines.SOLID));
        }
        XYChart c = xy(title, "Latency (µs)", "Fraction of packets", series);
        c.getStyler().setXAxisLogarithmic(logX);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(1.0);
        return c;
    }

    /** The x position of percentile {@code p} (0–100) on the "nines" axis: {@code 1 / (1 - p/100)}. */
    public static double ninesAxis(double p) {
        if (!(p >= 0 && p < 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100): " + p);
        }
        return 1.0 / (1.0 - p / 100.0);
    }

    /** The label of a position on the nines axis: 1 is {@code 0%}, 10 {@code 90%}, 1000 {@code 99.9%}. */
    public static String ninesLabel(double axisValue) {
        double p = 100.0 * (1.0 - 1.0 / axisValue);
        if (p < 1e-9) {
            return "0%";
        }
        String s = String.format(Locale.ROOT, "%.6f", p).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + "%";
    }

    /**
     * Latency by percentile as HdrHistogram's plotter draws it: x is {@code 1/(1-q)} on a log axis
     * labelled in percent (0%, 90%, 99%, 99.9%...), so each decade is one more nine; y is latency
     * in µs. The 100th percentile has no finite position and is left out.
     */
    public static XYChart percentilePlot(String title, List<PercentileSeries> series) {
        List<Series> out = new ArrayList<>();
        int i = 0;
        for (PercentileSeries s : series) {
            double[] p = s.percentiles();
            double[] v = s.latencyNanos();
            int n = 0;
            double[] x = new double[p.length];
            double[] y = new double[p.length];
            for (int k = 0; k < p.length; k++) {
                if (p[k] < 100) {
                    x[n] = ninesAxis(p[k]);
                    y[n] = v[k] / 1e3;
                    n++;
                }
            }
            if (n == 0) {
                throw new IllegalArgumentException("series " + s.name() + " must have a percentile below 100");
            }
            out.add(new Series(s.name(), Arrays.copyOf(x, n), Arrays.copyOf(y, n), Style.seriesColor(s.name(), i++),
                    SeriesMarkers.NONE, SeriesLines.SOLID));
        }
        XYChart c = xy(title, "Percentile", "Latency (µs)", out);
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setXAxisLogarithmicDecadeOnly(true);
        c.getStyler().setxAxisTickLabelsFormattingFunction(Charts::ninesLabel);
        c.getStyler().setXAxisMin(1.0);
        return c;
    }

    /**
     * Latency (µs) against time since the first sample (s). Up to {@value #TIME_POINTS} samples
     * are drawn as they are; more are cut into that many equal time buckets and each bucket's
     * maximum is drawn, so spikes stay visible.
     */
    public static XYChart latencyOverTime(String title, List<TimeSeries> series) {
        long t0 = Long.MAX_VALUE;
        for (TimeSeries s : series) {
            for (long t : s.timeNanos()) {
                t0 = Math.min(t0, t);
            }
        }
        List<Series> out = new ArrayList<>();
        boolean bucketed = false;
        int i = 0;
        for (TimeSeries s : series) {
            long[] t = s.timeNanos();
            long[] l = s.latencyNanos();
            double[] x;
            double[] y;
            if (t.length <= TIME_POINTS) {
                x = new double[t.length];
                y = new double[t.length];
                for (int k = 0; k < t.length; k++) {
                    x[k] = (t[k] - t0) / 1e9;
                    y[k] = l[k] / 1e3;
                }
            } else {
                bucketed = true;
                long min = Arrays.stream(t).min().orElseThrow();
                long max = Arrays.stream(t).max().orElseThrow();
                double width = Math.max(1.0, (double) (max - min) / TIME_POINTS);
                double[] worst = new double[TIME_POINTS];
                Arrays.fill(worst, Double.NaN);
                for (int k = 0; k < t.length; k++) {
                    int b = (int) Math.min(TIME_POINTS - 1, (t[k] - min) / width);
                    worst[b] = Double.isNaN(worst[b]) ? l[k] : Math.max(worst[b], l[k]);
                }
                int n = 0;
                x = new double[TIME_POINTS];
                y = new double[TIME_POINTS];
                for (int b = 0; b < TIME_POINTS; b++) {
                    if (!Double.isNaN(worst[b])) {
                        x[n] = (min - t0 + (b + 0.5) * width) / 1e9;
                        y[n] = worst[b] / 1e3;
                        n++;
                    }
                }
                x = Arrays.copyOf(x, n);
                y = Arrays.copyOf(y, n);
            }
            out.add(new Series(s.name(), x, y, Style.seriesColor(s.name(), i++), SeriesMarkers.NONE, SeriesLines.SOLID));
        }
        return xy(title, "Time since first packet (s)", bucketed ? "Latency, max per bucket (µs)" : "Latency (µs)", out);
    }

    /**
     * Stacked bars of latency components (ns in, µs drawn): one bar per category (a chain, a
     * hop), one stacked segment per component, in the map's order.
     */
    public static CategoryChart breakdownBars(String title, List<String> categories, Map<String, double[]> componentsNanos) {
        CategoryChart c = categoryChart(title, "", "Latency (µs)");
        c.getStyler().setStacked(true);
        int i = 0;
        for (Map.Entry<String, double[]> e : componentsNanos.entrySet()) {
            double[] v = e.getValue();
            if (v.length != categories.size()) {
                throw new IllegalArgumentException("component " + e.getKey() + " must have one value per category: "
                        + v.length + " != " + categories.size());
            }
            List<Double> us = new ArrayList<>(v.length);
            for (double d : v) {
                us.add(d / 1e3);
            }
            CategorySeries s = c.addSeries(e.getKey(), categories, us);
            s.setFillColor(Style.componentColor(i++));
        }
        return c;
    }

    /**
     * Grouped bars: one group of bars per category, one bar per group key (e.g. per dataplane,
     * coloured as the dataplane), values in the unit named by {@code yAxisTitle}.
     */
    public static CategoryChart groupedBars(String title, String yAxisTitle, List<String> categories,
            Map<String, double[]> groups) {
        CategoryChart c = categoryChart(title, "", yAxisTitle);
        int i = 0;
        for (Map.Entry<String, double[]> e : groups.entrySet()) {
            double[] v = e.getValue();
            if (v.length != categories.size()) {
                throw new IllegalArgumentException("group " + e.getKey() + " must have one value per category: "
                        + v.length + " != " + categories.size());
            }
            List<Double> values = new ArrayList<>(v.length);
            for (double d : v) {
                values.add(Double.isNaN(d) ? null : d);
            }
            CategorySeries s = c.addSeries(e.getKey(), categories, values);
            Color color = Style.seriesColor(e.getKey(), i++);
            s.setFillColor(color);
            s.setLineColor(color);
        }
        return c;
    }

    static CategoryChart categoryChart(String title, String xAxisTitle, String yAxisTitle) {
        CategoryChart c = new CategoryChartBuilder().width(Style.PANEL_WIDTH).height(Style.PANEL_HEIGHT)
                .title(title).xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
        Style.apply(c);
        c.getStyler().setYAxisMin(0.0);
        return c;
    }
}
