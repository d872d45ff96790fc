package org.nfvperf.throughput;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RFC 2544 §26.1 throughput search by binary search, for the no-drop rate (NDR: zero loss) and
 * partial-drop rates (PDR: loss ratio at most a bound such as 0.5%), over any {@link RateTrial}
 * a runner supplies. Stateless and thread-safe; the search itself runs trials one at a time.
 *
 * <p>Algorithm: try {@code maxPps} first; if it passes, that is the result. Otherwise keep the
 * interval (highest pass, lowest fail), starting with ({@code minPps}, {@code maxPps}), and
 * try its midpoint until the interval is narrower than {@code resolutionPps}. A rate passes
 * only when all {@code repetitions} trials at it lose at most {@code lossRatio} of what they
 * sent (a failing repetition ends that rate early). If the lower end was never tested (nothing
 * passed), the result is 0. At most {@code 1 + ceil(log2((max − min) / resolution))} rates
 * are tried.
 *
 * <pre>{@code
 * SearchResult ndr = RateSearch.search(runnerTrial, SearchSettings.ndr(Ethernet.linePps(LinkSpeed.G10, 64)));
 * SearchResult pdr = RateSearch.search(runnerTrial, ndr.settings().withLossRatio(0.005));
 * }</pre>
 */
public final class RateSearch {
    private RateSearch() {
    }

    /**
     * Runs the search.
     *
     * @throws SearchFailedException when a trial throws; it carries the trace up to then and the
     *                               trial's exception as its cause
     */
    public static SearchResult search(RateTrial trial, SearchSettings settings) throws SearchFailedException {
        List<SearchStep> trace = new ArrayList<>();
        try {
            return search(trial, settings, trace);
        } catch (Exception e) {
            throw new SearchFailedException("trial " + (trace.size() + 1) + " of the search failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), trace, e);
        }
    }

    private static SearchResult search(RateTrial trial, SearchSettings settings, List<SearchStep> trace) throws Exception {
        int iteration = 1;
        Optional<TrialOutcome> top = attempt(trial, settings, settings.maxPps(), iteration, trace);
        if (top.isPresent()) {
            return new SearchResult(settings, settings.maxPps(), top, trace);
        }
        double lo = settings.minPps();
        double hi = settings.maxPps();
        double best = 0;
        Optional<TrialOutcome> bestOutcome = Optional.empty();
        while (hi - lo >= settings.resolutionPps()) {
            double mid = lo + (hi - lo) / 2;
            Optional<TrialOutcome> o = attempt(trial, settings, mid, ++iteration, trace);
            if (o.isPresent()) {
                lo = mid;
                best = mid;
                bestOutcome = o;
            } else {
                hi = mid;
            }
        }
        return new SearchResult(settings, best, bestOutcome, trace);
    }

    /** Runs the repetitions at one rate; the worst outcome when all pass, empty otherwise. */
    private static Optional<TrialOutcome> attempt(RateTrial trial, SearchSettings settings, double pps,
                                                  int iteration, List<SearchStep> trace) throws Exception {
        TrialOutcome worst = null;
        for (int rep = 1; rep <= settings.repetitions(); rep++) {
            TrialOutcome o = trial.run(pps, settings.trialNanos());
            if (o == null) {
                throw new IllegalStateException("trial returned no outcome at " + pps + " pps, repetition " + rep);
            }
            boolean pass = o.lossRatio() <= settings.lossRatio();
            trace.add(new SearchStep(iteration, pps, rep, o, pass));
            if (!pass) {
                return Optional.empty();
            }
            if (worst == null || o.lossRatio() > worst.lossRatio()) {
                worst = o;
            }
        }
        return Optional.of(worst);
    }

    /**
     * A trial failed during a search; {@link #trace()} keeps the trials that completed. Not
     * thread-safe to mutate (it is not mutated after construction).
     *
     * <pre>{@code
     * try { RateSearch.search(trial, settings); }
     * catch (RateSearch.SearchFailedException e) { save(e.trace()); throw e; }
     * }</pre>
     */
    public static final class SearchFailedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<SearchStep> trace;

        SearchFailedException(String message, List<SearchStep> trace, Throwable cause) {
            super(message, cause);
            this.trace = List.copyOf(trace);
        }

        /** The trials completed before the failure, in order. */
        public List<SearchStep> trace() {
            return trace;
        }
    }
}
