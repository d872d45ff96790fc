package org.nfvperf.throughput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfvperf.loadgen.LogParsers;
import org.nfvperf.loadgen.LogResult;
import tech.tablesaw.api.Table;

class ThroughputTableTest {
    static LogResult log(String name) throws IOException {
        try (InputStream in = ThroughputTableTest.class.getResourceAsStream("/logs/" + name)) {
            return LogParsers.parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static ThroughputRow row(String file, String tool, int frame, double tx, double rx) {
        return new ThroughputRow(file, tool, "0", frame, 10, tx, rx, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, 10);
    }

    @Test
    void generatorRowsAndAllPortsLoss() throws IOException {
        List<ThroughputRow> rows = ThroughputRow.of(log("moongen-libmoon.log"), LinkSpeed.G10, 0);
        assertEquals(List.of("0", "1", "all"), rows.stream().map(ThroughputRow::port).toList());
        ThroughputRow all = rows.get(2);
        assertEquals(100.0 * (61_906_052 - 38_922_464) / 61_906_052, all.lossPercent(), 1e-9);
        assertEquals(Double.NaN, rows.get(0).lossPercent());
        assertEquals(14.88e6, rows.get(0).txPps(), 1e-6);
        assertEquals(14.88e6 * 64 * 8 / 1e9, rows.get(0).txGbpsL2(), 1e-9);
        assertEquals(100 * 14.88e6 / (1e10 / 672), rows.get(0).lineRatePercent(), 1e-9);
        assertEquals(4, all.samples());
    }

    @Test
    void dataplaneLossIsReceivedButNotSent() throws IOException {
        List<ThroughputRow> rows = ThroughputRow.of(log("bess-show-port.txt"), LinkSpeed.G10, 0);
        assertEquals(100.0 * (148_814_380 - 93_405_120) / 148_814_380, rows.get(2).lossPercent(), 1e-9);
        assertEquals(Double.NaN, rows.get(0).rxPps());
    }

    @Test
    void frameSizeOverrideAndUnknownFrame() throws IOException {
        LogResult rx = log("netmap-pkt-gen-2015-rx.log");
        ThroughputRow unknown = ThroughputRow.of(rx, LinkSpeed.G10, 0).get(0);
        assertEquals(Double.NaN, unknown.rxGbpsL1());
        assertEquals(null, unknown.toMap().get("frame_size"));
        ThroughputRow assumed = ThroughputRow.of(rx, LinkSpeed.G10, 64).get(0);
        assertEquals(64, assumed.frameSize());
        assertEquals(assumed.rxPps() * 84 * 8 / 1e9, assumed.rxGbpsL1(), 1e-12);
    }

    @Test
    void tidyTableCsvAndJson() throws IOException {
        Table t = ThroughputTable.of(ThroughputRow.of(log("netmap-pkt-gen-2016-tx.log"), LinkSpeed.G10, 0));
        assertEquals(ThroughputTable.COLUMNS, t.columnNames());
        assertEquals(1, t.rowCount());
        String csv = ThroughputTable.toCsv(t);
        assertEquals("file,tool,port,frame_size,duration_s,tx_pps,rx_pps,tx_mpps,rx_mpps,rx_gbps_l2,rx_gbps_l1,"
                + "line_rate_pct,loss_pct,samples,tx_gbps_l2,tx_gbps_l1", csv.lines().findFirst().orElseThrow());
        assertEquals("netmap-pkt-gen-2016-tx.log,netmap-pkt-gen,netmap:ix0,64,4.37,14880333.333444333,,14.880333333444332,,,,"
                + "99.99584000074591,,5,7.618730666723498,9.999584000074591", csv.lines().skip(1).findFirst().orElseThrow());
        String json = ThroughputTable.toJson(t);
        assertEquals(true, json.contains("\"tx_pps\" : 14880333.333444333"), json);
        assertEquals(true, json.contains("\"rx_pps\" : null"), json);
    }

    @Test
    void pivotFrameSizeByCpu() {
        Table t = ThroughputTable.of(List.of(row("a", "x", 64, 1, 4.0e6), row("b", "x", 64, 1, 5.0e6),
                row("c", "x", 1518, 1, 0.8e6), row("d", "x", 64, 1, 9.0e6), row("e", "x", 128, 1, 8.0e6)));
        ThroughputTable.withFactor(t, "cpu_ghz", List.of("1.2", "1.2", "1.2", "2.6", "2.6"));
        Table p = ThroughputTable.pivot(t, "frame_size", "cpu_ghz", "rx_mpps");
        assertEquals(List.of("frame_size", "1.2", "2.6"), p.columnNames());
        assertEquals(List.of("64", "128", "1518"), p.stringColumn("frame_size").asList());
        assertEquals(4.5, p.doubleColumn("1.2").get(0), 1e-12);
        assertEquals(9.0, p.doubleColumn("2.6").get(0), 1e-12);
        assertEquals(true, p.doubleColumn("1.2").isMissing(1));
        assertEquals("frame_size,1.2,2.6\n64,4.5,9\n128,,8\n1518,0.8,\n", ThroughputTable.toCsv(p));
    }

    @Test
    void pivotErrors() {
        Table t = ThroughputTable.of(List.of(row("a", "x", 64, 1, 1)));
        assertEquals("Column cpu_ghz is not present in table throughput", assertThrows(IllegalArgumentException.class,
                () -> ThroughputTable.pivot(t, "frame_size", "cpu_ghz", "rx_mpps")).getMessage());
        assertEquals("Column tool of table throughput must be numeric: STRING", assertThrows(IllegalArgumentException.class,
                () -> ThroughputTable.pivot(t, "frame_size", "port", "tool")).getMessage());
        assertEquals("values must have one entry per row (1): 2", assertThrows(IllegalArgumentException.class,
                () -> ThroughputTable.withFactor(t, "cpu_ghz", List.of("1", "2"))).getMessage());
    }

    @Test
    void trialOfTwoWriterLogsCombines() {
        StringBuilder tx = new StringBuilder();
        StringBuilder rx = new StringBuilder();
        org.nfvperf.loadgen.PktGenLogWriter wt = new org.nfvperf.loadgen.PktGenLogWriter(tx,
                org.nfvperf.loadgen.Direction.TX, "veth0", 128);
        org.nfvperf.loadgen.PktGenLogWriter wr = new org.nfvperf.loadgen.PktGenLogWriter(rx,
                org.nfvperf.loadgen.Direction.RX, "veth1", 128);
        wt.header();
        wr.header();
        for (int i = 0; i < 5; i++) {
            wt.report(1_000_000_000L, 8_000_000);
            wr.report(1_000_000_000L, 7_960_000);
        }
        wt.summary(40_000_000, 5_000_000_000L);
        wr.summary(39_800_000, 5_000_000_000L);
        ThroughputRow r = ThroughputRow.ofMeasurement("trial-1", List.of(LogParsers.parse("gen-tx.log", tx.toString()),
                LogParsers.parse("gen-rx.log", rx.toString())), LinkSpeed.G10, 0);
        assertEquals("trial-1", r.file());
        assertEquals("all", r.port());
        assertEquals(128, r.frameSize());
        assertEquals(8e6, r.txPps(), 1e-6);
        assertEquals(7.96e6, r.rxPps(), 1e-6);
        assertEquals(0.5, r.lossPercent(), 1e-12);
        assertEquals(5.0, r.durationS(), 0.0);
        assertEquals(7.96e6 * 148 * 8 / 1e9, r.rxGbpsL1(), 1e-12);
        assertEquals(100 * 7.96e6 / (1e10 / (148 * 8)), r.lineRatePercent(), 1e-9);
    }
}
