package org.nfvperf.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

class ChartsTest {
    @ParameterizedTest
    @CsvSource({"10, 64, 14.880952380952381", "10, 1500, 0.8223684210526315", "40, 64, 59.523809523809526",
        "100, 128, 84.45945945945945"})
    void lineRateIsLinkOverFramePlusTwentyBytes(double gbps, double size, double mpps) {
        assertEquals(mpps, Charts.lineRateMpps(gbps, size), 1e-12);
    }

    @Test
    void lineRateRejectsRuntFrames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Charts.lineRateMpps(10, 63));
        assertEquals("frameSizeBytes must be >= 64: 63.0", e.getMessage());
    }

    @Test
    void throughputChartAddsLineRateReferenceAtEverySize() {
        Series bess = Series.line("BESS 2.0 GHz", new double[] {64, 128, 256}, new double[] {7.2, 7.2, 4.5},
                Style.dataplaneColor("bess"), SeriesMarkers.CIRCLE);
        CategoryChart c = Charts.throughputVsFrameSize("t", List.of(bess), false, 10);
        assertEquals(List.of("BESS 2.0 GHz", "10G line rate"), List.copyOf(c.getSeriesMap().keySet()));
        assertEquals(List.of("64", "128", "256"), ChartData.xs(c, "10G line rate"));
        double[] ref = ChartData.ys(c, "10G line rate");
        assertArrayEquals(new double[] {14.880952380952381, 8.445945945945946, 4.528985507246377}, ref, 1e-12);
        assertArrayEquals(new double[] {7.2, 7.2, 4.5}, ChartData.ys(c, "BESS 2.0 GHz"));
        assertEquals("Frame size (bytes)", c.getXAxisTitle());
        assertEquals("Throughput (Mpps)", c.getYAxisTitle());
        CategoryChart g = Charts.throughputVsFrameSize("t", List.of(bess), true, 10);
        assertEquals("Throughput, L1 (Gb/s)", g.getYAxisTitle());
        assertArrayEquals(new double[] {10, 10, 10}, ChartData.ys(g, "10G line rate"));
    }

    @Test
    void cdfIsInMicrosecondsAndEndsAtOne() {
        XYChart c = Charts.latencyCdf("cdf", Map.of("bess", new double[] {3000, 1000, 2000, 4000}), false);
        var s = c.getSeriesMap().get("bess");
        assertArrayEquals(new double[] {1, 2, 3, 4}, s.getXData());
        assertArrayEquals(new double[] {0.25, 0.5, 0.75, 1.0}, s.getYData());
        assertEquals("Latency (µs)", c.getXAxisTitle());
        assertEquals("Fraction of packets", c.getYAxisTitle());
        assertEquals(Style.dataplaneColor("bess"), s.getLineColor());
    }

    @Test
    void cdfKeepsAtMostThousandPointsIncludingTheMaximum() {
        double[] v = new double[10_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i + 1) * 1000.0;
        }
        var s = Charts.latencyCdf("cdf", Map.of("x", v), true).getSeriesMap().get("x");
        assertEquals(Charts.CDF_POINTS, s.getXData().length);
        assertEquals(10_000.0, s.getXData()[Charts.CDF_POINTS - 1]);
        assertEquals(1.0, s.getYData()[Charts.CDF_POINTS - 1]);
        assertEquals(10.0, s.getXData()[0]);
        assertEquals(0.001, s.getYData()[0], 1e-15);
    }

    @Test
    void emptyCdfInputIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.latencyCdf("c", Map.of("bess", new double[0]), false));
        assertEquals("latencies of bess must not be empty", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "90, 10", "99, 100", "99.9, 1000", "50, 2"})
    void ninesAxisIsOneOverOneMinusQ(double p, double x) {
        assertEquals(x, Charts.ninesAxis(p), 1e-9);
    }

    @ParameterizedTest
    @CsvSource({"1, 0%", "10, 90%", "100, 99%", "1000, 99.9%", "1000000, 99.9999%"})
    void ninesLabelsArePercentiles(double x, String label) {
        assertEquals(label, Charts.ninesLabel(x));
    }

    @Test
    void percentilePlotUsesLogNinesAxisAndDropsTheHundredth() {
        PercentileSeries s = new PercentileSeries("clickos", new double[] {0, 90, 99, 100}, new double[] {1000, 2000, 5000, 9000});
        XYChart c = Charts.percentilePlot("p", List.of(s));
        var xs = c.getSeriesMap().get("clickos");
        assertArrayEquals(new double[] {1, 10, 100}, xs.getXData(), 1e-9);
        assertArrayEquals(new double[] {1, 2, 5}, xs.getYData(), 1e-12);
        assertTrue(c.getStyler().isXAxisLogarithmic());
        assertEquals("90%", c.getStyler().getxAxisTickLabelsFormattingFunction().apply(10.0));
        assertEquals("Percentile", c.getXAxisTitle());
    }

    @Test
    void percentileSeriesFromHdrHistogram() {
        Histogram h = new Histogram(3);
        for (int i = 1; i <= 1000; i++) {
            h.recordValue(i * 1000L);
        }
        PercentileSeries s = PercentileSeries.fromHistogram("h", h, 5);
        double[] p = s.percentiles();
        double[] v = s.latencyNanos();
        assertEquals(100.0, p[p.length - 1]);
        assertEquals(h.highestEquivalentValue(1_000_000), v[v.length - 1]);
        assertEquals(h.highestEquivalentValue(h.getValueAtPercentile(50)), v[indexOf(p, 50.0)]);
    }

    private static int indexOf(double[] a, double x) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == x) {
                return i;
            }
        }
        throw new AssertionError(x + " not in percentiles");
    }

    @Test
    void percentilesMustBeOrdered() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PercentileSeries("x", new double[] {50, 40}, new double[] {1, 2}));
        assertEquals("percentiles must be non-decreasing: 50.0 then 40.0", e.getMessage());
    }

    @Test
    void latencyOverTimeStartsAtZeroSeconds() {
        Charts.TimeSeries t = new Charts.TimeSeries("bess", new long[] {5_000_000_000L, 5_500_000_000L, 6_000_000_000L},
                new long[] {10_000, 20_000, 15_000});
        XYChart c = Charts.latencyOverTime("t", List.of(t));
        assertArrayEquals(new double[] {0, 0.5, 1.0}, c.getSeriesMap().get("bess").getXData(), 1e-12);
        assertArrayEquals(new double[] {10, 20, 15}, c.getSeriesMap().get("bess").getYData(), 1e-12);
        assertEquals("Latency (µs)", c.getYAxisTitle());
        assertEquals("Time since first packet (s)", c.getXAxisTitle());
    }

    @Test
    void latencyOverTimeKeepsTheMaximumPerBucketForLongSeries() {
        int n = 10_000;
        long[] t = new long[n];
        long[] l = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * 1_000_000L;
            l[i] = i == 4321 ? 999_000 : 1_000;
        }
        XYChart c = Charts.latencyOverTime("t", List.of(new Charts.TimeSeries("x", t, l)));
        var s = c.getSeriesMap().get("x");
        assertEquals(Charts.TIME_POINTS, s.getYData().length);
        assertEquals(999.0, java.util.Arrays.stream(s.getYData()).max().orElseThrow());
        assertEquals("Latency, max per bucket (µs)", c.getYAxisTitle());
    }

    @Test
    void breakdownBarsStackComponentsInMicroseconds() {
        Map<String, double[]> comp = new LinkedHashMap<>();
        comp.put("NF processing", new double[] {9000, 18000});
        comp.put("NF I/O", new double[] {3000, 6000});
        CategoryChart c = Charts.breakdownBars("b", List.of("FW", "FW+L3FWD"), comp);
        assertTrue(c.getStyler().isStacked());
        assertEquals(List.of("NF processing", "NF I/O"), List.copyOf(c.getSeriesMap().keySet()));
        assertArrayEquals(new double[] {9, 18}, ChartData.ys(c, "NF processing"), 1e-12);
        assertEquals(List.of("FW", "FW+L3FWD"), ChartData.xs(c, "NF I/O"));
        assertEquals("Latency (µs)", c.getYAxisTitle());
    }

    @Test
    void breakdownNeedsOneValuePerCategory() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.breakdownBars("b", List.of("a", "b"), Map.of("x", new double[] {1})));
        assertEquals("component x must have one value per category: 1 != 2", e.getMessage());
    }

    @Test
    void groupedBarsColourDataplanes() {
        Map<String, double[]> g = new LinkedHashMap<>();
        g.put("bess", new double[] {9.3, 4.5});
        g.put("clickos", new double[] {5.3, 4.5});
        CategoryChart c = Charts.groupedBars("g", "Throughput (Mpps)", List.of("64", "256"), g);
        assertEquals(Style.dataplaneColor("clickos"), c.getSeriesMap().get("clickos").getFillColor());
        assertArrayEquals(new double[] {5.3, 4.5}, ChartData.ys(c, "clickos"));
        assertEquals("Throughput (Mpps)", c.getYAxisTitle());
    }
}
