package org.nfvperf.testbed.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrialReportTest {

    private static TrialReport report(long... dropped) {
        Map<String, TrialReport.TapStats> taps = new LinkedHashMap<>();
        for (int i = 0; i < dropped.length; i++) {
            taps.put("dut" + i + "_in", new TrialReport.TapStats(100, 100 + dropped[i], dropped[i]));
        }
        return new TrialReport("nfvp-x", 1000, 1.0, 990, 990, 0, taps);
    }

    @Test
    void noteIsEmptyWhenNoTapDropped() {
        TrialReport r = report(0, 0);
        assertEquals(0, r.tapDroppedPackets());
        assertEquals("", r.tapDropNote());
        assertEquals(0L, r.toMap().get("taps_dropped_packets"));
    }

    @Test
    void noteNamesTheDropsSummedOverTaps() {
        TrialReport r = report(3, 0, 4);
        assertEquals(7, r.tapDroppedPackets());
        assertEquals("; taps dropped 7 packets (per-hop latency covers fewer packets than the sink counted)",
                r.tapDropNote());
        assertEquals(7L, r.toMap().get("taps_dropped_packets"));
    }
}
