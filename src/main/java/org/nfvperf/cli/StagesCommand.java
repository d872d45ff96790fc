package org.nfvperf.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nfvperf.experiment.StageCounters;
import org.nfvperf.figures.Figure;
import org.nfvperf.figures.FigureExporter;
import org.nfvperf.figures.Provenance;
import org.nfvperf.figures.StageFigures;
import org.nfvperf.util.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/**
 * {@code nfvperf stages SWEEP_DIR [--by COLUMN] [--chart FILE]}: where the CPU goes and where
 * packets are dropped, per stage and trial, from each trial's {@code stages.json}; the chart is the
 * bottleneck figure of {@link StageFigures}. Thin.
 *
 * <pre>{@code
 * ./nfvperf stages results/bottleneck --by dataplane --chart bottleneck-stages.png
 * }</pre>
 */
@Command(name = "stages", mixinStandardHelpOptions = true,
        description = {"Per-stage CPU share and drops of every trial of a sweep (from trials/<id>/stages.json, which the "
                + "emulated and netns runners write), as columns cpu_<stage>_pct and drop_<stage>_pkts; with --chart, "
                + "the bottleneck figure (CPU and drops per stage vs offered rate)."})
public final class StagesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SWEEP_DIR", description = "A sweep folder (with results.csv and trials/).")
    Path dir;

    @Option(names = "--by", paramLabel = "COLUMN", description = "One pair of panels per value of this column (e.g. dataplane).")
    String by;

    @Option(names = "--chart", paramLabel = "FILE", description = "Write the bottleneck figure (.png, .svg or .pdf).")
    Path chart;

    @Option(names = "--where", paramLabel = "COL=VALUE", description = "Only trials with this factor value "
            + "(repeatable), e.g. --where vnic_queues=1 --where frame_size=64.")
    List<String> where = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isRegularFile(dir.resolve("results.csv"))) {
            throw new InputException(dir + ": not a sweep folder (no results.csv)");
        }
        Table wide = StageCounters.sweepTable(dir);
        List<String> stageCols = wide.columnNames().stream().filter(c -> c.startsWith("cpu_") || c.startsWith("drop_")).toList();
        if (stageCols.isEmpty()) {
            throw new InputException(dir + ": no trial has stages.json (per-stage counters)");
        }
        for (String w : where) {
            int eq = w.indexOf('=');
            if (eq < 1 || !wide.columnNames().contains(w.substring(0, eq))) {
                throw new InputException(dir + ": --where must be COLUMN=VALUE with a column of the results: " + w);
            }
            wide = org.nfvperf.figures.Tables.where(wide, w.substring(0, eq), w.substring(eq + 1));
            if (wide.isEmpty()) {
                throw new InputException(dir + ": no trial has " + w);
            }
        }
        if (by != null && !wide.columnNames().contains(by)) {
            throw new InputException(dir + ": --by " + by + " is not a column (columns: " + wide.columnNames() + ")");
        }
        List<String> shown = new ArrayList<>();
        for (String c : wide.columnNames()) {
            if (c.equals("trial") || c.equals("tx_mpps") || c.equals("rx_mpps") || c.equals(by) || stageCols.contains(c)) {
                shown.add(c);
            }
        }
        out.print(wide.selectColumns(shown.toArray(String[]::new)).printAll());
        out.println();
        if (chart != null) {
            double duration = durationSeconds(wide);
            Figure f = StageFigures.bottleneck(wide, by, duration, provenance(wide));
            FigureExporter.write(f, chart);
            out.println(chart);
        }
        out.flush();
        return 0;
    }

    /**
     * A netns sweep's figure says so (host and start of its first trial, from meta.json); any other
     * sweep names its results file.
     */
    private Provenance provenance(Table wide) throws java.io.IOException {
        Path meta = dir.resolve("trials").resolve(wide.stringColumn("trial").get(0)).resolve("meta.json");
        if (Files.isRegularFile(meta)) {
            var node = org.nfvperf.util.Json.MAPPER.readTree(meta.toFile());
            if ("netns".equals(node.path("runner").asText())) {
                Provenance p = Provenance.netns(node.path("host").path("hostname").asText(""), node.path("start").asText(""));
                return new Provenance(p.kind(), dir.getFileName() + " (" + wide.rowCount() + " trials)", p.host(), p.date());
            }
        }
        return Provenance.userFiles(List.of(dir.resolve("results.csv").toString()));
    }

    /** The trials' duration from the first trial's meta.json (1 s if it cannot be read). */
    private double durationSeconds(Table wide) throws java.io.IOException {
        Path meta = dir.resolve("trials").resolve(wide.stringColumn("trial").get(0)).resolve("meta.json");
        if (Files.isRegularFile(meta)) {
            var node = org.nfvperf.util.Json.MAPPER.readTree(meta.toFile()).get("duration_s");
            if (node != null && node.isNumber()) {
                return node.asDouble();
            }
        }
        return 1;
    }
}
