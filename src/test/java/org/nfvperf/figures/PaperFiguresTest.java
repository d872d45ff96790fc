package org.nfvperf.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;
import org.nfvperf.reproduction.PublishedNumbers;

class PaperFiguresTest {
    @TempDir
    static Path dir;
    static Path tables;
    static PublishedNumbers paper;
    static final Provenance EMU = Provenance.emulated("test");

    @BeforeAll
    static void tables() throws Exception {
        tables = SyntheticTables.write(dir);
        paper = PublishedNumbers.load(Path.of(PublishedNumbers.RELATIVE_PATH));
    }

    static Table read(String id) throws Exception {
        return Tables.read(tables.resolve(id + ".csv"));
    }

    @Test
    void publishedNumbersLoadFromTheRepository() {
        assertEquals(9.34, paper.table1("bess", "l3fwd", 2.6).orElseThrow());
        assertEquals(1.98, paper.table1("ClickOS", "firewall", 1.2).orElseThrow());
        assertEquals(7.0, paper.number("fig5.bess.knee").orElseThrow());
        assertEquals("nf_processing", paper.get("fig6.largest_component").orElseThrow().value());
        assertTrue(paper.number("fig6.largest_component").isEmpty());
        assertTrue(PublishedNumbers.locate().isPresent());
    }

    @Test
    void fig2HasOneSeriesPerDataplaneAndCpuWithTable1Overlaid() throws Exception {
        Figure f = PaperFigures.fig2(read("fig2"), paper, EMU);
        assertEquals("fig2", f.id());
        assertEquals(2, f.panels().size());
        CategoryChart mpps = (CategoryChart) f.panel(0);
        CategoryChart gbps = (CategoryChart) f.panel(1);
        assertEquals(List.of("BESS 1.2 GHz", "BESS 1.6 GHz", "BESS 2.0 GHz", "BESS 2.4 GHz", "BESS 2.6 GHz",
                "ClickOS 1.2 GHz", "ClickOS 1.6 GHz", "ClickOS 2.0 GHz", "ClickOS 2.4 GHz", "ClickOS 2.6 GHz",
                "paper: BESS 64B (Table 1)", "paper: ClickOS 64B (Table 1)", "10G line rate"), mpps.getSeriesMap().values().stream()
                .filter(s -> s.isShowInLegend()).map(s -> s.getName()).toList());
        assertEquals(21, mpps.getSeriesMap().size());
        assertEquals(List.of("64", "128", "256", "512", "1024", "1500"), ChartData.xs(mpps, "BESS 2.0 GHz"));
        // synthetic capacity 3.6 Mpps/GHz × 2.0 GHz capped by the line rate
        assertArrayEquals(new double[] {7.2, 7.2, 4.529, 2.3496, 1.1973, 0.8224}, ChartData.ys(mpps, "BESS 2.0 GHz"), 1e-4);
        assertArrayEquals(new double[] {4.31, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN},
                ChartData.ys(mpps, "paper: BESS 64B (Table 1)"));
        assertEquals(9.34, ChartData.ys(mpps, "paper: BESS 64B (Table 1) 2.6 GHz")[0]);
        assertEquals(2.82, ChartData.ys(mpps, "paper: ClickOS 64B (Table 1) 1.6 GHz")[0]);
        assertEquals(Style.dataplaneColor("clickos"), mpps.getSeriesMap().get("ClickOS 2.6 GHz").getLineColor());
        assertEquals(Style.cpuMarker(2.6), Style.baseMarker(mpps.getSeriesMap().get("ClickOS 2.6 GHz").getMarker()));
        assertEquals("Throughput (Mpps)", mpps.getYAxisTitle());
        assertEquals("Throughput, L1 (Gb/s)", gbps.getYAxisTitle());
        assertEquals("Frame size (bytes)", gbps.getXAxisTitle());
        assertEquals(10.0, ChartData.ys(gbps, "BESS 2.6 GHz")[5], 1e-3);
        assertEquals("Fig. 2: L3FWD throughput (emulated)", mpps.getTitle());
        assertEquals(EMU, f.provenance());
    }

