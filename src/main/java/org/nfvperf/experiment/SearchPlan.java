package org.nfvperf.experiment;

import org.nfvperf.util.Durations;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nfvperf.throughput.LatencyBound;
import org.nfvperf.throughput.SearchGoal;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The {@code search:} section of a spec: what {@code nfvperf search} looks for at each point of the
 * spec's other factors. Immutable and thread-safe.
 *
 * <pre>{@code
 * search:
 *   goals: [ndr, pdr:0.005]        # loss goals, each optionally /width:RATIO
 *   max_latency: p99=200us          # optional: every goal also keeps this latency bound
 *   queue_full: 0.02                # optional: every goal also needs tx >= 98% of the offered load
 *   max_rate: line                  # or Mpps
 *   min_rate: 0.001                 # Mpps, default max / 1000
 *   initial_duration_s: 1           # first phase; the final phase runs the spec's duration_s
 *   intermediate_phases: 1
 *   repetitions: 1                  # trials per load and phase
 *   searches: 1                     # whole searches per point, for the spread
 *   latency_at_pdr: [0, 10, 50, 90] # then latency at these % of the latency goal's rate (0 = 100 pps)
 *   latency_goal: PDR               # default: the goal with the largest loss ratio
 * }</pre>
 *
 * @param goals              goals, at least one
 * @param maxRate            {@code line} or a rate in Mpps as written
 * @param minMpps            lowest load in Mpps, or NaN for max / 1000
 * @param initialDurationS   first-phase trial duration in s, or NaN for min(1 s, the spec's duration)
 * @param intermediatePhases phases before the final one
 * @param repetitions        trials per load and phase
 * @param searches           whole searches per point
 * @param latencyLoadsPct    percentages of the latency goal's rate to measure latency at (0 = idle)
 * @param latencyGoal        name of the goal whose rate the latency loads refer to
 */
public record SearchPlan(List<SearchGoal> goals, String maxRate, double minMpps, double initialDurationS,
                         int intermediatePhases, int repetitions, int searches, List<Double> latencyLoadsPct,
                         String latencyGoal) {
    /** The rate of the idle latency point, 0% of the PDR: 100 pps, as the paper's Fig. 5 uses. */
    public static final double IDLE_PPS = 100;
    private static final List<String> KEYS = List.of("goals", "max_latency", "queue_full", "max_rate", "min_rate",
            "initial_duration_s", "intermediate_phases", "repetitions", "searches", "latency_at_pdr", "latency_goal");

    public SearchPlan {
        goals = List.copyOf(goals);
        if (goals.isEmpty()) {
            throw new IllegalArgumentException("search needs at least one goal");
        }
        Objects.requireNonNull(maxRate, "maxRate");
        latencyLoadsPct = List.copyOf(latencyLoadsPct);
        for (double p : latencyLoadsPct) {
            if (!(p >= 0 && p <= 100)) {
                throw new IllegalArgumentException("latency_at_pdr values must be in 0..100: " + p);
            }
        }
        if (goals.stream().noneMatch(g -> g.name().equals(latencyGoal))) {
            throw new IllegalArgumentException("latency_goal must name a goal (" + goals.stream().map(SearchGoal::name).toList()
                    + "): " + latencyGoal);
        }
        if (searches < 1 || repetitions < 1 || intermediatePhases < 0) {
            throw new IllegalArgumentException("searches and repetitions must be >= 1, intermediate_phases >= 0: "
                    + searches + ", " + repetitions + ", " + intermediatePhases);
        }
    }

    /** NDR and PDR 0.5% up to line rate, one intermediate phase, no latency loads. */
    public static SearchPlan defaults() {
        return new SearchPlan(List.of(SearchGoal.ndr(), SearchGoal.pdr(0.005)), "line", Double.NaN, Double.NaN, 1, 1, 1,
                List.of(), "PDR");
    }

    /**
     * Reads the {@code search:} section of a spec's text (the defaults when there is none).
     *
     * @throws SpecException naming {@code source} and the line of the fault
     */
    public static SearchPlan parse(String yaml, String source) {
        Node root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        if (!(root instanceof MappingNode top)) {
            return defaults();
        }
        Node section = null;
        for (NodeTuple t : top.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("search")) {
                section = t.getValueNode();
            }
        }
        if (section == null) {
            return defaults();
        }
        if (!(section instanceof MappingNode m)) {
            throw fail(source, section, "search must be a mapping");
        }
        List<SearchGoal> goals = defaults().goals();
        String maxRate = "line";
        double minMpps = Double.NaN;
        double initial = Double.NaN;
        int phases = 1;
        int repetitions = 1;
        int searches = 1;
        List<Double> loads = List.of();
        String latencyGoal = null;
        LatencyBound bound = null;
        double queueFull = 1;
        for (NodeTuple t : m.getValue()) {
            String key = ((ScalarNode) t.getKeyNode()).getValue();
            Node v = t.getValueNode();
            try {
                switch (key) {
                    case "goals" -> {
                        goals = new ArrayList<>();
                        for (String g : list(source, v, "search.goals")) {
                            goals.add(SearchGoal.parse(g));
                        }
                    }
                    case "max_latency" -> bound = LatencyBound.parse(scalar(source, v, key));
                    case "queue_full" -> queueFull = Double.parseDouble(scalar(source, v, key));
                    case "max_rate" -> {
                        // the rate grammar of specs and the command line: line, Mpps, 100kpps, ...
                        Rate r = Rate.parse(scalar(source, v, key));
                        maxRate = r.isLine() ? "line" : org.nfvperf.util.Numbers.csv(r.mpps());
                    }
                    case "min_rate" -> minMpps = Rate.parse(scalar(source, v, key)).mpps();
                    case "initial_duration_s" -> initial = Durations.seconds(scalar(source, v, key));
                    case "intermediate_phases" -> phases = Integer.parseInt(scalar(source, v, key));
                    case "repetitions" -> repetitions = Integer.parseInt(scalar(source, v, key));
                    case "searches" -> searches = Integer.parseInt(scalar(source, v, key));
                    case "latency_at_pdr" -> {
                        List<Double> l = new ArrayList<>();
                        for (String x : list(source, v, "search.latency_at_pdr")) {
                            l.add(Double.parseDouble(x));
                        }
                        loads = l;
                    }
                    case "latency_goal" -> latencyGoal = scalar(source, v, key);
                    default -> throw new IllegalArgumentException("unknown key 'search." + key + "' (known: "
                            + String.join(", ", KEYS) + ")");
                }
            } catch (NumberFormatException e) {
                throw fail(source, v, "search." + key + " must be a number: " + e.getMessage().replace("For input string: ", ""));
            } catch (IllegalArgumentException e) {
                throw fail(source, v, e.getMessage());
            }
        }
        List<SearchGoal> finalGoals = new ArrayList<>();
        for (SearchGoal g : goals) {
            SearchGoal x = bound == null ? g : g.withLatencyBound(bound);
            finalGoals.add(queueFull < 1 ? x.withMaxQueueFullRatio(queueFull) : x);
        }
        if (latencyGoal == null) {
            latencyGoal = finalGoals.stream().max((a, b) -> Double.compare(a.lossRatio(), b.lossRatio())).orElseThrow().name();
        }
        try {
            return new SearchPlan(finalGoals, maxRate, minMpps, initial, phases, repetitions, searches, loads, latencyGoal);
        } catch (IllegalArgumentException e) {
            throw fail(source, section, e.getMessage());
        }
    }

    private static String scalar(String source, Node v, String key) {
        if (v instanceof ScalarNode s) {
            return s.getValue();
        }
        throw fail(source, v, "search." + key + " must be a single value");
    }

    private static List<String> list(String source, Node v, String what) {
        if (!(v instanceof SequenceNode s)) {
            throw fail(source, v, what + " must be a list");
        }
        List<String> out = new ArrayList<>();
        for (Node n : s.getValue()) {
            out.add(scalar(source, n, what.substring("search.".length())));
        }
        if (out.isEmpty()) {
            throw fail(source, v, what + " must not be empty");
        }
        return out;
    }

    private static SpecException fail(String source, Node n, String detail) {
        return new SpecException(source, n.getStartMark().getLine() + 1, detail);
    }

    /** A copy with other goals (the command line's {@code --goal}). */
    public SearchPlan withGoals(List<SearchGoal> g) {
        String lg = g.stream().anyMatch(x -> x.name().equals(latencyGoal)) ? latencyGoal
                : g.stream().max((a, b) -> Double.compare(a.lossRatio(), b.lossRatio())).orElseThrow().name();
        return new SearchPlan(g, maxRate, minMpps, initialDurationS, intermediatePhases, repetitions, searches,
                latencyLoadsPct, lg);
    }

    /** A copy with other latency loads. */
    public SearchPlan withLatencyLoadsPercent(List<Double> pct) {
        return new SearchPlan(goals, maxRate, minMpps, initialDurationS, intermediatePhases, repetitions, searches, pct,
                latencyGoal);
    }

    /** A copy repeating each search {@code n} times. */
    public SearchPlan withSearches(int n) {
        return new SearchPlan(goals, maxRate, minMpps, initialDurationS, intermediatePhases, repetitions, n,
                latencyLoadsPct, latencyGoal);
    }

    /** Whether a goal needs latency from every trial (and so taps). */
    public boolean needsLatency() {
        return goals.stream().anyMatch(g -> g.latencyBound().isPresent());
    }
}
