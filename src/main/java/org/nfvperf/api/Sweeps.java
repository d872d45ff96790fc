package org.nfvperf.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nfvperf.experiment.Experiment;
import org.nfvperf.experiment.Orchestrator;
import org.nfvperf.experiment.RunOptions;
import org.nfvperf.experiment.SweepResult;
import org.nfvperf.figures.Tables;
import org.nfvperf.reproduction.PaperReproduction;
import tech.tablesaw.api.Table;

/**
 * Measurement sweeps: a YAML spec run through the orchestrator on its runner (resuming finished
 * trials), and the paper's sweeps on the emulated testbed.
 *
 * <p>Stateless and thread-safe; results are immutable.
 * <pre>{@code
 * Sweeps.Result r = Sweeps.run(Path.of("data/specs/netns-chains.yaml"), Path.of("out"));
 * r.toTable();                                   // one row per trial
 * Sweeps.Paper p = Sweeps.paper(Path.of("out/fig5"), 200_000, 20_000, "fig5");
 * p.table("fig5"); p.claims(); Figures.paper(p, "fig5");
 * }</pre>
 */
public final class Sweeps {
    private Sweeps() {
    }

    /**
     * Runs the sweep of a spec into {@code out/<experiment>/}, skipping finished trials.
     *
     * @throws IOException if the spec cannot be read or the results cannot be written
     */
    public static Result run(Path spec, Path out) throws IOException {
        return new Result(Orchestrator.execute(Experiment.load(spec), out, RunOptions.defaults()));
    }

    /**
     * Runs the paper's sweeps {@code ids} (fig2, table1, bottleneck, fig3, fig4, fig5, fig6, fbmix)
     * on the emulated testbed with windows of {@code windowPackets} packets and {@code probes}
     * latency probes per trial, writing {@code out/tables/<id>.csv} and {@code out/claims.csv}.
     * {@code nfvperf reproduce} uses 200,000 and 20,000.
     *
     * @throws IllegalArgumentException for an unknown id or windows under 1,000 packets
     */
    public static Paper paper(Path out, int windowPackets, int probes, String... ids) throws IOException {
        Set<String> only = new LinkedHashSet<>(List.of(ids));
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        PaperReproduction.Result r = PaperReproduction.run(out, only, line -> { },
                new PaperReproduction.Options(windowPackets, probes, threads, null));
        return new Paper(out, r);
    }

    /**
     * A sweep that ran.
     *
     * @param sweep the orchestrator's result (folder, rows, counts)
     */
    public record Result(SweepResult sweep) {
        /** One row per trial, typed columns ({@code results.csv}). */
        public Table toTable() {
            return sweep.table();
        }

        /** Trials, how many ran now, how many failed, and the folder. */
        public Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("trials", sweep.rows().size());
            m.put("ran_now", sweep.ran());
            m.put("failed", sweep.failed());
            m.put("results", sweep.dir().resolve("results.csv").toString());
            return m;
        }
    }

    /**
     * The paper's sweeps that ran, with the tables and claims they wrote.
     *
     * @param out    the folder written
     * @param result the reproduction's result
     */
    public record Paper(Path out, PaperReproduction.Result result) {
        /** The tidy table {@code id} (one row per dataplane, factor and size). */
        public Table table(String id) throws IOException {
            Path csv = out.resolve("tables").resolve(id + ".csv");
            if (!Files.isRegularFile(csv)) {
                throw new IllegalArgumentException("table must be one of " + result.tables().keySet() + ": " + id);
            }
            return Tables.read(csv);
        }

        /** The paper's findings these sweeps check: published, reproduced, error_pct, holds. */
        public Table claims() throws IOException {
            Table t = Tables.read(out.resolve("claims.csv"));
            return t.removeColumns("key").setName("claims");
        }

        /** How many claims hold, the model version, window, probes, trials and run time. */
        public Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            long holds = result.claims().stream().filter(PaperReproduction.Claim::holds).count();
            m.put("claims_hold", holds + " of " + result.claims().size());
            m.put("runner", result.provenance().get("runner"));
            m.put("model_version", result.provenance().get("model_version"));
            m.put("window_packets", result.provenance().get("window_packets"));
            m.put("probes", result.provenance().get("probes"));
            m.put("trials", result.provenance().get("trials"));
            m.put("elapsed_s", result.provenance().get("elapsed_s"));
            return m;
        }
    }
}