    @Test
    void table1ChartOverlaysPublishedValues() throws Exception {
        Figure f = PaperFigures.table1(read("table1"), EMU);
        XYChart c = (XYChart) f.panel(0);
        assertArrayEquals(new double[] {2.10, 2.82, 3.44, 4.26, 5.34}, c.getSeriesMap().get("paper: ClickOS L3FWD").getYData());
        assertArrayEquals(new double[] {1.2, 1.6, 2.0, 2.4, 2.6}, c.getSeriesMap().get("ClickOS L3FWD").getXData());
        assertEquals("CPU speed (GHz)", c.getXAxisTitle());
        Table layout = Table1Layout.of(read("table1"));
        assertEquals(List.of("CPU", "BESS L3FWD (Mpps)", "BESS Firewall (Mpps)", "ClickOS L3FWD (Mpps)",
                "ClickOS Firewall (Mpps)"), layout.columnNames());
        assertEquals("1.2 GHz", layout.getString(0, "CPU"));
        assertEquals("9.36 (paper 9.34, +0.2%)", layout.getString(4, "BESS L3FWD (Mpps)"));
    }

    @Test
    void bottleneckShowsQueuesAndThePapersLineRateClaim() throws Exception {
        CategoryChart c = (CategoryChart) PaperFigures.bottleneck(read("bottleneck"), paper, EMU).panel(0);
        assertTrue(c.getSeriesMap().containsKey("BESS, 1 vNIC queue"));
        assertTrue(c.getSeriesMap().containsKey("ClickOS, 2 vNIC queues"));
        assertArrayEquals(ChartData.ys(c, "10G line rate"), ChartData.ys(c, "paper: BESS, 2 queues at line rate"));
    }

    @Test
    void stagesShowsCpuAndDropsPerStageAsTheRateRises() throws Exception {
        Figure f = PaperFigures.stages(read("stages"), EMU);
        assertEquals("stages", f.id());
        assertEquals(4, f.panels().size());
        XYChart bessCpu = (XYChart) f.panel(0);
        XYChart bessDrops = (XYChart) f.panel(1);
        assertEquals(List.of("bess worker", "bess vm"), List.copyOf(bessCpu.getSeriesMap().keySet()));
        // a stage that never drops is left out of the drop panel; drops are Mpps over the trial's duration_s
        assertEquals(List.of("bess vm"), List.copyOf(bessDrops.getSeriesMap().keySet()));
        assertArrayEquals(new double[] {2, 4, 6, 8, 10, 12, 14}, bessDrops.getSeriesMap().get("bess vm").getXData(), 1e-9);
        assertArrayEquals(new double[] {0, 0, 0, 0, 1, 3, 5}, bessDrops.getSeriesMap().get("bess vm").getYData(), 1e-9);
        assertEquals(100, bessCpu.getSeriesMap().get("bess vm").getYData()[6], 1e-9);
        assertEquals("§4.2 (emulated), ClickOS: CPU share per stage", f.panel(2).getTitle());
        assertEquals("offered rate (Mpps)", bessCpu.getXAxisTitle());
        assertEquals("CPU share of one core (%)", bessCpu.getYAxisTitle());
    }

    @Test
    void fig3HasTwoPanelsPerDataplaneAndDerivesGbps() throws Exception {
        Figure f = PaperFigures.fig3(read("fig3"), EMU);
        assertEquals(4, f.panels().size());
        CategoryChart bessGbps = (CategoryChart) f.panel(1);
        assertEquals(List.of("BESS 1-NF", "BESS 2-NF", "BESS 3-NF", "10G line rate"), List.copyOf(bessGbps.getSeriesMap().keySet()));
        double mpps64 = ChartData.ys((CategoryChart) f.panel(0), "BESS 3-NF")[0];
        assertEquals(mpps64 * 84 * 8 / 1e3, ChartData.ys(bessGbps, "BESS 3-NF")[0], 1e-9);
        assertEquals("Fig. 3: ClickOS NF chains (emulated)", f.panel(2).getTitle());
    }

    @Test
    void fig4MarksPlacementsAsThePaperDoes() throws Exception {
        CategoryChart c = (CategoryChart) PaperFigures.fig4(read("fig4"), paper, EMU).panel(0);
        assertEquals(List.of("2-NF", "2-NF*", "2-NF^", "3-NF", "3-NF*", "3-NF^", "paper: 2-NF* ≈ 0.5 × 2-NF at 64B",
                "10G line rate"), List.copyOf(c.getSeriesMap().keySet()));
        assertEquals(0.5 * 7.5, ChartData.ys(c, "paper: 2-NF* ≈ 0.5 × 2-NF at 64B")[0], 1e-9);
    }

