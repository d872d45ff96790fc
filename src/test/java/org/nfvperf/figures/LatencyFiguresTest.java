package org.nfvperf.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.nfvperf.latency.IntervalSummary;
import org.nfvperf.latency.LatencyBreakdown;
import org.nfvperf.latency.LatencyStats;

class LatencyFiguresTest {
    static LatencyStats stats(long intervalNanos, long... delays) {
        LatencyStats s = new LatencyStats(intervalNanos);
        for (int i = 0; i < delays.length; i++) {
            s.record(delays[i], 1_000_000_000L + i * 1_000_000L);
        }
        return s;
    }

    @Test
    void percentilesComeFromTheHistogram() {
        LatencyStats s = stats(0, 1000, 2000, 3000, 4000);
        XYChart c = LatencyFigures.percentiles("p", Map.of("bess", s));
        var series = c.getSeriesMap().get("bess");
        assertEquals(1.0, series.getXData()[0]);
        assertEquals(s.histogram().highestEquivalentValue(1000) / 1e3, series.getYData()[0], 1e-12);
    }

    @Test
    void perHopStacksMeanDelayPerSegment() {
        Map<String, List<LatencyBreakdown.Segment>> m = new LinkedHashMap<>();
        m.put("bess", List.of(new LatencyBreakdown.Segment("pnic0", "vnic0", stats(0, 2000, 4000)),
                new LatencyBreakdown.Segment("vnic0", "pnic1", stats(0, 10_000))));
        m.put("clickos", List.of(new LatencyBreakdown.Segment("pnic0", "vnic0", stats(0, 5000)),
                new LatencyBreakdown.Segment("vnic0", "pnic1", stats(0, 7000, 9000))));
        CategoryChart c = LatencyFigures.perHop("hops", m);
        assertEquals(List.of("pnic0 → vnic0", "vnic0 → pnic1"), List.copyOf(c.getSeriesMap().keySet()));
        assertArrayEquals(new double[] {3, 5}, ChartData.ys(c, "pnic0 → vnic0"), 1e-12);
        assertArrayEquals(new double[] {10, 8}, ChartData.ys(c, "vnic0 → pnic1"), 1e-12);
        m.put("vpp", List.of(new LatencyBreakdown.Segment("pnic0", "pnic1", stats(0, 1))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LatencyFigures.perHop("h", m));
        assertEquals("hops of vpp must be those of bess: [pnic0 → pnic1] != [pnic0 → vnic0, vnic0 → pnic1]", e.getMessage());
    }

    @Test
    void overTimePlotsMeanAndP99PerInterval() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LatencyFigures.overTime("t", Map.of("bess", List.of())));
        assertEquals("intervals of bess must be non-empty (analyse with an interval length > 0)", e.getMessage());
        List<IntervalSummary> iv = List.of(
                new IntervalSummary(5_000_000_000L, 1_000_000_000L, 10, 12_000, 11_000, 15_000, 20_000, 25_000, 30_000),
                new IntervalSummary(6_000_000_000L, 1_000_000_000L, 10, 14_000, 13_000, 16_000, 40_000, 45_000, 50_000));
        XYChart c = LatencyFigures.overTime("t", Map.of("clickos", iv));
        assertArrayEquals(new double[] {0, 1}, c.getSeriesMap().get("clickos mean").getXData());
        assertArrayEquals(new double[] {12, 14}, c.getSeriesMap().get("clickos mean").getYData(), 1e-12);
        assertArrayEquals(new double[] {20, 40}, c.getSeriesMap().get("clickos p99").getYData(), 1e-12);
        assertEquals(Style.dataplaneColor("clickos"), c.getSeriesMap().get("clickos p99").getLineColor());
    }
}
