package org.nfvperf.throughput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds several throughput goals in one search (NDR, PDRs, latency-bounded and queue-fill
 * variants) over any {@link RateTrial} a runner supplies, sharing every trial between the goals.
 * Stateless and thread-safe; one search runs its trials one at a time.
 *
 * <p>The rules, in the manner of FD.io CSIT's MLRsearch:
 * <ol>
 *   <li><b>Classification.</b> In a phase, a load is an <i>upper bound</i> of a goal when one of its
 *       trials at the phase's duration fails the goal ({@link SearchGoal#accepts}), and a
 *       <i>lower bound</i> when all {@code repetitions} of them pass. A trial is classified for
 *       every goal at once, whichever goal it was run for.</li>
 *   <li><b>Relevant bounds.</b> The relevant upper bound is the smallest upper bound; the relevant
 *       lower bound is the largest lower bound below it. A load that passes above a failing one
 *       (non-monotonic loss) is therefore never reported: the result is the conservative one.</li>
 *   <li><b>Phases.</b> Trials start short ({@code initialTrialNanos}) and grow geometrically to
 *       {@code finalTrialNanos}; phase {@code k} of {@code P} intermediate ones stops a goal at
 *       relative width {@code width × 2^(P−k)}, where width is {@code (upper − lower) / upper}. Only
 *       trials of the current phase's duration classify loads in it; the next phase starts by
 *       re-measuring the previous phase's bounds.</li>
 *   <li><b>Candidates.</b> The first load is {@code maxPps}. When it fails, the next is its
 *       forwarding rate (the received rate, reduced by the goal's width): a dataplane overloaded
 *       at the maximum forwards about its capacity. Then the search steps away from the bound it
 *       established last, by the goal's width doubled at each consecutive step in the same
 *       direction, never beyond the middle of the interval (so it is a bisection when far off).
 *       Loads are rounded to whole pps; a load already measured in the phase is not run again.</li>
 *   <li><b>Ends.</b> A goal is done in a phase when its interval is narrow enough, when the
 *       maximum is a lower bound, or when the minimum is an upper bound (not found).</li>
 * </ol>
 *
 * <p>Where it differs from MLRsearch (draft-ietf-bmwg-mlrsearch): no exceed ratio (every
 * repetition must pass, as in RFC 2544); loads of shorter phases do not carry over as bounds;
 * latency and queue-fill criteria are part of the goal rather than separate searches.
 *
 * <pre>{@code
 * MultiSearchResult r = MultiGoalSearch.search(trial,
 *         MultiSearchSettings.of(14_880_952, List.of(SearchGoal.ndr(), SearchGoal.pdr(0.005))));
 * r.goal("NDR").lowerPps();   // highest load meeting the NDR goal
 * r.trace().size();           // every trial, classified for every goal
 * }</pre>
 */
public final class MultiGoalSearch {
    /** A guard against a bug looping forever: far more loads than any width needs. */
    private static final int MAX_LOADS_PER_GOAL_AND_PHASE = 200;

    private MultiGoalSearch() {
    }

    /**
     * Runs the search.
     *
     * @throws RateSearch.SearchFailedException when a trial throws; it carries the trials completed
     *                                          before (as {@link SearchStep}s) and the cause
     */
    public static MultiSearchResult search(RateTrial trial, MultiSearchSettings settings)
            throws RateSearch.SearchFailedException {
        State s = new State(trial, settings);
        try {
            s.run();
        } catch (Exception e) {
            List<SearchStep> steps = new ArrayList<>();
            for (MultiSearchResult.Trial t : s.trace) {
                steps.add(new SearchStep(t.index(), t.offeredPps(), t.repetition(), t.outcome(),
                        t.passByGoal().values().stream().allMatch(Boolean::booleanValue)));
            }
            throw new RateSearch.SearchFailedException("trial " + (s.trace.size() + 1) + " of the search failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), steps, e);
        }
        return s.result();
    }

    /**
     * Runs the whole search {@code n} times (fresh trials each time) and reports every run and,
     * per goal, the spread of the lower bounds.
     */
    public static MultiSearchResult.Repeated repeat(RateTrial trial, MultiSearchSettings settings, int n)
            throws RateSearch.SearchFailedException {
        if (n < 1) {
            throw new IllegalArgumentException("search repetitions must be >= 1: " + n);
        }
        List<MultiSearchResult> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            runs.add(search(trial, settings));
        }
        return new MultiSearchResult.Repeated(runs);
    }

    /** The state of one search. */
    private static final class State {
        private final RateTrial trial;
        private final MultiSearchSettings settings;
        private final List<MultiSearchResult.Trial> trace = new ArrayList<>();
        /** Per phase: load to the trials of that phase at it. */
        private final List<TreeMap<Double, List<MultiSearchResult.Trial>>> byPhase = new ArrayList<>();
        private final Map<String, double[]> previousBounds = new LinkedHashMap<>();

        State(RateTrial trial, MultiSearchSettings settings) {
            this.trial = trial;
            this.settings = settings;
        }

        void run() throws Exception {
            for (int phase = 0; phase < settings.phases(); phase++) {
                byPhase.add(new TreeMap<>());
                for (SearchGoal g : goalsByLoss()) {
                    narrow(g, phase);
                }
                for (SearchGoal g : settings.goals()) {
                    Bounds b = bounds(g, phase);
                    previousBounds.put(g.name(), new double[] {b.lower, b.upper});
                }
            }
        }

        private List<SearchGoal> goalsByLoss() {
            List<SearchGoal> goals = new ArrayList<>(settings.goals());
            goals.sort((a, b) -> Double.compare(a.lossRatio(), b.lossRatio()));
            return goals;
        }

        private void narrow(SearchGoal g, int phase) throws Exception {
            double width = settings.phaseWidth(g, phase);
            double[] hint = previousBounds.get(g.name());
            int stepsUp = 0;
            int stepsDown = 0;
            Boolean lastPassed = null;
            boolean usedForwardingHint = false;
            int rounds = 0;
            while (true) {
                Bounds b = bounds(g, phase);
                if (b.lower >= settings.maxPps()) {
                    return;                                   // the maximum meets the goal
                }
                if (!Double.isNaN(b.upper) && b.upper <= settings.minPps()) {
                    return;                                   // even the minimum fails: not found
                }
                if (!Double.isNaN(b.lower) && !Double.isNaN(b.upper) && (b.upper - b.lower) / b.upper <= width) {
                    return;
                }
                double candidate;
                if (hint != null && Double.isNaN(b.lower) && !Double.isNaN(hint[0]) && !measured(phase, hint[0])
                        && (Double.isNaN(b.upper) || hint[0] < b.upper)) {
                    candidate = hint[0];
                } else if (hint != null && Double.isNaN(b.upper) && !Double.isNaN(hint[1]) && !measured(phase, hint[1])
                        && (Double.isNaN(b.lower) || hint[1] > b.lower)) {
                    candidate = hint[1];
                } else if (Double.isNaN(b.lower) && Double.isNaN(b.upper)) {
                    candidate = settings.maxPps();
                } else if (Double.isNaN(b.upper)) {
                    candidate = Math.min(settings.maxPps(), b.lower / (1 - Math.min(0.5, width * (1 << Math.min(stepsUp, 20)))));
                    stepsUp++;
                    stepsDown = 0;
                } else if (Double.isNaN(b.lower)) {
                    double forwarding = forwardingRate(phase, b.upper) * (1 - width);
                    double step = b.upper * (1 - Math.min(0.5, width * (1 << Math.min(stepsDown, 20))));
                    if (!usedForwardingHint && forwarding > settings.minPps() && forwarding < step) {
                        candidate = forwarding;
                        usedForwardingHint = true;
                    } else {
                        candidate = step;
                        stepsDown++;
                    }
                    stepsUp = 0;
                    candidate = Math.max(settings.minPps(), candidate);
                } else {
                    double mid = Math.sqrt(b.lower * b.upper);
                    if (Boolean.TRUE.equals(lastPassed)) {
                        candidate = Math.min(mid, b.lower / (1 - width * (1 << Math.min(stepsUp, 20))));
                        stepsUp++;
                        stepsDown = 0;
                    } else if (Boolean.FALSE.equals(lastPassed)) {
                        candidate = Math.max(mid, b.upper * (1 - width * (1 << Math.min(stepsDown, 20))));
                        stepsDown++;
                        stepsUp = 0;
                    } else {
                        candidate = mid;
                    }
                }
                candidate = candidate >= settings.maxPps() ? settings.maxPps()
                        : Math.max(settings.minPps(), Math.round(candidate));
                if (!Double.isNaN(b.lower) && candidate <= b.lower || !Double.isNaN(b.upper) && candidate >= b.upper) {
                    candidate = Math.rint(Double.isNaN(b.lower) ? (settings.minPps() + b.upper) / 2
                            : Double.isNaN(b.upper) ? (b.lower + settings.maxPps()) / 2 : (b.lower + b.upper) / 2);
                    if (candidate <= b.lower || candidate >= b.upper) {
                        return;                               // narrower than one pps
                    }
                }
                if (++rounds > MAX_LOADS_PER_GOAL_AND_PHASE) {
                    throw new IllegalStateException("goal " + g.name() + " did not converge in phase " + phase
                            + " after " + MAX_LOADS_PER_GOAL_AND_PHASE + " loads: " + b);
                }
                lastPassed = measure(g, phase, candidate);
            }
        }

        private boolean measured(int phase, double load) {
            return byPhase.get(phase).containsKey(load);
        }

        /** Runs the repetitions at {@code load} still missing in this phase; whether they met {@code g}. */
        private boolean measure(SearchGoal g, int phase, double load) throws Exception {
            List<MultiSearchResult.Trial> at = byPhase.get(phase).computeIfAbsent(load, k -> new ArrayList<>());
            long nanos = settings.phaseTrialNanos(phase);
            for (MultiSearchResult.Trial t : at) {
                if (!t.passByGoal().get(g.name())) {
                    return false;
                }
            }
            while (at.size() < settings.repetitions()) {
                TrialOutcome o = trial.run(load, nanos);
                if (o == null) {
                    throw new IllegalStateException("trial returned no outcome at " + load + " pps");
                }
                Map<String, Boolean> pass = new LinkedHashMap<>();
                for (SearchGoal goal : settings.goals()) {
                    pass.put(goal.name(), goal.accepts(o));
                }
                MultiSearchResult.Trial t = new MultiSearchResult.Trial(trace.size() + 1, phase, nanos, load,
                        at.size() + 1, o, pass);
                trace.add(t);
                at.add(t);
                if (!pass.get(g.name())) {
                    return false;
                }
            }
            return true;
        }

        /** The lowest received rate among the trials at {@code load} in this phase. */
        private double forwardingRate(int phase, double load) {
            double min = Double.POSITIVE_INFINITY;
            for (MultiSearchResult.Trial t : byPhase.get(phase).getOrDefault(load, List.of())) {
                min = Math.min(min, t.outcome().rxPps());
            }
            return min == Double.POSITIVE_INFINITY ? Double.NaN : min;
        }

        /** Relevant bounds of a goal in a phase (NaN where none). */
        private Bounds bounds(SearchGoal g, int phase) {
            double upper = Double.NaN;
            for (Map.Entry<Double, List<MultiSearchResult.Trial>> e : byPhase.get(phase).entrySet()) {
                if (e.getValue().stream().anyMatch(t -> !t.passByGoal().get(g.name()))) {
                    upper = e.getKey();
                    break;
                }
            }
            double lower = Double.NaN;
            for (Map.Entry<Double, List<MultiSearchResult.Trial>> e : byPhase.get(phase).descendingMap().entrySet()) {
                if (!Double.isNaN(upper) && e.getKey() >= upper) {
                    continue;
                }
                if (e.getValue().size() >= settings.repetitions()
                        && e.getValue().stream().allMatch(t -> t.passByGoal().get(g.name()))) {
                    lower = e.getKey();
                    break;
                }
            }
            return new Bounds(lower, upper);
        }

        MultiSearchResult result() {
            int last = settings.phases() - 1;
            List<MultiSearchResult.GoalResult> goals = new ArrayList<>();
            for (SearchGoal g : settings.goals()) {
                Bounds b = bounds(g, last);
                List<MultiSearchResult.Trial> lowerTrials = Double.isNaN(b.lower) ? List.of()
                        : byPhase.get(last).get(b.lower);
                List<MultiSearchResult.Trial> upperTrials = Double.isNaN(b.upper) ? List.of()
                        : byPhase.get(last).get(b.upper);
                goals.add(new MultiSearchResult.GoalResult(g, b.lower, b.upper, lowerTrials, upperTrials));
            }
            return new MultiSearchResult(settings, goals, trace);
        }
    }

    private record Bounds(double lower, double upper) {
    }
}
