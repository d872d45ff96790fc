package org.nfvperf.throughput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The outcome of a {@link MultiGoalSearch}: per goal its final interval and the trials that decided
 * it, and the whole trace with every trial classified for every goal. Immutable and thread-safe.
 *
 * <pre>{@code
 * MultiSearchResult r = MultiGoalSearch.search(trial, settings);
 * MultiSearchResult.GoalResult ndr = r.goal("NDR");
 * System.out.printf("NDR %.3f Mpps (width %.2f%%) after %d trials, %.1f s of traffic%n",
 *         ndr.lowerPps() / 1e6, 100 * ndr.relativeWidth(), r.trace().size(), r.totalTrialNanos() / 1e9);
 * }</pre>
 *
 * @param settings what was searched for
 * @param goals    one result per goal, in the order of {@code settings.goals()}
 * @param trace    every trial in the order run
 */
public record MultiSearchResult(MultiSearchSettings settings, List<GoalResult> goals, List<Trial> trace) {
    public MultiSearchResult {
        Objects.requireNonNull(settings, "settings");
        goals = List.copyOf(goals);
        trace = List.copyOf(trace);
    }

    /** The result of the goal of that name. */
    public GoalResult goal(String name) {
        for (GoalResult g : goals) {
            if (g.goal().name().equals(name)) {
                return g;
            }
        }
        throw new NoSuchElementException("no goal named " + name + " in " + goals.stream().map(g -> g.goal().name()).toList());
    }

    /** Seconds of traffic sent by all trials together, in ns. */
    public long totalTrialNanos() {
        long sum = 0;
        for (Trial t : trace) {
            sum += t.durationNanos();
        }
        return sum;
    }

    /** One row per goal: goal, loss_ratio, criteria, found, lower/upper bound (Mpps), rx at the lower bound, width. */
    public Table goalTable() {
        Table t = Table.create("search goals",
                StringColumn.create("goal"), DoubleColumn.create("loss_ratio"), StringColumn.create("criteria"),
                BooleanColumn.create("found"), DoubleColumn.create("lower_mpps"), DoubleColumn.create("upper_mpps"),
                DoubleColumn.create("rx_mpps_at_lower"), DoubleColumn.create("relative_width_pct"),
                IntColumn.create("deciding_trials"));
        for (GoalResult g : goals) {
            t.stringColumn("goal").append(g.goal().name());
            t.doubleColumn("loss_ratio").append(g.goal().lossRatio());
            t.stringColumn("criteria").append(g.criteria());
            t.booleanColumn("found").append(g.found());
            t.doubleColumn("lower_mpps").append(g.lowerPps() / 1e6);
            t.doubleColumn("upper_mpps").append(g.upperPps() / 1e6);
            t.doubleColumn("rx_mpps_at_lower").append(g.rxPpsAtLower() / 1e6);
            t.doubleColumn("relative_width_pct").append(100 * g.relativeWidth());
            t.intColumn("deciding_trials").append(g.lowerTrials().size() + g.upperTrials().size());
        }
        return t;
    }

    /** One row per trial: index, phase, duration, offered, tx, rx, loss, queue-full share, pass per goal. */
    public Table traceTable() {
        Table t = Table.create("search trace", IntColumn.create("trial"), IntColumn.create("phase"),
                DoubleColumn.create("duration_s"), DoubleColumn.create("offered_mpps"), IntColumn.create("repetition"),
                DoubleColumn.create("tx_mpps"), DoubleColumn.create("rx_mpps"), DoubleColumn.create("loss_pct"),
                DoubleColumn.create("queue_full_pct"));
        for (SearchGoal g : settings.goals()) {
            t.addColumns(BooleanColumn.create("pass_" + g.name()));
        }
        for (Trial x : trace) {
            t.intColumn("trial").append(x.index());
            t.intColumn("phase").append(x.phase());
            t.doubleColumn("duration_s").append(x.durationNanos() / 1e9);
            t.doubleColumn("offered_mpps").append(x.offeredPps() / 1e6);
            t.intColumn("repetition").append(x.repetition());
            t.doubleColumn("tx_mpps").append(x.outcome().txPps() / 1e6);
            t.doubleColumn("rx_mpps").append(x.outcome().rxPps() / 1e6);
            t.doubleColumn("loss_pct").append(100 * x.outcome().lossRatio());
            t.doubleColumn("queue_full_pct").append(100 * x.outcome().queueFullRatio());
            for (SearchGoal g : settings.goals()) {
                t.booleanColumn("pass_" + g.name()).append(x.passByGoal().get(g.name()));
            }
        }
        return t;
    }

