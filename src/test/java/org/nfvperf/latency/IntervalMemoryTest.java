package org.nfvperf.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** {@code --interval 1ms} with a 1 s window keeps a thousand intervals open per segment: they must be small. */
class IntervalMemoryTest {
    @Test
    void aThousandOpenIntervalsTakeLittleMemory() {
        LatencyStats s = new LatencyStats(1_000_000L);
        Histogram full = new Histogram(LatencyStats.SIGNIFICANT_DIGITS);
        long t0 = 1_700_000_000_000_000_000L;
        for (int i = 0; i < 1000; i++) {
            for (int j = 0; j < 100; j++) {
                // mostly 20 us, a few up to 0.5 s: the range a dense histogram must span
                long delay = j == 99 ? 500_000_000L : 20_000 + j;
                s.record(delay, t0 + i * 1_000_000L + j);
                if (i == 0) {
                    full.recordValue(delay);
                }
            }
        }
        assertEquals(1000, s.openIntervals());
        long packed = s.openIntervalFootprintBytes();
        long dense = 1000L * full.getEstimatedFootprintInBytes();
        assertTrue(packed < 8L << 20, "packed " + packed + " bytes");
        assertTrue(dense > 10 * packed, "dense " + dense + " vs packed " + packed);
        s.closeAllIntervals();
        assertEquals(1000, s.intervals().size());
        assertEquals(20_049, s.intervals().get(0).p50Nanos(), 20);
    }
}
