package org.nfvperf.figures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.knowm.xchart.CategoryChart;
import org.nfvperf.util.InputException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import org.nfvperf.util.UsageException;

/**
 * A side-by-side comparison of one metric across the values of one column (typically the
 * dataplane): rows keyed by the remaining factor columns, one value per group, the ratio of each
 * group to the baseline, and which group is ahead. What {@code nfvperf compare} prints and charts.
 *
 * <p>Key columns, unless given, are every column present in all tables except the {@code by}
 * column, the metric, {@code trial} and measurement columns, recognised by name:
 * {@code tx_*}, {@code rx_*}, {@code lat_*}, {@code *_ns}, {@code *_mpps} other than
 * {@code offered_mpps}, {@code *_pps}, {@code *_gbps*}, {@code loss_pct}, {@code line_rate_pct},
 * {@code error_pct}, {@code reproduced_*}, {@code published_*}, {@code *_ci*}, {@code *_stddev},
 * {@code largest_component}, {@code samples}, {@code duration_s}. Several rows with the same key and
 * group (repetitions, or the same trial in two files) are averaged. Lower is better for metrics
 * named {@code lat*}, {@code *_ns}, {@code *loss*} or {@code *error*}, higher otherwise, unless told.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Comparison c = Comparison.of(List.of(Tables.read(Path.of("results.csv"))), "dataplane", "rx_mpps", Comparison.Options.DEFAULT);
 * c.rows().get(0).ahead();   // "bess"
 * }</pre>
 */
public final class Comparison {
    private static final Pattern MEASUREMENT = Pattern.compile(
            "(tx|rx)_.*|lat_.*|.*_ns|.*_pps|.*_gbps.*|loss_pct|line_rate_pct|error_pct|reproduced_.*|published_.*"
                    + "|.*_ci(95)?(_.*)?|.*_stddev|largest_component|samples|duration_s|trial|file|tool|port");
    /** Columns of a trial's record that are neither factors nor the metric: never default keys. */
    private static final Set<String> BOOKKEEPING = Set.of("repetition", "status", "error", "seed", "elapsed_s", "started",
            "start", "started_ns", "n", "failed");

    /**
     * How to compare.
     *
     * @param keyColumns     the key columns, or empty for the default rule
     * @param baseline       the group ratios are taken against, or empty for the first group seen
     * @param higherIsBetter {@code null} to infer from the metric's name
     */
    public record Options(List<String> keyColumns, String baseline, Boolean higherIsBetter) {
        /** Default key columns, first group as baseline, direction from the metric's name. */
        public static final Options DEFAULT = new Options(List.of(), "", null);

        public Options {
            keyColumns = List.copyOf(keyColumns);
            baseline = baseline == null ? "" : baseline.strip();
        }
    }