    /** The document kept in {@code ndr.json}: settings, goals with their deciding trials, the trace. */
    public Map<String, Object> report() {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("max_pps", settings.maxPps());
        s.put("min_pps", settings.minPps());
        s.put("initial_trial_s", settings.initialTrialNanos() / 1e9);
        s.put("final_trial_s", settings.finalTrialNanos() / 1e9);
        s.put("intermediate_phases", settings.intermediatePhases());
        s.put("repetitions", settings.repetitions());
        doc.put("settings", s);
        List<Object> gs = new ArrayList<>();
        for (GoalResult g : goals) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("goal", g.goal().name());
            m.put("loss_ratio", g.goal().lossRatio());
            m.put("relative_width_goal", g.goal().relativeWidth());
            m.put("criteria", g.criteria());
            m.put("found", g.found());
            m.put("lower_pps", finite(g.lowerPps()));
            m.put("upper_pps", finite(g.upperPps()));
            m.put("rx_pps_at_lower", finite(g.rxPpsAtLower()));
            m.put("relative_width", finite(g.relativeWidth()));
            m.put("lower_trials", g.lowerTrials().stream().map(Trial::index).toList());
            m.put("upper_trials", g.upperTrials().stream().map(Trial::index).toList());
            gs.add(m);
        }
        doc.put("goals", gs);
        doc.put("trials", trace.size());
        doc.put("trial_seconds", totalTrialNanos() / 1e9);
        List<Object> tr = new ArrayList<>();
        for (Trial t : trace) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("trial", t.index());
            m.put("phase", t.phase());
            m.put("duration_s", t.durationNanos() / 1e9);
            m.put("offered_pps", t.offeredPps());
            m.put("repetition", t.repetition());
            m.put("tx_packets", t.outcome().txPackets());
            m.put("rx_packets", t.outcome().rxPackets());
            m.put("loss_ratio", t.outcome().lossRatio());
            m.put("queue_full_ratio", t.outcome().queueFullRatio());
            Map<String, Object> lat = new LinkedHashMap<>();
            t.outcome().latencyPercentilesNanos().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> lat.put("p" + e.getKey(), e.getValue()));
            if (!lat.isEmpty()) {
                m.put("latency_ns", lat);
            }
            m.put("pass", t.passByGoal());
            tr.add(m);
        }
        doc.put("trace", tr);
        return doc;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /**
     * One goal's result.
     *
     * @param goal        the goal
     * @param lowerPps    the relevant lower bound in the final phase (the goal's throughput), NaN when
     *                    not found
     * @param upperPps    the relevant upper bound in the final phase, NaN when the maximum met the goal
     * @param lowerTrials the final-phase trials at the lower bound
     * @param upperTrials the final-phase trials at the upper bound
     */
    public record GoalResult(SearchGoal goal, double lowerPps, double upperPps, List<Trial> lowerTrials,
                             List<Trial> upperTrials) {
        public GoalResult {
            Objects.requireNonNull(goal, "goal");
            lowerTrials = List.copyOf(lowerTrials);
            upperTrials = List.copyOf(upperTrials);
        }

        /** Whether some load met the goal. */
        public boolean found() {
            return !Double.isNaN(lowerPps);
        }

        /** {@code (upper − lower) / upper}; 0 when the maximum met the goal, NaN when not found. */
        public double relativeWidth() {
            if (!found()) {
                return Double.NaN;
            }
            return Double.isNaN(upperPps) ? 0 : (upperPps - lowerPps) / upperPps;
        }

        /** The lowest received rate among the trials at the lower bound (the forwarding rate to report). */
        public double rxPpsAtLower() {
            return lowerTrials.stream().mapToDouble(t -> t.outcome().rxPps()).min().orElse(Double.NaN);
        }

        /** The goal's criteria in words: {@code loss<=0.5%, p99<=100000ns, queue-full<=2%}. */
        public String criteria() {
            StringBuilder sb = new StringBuilder("loss<=" + percent(goal.lossRatio()));
            goal.latencyBound().ifPresent(b -> sb.append(", ").append(b));
            if (goal.maxQueueFullRatio() < 1) {
                sb.append(", queue-full<=").append(percent(goal.maxQueueFullRatio()));
            }
            return sb.toString();
        }

        private static String percent(double ratio) {
            return java.math.BigDecimal.valueOf(100 * ratio).stripTrailingZeros().toPlainString() + "%";
        }
    }

    /**
     * One trial of the search.
     *
     * @param index         position in the trace, from 1
     * @param phase         the phase it belongs to, from 0
     * @param durationNanos its duration
     * @param offeredPps    the load
     * @param repetition    which repetition at this load in this phase, from 1
     * @param outcome       what it measured
     * @param passByGoal    goal name to whether the trial met it
     */
    public record Trial(int index, int phase, long durationNanos, double offeredPps, int repetition,
                        TrialOutcome outcome, Map<String, Boolean> passByGoal) {
        public Trial {
            Objects.requireNonNull(outcome, "outcome");
            passByGoal = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(passByGoal));
        }
    }

    /**
     * Several complete searches of the same settings, and per goal the spread of their lower bounds.
     *
     * @param runs the searches in the order run
     */
    public record Repeated(List<MultiSearchResult> runs) {
        public Repeated {
            runs = List.copyOf(runs);
            if (runs.isEmpty()) {
                throw new IllegalArgumentException("runs must not be empty");
            }
        }

        /** The spread of goal {@code name}'s lower bound over the runs that found it. */
        public Spread spread(String name) {
            double[] v = runs.stream().map(r -> r.goal(name)).filter(GoalResult::found)
                    .mapToDouble(GoalResult::lowerPps).toArray();
            if (v.length == 0) {
                return new Spread(0, runs.size(), Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            double mean = java.util.Arrays.stream(v).average().orElseThrow();
            double ss = 0;
            for (double x : v) {
                ss += (x - mean) * (x - mean);
            }
            double stddev = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
            return new Spread(v.length, runs.size(), mean, java.util.Arrays.stream(v).min().orElseThrow(),
                    java.util.Arrays.stream(v).max().orElseThrow(), stddev);
        }
    }

    /**
     * Spread of a goal's lower bound over repeated searches, in pps.
     *
     * @param found  searches that found the goal
     * @param runs   searches in all
     * @param mean   mean lower bound
     * @param min    smallest lower bound
     * @param max    largest lower bound
     * @param stddev sample standard deviation (0 for one run)
     */
    public record Spread(int found, int runs, double mean, double min, double max, double stddev) {
    }
}
