package org.nfvperf.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nfvperf.testbed.netns.Chain;
import org.nfvperf.testbed.netns.ChainPlan;
import org.nfvperf.testbed.netns.Dataplane;
import org.nfvperf.testbed.netns.Leftovers;
import org.nfvperf.testbed.netns.NetnsRateTrial;
import org.nfvperf.testbed.netns.NetnsRunner;
import org.nfvperf.testbed.netns.TrialConfig;
import org.nfvperf.testbed.netns.TrialReport;
import org.nfvperf.throughput.MultiGoalSearch;
import org.nfvperf.throughput.MultiSearchResult;
import org.nfvperf.throughput.MultiSearchSettings;
import org.nfvperf.throughput.SearchGoal;
import org.nfvperf.experiment.Experiment;
import org.nfvperf.experiment.Orchestrator;
import org.nfvperf.experiment.ResultStore;
import org.nfvperf.experiment.RunOptions;
import org.nfvperf.experiment.SweepResult;
import org.nfvperf.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.nfvperf.util.UsageException;

/**
 * {@code nfvperf testbed}: real Linux dataplanes in network namespaces (root). {@code run} measures
 * one trial through the orchestrator (a one-trial sweep: {@code OUT/EXPERIMENT/results.csv} and
 * {@code trials/<id>/} with the same {@code meta.json} as {@code nfvperf run}; rerun, it resumes); {@code ndr} searches the no-drop
 * rate of a chain; {@code cleanup} removes namespaces left by killed runs. Thin: the work is in
 * {@code org.nfvperf.testbed.netns}.
 *
 * <pre>{@code
 * ./nfvperf testbed run --chain firewall+l3fwd --frame-size 128 --rate 0.02 --duration 2 --out results
 * ./nfvperf testbed ndr --chain l3fwd --duration 1 --max-rate 0.3
 * ./nfvperf testbed cleanup
 * }</pre>
 */
@Command(name = "testbed", mixinStandardHelpOptions = true, description = "Real Linux namespace dataplanes (root), same artifacts as run.",
        subcommands = {TestbedCommand.Run.class, TestbedCommand.Ndr.class, TestbedCommand.Cleanup.class})
