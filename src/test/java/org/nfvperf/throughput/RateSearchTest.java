package org.nfvperf.throughput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateSearchTest {
    /** A dataplane that forwards up to {@code capacityPps} and drops the excess, with a loss floor. */
    static RateTrial dataplane(double capacityPps, double baseLossRatio) {
        return (pps, nanos) -> {
            long tx = Math.round(pps * nanos / 1e9);
            long fwd = Math.min(tx, Math.round(capacityPps * nanos / 1e9));
            long rx = Math.round(fwd * (1 - baseLossRatio));
            return new TrialOutcome(pps, tx, rx, nanos);
        };
    }

    @Test
    void ndrWithinResolutionOfCapacity() throws Exception {
        SearchSettings s = SearchSettings.ndr(14_880_952).withTrialNanos(1_000_000_000L);
        SearchResult r = RateSearch.search(dataplane(9_340_000, 0), s);
        assertTrue(r.found());
        assertTrue(r.ratePps() <= 9_340_000 && r.ratePps() > 9_340_000 - s.resolutionPps(), "ndr " + r.ratePps());
        // one trial at max, then ceil(log2(14880952 / 14880.952)) = 10 halvings
        assertEquals(11, r.iterations());
        assertEquals(11, r.trace().size());
        assertEquals(14_880_952, r.trace().get(0).offeredPps(), 0.0);
        assertEquals(false, r.trace().get(0).pass());
        assertEquals(14_880_952 / 2.0, r.trace().get(1).offeredPps(), 0.0);
        assertEquals(r.ratePps(), r.best().orElseThrow().offeredPps(), 0.0);
        assertEquals(0.0, r.best().orElseThrow().lossRatio(), 0.0);
    }

    @Test
    void passingAtMaxStopsAfterOneRate() throws Exception {
        SearchResult r = RateSearch.search(dataplane(20e6, 0), SearchSettings.ndr(14_880_952).withRepetitions(3));
        assertEquals(14_880_952, r.ratePps(), 0.0);
        assertEquals(1, r.iterations());
        assertEquals(3, r.trace().size());
    }

    @ParameterizedTest
    @CsvSource({"0.0, 0.0", "0.005, 0.004"})
    void pdrAllowsTheLossRatio(double lossRatio, double baseLoss) throws Exception {
        SearchSettings s = SearchSettings.ndr(10e6).withLossRatio(lossRatio).withResolutionPps(1000).withTrialNanos(1_000_000_000L);
        SearchResult r = RateSearch.search(dataplane(5e6, baseLoss), s);
        // passes while (1 - (1-base)*5e6/pps) <= ratio, i.e. pps <= (1-base)*5e6/(1-ratio)
        double limit = (1 - baseLoss) * 5e6 / (1 - lossRatio);
        assertTrue(r.ratePps() <= limit && r.ratePps() > limit - 1000, r.ratePps() + " vs " + limit);
    }

    @Test
    void lossEverywhereFindsNothing() throws Exception {
        SearchResult r = RateSearch.search(dataplane(1e6, 0.01), SearchSettings.ndr(10e6).withResolutionPps(1e6));
        assertEquals(false, r.found());
        assertEquals(0.0, r.ratePps(), 0.0);
        assertEquals(5, r.trace().size());
    }

    @Test
    void aFailingRepetitionFailsTheRate() throws Exception {
        int[] calls = {0};
        RateTrial flaky = (pps, nanos) -> {
            calls[0]++;
            long tx = 1000;
            return new TrialOutcome(pps, tx, calls[0] == 2 ? 999 : 1000, nanos);
        };
        SearchResult r = RateSearch.search(flaky, SearchSettings.ndr(1000).withRepetitions(3).withResolutionPps(400));
        assertEquals(List.of(true, false, true, true, true, true, true, true),
                r.trace().stream().map(SearchStep::pass).toList());
        assertEquals(750.0, r.ratePps(), 0.0);
    }

    @Test
    void failingTrialKeepsTheTrace() {
        int[] calls = {0};
        RateTrial broken = (pps, nanos) -> {
            if (++calls[0] == 3) {
                throw new IOException("generator died");
            }
            return new TrialOutcome(pps, 100, 0, nanos);
        };
        RateSearch.SearchFailedException e = assertThrows(RateSearch.SearchFailedException.class,
                () -> RateSearch.search(broken, SearchSettings.ndr(1000)));
        assertEquals("trial 3 of the search failed: generator died", e.getMessage());
        assertEquals(2, e.trace().size());
        assertEquals(IOException.class, e.getCause().getClass());
    }

    @Test
    void settingsValidate() {
        assertEquals("lossRatio must be in 0..1: 1.5", assertThrows(IllegalArgumentException.class,
                () -> SearchSettings.ndr(1).withLossRatio(1.5)).getMessage());
        assertEquals("minPps must be in 0..1.0: 2.0", assertThrows(IllegalArgumentException.class,
                () -> SearchSettings.ndr(1).withMinPps(2)).getMessage());
        assertEquals("repetitions must be >= 1: 0", assertThrows(IllegalArgumentException.class,
                () -> SearchSettings.ndr(1).withRepetitions(0)).getMessage());
    }
}
