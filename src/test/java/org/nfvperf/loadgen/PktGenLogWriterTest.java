package org.nfvperf.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PktGenLogWriterTest {
    @Test
    void writesTheDocumentedLines() {
        StringBuilder sb = new StringBuilder();
        PktGenLogWriter w = new PktGenLogWriter(sb, Direction.TX, "veth0", 64);
        w.header();
        w.report(1_000_000_000L, 14_880_952);
        w.report(1_000_000_000L, 14_880_952);
        w.summary(29_761_904, 2_000_000_000L);
        assertEquals("""
                Sending on veth0: 1 queues, 1 threads and 1 cpus.
                001.000000 main_thread [2781] 14880952 pps (14880952 pkts 7142856960 bps in 1000000 usec) 512.00 avg_batch 99999 min_space
                002.000000 main_thread [2781] 14880952 pps (14880952 pkts 7142856960 bps in 1000000 usec) 512.00 avg_batch 99999 min_space
                Sent 29761904 packets 1785714240 bytes 58129 events 60 bytes each in 2.00 seconds.
                Speed: 14880952 pps Bandwidth: 7142856960 bps (raw 9999999744 bps). Average batch: 512.00 pkts
                """, sb.toString());
    }

    @ParameterizedTest
    @CsvSource({"TX, 64, 14880952", "RX, 1518, 812743", "RX, 128, 0"})
    void roundTripsThroughTheParser(Direction direction, int frameSize, long packetsPerSecond) {
        StringBuilder sb = new StringBuilder();
        PktGenLogWriter w = new PktGenLogWriter(sb, direction, "veth1", frameSize);
        w.header();
        for (int i = 0; i < 4; i++) {
            w.report(1_000_000_000L, packetsPerSecond);
        }
        w.report(250_000_000L, packetsPerSecond / 4);
        w.summary(4 * packetsPerSecond + packetsPerSecond / 4, 4_250_000_000L);
        LogResult r = LogParsers.parse("gen.log", sb.toString());
        assertEquals(packetsPerSecond == 0 ? 0 : frameSize, r.frameSizeBytes());
        assertEquals(List.of("veth1"), r.ports());
        RateSeries s = r.series("veth1", direction).orElseThrow();
        assertEquals(5, s.samples().size());
        assertEquals(packetsPerSecond, s.summary().meanPps(), 1e-6);
        assertEquals(3, s.summary().keptSamples());
        long total = 4 * packetsPerSecond + packetsPerSecond / 4;
        PortTotals expected = packetsPerSecond == 0 ? new PortTotals("veth1", direction, 0, 0, -1)
                : new PortTotals("veth1", direction, total, total * frameSize, 4_250_000_000L);
        assertEquals(expected, r.totals("veth1", direction).orElseThrow());
    }

    @Test
    void rejectsBadArguments() {
        StringBuilder sb = new StringBuilder();
        assertEquals("frameSizeBytes must be in 64..16384: 60", assertThrows(IllegalArgumentException.class,
                () -> new PktGenLogWriter(sb, Direction.TX, "veth0", 60)).getMessage());
        assertEquals("port must be non-empty without white space: 'a b'", assertThrows(IllegalArgumentException.class,
                () -> new PktGenLogWriter(sb, Direction.TX, "a b", 64)).getMessage());
        PktGenLogWriter w = new PktGenLogWriter(sb, Direction.TX, "veth0", 64);
        assertEquals("intervalNanos must be >= 10000000 (10 ms): 9999999", assertThrows(IllegalArgumentException.class,
                () -> w.report(9_999_999L, 1)).getMessage());
    }
}
