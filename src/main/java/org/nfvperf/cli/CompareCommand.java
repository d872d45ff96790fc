package org.nfvperf.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.nfvperf.figures.Comparison;
import org.nfvperf.figures.Figure;
import org.nfvperf.figures.FigureExporter;
import org.nfvperf.figures.Provenance;
import org.nfvperf.figures.Tables;
import org.nfvperf.util.Json;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/**
 * {@code nfvperf compare RESULTS.csv... --by COLUMN --metric COLUMN}: one metric side by side
 * across the values of one column, rows keyed by the remaining factor columns, with ratios to the
 * baseline and which group is ahead; as a text table, {@code --csv} or {@code --json}, and as
 * grouped bars with {@code --chart FILE.svg|png|pdf}. The logic is {@link Comparison}.
 *
 * <pre>{@code
 * ./nfvperf compare out/fig2/results.csv --by dataplane --metric rx_mpps --chart cmp.svg
 * }</pre>
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare one metric side by side across the values of a column (e.g. dataplanes).",
            "Rows are keyed by the remaining factor columns; values with the same key and group are averaged."})
public final class CompareCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RESULTS.csv", description = "Tidy result tables (e.g. results.csv of `nfvperf run`).")
    List<Path> files;

    @Option(names = "--by", paramLabel = "COLUMN", description = "Column whose values are compared (e.g. dataplane); required without --against.")
    String by;

    @Option(names = "--metric", paramLabel = "COLUMN", description = "Numeric column to compare (e.g. rx_mpps, lat_p99_ns); "
            + "required without --against, where it may be repeated (default rx_mpps and lat_p99_ns).")
    List<String> metric = new ArrayList<>();

    @Option(names = "--against", paramLabel = "BASELINE_DIR", description = "Regression check: compare the sweep (a folder or "
            + "results.csv) point by point with this baseline sweep; exit 1 if a metric got worse by more than --threshold "
            + "beyond its 95%% interval, or a point failed.")
    Path against;

    @Option(names = "--threshold", defaultValue = "5", paramLabel = "PCT", description = "With --against: how much worse, in "
            + "percent of the baseline, is a regression (default ${DEFAULT-VALUE}).")
    double thresholdPercent;

    @Option(names = "--keys", split = ",", paramLabel = "COLUMN", description = "Key columns (default: every factor column present in all files).")
    List<String> keys = new ArrayList<>();

    @Option(names = "--baseline", paramLabel = "VALUE", description = "Group the ratios are taken against (default: the first seen).")
    String baseline = "";

    @ArgGroup(exclusive = true)
    Direction direction;

    static final class Direction {
        @Option(names = "--higher-is-better", description = "Higher metric values are better (default for throughput).")
        boolean higher;
        @Option(names = "--lower-is-better", description = "Lower metric values are better (default for lat*, *_ns, *loss*, *error*).")
        boolean lower;
    }

    @ArgGroup(exclusive = true)
    Format format;

    static final class Format {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;
        @Option(names = "--csv", description = "Print CSV.")
        boolean csv;
    }

    @Option(names = "--chart", paramLabel = "FILE", description = "Also write grouped bars to FILE (.svg, .png or .pdf).")
    Path chart;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (against != null) {
            if (files.size() != 1) {
                throw new IllegalArgumentException("--against compares one sweep (a folder or results.csv) with the baseline: "
                        + files.size() + " given");
            }
            org.nfvperf.results.RegressionCheck.Report r = org.nfvperf.results.RegressionCheck.compare(files.get(0), against,
                    metric, thresholdPercent);
            spec.commandLine().getOut().print(r.text());
            spec.commandLine().getOut().flush();
            return r.regressed() ? Main.EXIT_FAILURE : 0;
        }
        if (by == null || metric.size() != 1) {
            throw new IllegalArgumentException("compare needs --by COLUMN and one --metric COLUMN (or --against BASELINE_DIR): "
                    + (by == null ? "--by missing" : metric.size() + " metrics"));
        }
        String metric = this.metric.get(0);
        if (chart != null) {
            org.nfvperf.figures.ExportFormat.ofFileName(chart);   // reject a bad extension before any work
            org.nfvperf.util.OutputFiles.requireDistinct(chart, "--chart", files);
        }
        List<Table> tables = new ArrayList<>();
        for (Path f : files) {
            tables.add(Tables.read(f));
        }
        Boolean higher = direction == null ? null : direction.higher;
        Comparison c = Comparison.of(tables, by, metric, new Comparison.Options(keys, baseline, higher));
        PrintWriter out = spec.commandLine().getOut();
        if (format != null && format.json) {
            out.println(Json.write(c.toJson()));
        } else if (format != null && format.csv) {
            out.print(csv(c.toTable(true)));
        } else {
            out.print(text(c));
        }
        out.flush();
        if (chart != null) {
            List<String> names = files.stream().map(Path::toString).toList();
            Provenance p = Provenance.userFiles(names);
            FigureExporter.write(Figure.of(stem(chart), "Comparison of " + metric + " by " + by + " from "
                    + String.join(", ", names) + ".", c.chart(p), p), chart);
        }
        return 0;
    }

    private static String stem(Path chart) {
        String n = chart.getFileName().toString();
        String s = n.substring(0, Math.max(0, n.lastIndexOf('.'))).replaceAll("[^A-Za-z0-9_-]", "_");
        return s.isEmpty() ? "compare" : s;
    }

    static String csv(Table t) throws IOException {
        StringWriter w = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
            p.printRecord(t.columnNames());
            for (int r = 0; r < t.rowCount(); r++) {
                List<String> row = new ArrayList<>();
                for (String col : t.columnNames()) {
                    row.add(cell(t, r, col, false));
                }
                p.printRecord(row);
            }
        }
        return w.toString();
    }

    private static String cell(Table t, int r, String col, boolean pretty) {
        if (t.column(col) instanceof tech.tablesaw.api.DoubleColumn d) {
            double v = d.getDouble(r);
            if (Double.isNaN(v)) {
                return "";
            }
            return pretty ? String.format(Locale.ROOT, "%.3f", v) : Tables.canonical(v);
        }
        return t.getString(r, col);
    }

    static String text(Comparison c) {
        Table t = c.toTable();
        List<String> cols = t.columnNames();
        int[] width = new int[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            width[i] = cols.get(i).length();
            for (int r = 0; r < t.rowCount(); r++) {
                width[i] = Math.max(width[i], cell(t, r, cols.get(i), true).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(c.metric()).append(" by ").append(c.by()).append(" (").append(c.higherIsBetter() ? "higher" : "lower")
                .append(" is better; ratios against ").append(c.baseline()).append(")\n");
        if (!c.constantKeysLine().isEmpty()) {
            sb.append("in every row: ").append(c.constantKeysLine()).append('\n');
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cols.size(); i++) {
            boolean num = t.column(cols.get(i)) instanceof tech.tablesaw.api.DoubleColumn;
            line.append(i == 0 ? "" : "  ").append(pad(cols.get(i), width[i], num));
        }
        sb.append(line.toString().stripTrailing()).append('\n');
        for (int r = 0; r < t.rowCount(); r++) {
            line.setLength(0);
            for (int i = 0; i < cols.size(); i++) {
                boolean num = t.column(cols.get(i)) instanceof tech.tablesaw.api.DoubleColumn;
                line.append(i == 0 ? "" : "  ").append(pad(cell(t, r, cols.get(i), true), width[i], num));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }
}