    @Test
    void fig5MarksTheKneeComputedFromTheData() throws Exception {
        XYChart c = (XYChart) PaperFigures.fig5(read("fig5"), paper, EMU).panel(0);
        assertTrue(c.getStyler().isYAxisLogarithmic());
        assertArrayEquals(new double[] {7, 7}, c.getSeriesMap().get("BESS knee: 7 Mpps").getXData());
        assertEquals(13.0, c.getSeriesMap().get("BESS knee: 7 Mpps").getYData()[1], 1e-9);
        assertArrayEquals(new double[] {7, 7}, c.getSeriesMap().get("paper: BESS knee ≈ 7 Mpps").getXData());
        assertEquals(250.0, c.getSeriesMap().get("BESS mean").getYData()[0], 1e-9);
        assertEquals(0.0001, c.getSeriesMap().get("BESS mean").getXData()[0]);
        assertEquals("Latency (µs)", c.getYAxisTitle());
        assertEquals("Offered rate (Mpps)", c.getXAxisTitle());
    }

    @Test
    void fig6StacksEveryComponentColumn() throws Exception {
        Table t = read("fig6");
        assertEquals(List.of("transmission_ns", "dataplane_io_ns", "nf_io_ns", "nf_processing_ns"), PaperFigures.latencyComponents(t));
        Figure f = PaperFigures.fig6(t, paper, EMU);
        assertEquals(3, f.panels().size());
        CategoryChart bess = (CategoryChart) f.panel(0);
        assertEquals(List.of("Transmission", "Dataplane I/O", "NF I/O", "NF processing"), List.copyOf(bess.getSeriesMap().keySet()));
        assertEquals(List.of("FW", "L3FWD", "2-NF", "3-NF"), ChartData.xs(bess, "NF I/O"));
        assertEquals(List.of("FW+L3FWD", "L3FWD+FW", "3-NF"), PaperFigures.chainLabels(List.of("firewall+l3fwd",
                "l3fwd+firewall", "firewall+l3fwd+l2fwd")));
        assertArrayEquals(new double[] {9, 10, 18, 27}, ChartData.ys(bess, "NF processing"), 1e-9);
        assertEquals(3, f.columns(), "three panels in one row, no empty cell");
        CategoryChart cmp = (CategoryChart) f.panel(2);
        assertEquals(List.of("FW+L3FWD chain", "FW + L3FWD alone"), ChartData.xs(cmp, "BESS"));
        assertArrayEquals(new double[] {34.326, 45.982}, ChartData.ys(cmp, "paper: BESS"));
        assertEquals(30, ChartData.ys(cmp, "BESS")[0], 1e-9);
        assertEquals(33, ChartData.ys(cmp, "ClickOS")[0], 1e-9);
        assertEquals(Style.PUBLISHED, cmp.getSeriesMap().get("paper: BESS").getFillColor());
    }

    @Test
    void fbmixHasNoLossReferenceAndPaperValues() throws Exception {
        XYChart c = (XYChart) PaperFigures.fbmix(read("fbmix"), paper, EMU).panel(0);
        assertArrayEquals(new double[] {8.662}, c.getSeriesMap().get("paper: BESS at 10G offered").getYData());
        // the median need is one bracket and one legend entry, not two look-alike lines
        assertArrayEquals(new double[] {0.87, 0.87, 1.73, 1.73},
                c.getSeriesMap().get("paper: median load 0.87–1.73 Mpps").getXData());
        assertArrayEquals(new double[] {0, 9.7}, c.getSeriesMap().get("no loss (rx = offered)").getYData(), 1e-9);
    }

    @Test
    void withoutPublishedNumbersThereIsNoOverlay() throws Exception {
        CategoryChart c = (CategoryChart) PaperFigures.fig2(read("fig2"), PublishedNumbers.none(), Provenance.netns("h", "d")).panel(0);
        assertTrue(c.getSeriesMap().keySet().stream().noneMatch(s -> s.startsWith("paper:")));
        assertEquals("Fig. 2: L3FWD throughput (netns)", c.getTitle());
    }

