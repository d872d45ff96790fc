package org.nfvperf.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.Table;

class ComparisonTest {
    @TempDir
    Path dir;

    static final String RESULTS = """
            dataplane,chain,frame_size,rate,trial,tx_mpps,rx_mpps,lat_p99_ns,loss_pct
            bess,l3fwd,64,line,a1,14.88,9.34,30000,37.2
            clickos,l3fwd,64,line,a2,14.88,5.34,50000,64.1
            bess,l3fwd,128,line,a3,8.45,8.45,20000,0
            clickos,l3fwd,128,line,a4,8.45,4.00,40000,52.7
            bess,l3fwd,128,line,a5,8.45,8.25,22000,0
            """;

    Table results() throws Exception {
        Path f = dir.resolve("results.csv");
        Files.writeString(f, RESULTS);
        return Tables.read(f);
    }

    @Test
    void sideBySideWithRatiosAndWinner() throws Exception {
        Comparison c = Comparison.of(List.of(results()), "dataplane", "rx_mpps", Comparison.Options.DEFAULT);
        assertEquals(List.of("chain", "frame_size", "rate"), c.keyColumns());
        assertEquals(List.of("bess", "clickos"), c.groups());
        assertEquals("bess", c.baseline());
        assertTrue(c.higherIsBetter());
        assertEquals(2, c.rows().size());
        Comparison.Row r64 = c.rows().get(0);
        assertEquals(Map.of("chain", "l3fwd", "frame_size", "64", "rate", "line"), r64.key());
        assertEquals(Map.of("bess", 9.34, "clickos", 5.34), r64.values());
        assertEquals(5.34 / 9.34, r64.ratios().get("clickos"), 1e-12);
        assertEquals("bess", r64.ahead());
        // two bess rows at 128B are averaged
        assertEquals(8.35, c.rows().get(1).values().get("bess"), 1e-12);
    }

    @Test
    void latencyIsLowerIsBetterAndBaselineCanBeChosen() throws Exception {
        Comparison c = Comparison.of(List.of(results()), "dataplane", "lat_p99_ns",
                new Comparison.Options(List.of("frame_size"), "clickos", null));
        assertFalse(c.higherIsBetter());
        assertEquals("bess", c.rows().get(0).ahead());
        assertEquals(30000.0 / 50000.0, c.rows().get(0).ratios().get("bess"), 1e-12);
        Table t = c.toTable();
        assertEquals(List.of("frame_size", "bess", "clickos", "bess/clickos", "ahead"), t.columnNames());
        assertEquals(21000.0, t.doubleColumn("bess").get(1), 1e-9);
    }

    @ParameterizedTest
    @CsvSource({"rx_mpps, false", "lat_p99_ns, true", "loss_pct, true", "error_pct, true", "line_rate_pct, false",
        "lat_mean_ns, true"})
    void directionFromTheMetricName(String metric, boolean lower) {
        assertEquals(lower, Comparison.lowerIsBetter(metric));
    }

    @ParameterizedTest
    @CsvSource({"offered_mpps, false", "rx_mpps, true", "cpu_ghz, false", "lat_seg1_p99_ns, true", "rx_mpps_ci95, true",
        "placement, false", "trial, true", "utilization_pct, false"})
    void measurementColumnsAreNotKeys(String column, boolean measurement) {
        assertEquals(measurement, Comparison.isMeasurement(column));
    }

    @Test
    void missingColumnIsNamedWithItsTable() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Comparison.of(List.of(results()), "dataplan", "rx_mpps", Comparison.Options.DEFAULT));
        assertEquals("Column dataplan is not present in table results.csv (columns: dataplane, chain, frame_size, rate, trial,"
                + " tx_mpps, rx_mpps, lat_p99_ns, loss_pct)", e.getMessage());
    }

    @Test
    void unknownBaselineIsRejected() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Comparison.of(List.of(results()), "dataplane", "rx_mpps", new Comparison.Options(List.of(), "vpp", null)));
        assertEquals("--baseline must be one of bess, clickos: vpp", e.getMessage());
    }

    @Test
    void tieAndSingleValue() throws Exception {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, "dataplane,frame_size,rx_mpps\nbess,512,2.35\nclickos,512,2.35\nbess,1500,0.82\n");
        Comparison c = Comparison.of(List.of(Tables.read(f)), "dataplane", "rx_mpps", Comparison.Options.DEFAULT);
        assertEquals("tie", c.rows().get(0).ahead());
        assertEquals("", c.rows().get(1).ahead());
        assertTrue(c.rows().get(1).ratios().isEmpty());
    }

    @Test
    void chartHasOneBarPerGroupPerRow() throws Exception {
        Comparison c = Comparison.of(List.of(results()), "dataplane", "rx_mpps", Comparison.Options.DEFAULT);
        CategoryChart chart = c.chart(Provenance.userFiles(List.of("results.csv")));
        // chain and rate are the same in every row: once in the axis title, not in every label
        assertEquals(List.of("64", "128"), ChartData.xs(chart, "bess"));
        assertEquals(5.34, ChartData.ys(chart, "clickos")[0]);
        assertEquals("rx_mpps by dataplane (user data)", chart.getTitle());
        assertEquals("frame_size   (chain=l3fwd, rate=line)", chart.getXAxisTitle());
        assertEquals("rx (Mpps)", chart.getYAxisTitle());
        assertEquals(Style.dataplaneColor("bess"), chart.getSeriesMap().get("bess").getFillColor());
    }
}
