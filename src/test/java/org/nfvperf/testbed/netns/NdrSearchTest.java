package org.nfvperf.testbed.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NdrSearchTest {
    /** A dataplane that forwards everything up to capacityPps and drops the excess; a generator capped at genMaxPps. */
    private static NdrSearch.TrialFunction dataplane(double capacityPps, double genMaxPps) {
        return rate -> {
            double offered = Math.min(rate, genMaxPps);
            long sent = Math.round(offered);
            long received = Math.round(Math.min(offered, capacityPps));
            return new TrialOutcome("p-", sent, 1.0, received, received, 0, Map.of());
        };
    }

    @ParameterizedTest
    @CsvSource({"123456, 10000, 400000", "20000, 10000, 400000", "399000, 10000, 400000"})
    void findsCapacityWithinResolution(double capacity, double low, double high) throws Exception {
        NdrSearch.Result r = NdrSearch.search(dataplane(capacity, 1e9), low, high, 0.05, 0);
        assertTrue(r.ndrPps() <= capacity, r.ndrPps() + " <= " + capacity);
        assertTrue(r.ndrPps() >= capacity / 1.05, r.ndrPps() + " >= " + capacity / 1.05);
        assertFalse(r.capped());
        assertTrue(r.steps().size() <= NdrSearch.MAX_STEPS);
    }

    @Test
    void capThatPassesEndsTheSearchAtOnce() throws Exception {
        NdrSearch.Result r = NdrSearch.search(dataplane(1e7, 1e9), 10_000, 400_000, 0.05, 0);
        assertEquals(400_000, r.ndrPps());
        assertTrue(r.capped());
        assertEquals(1, r.steps().size());
    }

    @Test
    void floorThatLosesGivesZero() throws Exception {
        NdrSearch.Result r = NdrSearch.search(dataplane(5_000, 1e9), 10_000, 400_000, 0.05, 0);
        assertEquals(0, r.ndrPps());
        assertEquals(2, r.steps().size());
    }

    @Test
    void generatorThatCannotOfferTheRateDoesNotPass() throws Exception {
        NdrSearch.Result r = NdrSearch.search(dataplane(1e7, 100_000), 10_000, 400_000, 0.05, 0);
        // passes only while the generator reaches 98% of the offered rate: NDR in [100000 / 1.05, 100000 / 0.98]
        assertTrue(r.ndrPps() <= 100_000 / NdrSearch.OFFERED_FRACTION && r.ndrPps() >= 100_000 / 1.05, "" + r.ndrPps());
        NdrSearch.Step top = r.steps().get(0);
        assertTrue(top.generatorLimited());
        assertEquals(0.0, top.outcome().lossPct());
        assertFalse(top.passed());
    }

    @Test
    void lossToleranceLetsSmallLossPass() throws Exception {
        NdrSearch.Result r = NdrSearch.search(dataplane(100_000, 1e9), 10_000, 100_500, 0.05, 1.0);
        assertEquals(100_500, r.ndrPps());
    }

    @Test
    void argumentsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NdrSearch.search(dataplane(1, 1), 10, 5, 0.05, 0));
        assertEquals("rates must satisfy 0 < low < high: low=10.0 high=5.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NdrSearch.search(dataplane(1, 1), 1, 5, 1.5, 0));
        assertEquals("resolution must be in (0, 1): 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NdrSearch.search(dataplane(1, 1), 1, 5, 0.05, 100));
        assertEquals("lossTolerancePct must be in [0, 100): 100.0", e.getMessage());
    }
}