    @Test
    void fig2OfANamespaceRunHasOneSeriesPerDataplaneAndNoLineRateCurveFarAboveIt() throws Exception {
        Path f = dir.resolve("netns-fig2.csv");
        Files.writeString(f, "dataplane,nf,cpu_ghz,frame_size,rx_mpps,rx_gbps_l1,line_rate_pct\n"
                + "linux,l3fwd,,64,0.18,0.121,1.21\nlinux,l3fwd,,1500,0.17,2.067,20.7\n"
                + "ovs,l3fwd,,64,0.02,0.0134,0.134\novs,l3fwd,,1500,0.019,0.231,2.31\n");
        Figure fig = PaperFigures.fig2(Tables.read(f), PublishedNumbers.none(), Provenance.netns("h", "d"));
        CategoryChart mpps = (CategoryChart) fig.panel(0);
        assertEquals(List.of("Linux", "OVS"), mpps.getSeriesMap().values().stream().filter(s -> s.isShowInLegend())
                .map(s -> s.getName()).toList());
        assertArrayEquals(new double[] {0.18, 0.17}, ChartData.ys(mpps, "Linux"), 1e-9);
        assertTrue(fig.caption().contains("far above these rates and left out"), fig.caption());
        // at 20% of the line rate the Gb/s panel would still be readable, but the Mpps one is not: both go
        assertTrue(((CategoryChart) fig.panel(1)).getSeriesMap().keySet().stream().noneMatch(n -> n.contains("line rate")));
    }

    @Test
    void fig2OfANamespaceRunWithCpuSharesHasOneSeriesPerDataplaneAndShare() throws Exception {
        Path f = dir.resolve("netns-fig2-share.csv");
        Files.writeString(f, "dataplane,nf,cpu_ghz,frame_size,rx_mpps,rx_gbps_l1,line_rate_pct,cpu_share\n"
                + "linux,l3fwd,,64,0.18,0.121,1.21,\nlinux,l3fwd,,1500,0.17,2.067,20.7,\n"
                + "dpdk,l3fwd,,64,0.1,0.067,0.67,0.5\ndpdk,l3fwd,,1500,0.09,1.09,10.9,0.5\n"
                + "dpdk,l3fwd,,64,0.2,0.134,1.34,1\ndpdk,l3fwd,,1500,0.19,2.31,23.1,1\n");
        Figure fig = PaperFigures.fig2(Tables.read(f), PublishedNumbers.none(), Provenance.netns("h", "d"));
        CategoryChart mpps = (CategoryChart) fig.panel(0);
        assertEquals(List.of("Linux", "DPDK, CPU share 0.5", "DPDK, CPU share 1"), mpps.getSeriesMap().values().stream()
                .filter(s -> s.isShowInLegend()).map(s -> s.getName()).toList());
        assertArrayEquals(new double[] {0.1, 0.09}, ChartData.ys(mpps, "DPDK, CPU share 0.5"), 1e-9);
        assertTrue(fig.caption().contains("CPU share = the CPU time each NF process may use"), fig.caption());
    }

    @Test
    void missingColumnNamesTableAndColumns() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "dataplane,frame_size\nbess,64\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PaperFigures.fig2(Tables.read(bad), paper, EMU));
        assertEquals("Column nf is not present in table bad.csv (columns: dataplane, frame_size)", e.getMessage());
    }

    @Test
    void nonNumericCellNamesLineAndColumn() throws Exception {
        Path bad = dir.resolve("bad5.csv");
        Files.writeString(bad, "dataplane,offered_mpps,lat_mean_ns\nbess,1,1000\nbess,2,n/a\n");
        var e = assertThrows(org.nfvperf.util.InputException.class, () -> PaperFigures.fig5(Tables.read(bad), paper, EMU));
        assertEquals("bad5.csv line 3, column lat_mean_ns: expected a number, found 'n/a'", e.getMessage());
    }

    @Test
    void raggedCsvNamesTheLine() throws Exception {
        Path bad = dir.resolve("ragged.csv");
        Files.writeString(bad, "a,b\n1,2\n3\n");
        var e = assertThrows(org.nfvperf.util.InputException.class, () -> Tables.read(bad));
        assertEquals(bad + " line 3: expected 2 fields, found 1", e.getMessage());
    }

    @Test
    void keysCompareNumbersCanonically() throws Exception {
        Table t = read("fig2");
        assertEquals(12, Tables.where(Tables.where(t, "cpu_ghz", "2"), "dataplane", "BESS").rowCount());
        assertEquals("2", Tables.canonical(2.0));
        assertEquals("0.5", Tables.canonical(0.50));
    }
}
