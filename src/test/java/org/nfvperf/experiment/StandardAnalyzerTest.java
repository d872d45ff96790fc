package org.nfvperf.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfvperf.util.InputException;

/**
 * The standard analysis over real artifacts: netmap pkt-gen logs and tcpdump captures of a
 * three-hop namespace path (fixtures of the loadgen and latency packages). The expected numbers are
 * those of {@code nfvperf throughput --json} and {@code nfvperf latency --json} on the same files.
 */
class StandardAnalyzerTest {
    static final Path LOGS = Path.of("src/test/resources/logs");
    static final Path CAPTURES = Path.of("src/test/resources/latency");

    @TempDir
    Path dir;

    private void copy(Path from, String to) throws Exception {
        Files.copy(from, dir.resolve(to));
    }

    private static Trial trial(Map<String, String> factors, List<String> taps) {
        return new Trial("t", "0000000000000001", factors, "10G", 1, 1, taps, 1000);
    }

    @Test
    void throughputAndLatencyAsTheCommandsGiveThem() throws Exception {
        copy(LOGS.resolve("netmap-pkt-gen-2016-tx.log"), "gen-tx.log");
        copy(LOGS.resolve("netmap-pkt-gen-2015-rx.log"), "gen-rx.log");
        copy(CAPTURES.resolve("probe-a0.pcap"), "tap-a.pcap");
        copy(CAPTURES.resolve("probe-r1.pcap"), "tap-r.pcap");
        copy(CAPTURES.resolve("probe-b0.pcap"), "tap-b.pcap");
        TrialMetrics m = new StandardAnalyzer().analyze(trial(Map.of("frame_size", "64"), List.of("a", "r", "b")), dir);

        TrialMetrics.Throughput t = m.throughput();
        assertEquals(14.880333333444332, t.txMpps(), 1e-12);
        assertEquals(8.446295151144007, t.rxMpps(), 1e-12);
        assertEquals(8.446295151144007e6 * 64 * 8 / 1e9, t.rxGbpsL2(), 1e-12);
        assertEquals(8.446295151144007e6 * 84 * 8 / 1e9, t.rxGbpsL1(), 1e-12);
        assertEquals(100 * 8.446295151144007e6 / (10e9 / (84 * 8)), t.lineRatePercent(), 1e-9);
        // "Sent 57716304 packets" and "Received 25364080 packets"
        assertEquals(100.0 * (57716304 - 25364080) / 57716304, t.lossPercent(), 1e-12);

        assertEquals(new TrialMetrics.Latency(6002, 14896.8, 14287, 32479, 42359), m.endToEnd());
        assertEquals(List.of(
                new TrialMetrics.Segment("a", "r", new TrialMetrics.Latency(5340, 13160.685, 12647, 30959, 39614)),
                new TrialMetrics.Segment("r", "b", new TrialMetrics.Latency(601, 1736.115, 1663, 3287, 12123))),
                m.segments());
    }

    @Test
    void withoutTwoTapsLatencyIsEmpty() throws Exception {
        copy(LOGS.resolve("netmap-pkt-gen-2016-tx.log"), "gen-tx.log");
        copy(LOGS.resolve("netmap-pkt-gen-2016-tx.log"), "gen-rx.log");
        InputException ex = assertThrows(InputException.class,
                () -> new StandardAnalyzer().analyze(trial(Map.of(), List.of("a")), dir));
        assertEquals(dir.resolve("gen-rx.log") + ": no receive rate in the receiver log", ex.getMessage());
        Files.copy(LOGS.resolve("netmap-pkt-gen-2015-rx.log"), dir.resolve("gen-rx.log"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        TrialMetrics m = new StandardAnalyzer().analyze(trial(Map.of(), List.of("a")), dir);
        assertEquals(TrialMetrics.Latency.NONE, m.endToEnd());
        assertEquals(List.of(), m.segments());
        // frame size from the tx log (60 bytes + FCS) when the spec has none
        assertEquals(8.446295151144007e6 * 64 * 8 / 1e9, m.throughput().rxGbpsL2(), 1e-12);
    }

    @Test
    void missingArtifactsAreNamed() throws Exception {
        copy(LOGS.resolve("netmap-pkt-gen-2016-tx.log"), "gen-tx.log");
        NoSuchFileException ex = assertThrows(NoSuchFileException.class,
                () -> new StandardAnalyzer().analyze(trial(Map.of(), List.of()), dir));
        assertEquals(dir.resolve("gen-rx.log").toString(), ex.getMessage());
        copy(LOGS.resolve("netmap-pkt-gen-2015-rx.log"), "gen-rx.log");
        copy(CAPTURES.resolve("probe-a0.pcap"), "tap-a.pcap");
        NoSuchFileException tap = assertThrows(NoSuchFileException.class,
                () -> new StandardAnalyzer().analyze(trial(Map.of(), List.of("a", "b")), dir));
        assertEquals(dir.resolve("tap-b.pcap").toString(), tap.getMessage());
        Files.writeString(dir.resolve("gen-rx.log"), "hello\n");
        InputException bad = assertThrows(InputException.class,
                () -> new StandardAnalyzer().analyze(trial(Map.of(), List.of()), dir));
        assertTrue(bad.getMessage().startsWith(dir.resolve("gen-rx.log") + ": unrecognised log format"), bad.getMessage());
    }

    @Test
    void aMixSetsTheFrameSizeOfGbpsAndLineRate() throws Exception {
        copy(LOGS.resolve("netmap-pkt-gen-2016-tx.log"), "gen-tx.log");
        copy(LOGS.resolve("netmap-pkt-gen-2015-rx.log"), "gen-rx.log");
        TrialMetrics m = new StandardAnalyzer().analyze(trial(Map.of("mix", "imix"), List.of()), dir);
        double imixBytes = (7 * 64 + 4 * 594 + 1518) / 12.0;
        assertEquals(8.446295151144007e6 * imixBytes * 8 / 1e9, m.throughput().rxGbpsL2(), 1e-9);
        assertEquals(100 * 8.446295151144007e6 / (10e9 / ((imixBytes + 20) * 8)), m.throughput().lineRatePercent(), 1e-9);
        assertEquals(10e9 / ((imixBytes + 20) * 8) / 1e6, trial(Map.of("mix", "imix"), List.of()).offeredMpps(), 1e-12);
    }
}
