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
 * Sweeps.Paper p = Sweeps.paper(Path.of("out/fig5"), "fig5");
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
     * Runs the paper's sweeps behind the tables {@code ids} (fig2, table1, bottleneck, fig3, fig4,
     * fig5, fig6, fbmix) on the emulated testbed with the paper's spec set ({@code data/specs}: the
     * durations, windows and probes {@code nfvperf reproduce} uses), resuming finished trials, and
     * writes {@code out/tables/<id>.csv} and {@code out/claims.csv}.
     *
     * @throws IllegalArgumentException for an unknown id
     */
    public static Paper paper(Path out, String... ids) throws IOException {
        return paper(out, PaperReproduction.Options.defaults(), ids);
    }

    /** As {@link #paper(Path, String...)} with other options (spec set, runner, jobs, published numbers). */
    public static Paper paper(Path out, PaperReproduction.Options options, String... ids) throws IOException {
        Set<String> only = new LinkedHashSet<>(List.of(ids));
        PaperReproduction.Result r = PaperReproduction.run(out, only, line -> { }, options);
        return new Paper(out, r);
    }

    /** As {@link #paper(Path, String...)} with another spec set (say, a copy with shorter windows) and {@code jobs} trials at once. */
    public static Paper paper(Path out, Path specs, int jobs, String... ids) throws IOException {
        return paper(out, PaperReproduction.Options.defaults().withSpecs(specs).withJobs(jobs), ids);
    }

    /**
     * A pivot of a tidy table: one row per combination of the {@code rows} columns (in order of
     * first appearance), one column per value of {@code columns}, cells from {@code value} (the
     * mean where several rows meet). Named {@code <value> by <columns>}; its columns are
     * {@code <columns>=<column value> <value>} (say {@code frame_size=64 rx_mpps}), ending in the unit of {@code value}.
     *
     * @throws IllegalArgumentException if a column is not present
     */
    public static Table pivot(Table t, String value, String columns, String... rows) {
        for (String c : concat(value, columns, rows)) {
            if (!t.containsColumn(c)) {
                throw new IllegalArgumentException("Column " + c + " is not present in table " + t.name() + ": " + t.columnNames());
            }
        }
        Map<String, List<String>> keys = new LinkedHashMap<>();
        List<String> heads = new java.util.ArrayList<>();
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            List<String> k = new java.util.ArrayList<>();
            for (String c : rows) {
                k.add(org.nfvperf.figures.CellFormat.cell(t, r, c));
            }
            String key = String.join("\u0000", k);
            keys.putIfAbsent(key, k);
            String head = org.nfvperf.figures.CellFormat.cell(t, r, columns);
            if (!heads.contains(head)) {
                heads.add(head);
            }
            double v = number(t, value, r);
            if (!Double.isNaN(v)) {
                double[] acc = sums.computeIfAbsent(key + "\u0001" + head, x -> new double[2]);
                acc[0] += v;
                acc[1]++;
            }
        }
        Table out = Table.create(value + " by " + columns);
        for (int i = 0; i < rows.length; i++) {
            tech.tablesaw.api.StringColumn c = tech.tablesaw.api.StringColumn.create(rows[i]);
            for (List<String> k : keys.values()) {
                c.append(k.get(i));
            }
            out.addColumns(c);
        }
        for (String head : heads) {
            tech.tablesaw.api.DoubleColumn c = tech.tablesaw.api.DoubleColumn.create(columns + "=" + head + " " + value);
            for (String key : keys.keySet()) {
                double[] acc = sums.get(key + "\u0001" + head);
                c.append(acc == null ? Double.NaN : acc[0] / acc[1]);
            }
            out.addColumns(c);
        }
        return out;
    }

    /**
     * The number in a cell, NaN when missing or empty. Tables read from CSV may hold numbers as text;
     * Tablesaw's {@code numberColumn} would turn such a column into its dictionary codes, not its values.
     */
    private static double number(Table t, String column, int row) {
        tech.tablesaw.columns.Column<?> c = t.column(column);
        if (c.isMissing(row)) {
            return Double.NaN;
        }
        if (c instanceof tech.tablesaw.api.NumericColumn<?> n) {
            return n.getDouble(row);
        }
        String s = c.getString(row).strip();
        if (s.isEmpty() || s.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Column " + column + " of table " + t.name() + " must hold numbers: '" + s
                    + "' in row " + row);
        }
    }

    private static List<String> concat(String a, String b, String[] rest) {
        List<String> l = new java.util.ArrayList<>(List.of(a, b));
        l.addAll(List.of(rest));
        return l;
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

        /** How many claims hold, the sweeps behind the tables (trials, run now, failed) and the run time. */
        public Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            long holds = result.claims().stream().filter(PaperReproduction.Claim::holds).count();
            m.put("claims_hold", holds + " of " + result.claims().size());
            for (PaperReproduction.Run run : result.runs().values()) {
                m.put("sweep " + run.spec(), run.trials() + " trials on " + run.runner() + " (" + run.ranNow() + " run now, "
                        + run.failed() + " failed)");
            }
            Object elapsed = result.provenance().get("elapsed_s");
            if (elapsed != null) {
                m.put("elapsed_s", elapsed);
            }
            m.put("folder", out.toString());
            return m;
        }

        /** The runs behind table {@code id} as one line, e.g. {@code runs fig5, fig5-100pps (36 trials)}. */
        public String runsLabel(String id) {
            return PaperReproduction.runsLabel(result, id);
        }
    }
}
