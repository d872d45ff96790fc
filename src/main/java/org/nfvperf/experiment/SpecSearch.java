package org.nfvperf.experiment;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.nfvperf.capture.CaptureSummary;
import org.nfvperf.throughput.MultiGoalSearch;
import org.nfvperf.throughput.MultiSearchResult;
import org.nfvperf.throughput.MultiSearchSettings;
import org.nfvperf.throughput.RateSearch;
import org.nfvperf.throughput.RateTrial;
import org.nfvperf.throughput.TrialOutcome;
import org.nfvperf.util.InputException;
import org.nfvperf.util.Json;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Searches instead of sweeping: for each point of a spec's factors other than {@code rate}, a
 * {@link MultiGoalSearch} over the offered rate, every trial of it an ordinary trial of the spec's
 * runner (artifacts, {@code meta.json}, a row in {@code OUT/<name>-search/results.csv}, analysed
 * by the same parsers), then optionally latency at set fractions of a goal's rate. Works on every
 * runner; trials already in the results are not run again. Not thread-safe.
 *
 * <p>Writes {@code OUT/<name>-search/}: {@code results.csv} and {@code trials/} (every search
 * trial), {@code search.csv} (one row per point and goal), {@code points/<id>/ndr.json} (settings,
 * goals, the whole trace) and, with {@code latency_at_pdr}, {@code latency-at-load.csv} (one row per
 * point and load, with {@code load_pct_of_pdr}) from trials in {@code OUT/<name>-latency/}.
 *
 * <pre>{@code
 * Experiment e = Experiment.load(Path.of("data/specs/search-l3fwd.yaml"));
 * SpecSearch.Output out = SpecSearch.run(e, SearchPlan.parse(Files.readString(spec), spec.toString()),
 *         Path.of("results"), RunOptions.defaults(), System.err::println);
 * out.goals();   // point factors, goal, lower_mpps, upper_mpps, trials, ...
 * }</pre>
 */
public final class SpecSearch {
    private SpecSearch() {
    }

    /**
     * What a search wrote.
     *
     * @param dir            {@code OUT/<name>-search}
     * @param goals          one row per point and goal (also {@code search.csv})
     * @param latencyAtLoad  one row per point and latency load (also {@code latency-at-load.csv}); empty
     *                       without {@code latency_at_pdr}
     */
    public record Output(Path dir, Table goals, Table latencyAtLoad) {
    }

    /**
     * Runs the search at every point.
     *
     * @throws SpecException when the spec cannot be searched (no taps for latency, a bad rate)
     * @throws IOException   when a trial cannot be written, or a trial of the search failed (its
     *                       message names the trial folder)
     */
    public static Output run(Experiment e, SearchPlan plan, Path outDir, RunOptions options, Consumer<String> log)
            throws IOException {
        if ((plan.needsLatency() || !plan.latencyLoadsPct().isEmpty()) && e.taps().size() < 2) {
            throw e.error("capture", "a latency bound or latency_at_pdr needs at least two taps under capture.taps");
        }
        Path dir = outDir.resolve(e.name() + "-search");
        Files.createDirectories(dir);
        List<Map<String, String>> points = points(e);
        List<Map<String, Object>> goalRows = new ArrayList<>();
        List<Map<String, Object>> latencyRows = new ArrayList<>();
        for (Map<String, String> point : points) {
            Map<String, String> lineRatePoint = new LinkedHashMap<>(point);
            lineRatePoint.put("rate", "line");
            Trial probe = new Trial(e.name(), "probe", lineRatePoint, e.link().toString(), e.durationSeconds(), 1,
                    List.of(), 0);
            double linePps = probe.offeredMpps() * 1e6;
            double maxPps = plan.maxRate().equals("line") ? linePps : Math.min(linePps, Double.parseDouble(plan.maxRate()) * 1e6);
            double minPps = Double.isNaN(plan.minMpps()) ? maxPps / 1000 : plan.minMpps() * 1e6;
            long finalNanos = Math.round(e.durationSeconds() * 1e9);
            long initialNanos = Double.isNaN(plan.initialDurationS()) ? Math.min(1_000_000_000L, finalNanos)
                    : Math.min(finalNanos, Math.round(plan.initialDurationS() * 1e9));
            MultiSearchSettings settings = new MultiSearchSettings(maxPps, minPps, plan.goals(), initialNanos, finalNanos,
                    plan.intermediatePhases(), plan.repetitions());
            String pointId = TrialIds.of(e, point, 1);
            List<MultiSearchResult> runs = new ArrayList<>();
            for (int search = 1; search <= plan.searches(); search++) {
                RateTrial trial = trialFunction(e, point, search, plan.needsLatency() ? e.taps() : List.of(),
                        linePps, outDir, options);
                log.accept(e.name() + " search " + search + "/" + plan.searches() + " at " + point);
                try {
                    runs.add(MultiGoalSearch.search(trial, settings));
                } catch (RateSearch.SearchFailedException ex) {
                    throw new IOException(e.name() + " search at " + point + ": " + ex.getMessage(), ex);
                }
            }
            MultiSearchResult.Repeated repeated = new MultiSearchResult.Repeated(runs);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("experiment", e.name());
            doc.put("runner", e.runner());
            doc.put("point", point);
            List<Object> searches = new ArrayList<>();
            runs.forEach(r -> searches.add(r.report()));
            doc.put("searches", searches);
            Path pointDir = dir.resolve("points").resolve(pointId);
            Files.createDirectories(pointDir);
            ResultStore.writeAtomically(pointDir.resolve("ndr.json"), Json.write(doc) + "\n");
            for (MultiSearchResult.GoalResult g : runs.get(0).goals()) {
                MultiSearchResult.Spread spread = repeated.spread(g.goal().name());
                Map<String, Object> row = new LinkedHashMap<>(point);
                row.put("point", pointId);
                row.put("goal", g.goal().name());
                row.put("criteria", g.criteria());
                row.put("found", spread.found() + "/" + spread.runs());
                row.put("lower_mpps", spread.mean() / 1e6);
                row.put("lower_min_mpps", spread.min() / 1e6);
                row.put("lower_max_mpps", spread.max() / 1e6);
                row.put("lower_stddev_mpps", spread.stddev() / 1e6);
                row.put("upper_mpps", runs.stream().mapToDouble(r -> r.goal(g.goal().name()).upperPps()).average()
                        .orElse(Double.NaN) / 1e6);
                row.put("rx_mpps_at_lower", runs.stream().mapToDouble(r -> r.goal(g.goal().name()).rxPpsAtLower())
                        .average().orElse(Double.NaN) / 1e6);
                row.put("trials", runs.stream().mapToInt(r -> r.trace().size()).sum());
                row.put("trial_s", runs.stream().mapToLong(MultiSearchResult::totalTrialNanos).sum() / 1e9);
                goalRows.add(row);
            }
            if (!plan.latencyLoadsPct().isEmpty()) {
                double basePps = repeated.spread(plan.latencyGoal()).mean();
                if (Double.isNaN(basePps)) {
                    log.accept(e.name() + ": no " + plan.latencyGoal() + " found at " + point + "; no latency at load");
                    continue;
                }
                latencyRows.addAll(latencyAtLoads(e, plan, point, pointId, basePps, linePps, outDir, options));
            }
        }
        Table goals = table(e.name() + "-search", goalRows);
        Table latency = table(e.name() + "-latency-at-load", latencyRows);
        ResultStore.writeAtomically(dir.resolve("search.csv"), csv(goalRows));
        if (!latencyRows.isEmpty()) {
            ResultStore.writeAtomically(dir.resolve("latency-at-load.csv"), csv(latencyRows));
        }
        return new Output(dir, goals, latency);
    }

