package org.nfvperf.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nfvperf.experiment.Experiment;
import org.nfvperf.experiment.RunOptions;
import org.nfvperf.experiment.SearchPlan;
import org.nfvperf.experiment.SpecSearch;
import org.nfvperf.throughput.SearchGoal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/**
 * {@code nfvperf search SPEC.yaml [--out DIR] [--goal G]... [--latency-at PCT,...]}: search the
 * rate instead of sweeping it, at each point of the spec's other factors. Thin: the work is in
 * {@link SpecSearch} and {@link org.nfvperf.throughput.MultiGoalSearch}.
 *
 * <pre>{@code
 * ./nfvperf search data/specs/search-l3fwd.yaml --out results --goal ndr --goal pdr:0.005 --latency-at 0,10,50,90
 * }</pre>
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Find NDR, PDR and other goals at each point of a spec's factors other than rate, with one "
                + "multi-goal search per point (trials shared between goals, short trials first, the spec's "
                + "duration_s last), then optionally latency at set percentages of a goal's rate.",
                "Settings come from the spec's search: section (see README) and these options. Writes "
                        + "DIR/<name>-search/ (results.csv and trials/ of every search trial, search.csv, "
                        + "points/<id>/ndr.json, latency-at-load.csv)."})
public final class SearchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC.yaml", description = "The spec; its rate factor, if any, is ignored.")
    Path specFile;

    @Option(names = "--out", defaultValue = "results", paramLabel = "DIR",
            description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--goal", paramLabel = "GOAL", description = "A goal: ndr, pdr (0.5%% loss), pdr:RATIO or "
            + "loss:RATIO, optionally /width:RATIO; repeatable; replaces the spec's goals.")
    List<String> goals = new ArrayList<>();

    @Option(names = "--latency-at", split = ",", paramLabel = "PCT",
            description = "Measure latency at these percentages of the latency goal's rate (0 = 100 pps idle).")
    List<Double> latencyAt = new ArrayList<>();

    @Option(names = "--searches", paramLabel = "N", description = "Whole searches per point, for the spread.")
    Integer searches;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Experiment e = Experiment.load(specFile);
        SearchPlan plan = SearchPlan.parse(Files.readString(specFile, StandardCharsets.UTF_8), specFile.toString());
        if (!goals.isEmpty()) {
            List<SearchGoal> g = new ArrayList<>();
            for (String s : goals) {
                g.add(SearchGoal.parse(s));
            }
            plan = plan.withGoals(g);
        }
        if (!latencyAt.isEmpty()) {
            plan = plan.withLatencyLoadsPercent(latencyAt);
        }
        if (searches != null) {
            plan = plan.withSearches(searches);
        }
        SpecSearch.Output o = SpecSearch.run(e, plan, out, RunOptions.defaults(), line -> {
            stderr.println(line);
            stderr.flush();
        });
        print(stdout, o.goals(), List.of("goal", "criteria", "found", "lower_mpps", "upper_mpps", "rx_mpps_at_lower",
                "trials", "trial_s"));
        if (!o.latencyAtLoad().isEmpty()) {
            stdout.println();
            print(stdout, o.latencyAtLoad(), List.of("load_pct_of_pdr", "offered_mpps", "latency_stream_pps",
                    "loss_pct", "lat_p50_ns", "lat_p99_ns"));
        }
        stdout.println(o.dir().resolve("search.csv"));
        stdout.flush();
        return 0;
    }

    /** The point factors and the named columns, aligned. */
    private static void print(PrintWriter out, Table t, List<String> shown) {
        List<String> cols = new ArrayList<>();
        for (String c : t.columnNames()) {
            if (c.equals("point") || c.equals("trial") || shown.contains(c)) {
                continue;
            }
            if (!t.column(c).type().name().equals("DOUBLE") && !c.equals("latency_goal")) {
                cols.add(c);
            }
        }
        cols.addAll(shown);
        out.print(t.selectColumns(cols.toArray(String[]::new)).printAll());
        out.println();
    }
}
