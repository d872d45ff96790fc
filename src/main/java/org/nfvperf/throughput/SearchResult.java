package org.nfvperf.throughput;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of an NDR/PDR search. Immutable and thread-safe.
 *
 * <p>{@code ratePps} is the highest offered rate at which every repetition passed, or 0 when no
 * rate at or above {@code settings.minPps()} passed. {@code best} is the worst repetition (the
 * highest loss) at that rate, whose {@code rxPps()} is the throughput to report.
 *
 * <pre>{@code
 * SearchResult r = RateSearch.search(trial, SearchSettings.ndr(14_880_952));
 * System.out.printf("NDR %.3f Mpps after %d trials%n", r.ratePps() / 1e6, r.trace().size());
 * }</pre>
 *
 * @param settings   what was searched for
 * @param ratePps    the highest passing offered rate, 0 when none passed
 * @param best       the worst repetition at {@code ratePps}, empty when none passed
 * @param trace      every trial in the order run
 */
public record SearchResult(SearchSettings settings, double ratePps, Optional<TrialOutcome> best, List<SearchStep> trace) {
    public SearchResult {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(best, "best");
        trace = List.copyOf(trace);
        if (!(ratePps >= 0)) {
            throw new IllegalArgumentException("ratePps must be >= 0: " + ratePps);
        }
    }

    /** Whether some rate passed. */
    public boolean found() {
        return best.isPresent();
    }

    /** Number of distinct rates tried. */
    public int iterations() {
        return trace.isEmpty() ? 0 : trace.get(trace.size() - 1).iteration();
    }
}
