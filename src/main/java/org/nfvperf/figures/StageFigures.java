package org.nfvperf.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;

/**
 * The paper's §4.2 argument as a figure: for each group of trials (a dataplane, say), the CPU share
 * of every stage and the packets dropped at every stage as the offered rate rises, from the
 * {@code cpu_<stage>_pct} and {@code drop_<stage>_pkts} columns of a sweep's {@code stages.csv}.
 * The stage that saturates first is where the CPU curve reaches 100% and the drops start.
 * Stateless; build and export on one thread.
 *
 * <pre>{@code
 * Table wide = StageCounters.sweepTable(Path.of("results/bottleneck"));
 * Figure f = StageFigures.bottleneck(wide, "dataplane", Provenance.emulated("bottleneck sweep"));
 * FigureExporter.writeAll(f, Path.of("out/figures"));
 * }</pre>
 */
public final class StageFigures {
    private StageFigures() {
    }

    /**
     * Two panels per group: CPU share (percent of one core) and drops (Mpps over the trial) per
     * stage vs offered rate (Mpps, from {@code tx_mpps}). Rows without a rate are skipped.
     *
     * @param wide            a sweep table with {@code tx_mpps} and the stage columns
     * @param groupBy         the column whose values make one pair of panels each (e.g. {@code dataplane}),
     *                        or null for one pair
     * @param durationSeconds the trials' duration, to turn dropped packets into Mpps
     * @throws IllegalArgumentException when the table has no stage columns
     */
    public static Figure bottleneck(Table wide, String groupBy, double durationSeconds, Provenance provenance) {
        return bottleneck(wide, groupBy, "tx_mpps", durationSeconds, "", provenance);
    }

    /**
     * The same figure over another rate column (e.g. {@code offered_mpps} of {@code nfvperf
     * reproduce}'s {@code stages} table), with a prefix for the panel titles. A row's drops are
     * divided by its own {@code duration_s} when the table has that column, else by
     * {@code durationSeconds}.
     *
     * @throws IllegalArgumentException when the table has no stage columns or no {@code xColumn}
     */
    public static Figure bottleneck(Table wide, String groupBy, String xColumn, double durationSeconds,
                                    String titlePrefix, Provenance provenance) {
        if (!wide.containsColumn(xColumn)) {
            throw new IllegalArgumentException("table " + wide.name() + " has no column " + xColumn);
        }
        List<String> cpu = wide.columnNames().stream().filter(c -> c.startsWith("cpu_") && c.endsWith("_pct")).toList();
        List<String> drop = wide.columnNames().stream().filter(c -> c.startsWith("drop_") && c.endsWith("_pkts")).toList();
        if (cpu.isEmpty() && drop.isEmpty()) {
            throw new IllegalArgumentException("table " + wide.name() + " has no cpu_<stage>_pct or drop_<stage>_pkts columns");
        }
        Map<String, Table> groups = new TreeMap<>();
        if (groupBy == null) {
            groups.put("", wide);
        } else {
            for (String g : Tables.distinct(wide, groupBy)) {
                groups.put(g, Tables.where(wide, groupBy, g));
            }
        }
        // one colour, marker and line per stage, the same in both panels
        List<String> stages = new ArrayList<>();
        for (String c : wide.columnNames()) {
            String st = c.startsWith("cpu_") && c.endsWith("_pct") ? c.substring(4, c.length() - 4)
                    : c.startsWith("drop_") && c.endsWith("_pkts") ? c.substring(5, c.length() - 5) : null;
            if (st != null && !stages.contains(st)) {
                stages.add(st);
            }
        }
        List<org.knowm.xchart.internal.chartpart.Chart<?, ?>> panels = new ArrayList<>();
        for (Map.Entry<String, Table> g : groups.entrySet()) {
            String prefix = titlePrefix + (g.getKey().isEmpty() ? "" : Style.dataplaneName(g.getKey()) + ": ");
            panels.add(panel(prefix + "CPU share per stage", "CPU share of one core (%)", g.getValue(), xColumn, cpu, "cpu_",
                    "_pct", Double.NaN, stages));
            panels.add(panel(prefix + "drops per stage", "dropped at the stage's input (Mpps)", g.getValue(), xColumn, drop,
                    "drop_", "_pkts", durationSeconds, stages));
        }
        return new Figure("bottleneck-stages", "Where the CPU goes and where packets are dropped as the offered rate rises "
                + "(the paper's section 4.2 argument, from per-stage counters).", panels, 2, provenance);
    }

    /** One panel; {@code seconds} NaN: values as they are, else packets over the trial turned into Mpps. */
    private static XYChart panel(String title, String yTitle, Table t, String xColumn, List<String> columns,
                                 String prefix, String suffix, double seconds, List<String> stages) {
        Table sorted = Tables.sortedBy(t, xColumn);     // numerically, also for string columns read from CSV
        double[] x = Tables.doubles(sorted, xColumn);
        double[] perRow = sorted.containsColumn("duration_s") ? Tables.doubles(sorted, "duration_s") : null;
        List<Series> series = new ArrayList<>();
        for (String c : columns) {
            double[] y = Tables.doubles(sorted, c);
            boolean any = false;
            for (int k = 0; k < y.length; k++) {
                if (!Double.isNaN(seconds)) {
                    double s = perRow != null && !Double.isNaN(perRow[k]) ? perRow[k] : seconds;
                    y[k] = y[k] / (1e6 * s);
                }
                any |= !Double.isNaN(y[k]) && (prefix.equals("cpu_") || y[k] > 0);
            }
            if (!any) {
                continue;                      // a stage that never drops adds nothing to the drop panel
            }
            String stage = c.substring(prefix.length(), c.length() - suffix.length());
            int i = stages.indexOf(stage);
            series.add(new Series(stage.replace('_', ' '), x, y, Style.seriesColor(stage, i), Style.variantMarker(i),
                    Style.variantLine(i), true));
        }
        XYChart chart = Charts.xy(title, "offered rate (Mpps)", yTitle, series);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("#,##0.##");
        if (series.isEmpty()) {
            chart.setTitle(title + " (none)");
        }
        return chart;
    }
}
