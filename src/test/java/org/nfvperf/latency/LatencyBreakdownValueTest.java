package org.nfvperf.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A {@link LatencyBreakdown} is an immutable value: nothing reachable from it changes it. */
class LatencyBreakdownValueTest {
    private static LatencyStats stats(long... delays) {
        LatencyStats s = new LatencyStats();
        for (long d : delays) {
            s.record(d, 0);
        }
        return s;
    }

    private static LatencyBreakdown breakdown(LatencyStats seg, LatencyStats e2e, List<String> warnings) {
        List<TapSummary> taps = List.of(new TapSummary("in", null, null, 3, 3, 0, 0, null, null, 0, null, null),
                new TapSummary("out", null, null, 3, 3, 0, 0, null, null, 0, null, null));
        return new LatencyBreakdown("seq:4:6", taps, List.of(new LatencyBreakdown.Segment("in", "out", seg)), e2e, warnings);
    }

    @Test
    void theAccumulatorsItWasMadeFromNoLongerReachIt() {
        LatencyStats seg = stats(1000, 2000, 3000);
        LatencyStats e2e = stats(1000, 2000, 3000);
        List<String> warnings = new ArrayList<>(List.of("w1"));
        LatencyBreakdown b = breakdown(seg, e2e, warnings);
        String before = b.toJson();

        seg.record(1_000_000, 0);
        e2e.record(1_000_000, 0);
        warnings.add("w2");

        assertEquals(before, b.toJson());
        assertEquals(3, b.segments().get(0).stats().matched());
        assertEquals(3000, b.endToEnd().summary().maxNanos());
        assertEquals(List.of("w1"), b.warnings());
    }

    @Test
    void itsStatisticsRefuseRecordingAndAddingAndHandOutHistogramCopies() {
        LatencyBreakdown b = breakdown(stats(1000, 2000, 3000), stats(1000, 2000, 3000), List.of());
        String before = b.toJson();
        LatencyStats e2e = b.endToEnd();
        assertTrue(e2e.isFrozen());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> e2e.record(5, 0));
        assertTrue(e.getMessage().startsWith("these LatencyStats are a read-only snapshot"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> b.segments().get(0).stats().add(stats(7)));
        assertThrows(UnsupportedOperationException.class, () -> b.taps().add(b.taps().get(0)));

        e2e.histogram().recordValue(9_000_000);
        e2e.histogram().reset();
        assertEquals(3, e2e.histogram().getTotalCount());
        assertEquals(before, b.toJson());

        LatencyStats all = e2e.copy();
        all.add(stats(4000));
        assertEquals(4, all.matched());
        assertEquals(3, e2e.matched());
        assertSame(e2e, e2e.frozen(), "a snapshot is not copied again");
    }

    @Test
    void mergeStillCombinesRepetitionsIntoANewValue() {
        LatencyBreakdown a = breakdown(stats(1000, 2000, 3000), stats(1000, 2000, 3000), List.of());
        LatencyBreakdown b = breakdown(stats(5000), stats(5000), List.of("late"));
        String aBefore = a.toJson();
        LatencyBreakdown m = a.merge(b);
        assertEquals(4, m.endToEnd().matched());
        assertEquals(5000, m.segments().get(0).stats().summary().maxNanos());
        assertEquals(List.of("late"), m.warnings());
        assertEquals(aBefore, a.toJson());
        assertTrue(m.endToEnd().isFrozen() && m.segments().get(0).stats().isFrozen());
    }
}