    /** Rows of equal keys as a table: numbers as DOUBLE columns, everything else as strings. */
    static Table table(String name, List<Map<String, Object>> rows) {
        Table t = Table.create(name);
        if (rows.isEmpty()) {
            return t;
        }
        for (String c : rows.get(0).keySet()) {
            boolean numeric = rows.stream().allMatch(r -> r.get(c) instanceof Number);
            if (numeric) {
                t.addColumns(DoubleColumn.create(c, rows.stream().mapToDouble(r -> ((Number) r.get(c)).doubleValue())));
            } else {
                t.addColumns(StringColumn.create(c, rows.stream().map(r -> String.valueOf(r.get(c)))));
            }
        }
        return t;
    }

    /** Rows of equal keys as CSV text, numbers as {@code results.csv} writes them (NaN empty). */
    static String csv(List<Map<String, Object>> rows) throws IOException {
        StringBuilder sb = new StringBuilder();
        if (rows.isEmpty()) {
            return "";
        }
        try (CSVPrinter p = new CSVPrinter(sb, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build())) {
            p.printRecord(rows.get(0).keySet());
            for (Map<String, Object> r : rows) {
                List<String> cells = new ArrayList<>();
                for (Object v : r.values()) {
                    cells.add(v instanceof Double d ? ResultStore.number(d) : String.valueOf(v));
                }
                p.printRecord(cells);
            }
        }
        return sb.toString();
    }

    /** The distinct points of the spec's factors other than {@code rate}, in spec order. */
    static List<Map<String, String>> points(Experiment e) {
        List<Map<String, String>> points = new ArrayList<>();
        for (Trial t : e.trials()) {
            if (t.repetition() != 1) {
                continue;
            }
            Map<String, String> p = new LinkedHashMap<>(t.factors());
            p.remove("rate");
            if (!points.contains(p)) {
                points.add(p);
            }
        }
        return points;
    }

    /** One trial at {@code pps} for {@code nanos}, run through the orchestrator into {@code OUT/<name>-search}. */
    private static RateTrial trialFunction(Experiment e, Map<String, String> point, int search, List<String> taps,
                                           double linePps, Path outDir, RunOptions options) {
        return (pps, nanos) -> {
            Map<String, String> factors = new LinkedHashMap<>(point);
            factors.put("rate", rate(pps, linePps));
            Row r = runOne(e, e.name() + "-search", factors, nanos / 1e9, search, taps, outDir, options);
            return outcome(pps, nanos, r);
        };
    }