public final class TestbedCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options shared by run and ndr. */
    static class TrialOptions {
        @Option(names = "--chain", required = true, description = "NFs in path order: l2fwd, l3fwd, firewall joined by '+'.")
        String chain;

        @Option(names = "--dataplane", defaultValue = "linux", description = "linux (default), ovs or dpdk (DPDK knobs at their defaults; set them as spec factors).")
        String dataplane;

        @Option(names = "--frame-size", defaultValue = "128", description = "Frame size in bytes with FCS, 64..1518 (default 128).")
        int frameSize;

        @Option(names = "--duration", defaultValue = "2", paramLabel = "DUR", converter = org.nfvperf.util.Durations.SecondsConverter.class,
                description = "Sending time per trial: seconds or a duration such as 500ms (default 2).")
        double durationSeconds;

        @Option(names = "--out", defaultValue = "results", description = "Output root (default results).")
        Path out;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;
    }

    /** Prints {@code value} as JSON with {@code --json}, else {@code text}. */
    static void emit(picocli.CommandLine.Model.CommandSpec spec, TrialOptions options, Object value, String text) {
        spec.commandLine().getOut().println(options.json ? Json.write(value) : text);
        spec.commandLine().getOut().flush();
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run one trial: generator, chain of NF namespaces, sink, taps.")
    static final class Run implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        TrialOptions trial = new TrialOptions();

        @Option(names = "--rate", defaultValue = "0.02", description = "Offered rate: Mpps, or with pps/kpps/Mpps (default 0.02).")
        String rate;

        @Option(names = "--taps", defaultValue = "all",
                description = "Comma-separated taps (gen, dut<i>_in, dut<i>_out, sink), 'all' or 'none' (default all).")
        String taps;

        @Option(names = "--max-packets-per-tap", defaultValue = "0", description = "tcpdump -c per tap, 0 = no cap.")
        long maxPacketsPerTap;

        @Option(names = "--experiment", defaultValue = "testbed", description = "Experiment folder name (default testbed).")
        String experiment;

        @Option(names = "--cpu-share", defaultValue = "0", paramLabel = "CORES",
                description = "CPU time each NF process may use, in cores (0.5 = half of one core), through a cgroup's CFS"
                        + " quota; for ovs, ovs-dpdk and dpdk (0 = no limit, default).")
        double cpuShare;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Chain chain = Chain.parse(trial.chain);
            List<String> tapNames = tapNames(taps, chain);
            double ratePps = TrialConfig.parseRatePps(rate);
            TrialConfig config = new TrialConfig(chain, Dataplane.parse(trial.dataplane), trial.frameSize, ratePps,
                    Math.round(trial.durationSeconds * 1000), tapNames, maxPacketsPerTap, cpuShare);
            // one trial record: the trial runs through the orchestrator as a one-trial sweep, so its
            // folder, trial id, meta.json and results.csv row are those of `nfvperf run`
            Experiment e = experiment(experiment, config, rate, trial.durationSeconds);
            SweepResult r = Orchestrator.execute(e, trial.out, RunOptions.defaults());
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < r.columns().size(); i++) {
                row.put(r.columns().get(i), r.rows().get(0).get(i));
            }
            Path dir = r.dir().resolve("trials").resolve(row.get("trial"));
            if (!ResultStore.OK.equals(row.get("status"))) {
                throw new IllegalStateException("trial " + row.get("trial") + " failed: " + row.get("error") + " (see "
                        + dir.resolve("meta.json") + ")");
            }
            Map<?, ?> runnerInfo = (Map<?, ?>) Json.MAPPER.readValue(dir.resolve("meta.json").toFile(), Map.class)
                    .get("runner_info");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dir", dir.toString());
            m.put("trial", row.get("trial"));
            m.put("resumed", r.ran() == 0);
            m.put("dataplane", config.dataplane().id());
            m.put("chain", chain.id());
            m.put("frame_size", config.frameSizeBytes());
            m.put("offered_mpps", config.rateMpps());
            m.put("sent", runnerInfo == null ? null : runnerInfo.get("generator_sent"));
            m.put("received", runnerInfo == null ? null : runnerInfo.get("sink_received"));
            for (String k : List.of("tx_mpps", "rx_mpps", "loss_pct", "lat_p50_ns", "lat_p99_ns")) {
                String v = row.get(k);
                m.put(k, v == null || v.isEmpty() ? null : Double.parseDouble(v));
            }
            m.put("taps", runnerInfo == null ? null : runnerInfo.get("taps"));
            // a trial whose taps' kernel buffers overflowed says so in its row, not only in meta.json
            Object dropped = runnerInfo == null ? null : runnerInfo.get("taps_dropped_packets");
            m.put("taps_dropped_packets", dropped);
            long droppedCount = dropped instanceof Number n ? n.longValue() : 0;
            String dropNote = new TrialReport("", 0, 0, 0, 0, 0,
                    Map.of("all", new TrialReport.TapStats(0, 0, droppedCount))).tapDropNote();
            emit(spec, trial, m, String.format(Locale.ROOT,
                    "%s %s %dB: offered %.4f Mpps, sent %s (%s, tx %s Mpps), received %s, loss %s%%, rx %s Mpps%s%s -> %s",
                    config.dataplane().id(), chain.id(), config.frameSizeBytes(), config.rateMpps(), m.get("sent"),
                    runnerInfo == null || runnerInfo.get("generator") == null ? "?" : runnerInfo.get("generator"), fixed(row.get("tx_mpps"), 4),
                    m.get("received"), fixed(row.get("loss_pct"), 3), fixed(row.get("rx_mpps"), 4), dropNote,
                    r.ran() == 0 ? " (resumed)" : "", dir));
            return 0;
        }

        /** A CSV number cell with {@code digits} decimals, or "-" when empty. */
        static String fixed(String cell, int digits) {
            return cell == null || cell.isEmpty() ? "-" : String.format(Locale.ROOT, "%." + digits + "f", Double.parseDouble(cell));
        }

        /** The one-trial sweep of these options, as a spec would say it. */
        static Experiment experiment(String name, TrialConfig config, String rate, double durationSeconds) {
            StringBuilder y = new StringBuilder();
            y.append("name: ").append(Json.write(name)).append('\n');
            y.append("runner: ").append(NetnsRunner.ID).append('\n');
            y.append("duration_s: ").append(durationSeconds).append('\n');
            y.append("capture: {taps: ").append(Json.write(config.taps())).append(", max_packets: ")
                    .append(config.maxPacketsPerTap()).append("}\n");
            y.append("factors:\n");
            y.append("  dataplane: [").append(Json.write(config.dataplane().id())).append("]\n");
            y.append("  chain: [").append(Json.write(config.chain().id())).append("]\n");
            y.append("  frame_size: [").append(config.frameSizeBytes()).append("]\n");
            y.append("  rate: [").append(Json.write(rate.strip())).append("]\n");
            if (config.cpuShare() > 0) {
                y.append("  cpu_share: [").append(org.nfvperf.util.Numbers.csv(config.cpuShare())).append("]\n");
            }
            return Experiment.fromYaml(y.toString(), "testbed run");
        }
    }

    @Command(name = "ndr", mixinStandardHelpOptions = true,
            description = {"Find the NDR and PDR of a chain in one multi-goal search (no taps): short trials first, "
                    + "--duration last; trials are shared between the goals.",
                    "Writes OUT/ndr/<dataplane>-<chain>-<size>B/ndr.json with every goal's interval, the trials that "
                            + "decided it and the whole trace."})
    static final class Ndr implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        TrialOptions trial = new TrialOptions();

        @Option(names = "--min-rate", defaultValue = "0.01", paramLabel = "RATE", converter = org.nfvperf.experiment.Rate.MppsConverter.class,
                description = "Floor of the search: Mpps, or with pps/kpps/Mpps (default 0.01).")
        double minMpps;

        @Option(names = "--max-rate", defaultValue = "0.4", paramLabel = "RATE", converter = org.nfvperf.experiment.Rate.MppsConverter.class,
                description = "Cap of the search: Mpps, or with pps/kpps/Mpps (default 0.4).")
        double maxMpps;

        @Option(names = "--resolution", defaultValue = "0.05",
                description = "Final relative width of each goal's interval, (upper - lower) / upper (default 0.05).")
        double resolution;

        @Option(names = "--loss", description = "Search one goal at this loss in percent instead of --goal.")
        Double lossPercent;

        @Option(names = "--goal", paramLabel = "GOAL",
                description = "A goal: ndr, pdr (0.5%% loss), pdr:RATIO or loss:RATIO; repeatable (default ndr and pdr).")
        List<String> goals = new ArrayList<>();

        @Option(names = "--q-full", paramLabel = "RATIO",
                description = "Every goal also needs the generator to send at least 1 - RATIO of the offered load.")
        Double queueFull;

        @Option(names = "--initial-duration", defaultValue = "0.5", paramLabel = "DUR",
                converter = org.nfvperf.util.Durations.SecondsConverter.class,
                description = "Trial duration of the first phase: seconds or e.g. 500ms (default 0.5); later phases grow to --duration.")
        double initialSeconds;

        @Option(names = "--phases", defaultValue = "0", paramLabel = "N",
                description = "Intermediate phases of shorter trials before the final one (default 0: on this runner "
                        + "sub-second trials are dominated by start-up and mislead the search).")
        int phases;

        @Option(names = "--searches", defaultValue = "1", paramLabel = "N",
                description = "Whole searches, for the spread of each goal (default 1).")
        int searches;

        @Option(names = "--method", defaultValue = "multi", paramLabel = "multi|binary",
                description = "multi (default): one multi-goal search; binary: one RFC 2544 binary search per goal "
                        + "at --duration, for comparison.")
        String method;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!method.equals("multi") && !method.equals("binary")) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--method must be multi or binary: " + method);
            }
            Chain chain = Chain.parse(trial.chain);
            Dataplane dp = Dataplane.parse(trial.dataplane);
            long durationMillis = Math.round(trial.durationSeconds * 1000);
            NetnsRunner runner = new NetnsRunner(NetnsRunner.Options.defaults());
            runner.validate(new TrialConfig(chain, dp, trial.frameSize, minMpps * 1e6, durationMillis, List.of(), 0));
            if (method.equals("binary")) {
                return binary(chain, dp, runner, durationMillis);
            }
            Path root = trial.out.resolve("ndr").resolve(dp.id() + "-" + chain.id().replace('+', '_') + "-" + trial.frameSize + "B");
            NetnsRateTrial trials = new NetnsRateTrial(runner, chain, dp, trial.frameSize, root, line -> {
                spec.commandLine().getErr().println(line);
                spec.commandLine().getErr().flush();
            });
            List<SearchGoal> goalList = new ArrayList<>();
            if (lossPercent != null) {
                goalList.add(new SearchGoal(lossPercent == 0 ? "NDR" : "PDR", lossPercent / 100, resolution,
                        java.util.Optional.empty(), 1));
            } else {
                for (String g : goals.isEmpty() ? List.of("ndr", "pdr") : goals) {
                    goalList.add(SearchGoal.parse(g).withRelativeWidth(resolution));
                }
            }
            if (queueFull != null) {
                goalList.replaceAll(g -> g.withMaxQueueFullRatio(queueFull));
            }
            long finalNanos = durationMillis * 1_000_000L;
            MultiSearchSettings settings = new MultiSearchSettings(maxMpps * 1e6, minMpps * 1e6, goalList,
                    Math.min(finalNanos, Math.round(initialSeconds * 1e9)), finalNanos, phases, 1);
            MultiSearchResult.Repeated rep = MultiGoalSearch.repeat(trials, settings, searches);
            MultiSearchResult r = rep.runs().get(rep.runs().size() - 1);
            Map<String, Object> res = new LinkedHashMap<>();
            res.put("dataplane", dp.id());
            res.put("chain", chain.id());
            res.put("frame_size", trial.frameSize);
            res.put("trial_duration_s", trial.durationSeconds);
            MultiSearchResult.GoalResult first = r.goals().get(0);
            res.put("ndr_mpps", first.found() ? first.lowerPps() / 1e6 : 0.0);
            res.put("at_cap", first.lowerPps() >= settings.maxPps());
            trials.steps().stream().filter(s -> s.offeredPps() == first.lowerPps()).reduce((a, b) -> b).ifPresent(s -> {
                res.put("ndr_tx_mpps", s.report().txMpps());
                res.put("ndr_rx_mpps", s.report().rxMpps());
            });
            List<Map<String, Object>> spreads = new ArrayList<>();
            for (SearchGoal g : goalList) {
                MultiSearchResult.Spread sp = rep.spread(g.name());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("goal", g.name());
                m.put("found", sp.found());
                m.put("searches", sp.runs());
                m.put("mean_mpps", sp.mean() / 1e6);
                m.put("min_mpps", sp.min() / 1e6);
                m.put("max_mpps", sp.max() / 1e6);
                m.put("stddev_mpps", sp.stddev() / 1e6);
                spreads.add(m);
            }
            res.put("spread", spreads);
            List<Object> runs = new ArrayList<>();
            rep.runs().forEach(x -> runs.add(x.report()));
            res.put("searches", runs);
            List<Map<String, Object>> steps = new ArrayList<>();
            for (NetnsRateTrial.Step s : trials.steps()) {
                steps.add(Map.of("offered_mpps", s.offeredPps() / 1e6, "tx_mpps", s.report().txMpps(),
                        "rx_mpps", s.report().rxMpps(), "sent", s.report().sent(), "received", s.report().received(),
                        "loss_pct", s.report().lossPercent(), "generator_limited", s.generatorLimited()));
            }
            res.put("steps", steps);
            Files.createDirectories(root);
            Files.writeString(root.resolve("ndr.json"), Json.write(res) + "\n");
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s %s %dB:", dp.id(), chain.id(), trial.frameSize));
            for (MultiSearchResult.GoalResult g : r.goals()) {
                line.append(String.format(Locale.ROOT, " %s %.4f Mpps%s;", g.goal().name(),
                        g.found() ? g.lowerPps() / 1e6 : 0.0, g.lowerPps() >= settings.maxPps() ? " (at the cap)" : ""));
            }
            line.append(String.format(Locale.ROOT, " %d trials, %.1f s of traffic, width %.0f%%", trials.steps().size(),
                    rep.runs().stream().mapToLong(MultiSearchResult::totalTrialNanos).sum() / 1e9, resolution * 100));
            emit(spec, trial, res, line.toString());
            return 0;
        }

        /** One binary search per goal, each from scratch at the final duration: the reference. */
        private int binary(Chain chain, Dataplane dp, NetnsRunner runner, long durationMillis) throws Exception {
            Path root = trial.out.resolve("ndr-binary").resolve(dp.id() + "-" + chain.id().replace('+', '_') + "-"
                    + trial.frameSize + "B");
            NetnsRateTrial trials = new NetnsRateTrial(runner, chain, dp, trial.frameSize, root, line -> {
                spec.commandLine().getErr().println(line);
                spec.commandLine().getErr().flush();
            });
            Map<String, Object> res = new LinkedHashMap<>();
            res.put("dataplane", dp.id());
            res.put("chain", chain.id());
            res.put("frame_size", trial.frameSize);
            res.put("trial_duration_s", trial.durationSeconds);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s %s %dB (binary):", dp.id(), chain.id(),
                    trial.frameSize));
            List<Object> searches = new ArrayList<>();
            int total = 0;
            for (String g : goals.isEmpty() ? List.of("ndr", "pdr") : goals) {
                SearchGoal goal = SearchGoal.parse(g);
                org.nfvperf.throughput.SearchSettings settings = new org.nfvperf.throughput.SearchSettings(maxMpps * 1e6,
                        minMpps * 1e6, resolution * maxMpps * 1e6, goal.lossRatio(), durationMillis * 1_000_000L, 1);
                org.nfvperf.throughput.SearchResult r = org.nfvperf.throughput.RateSearch.search(trials, settings);
                total += r.trace().size();
                searches.add(Map.of("goal", goal.name(), "rate_mpps", r.ratePps() / 1e6, "trials", r.trace().size()));
                line.append(String.format(Locale.ROOT, " %s %.4f Mpps (%d trials);", goal.name(), r.ratePps() / 1e6,
                        r.trace().size()));
            }
            res.put("searches", searches);
            res.put("trials", total);
            line.append(String.format(Locale.ROOT, " %d trials, %.1f s of traffic", total, total * trial.durationSeconds));
            Files.createDirectories(root);
            Files.writeString(root.resolve("ndr.json"), Json.write(res) + "\n");
            emit(spec, trial, res, line.toString());
            return 0;
        }
    }

    @Command(name = "cleanup", mixinStandardHelpOptions = true, description = "Remove namespaces (and their veths) left by killed nfvperf runs.")
    static final class Cleanup implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            NetnsRunner.requireRoot();
            List<String> removed = Leftovers.removeDead();
            spec.commandLine().getOut().println(removed.isEmpty() ? "nothing to remove"
                    : "removed " + removed.size() + " leftovers (namespaces, DPDK mounts, EAL files, hugepages): "
                    + String.join(" ", removed));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    static List<String> tapNames(String spec, Chain chain) {
        ChainPlan plan = new ChainPlan("nfvp-0-0-", chain, NetnsRunner.UDP_PORT);
        if (spec.equals("all")) {
            return plan.tapNames();
        }
        if (spec.equals("none")) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String t : spec.split(",")) {
            names.add(plan.tap(t.trim()).name());
        }
        return names;
    }
}
