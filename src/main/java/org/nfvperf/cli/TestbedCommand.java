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
import org.nfvperf.throughput.RateSearch;
import org.nfvperf.throughput.SearchResult;
import org.nfvperf.throughput.SearchSettings;
import org.nfvperf.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nfvperf testbed}: real Linux dataplanes in network namespaces (root). {@code run} measures
 * one trial and leaves the same artifacts as {@code nfvperf run}; {@code ndr} searches the no-drop
 * rate of a chain; {@code cleanup} removes namespaces left by killed runs. Thin: the work is in
 * {@code org.nfvperf.testbed.netns}.
 *
 * <pre>{@code
 * ./nfvperf testbed run --chain firewall+l3fwd --frame-size 128 --rate 0.02 --duration 2 --out results
 * ./nfvperf testbed ndr --chain l3fwd --duration 1 --max-rate 0.3
 * ./nfvperf testbed cleanup
 * }</pre>
 */
@Command(name = "testbed", description = "Real Linux namespace dataplanes (root), same artifacts as run.",
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

        @Option(names = "--dataplane", defaultValue = "linux", description = "linux (default) or ovs.")
        String dataplane;

        @Option(names = "--frame-size", defaultValue = "128", description = "Frame size in bytes with FCS, 64..1518 (default 128).")
        int frameSize;

        @Option(names = "--duration", defaultValue = "2", description = "Sending time per trial in seconds (default 2).")
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

    @Command(name = "run", description = "Run one trial: generator, chain of NF namespaces, sink, taps.")
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

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Chain chain = Chain.parse(trial.chain);
            List<String> tapNames = tapNames(taps, chain);
            TrialConfig config = new TrialConfig(chain, Dataplane.parse(trial.dataplane), trial.frameSize,
                    TrialConfig.parseRatePps(rate), Math.round(trial.durationSeconds * 1000), tapNames, maxPacketsPerTap);
            NetnsRunner runner = new NetnsRunner(NetnsRunner.Options.defaults());
            runner.validate(config);
            String trialId = String.format(Locale.ROOT, "%s-%s-%dB-%s", config.dataplane().id(), chain.id().replace('+', '_'),
                    config.frameSizeBytes(), rate.replaceAll("[^A-Za-z0-9.]", ""));
            Path dir = trial.out.resolve(experiment).resolve(trialId);
            if (Files.exists(dir)) {
                try (var s = Files.list(dir)) {
                    if (s.findAny().isPresent()) {
                        throw new IllegalArgumentException("trial folder must be empty or absent: " + dir);
                    }
                }
            }
            long startNanos = System.currentTimeMillis() * 1_000_000L;
            TrialReport o = runner.execute(config, dir);
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("experiment", experiment);
            meta.put("trial_id", trialId);
            meta.put("runner", NetnsRunner.ID);
            meta.put("factors", Map.of("dataplane", config.dataplane().id(), "chain", chain.id(),
                    "frame_size", Integer.toString(config.frameSizeBytes()), "rate", rate));
            meta.put("duration_s", trial.durationSeconds);
            meta.put("taps", tapNames);
            meta.put("started_ns", startNanos);
            meta.put("provenance", o.toMap());
            Files.writeString(dir.resolve("meta.json"), Json.write(meta) + "\n");
            emit(spec, trial, summary(config, o, dir), String.format(Locale.ROOT,
                    "%s %s %dB: offered %.4f Mpps, sent %d, received %d, loss %.3f%%, rx %.4f Mpps -> %s",
                    config.dataplane().id(), chain.id(), config.frameSizeBytes(), config.rateMpps(), o.sent(),
                    o.received(), o.lossPercent(), o.rxMpps(), dir));
            return 0;
        }
    }

    @Command(name = "ndr", description = "Binary-search the highest zero-loss rate of a chain (no taps).")
    static final class Ndr implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        TrialOptions trial = new TrialOptions();

        @Option(names = "--min-rate", defaultValue = "0.01", description = "Floor of the search in Mpps (default 0.01).")
        double minMpps;

        @Option(names = "--max-rate", defaultValue = "0.4", description = "Cap of the search in Mpps (default 0.4).")
        double maxMpps;

        @Option(names = "--resolution", defaultValue = "0.05", description = "Stop when the bracket is within this fraction (default 0.05).")
        double resolution;

        @Option(names = "--loss", defaultValue = "0", description = "Loss in percent that still passes (default 0).")
        double lossPercent;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Chain chain = Chain.parse(trial.chain);
            Dataplane dp = Dataplane.parse(trial.dataplane);
            long durationMillis = Math.round(trial.durationSeconds * 1000);
            NetnsRunner runner = new NetnsRunner(NetnsRunner.Options.defaults());
            runner.validate(new TrialConfig(chain, dp, trial.frameSize, minMpps * 1e6, durationMillis, List.of(), 0));
            Path root = trial.out.resolve("ndr").resolve(dp.id() + "-" + chain.id().replace('+', '_') + "-" + trial.frameSize + "B");
            NetnsRateTrial trials = new NetnsRateTrial(runner, chain, dp, trial.frameSize, root, line -> {
                spec.commandLine().getErr().println(line);
                spec.commandLine().getErr().flush();
            });
            SearchSettings settings = new SearchSettings(maxMpps * 1e6, minMpps * 1e6, resolution * maxMpps * 1e6,
                    lossPercent / 100, durationMillis * 1_000_000L, 1);
            SearchResult r = RateSearch.search(trials, settings);
            Map<String, Object> res = new LinkedHashMap<>();
            res.put("dataplane", dp.id());
            res.put("chain", chain.id());
            res.put("frame_size", trial.frameSize);
            res.put("trial_duration_s", trial.durationSeconds);
            res.put("ndr_mpps", r.ratePps() / 1e6);
            res.put("at_cap", r.ratePps() >= settings.maxPps());
            trials.steps().stream().filter(s -> s.offeredPps() == r.ratePps()).findFirst().ifPresent(s -> {
                res.put("ndr_tx_mpps", s.report().txMpps());
                res.put("ndr_rx_mpps", s.report().rxMpps());
            });
            List<Map<String, Object>> steps = new ArrayList<>();
            for (NetnsRateTrial.Step s : trials.steps()) {
                steps.add(Map.of("offered_mpps", s.offeredPps() / 1e6, "tx_mpps", s.report().txMpps(),
                        "rx_mpps", s.report().rxMpps(), "sent", s.report().sent(), "received", s.report().received(),
                        "loss_pct", s.report().lossPercent(), "generator_limited", s.generatorLimited()));
            }
            res.put("steps", steps);
            Files.createDirectories(root);
            Files.writeString(root.resolve("ndr.json"), Json.write(res) + "\n");
            emit(spec, trial, res, String.format(Locale.ROOT, "%s %s %dB: NDR %.4f Mpps%s (%d trials of %.1f s, resolution %.0f%%)",
                    dp.id(), chain.id(), trial.frameSize, r.ratePps() / 1e6, r.ratePps() >= settings.maxPps() ? " (at the search cap)" : "",
                    trials.steps().size(), trial.durationSeconds, resolution * 100));
            return 0;
        }
    }

    @Command(name = "cleanup", description = "Remove namespaces (and their veths) left by killed nfvperf runs.")
    static final class Cleanup implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            NetnsRunner.requireRoot();
            List<String> removed = Leftovers.removeDead();
            spec.commandLine().getOut().println(removed.isEmpty() ? "nothing to remove"
                    : "removed " + removed.size() + " namespaces: " + String.join(" ", removed));
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

    static Map<String, Object> summary(TrialConfig config, TrialReport o, Path dir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dir", dir.toString());
        m.put("dataplane", config.dataplane().id());
        m.put("chain", config.chain().id());
        m.put("frame_size", config.frameSizeBytes());
        m.put("offered_mpps", config.rateMpps());
        m.put("sent", o.sent());
        m.put("received", o.received());
        m.put("loss_pct", o.lossPercent());
        m.put("tx_mpps", o.txMpps());
        m.put("rx_mpps", o.rxMpps());
        m.put("taps", o.toMap().get("taps"));
        return m;
    }
}