    /**
     * One row of the comparison.
     *
     * @param key    key column → value
     * @param values group → metric value (mean over duplicates); absent groups are missing
     * @param ratios group → value / baseline value, for groups other than the baseline with a value
     * @param ahead  the group with the best value, {@code tie}, or empty with fewer than two values
     */
    public record Row(Map<String, String> key, Map<String, Double> values, Map<String, Double> ratios, String ahead) {
        public Row {
            key = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(key));
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            ratios = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ratios));
            Objects.requireNonNull(ahead, "ahead");
        }
    }

    private final String by;
    private final String metric;
    private final String baseline;
    private final boolean higherIsBetter;
    private final List<String> keyColumns;
    private final List<String> groups;
    private final List<Row> rows;

    private Comparison(String by, String metric, String baseline, boolean higherIsBetter, List<String> keyColumns,
            List<String> groups, List<Row> rows) {
        this.by = by;
        this.metric = metric;
        this.baseline = baseline;
        this.higherIsBetter = higherIsBetter;
        this.keyColumns = List.copyOf(keyColumns);
        this.groups = List.copyOf(groups);
        this.rows = List.copyOf(rows);
    }

    /** True if a column name is recognised as a measurement rather than a factor. */
    public static boolean isMeasurement(String column) {
        return !column.equals("offered_mpps") && MEASUREMENT.matcher(column.toLowerCase(Locale.ROOT)).matches();
    }

    /** True if lower values of {@code metric} are better (latency, loss, error). */
    public static boolean lowerIsBetter(String metric) {
        String m = metric.toLowerCase(Locale.ROOT);
        return m.startsWith("lat") || m.endsWith("_ns") || m.contains("loss") || m.contains("error");
    }

    /**
     * Compares {@code metric} across the values of {@code by} over the rows of all tables.
     *
     * @throws IllegalArgumentException if a named column is absent from a table ("Column X is not
     *         present in table Y"), or the baseline is not a group
     * @throws InputException if a metric cell is not a number
     */
    public static Comparison of(List<Table> tables, String by, String metric, Options options) {
        if (tables.isEmpty()) {
            throw new UsageException("tables must be non-empty: " + tables);
        }
        if (by.equals(metric)) {
            throw new UsageException("--by and --metric must differ: " + by);
        }
        for (Table t : tables) {
            Tables.require(t, by, metric);
            for (String k : options.keyColumns()) {
                Tables.require(t, k);
            }
        }
        List<String> keys = options.keyColumns().isEmpty() ? defaultKeys(tables, by, metric) : options.keyColumns();
        if (keys.contains(by) || keys.contains(metric)) {
            throw new UsageException("key columns must not include --by or --metric: " + keys);
        }
        List<String> groups = new ArrayList<>();
        Map<List<String>, Map<String, double[]>> acc = new LinkedHashMap<>();   // key → group → {sum, n}
        for (Table t : tables) {
            double[] v = Tables.doubles(t, metric);
            for (int r = 0; r < t.rowCount(); r++) {
                if (Double.isNaN(v[r])) {
                    continue;    // a failed trial has no value; it must not count as zero
                }
                String g = Tables.key(t, by, r);
                if (!groups.contains(g)) {
                    groups.add(g);
                }
                List<String> k = new ArrayList<>(keys.size());
                for (String c : keys) {
                    k.add(Tables.key(t, c, r));
                }
                double[] sn = acc.computeIfAbsent(k, x -> new LinkedHashMap<>()).computeIfAbsent(g, x -> new double[2]);
                sn[0] += v[r];
                sn[1]++;
            }
        }
        String base = options.baseline().isEmpty() ? (groups.isEmpty() ? "" : groups.get(0)) : options.baseline();
        if (!groups.isEmpty() && !groups.contains(base)) {
            throw new UsageException("--baseline must be one of " + String.join(", ", groups) + ": " + base);
        }
        boolean higher = options.higherIsBetter() != null ? options.higherIsBetter() : !lowerIsBetter(metric);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<List<String>, Map<String, double[]>> e : acc.entrySet()) {
            Map<String, String> key = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                key.put(keys.get(i), e.getKey().get(i));
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (String g : groups) {
                double[] sn = e.getValue().get(g);
                if (sn != null) {
                    values.put(g, sn[0] / sn[1]);
                }
            }
            Map<String, Double> ratios = new LinkedHashMap<>();
            Double b = values.get(base);
            if (b != null && b != 0) {
                for (Map.Entry<String, Double> gv : values.entrySet()) {
                    if (!gv.getKey().equals(base)) {
                        ratios.put(gv.getKey(), gv.getValue() / b);
                    }
                }
            }
            rows.add(new Row(key, values, ratios, ahead(values, higher)));
        }
        rows.sort(Comparison::compareKeys);
        return new Comparison(by, metric, base, higher, keys, groups, rows);
    }

    /** Orders rows by their key values, column by column; numbers as numbers (64 before 128), others as text. */
    private static int compareKeys(Row a, Row b) {
        java.util.Iterator<String> ia = a.key().values().iterator();
        java.util.Iterator<String> ib = b.key().values().iterator();
        while (ia.hasNext() && ib.hasNext()) {
            int c = compareValues(ia.next(), ib.next());
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    static int compareValues(String a, String b) {
        Double x = number(a);
        Double y = number(b);
        if (x != null && y != null) {
            return Double.compare(x, y);
        }
        if (x != null || y != null) {
            return x != null ? -1 : 1;   // numbers before words
        }
        return a.compareTo(b);
    }

    private static Double number(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            double v = Double.parseDouble(s.strip());
            return Double.isNaN(v) ? null : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String ahead(Map<String, Double> values, boolean higher) {
        if (values.size() < 2) {
            return "";
        }
        String best = null;
        double bestValue = 0;
        boolean tie = false;
        for (Map.Entry<String, Double> e : values.entrySet()) {
            double v = e.getValue();
            if (best == null || (higher ? v > bestValue : v < bestValue)) {
                best = e.getKey();
                bestValue = v;
                tie = false;
            } else if (v == bestValue) {
                tie = true;
            }
        }
        return tie ? "tie" : best;
    }

    private static List<String> defaultKeys(List<Table> tables, String by, String metric) {
        Set<String> common = new LinkedHashSet<>(tables.get(0).columnNames());
        for (Table t : tables.subList(1, tables.size())) {
            common.retainAll(t.columnNames());
        }
        List<String> keys = new ArrayList<>();
        for (String c : common) {
            if (!c.equals(by) && !c.equals(metric) && !isMeasurement(c) && !BOOKKEEPING.contains(c.toLowerCase(Locale.ROOT))) {
                keys.add(c);
            }
        }
        return keys;
    }

    /** The {@code by} column. */
    public String by() {
        return by;
    }

    /** The metric column. */
    public String metric() {
        return metric;
    }

    /** The group ratios are taken against. */
    public String baseline() {
        return baseline;
    }

    /** True if higher values of the metric are better. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The key columns, in table order. */
    public List<String> keyColumns() {
        return keyColumns;
    }

    /** The groups (values of {@code by}) in order of first appearance. */
    public List<String> groups() {
        return groups;
    }

    /**
     * The key columns whose value is the same in every row, with that value (in key order): what
     * a reader needs once, in a header line, not in every row. Empty with fewer than two rows.
     */
    public Map<String, String> constantKeys() {
        Map<String, String> out = new LinkedHashMap<>();
        if (rows.size() < 2) {
            return out;
        }
        for (String k : keyColumns) {
            String v = rows.get(0).key().get(k);
            if (rows.stream().allMatch(r -> Objects.equals(r.key().get(k), v))) {
                out.put(k, v);
            }
        }
        return out;
    }

    /** The key columns that vary between rows, in key order. */
    public List<String> varyingKeyColumns() {
        Map<String, String> constant = constantKeys();
        return keyColumns.stream().filter(k -> !constant.containsKey(k)).toList();
    }

    /** The constant keys as one line: {@code cpu_ghz=2.6, placement=same-socket} (empty if none). */
    public String constantKeysLine() {
        List<String> parts = new ArrayList<>();
        constantKeys().forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(", ", parts);
    }

    /** The rows, sorted by key: column by column, numbers as numbers (64 before 128). */
    public List<Row> rows() {
        return rows;
    }

    /** The ratio column's name for a group: {@code clickos/bess}. */
    public String ratioColumn(String group) {
        return group + "/" + baseline;
    }

    /**
     * The comparison as a table: the key columns that vary between rows, one column per group
     * (named after the group), one ratio column per non-baseline group ({@code clickos/bess}), and
     * {@code ahead}; one row per key, sorted.
     */
    public Table toTable() {
        return toTable(false);
    }

    /**
     * The comparison as a table; the key columns whose value is the same in every row
     * ({@link #constantKeys()}) are left out unless {@code withConstantKeys}.
     */
    public Table toTable(boolean withConstantKeys) {
        Table t = Table.create("compare " + metric + " by " + by);
        for (String k : withConstantKeys ? keyColumns : varyingKeyColumns()) {
            StringColumn c = StringColumn.create(k);
            rows.forEach(r -> c.append(r.key().get(k)));
            t.addColumns(c);
        }
        for (String g : groups) {
            DoubleColumn c = DoubleColumn.create(g);
            rows.forEach(r -> c.append(r.values().getOrDefault(g, Double.NaN)));
            t.addColumns(c);
        }
        for (String g : groups) {
            if (!g.equals(baseline)) {
                DoubleColumn c = DoubleColumn.create(ratioColumn(g));
                rows.forEach(r -> c.append(r.ratios().getOrDefault(g, Double.NaN)));
                t.addColumns(c);
            }
        }
        StringColumn ahead = StringColumn.create("ahead");
        rows.forEach(r -> ahead.append(r.ahead()));
        t.addColumns(ahead);
        return t;
    }

    /** The comparison as a JSON-ready map (keys {@code by, metric, better, baseline, key_columns, constant_keys, groups, rows}). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("by", by);
        m.put("metric", metric);
        m.put("better", higherIsBetter ? "higher" : "lower");
        m.put("baseline", baseline);
        m.put("key_columns", keyColumns);
        m.put("constant_keys", constantKeys());
        m.put("groups", groups);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("key", r.key());
            o.put("values", r.values());
            o.put("ratios", r.ratios());
            o.put("ahead", r.ahead());
            out.add(o);
        }
        m.put("rows", out);
        return m;
    }

    /** The label of a row in charts: its key values joined by " / " (or "all" without keys). */
    public static String label(Row r) {
        return r.key().isEmpty() ? "all" : String.join(" / ", r.key().values());
    }

    /** The label of a row in charts: its values of the key columns that vary, joined by " / " ("all" without any). */
    public String shortLabel(Row r) {
        List<String> v = new ArrayList<>();
        for (String k : varyingKeyColumns()) {
            v.add(r.key().get(k));
        }
        return v.isEmpty() ? "all" : String.join(" / ", v);
    }

    /** A metric column's axis title with its unit: {@code rx_mpps} becomes {@code rx (Mpps)}. */
    public static String metricTitle(String metric) {
        String m = metric.toLowerCase(Locale.ROOT);
        String[][] units = {{"_mpps", "Mpps"}, {"_kpps", "kpps"}, {"_pps", "packets/s"}, {"_gbps_l1", "Gb/s, L1"},
            {"_gbps_l2", "Gb/s, L2"}, {"_gbps", "Gb/s"}, {"_mbps", "Mb/s"}, {"_ns", "ns"}, {"_us", "µs"}, {"_ms", "ms"},
            {"_s", "s"}, {"_pct", "%"}, {"_ghz", "GHz"}, {"_bytes", "bytes"}};
        for (String[] u : units) {
            if (m.endsWith(u[0]) && m.length() > u[0].length()) {
                return metric.substring(0, metric.length() - u[0].length()) + " (" + u[1] + ")";
            }
        }
        return metric + " (as in the results)";
    }

    /**
     * Grouped bars, one group of bars per row (labelled by the key columns that vary; the constant
     * ones go in the x axis title), one bar per group (coloured by dataplane when it is one), the
     * metric with its unit on the y axis. Long or many labels are turned 45° so they never overlap.
     */
    public CategoryChart chart(Provenance provenance) {
        List<String> cats = new ArrayList<>();
        for (Row r : rows) {
            cats.add(shortLabel(r));
        }
        Map<String, double[]> bars = new LinkedHashMap<>();
        for (String g : groups) {
            double[] v = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                v[i] = rows.get(i).values().getOrDefault(g, Double.NaN);
            }
            bars.put(g, v);
        }
        CategoryChart c = Charts.groupedBars(metric + " by " + by + " (" + provenance.shortTag() + ")", metricTitle(metric),
                cats, bars);
        String varying = String.join(" / ", varyingKeyColumns());
        String constant = constantKeysLine();
        c.setXAxisTitle(constant.isEmpty() ? varying : varying.isEmpty() ? constant : varying + "   (" + constant + ")");
        int longest = cats.stream().mapToInt(String::length).max().orElse(0);
        // a category gets (plot width / count) points; a 12-pt label needs ~7 points per character
        double perCategory = (Style.PANEL_WIDTH - 120.0) / Math.max(1, cats.size());
        if (longest * 7.0 > perCategory * 0.9) {
            c.getStyler().setXAxisLabelRotation(45);
        }
        return c;
    }
}
