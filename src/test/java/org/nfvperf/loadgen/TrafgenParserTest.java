package org.nfvperf.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nfvperf.util.InputException;

class TrafgenParserTest {
    @Test
    void oneCpuRunGivesTotalsRateAndFrameSize() throws Exception {
        LogResult r = LogParsers.parse(Path.of("data", "samples", "logs", "trafgen-64B-200kpps.log"));
        assertEquals("trafgen", r.tool());
        assertEquals(64, r.frameSizeBytes());
        PortTotals t = r.totals().get(0);
        assertEquals(Direction.TX, t.direction());
        assertEquals(400_000, t.packets());
        assertEquals(400_000L * 64, t.bytes());
        assertEquals(2_754_589_000L, t.durationNanos());
        assertEquals(400_000 / 2.754589, r.series().get(0).samples().get(0).pps(), 1e-6);
    }

    @Test
    void cpusSendInParallelSoTheLongestTimeCounts() throws Exception {
        LogResult r = LogParsers.parse(Path.of("data", "samples", "logs", "trafgen-2cpus.log"));
        assertEquals(100_000, r.totals().get(0).packets());
        assertEquals(231_487_000L, r.totals().get(0).durationNanos());
        assertEquals(78, r.frameSizeBytes());
    }

    @Test
    void mixedTemplateSizesLeaveTheFrameSizeUnknown() {
        String text = "      3 packets outgoing\n      200 bytes outgoing\n      0 sec, 10 usec on CPU0 (3 packets)\n";
        assertEquals(0, LogParsers.parse("m.log", text).frameSizeBytes());
    }

    @Test
    void perCpuCountsMustAddUpToTheTotal() {
        String text = "      10 packets outgoing\n      600 bytes outgoing\n      0 sec, 10 usec on CPU0 (4 packets)\n"
                + "      0 sec, 12 usec on CPU1 (5 packets)\n";
        assertEquals("t.log: trafgen log: the per-CPU lines count 9 packets but the total says 10",
                assertThrows(InputException.class, () -> LogParsers.parse("t.log", text)).getMessage());
    }

    @Test
    void microsecondsBeyondASecondAreRefusedWithTheLine() {
        String text = "      1 packets outgoing\n      60 bytes outgoing\n      0 sec, 1000000 usec on CPU0 (1 packets)\n";
        assertEquals("t.log:3: trafgen log: 1000000 usec is not a fraction of a second (expected 0..999999)",
                assertThrows(InputException.class, () -> LogParsers.parse("t.log", text)).getMessage());
    }
}