    private static List<Map<String, Object>> latencyAtLoads(Experiment e, SearchPlan plan, Map<String, String> point,
                                                            String pointId, double basePps, double linePps,
                                                            Path outDir, RunOptions options) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (double pct : plan.latencyLoadsPct()) {
            double pps = pct == 0 ? SearchPlan.IDLE_PPS : basePps * pct / 100;
            Map<String, String> factors = new LinkedHashMap<>(point);
            factors.put("rate", rate(pps, linePps));
            Row r = runOne(e, e.name() + "-latency", factors, e.durationSeconds(), 1, e.taps(), outDir, options);
            Map<String, Object> row = new LinkedHashMap<>(point);
            row.put("point", pointId);
            row.put("latency_goal", plan.latencyGoal());
            row.put("goal_mpps", basePps / 1e6);
            row.put("load_pct_of_pdr", pct);
            row.put("offered_mpps", pps / 1e6);
            for (String c : List.of("tx_mpps", "rx_mpps", "loss_pct", "lat_min_ns", "lat_mean_ns", "lat_p50_ns",
                    "lat_p99_ns", "lat_max_ns")) {
                row.put(c, r.getDouble(c));
            }
            Path trialDir = outDir.resolve(e.name() + "-latency").resolve("trials").resolve(r.getString("trial"));
            row.put("latency_stream_pps", latencyStreamPps(trialDir, e.taps().get(0), e.durationSeconds()));
            row.put("trial", r.getString("trial"));
            rows.add(row);
        }
        return rows;
    }

    /** Packets per second recorded at the first tap: the rate of the stream latency is measured on. */
    private static double latencyStreamPps(Path trialDir, String tap, double durationSeconds) throws IOException {
        for (String ext : List.of(".pcap", ".pcapng", ".pcap.gz", ".pcapng.gz")) {
            Path p = trialDir.resolve("tap-" + tap + ext);
            if (Files.isRegularFile(p)) {
                return CaptureSummary.of(p).packets() / durationSeconds;
            }
        }
        return Double.NaN;
    }

    /** Runs (or finds finished) one trial of {@code e} at these factors and returns its result row. */
    private static Row runOne(Experiment e, String name, Map<String, String> factors, double durationSeconds,
                              int repetition, List<String> taps, Path outDir, RunOptions options) throws IOException {
        Map<String, List<String>> single = new LinkedHashMap<>();
        for (String f : e.factors().keySet()) {
            single.put(f, List.of(factors.get(f)));
        }
        factors.forEach((k, v) -> single.putIfAbsent(k, List.of(v)));
        Experiment one = new Experiment(name, e.source(), e.runner(), e.runnerOptions(), e.link(), durationSeconds, 1,
                taps, e.maxPacketsPerTap(), single, e.lines());
        Orchestrator.Plan base = Orchestrator.plan(one);
        Trial t = base.trials().get(0);
        if (repetition > 1) {
            t = new Trial(t.experiment(), TrialIds.of(one, t.factors(), repetition), t.factors(), t.link(),
                    t.durationSeconds(), repetition, t.taps(), t.maxPacketsPerTap());
        }
        SweepResult result = Orchestrator.execute(new Orchestrator.Plan(one, base.runner(), List.of(t)), outDir,
                options.withProgress(ProgressListener.NONE));
        Table table = result.table();
        Row row = table.row(0);
        if (!ResultStore.OK.equals(row.getString("status"))) {
            throw new InputException(result.dir().resolve("trials").resolve(t.id()) + ": trial at rate "
                    + factors.get("rate") + " Mpps failed: " + row.getString("error"));
        }
        return row;
    }

    /** The trial's outcome from its result row: packets from the rates and the loss. */
    static TrialOutcome outcome(double offeredPps, long nanos, Row r) {
        double seconds = nanos / 1e9;
        long tx = Math.round(r.getDouble("tx_mpps") * 1e6 * seconds);
        double loss = r.getDouble("loss_pct");
        long rx = Double.isNaN(loss) ? Math.round(r.getDouble("rx_mpps") * 1e6 * seconds)
                : Math.round(tx * (1 - Math.max(0, loss) / 100));
        Map<Double, Long> lat = new LinkedHashMap<>();
        putLatency(lat, 50.0, r.getDouble("lat_p50_ns"));
        putLatency(lat, 99.0, r.getDouble("lat_p99_ns"));
        putLatency(lat, 100.0, r.getDouble("lat_max_ns"));
        return new TrialOutcome(offeredPps, tx, rx, nanos, lat);
    }

    private static void putLatency(Map<Double, Long> m, double p, double ns) {
        if (!Double.isNaN(ns)) {
            m.put(p, Math.round(ns));
        }
    }

    /** A rate factor for {@code pps}: {@code line} at (or above) line rate, else Mpps with 1 pps resolution. */
    static String rate(double pps, double linePps) {
        if (pps >= linePps) {
            return "line";
        }
        return BigDecimal.valueOf(pps / 1e6).setScale(6, RoundingMode.FLOOR).stripTrailingZeros().toPlainString();
    }
}
