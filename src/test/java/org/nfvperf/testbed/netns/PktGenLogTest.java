package org.nfvperf.testbed.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PktGenLogTest {
    @TempDir
    Path dir;

    @Test
    void writesPktGenIntervalAndSummaryLines() throws Exception {
        Path f = dir.resolve("gen-tx.log");
        try (PktGenLog log = new PktGenLog(f)) {
            // 2026-11-26T00:52:52.621940995Z -> seconds mod 1000 = 372 (epoch 1795654372)
            log.interval(1_795_654_372_621_940_995L, 20_001, 20_001L * 124, 1_000_058);
            log.summary("Sent", 40_000, 40_000L * 124, 2.0);
        }
        assertEquals(List.of(
                "372.621940 main_thread [2639] 20.000 Kpps (20.001 Kpkts 19.841 Mbps in 1000058 usec) 1.00 avg_batch 0 min_space",
                "Sent 40000 packets 4960000 bytes 40000 events 124 bytes each in 2.00 seconds.",
                "Speed: 20.000 Kpps Bandwidth: 19.840 Mbps (raw 19.840 Mbps). Average batch: 1.00 pkts"),
                Files.readAllLines(f));
    }

    @Test
    void nothingReceivedIsPktGensNothingLine() throws Exception {
        Path f = dir.resolve("gen-rx.log");
        try (PktGenLog log = new PktGenLog(f)) {
            log.summary("Received", 0, 0, 0);
        }
        assertEquals(List.of("Received nothing."), Files.readAllLines(f));
    }

    @Test
    void zeroIntervalIsRejected() throws Exception {
        try (PktGenLog log = new PktGenLog(dir.resolve("x.log"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> log.interval(0, 1, 1, 0));
            assertEquals("intervalMicros must be > 0: 0", e.getMessage());
        }
    }

    @ParameterizedTest
    @CsvSource({"0, '0.000 '", "999.4, '999.400 '", "1000, '1.000 K'", "14880000, '14.880 M'", "2.5e9, '2.500 G'", "7e15, '7000.000 T'"})
    void normalisesLikePktGen(double value, String expected) {
        assertEquals(expected, PktGenLog.norm(value));
    }
}
