package org.nfvperf.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfvperf.figures.Figure;
import tech.tablesaw.api.Table;

/** The front door on the sample artifacts of data/samples. */
class ApiTest {
    private static final Path SAMPLES = Path.of("data/samples");

    private static LinkedHashMap<String, Path> taps() {
        LinkedHashMap<String, Path> taps = new LinkedHashMap<>();
        for (String t : List.of("gen", "dut1_in", "dut1_out", "sink")) {
            taps.put(t, SAMPLES.resolve("netns-l3fwd/tap-" + t + ".pcap"));
        }
        return taps;
    }

    @Test
    void latencyTableHasOneRowPerSegmentAndEndToEndInMicros() throws Exception {
        Latency.Result r = Latency.taps(taps());
        Table t = r.toTable();
        assertEquals(List.of("segment", "matched", "lost", "loss_pct", "min_us", "mean_us", "p50_us", "p99_us", "p999_us", "max_us"),
                t.columnNames());
        assertEquals(List.of("gen → dut1_in", "dut1_in → dut1_out", "dut1_out → sink", "end to end"), t.stringColumn("segment").asList());
        assertEquals(r.endToEnd().meanNanos() / 1e3, t.doubleColumn("mean_us").get(3), 1e-9);
        double sumOfSegments = r.segments().stream().mapToDouble(s -> s.meanNanos()).sum();
        assertEquals(r.endToEnd().meanNanos(), sumOfSegments, r.endToEnd().meanNanos() * 0.05, "segments add up to end to end");
        Figure f = Figures.latency(r);
        assertEquals(1, f.panels().size());
        assertThrows(IllegalArgumentException.class, () -> Latency.taps(new LinkedHashMap<>()));
    }

    @Test
    void throughputTableAndSamplesFromLogFolders() throws Exception {
        Throughput.Result r = Throughput.logs("10G", SAMPLES.resolve("logs"));
        Table t = r.toTable();
        assertEquals(r.rows().size(), t.rowCount());
        assertEquals(List.of("file", "tool", "port", "frame_size", "tx_mpps", "rx_mpps", "rx_gbps_l1", "line_rate_pct", "loss_pct", "samples"),
                t.columnNames());
        for (int i = 0; i < t.rowCount(); i++) {
            assertEquals(r.rows().get(i).rxPps() / 1e6, t.doubleColumn("rx_mpps").getDouble(i), 1e-12);
        }
        Table samples = r.samples();
        assertEquals(r.logs().stream().mapToInt(l -> l.series().stream().mapToInt(s -> s.samples().size()).sum()).sum(), samples.rowCount());
        Figure f = Figures.rateOverTime(r);
        assertEquals(samples.stringColumn("file").unique().size(), f.panels().size(), "one panel per log");
    }

    @Test
    void footersNameTheFilesShortly() {
        assertEquals(List.of("x.pcap", "y.pcap in /a/c"), Figures.shortNames(List.of("/a/b/../c/x.pcap", "/a/c/y.pcap")));
        assertEquals(List.of("/a/x.pcap", "/b/y.pcap"), Figures.shortNames(List.of("/a/x.pcap", "/b/y.pcap")));
        assertEquals(List.of("tap-gen.pcap", "tap-sink.pcap in data/samples/netns-l3fwd"),
                Figures.shortNames(List.of("data/samples/netns-l3fwd/tap-gen.pcap",
                        Path.of("data/samples/netns-l3fwd/tap-sink.pcap").toAbsolutePath().toString())));
    }

    @Test
    void lineRateAndCaptures() throws Exception {
        Table line = Throughput.lineRate("10G", 64, 1500);
        assertEquals(14.880952, line.doubleColumn("line_rate_mpps").get(0), 1e-6);
        Table caps = Captures.summary(taps());
        assertEquals(4, caps.rowCount());
        assertTrue(caps.longColumn("packets").get(0) > 0);
    }
}
