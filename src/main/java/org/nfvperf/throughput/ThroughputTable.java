package org.nfvperf.throughput;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.nfvperf.util.Numbers;
import org.nfvperf.util.Json;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import org.nfvperf.util.UsageException;

/**
 * Throughput results as Tablesaw tables in the tidy schema of DESIGN.md (one row per trial ×
 * metric set, columns named like the JSON keys), pivots, and CSV/JSON export. Stateless and
 * thread-safe; the tables it returns are not (Tablesaw tables are mutable).
 *
 * <p>Factor columns ({@code dataplane}, {@code cpu_ghz}, …) are added by whoever knows them
 * ({@link #withFactor}); a pivot then lays a metric out as a grid, e.g. frame size × CPU GHz of
 * rx Mpps as in the paper's Figure 2:
 * <pre>{@code
 * Table t = ThroughputTable.of(rows);
 * ThroughputTable.withFactor(t, "cpu_ghz", List.of("1.2", "1.2", "2.6", "2.6"));
 * Table grid = ThroughputTable.pivot(t, "frame_size", "cpu_ghz", "rx_mpps");
 * System.out.println(ThroughputTable.toCsv(grid));
 * }</pre>
 */
public final class ThroughputTable {
    /** The tidy columns, in order. */
    public static final List<String> COLUMNS = List.of("file", "tool", "port", "frame_size", "duration_s", "tx_pps",
            "rx_pps", "tx_mpps", "rx_mpps", "rx_gbps_l2", "rx_gbps_l1", "line_rate_pct", "loss_pct", "samples",
            "tx_gbps_l2", "tx_gbps_l1");

    private ThroughputTable() {
    }

    /** A tidy table of rows; unknown numbers are missing values. */
    public static Table of(List<ThroughputRow> rows) {
        Table t = Table.create("throughput");
        for (String c : COLUMNS) {
            t.addColumns(switch (c) {
                case "file", "tool", "port" -> StringColumn.create(c);
                case "frame_size", "samples" -> IntColumn.create(c);
                default -> DoubleColumn.create(c);
            });
        }
        for (ThroughputRow r : rows) {
            Map<String, Object> m = r.toMap();
            for (String c : COLUMNS) {
                Object v = m.get(c);
                Column<?> col = t.column(c);
                if (v == null) {
                    col.appendMissing();
                } else if (col instanceof StringColumn s) {
                    s.append((String) v);
                } else if (col instanceof IntColumn i) {
                    i.append(((Number) v).intValue());
                } else {
                    ((DoubleColumn) col).append(((Number) v).doubleValue());
                }
            }
        }
        return t;
    }

    /**
     * Adds (or replaces) a string factor column, one value per row.
     *
     * @throws IllegalArgumentException when the number of values differs from the row count
     */
    public static Table withFactor(Table table, String name, List<String> values) {
        if (values.size() != table.rowCount()) {
            throw new IllegalArgumentException("values must have one entry per row (" + table.rowCount() + "): "
                    + values.size());
        }
        if (table.containsColumn(name)) {
            table.removeColumns(name);
        }
        table.addColumns(StringColumn.create(name, values));
        return table;
    }

    /**
     * Pivots a metric: one row per distinct value of {@code rowColumn}, one column per distinct
     * value of {@code columnColumn}, cells the mean of {@code valueColumn} over the matching rows
     * (missing values skipped; empty cells are missing). Keys are ordered numerically when they
     * are numbers, else alphabetically; the first column holds the row keys as text.
     *
     * @throws IllegalArgumentException naming the column and table when a column is absent or
     *                                  the value column is not numeric
     */
    public static Table pivot(Table table, String rowColumn, String columnColumn, String valueColumn) {
        for (String c : List.of(rowColumn, columnColumn, valueColumn)) {
            if (!table.containsColumn(c)) {
                throw new UsageException("Column " + c + " is not present in table " + table.name());
            }
        }
        if (!(table.column(valueColumn) instanceof NumericColumn<?> values)) {
            throw new IllegalArgumentException("Column " + valueColumn + " of table " + table.name()
                    + " must be numeric: " + table.column(valueColumn).type());
        }
        Comparator<String> order = ThroughputTable::compareKeys;
        Map<String, Map<String, double[]>> cells = new TreeMap<>(order);
        TreeSet<String> colKeys = new TreeSet<>(order);
        for (int i = 0; i < table.rowCount(); i++) {
            if (table.column(rowColumn).isMissing(i) || table.column(columnColumn).isMissing(i)) {
                continue;
            }
            String rk = table.column(rowColumn).getString(i);
            String ck = table.column(columnColumn).getString(i);
            colKeys.add(ck);
            double[] acc = cells.computeIfAbsent(rk, k -> new TreeMap<>(order)).computeIfAbsent(ck, k -> new double[2]);
            if (!values.isMissing(i)) {
                acc[0] += values.getDouble(i);
                acc[1]++;
            }
        }
        Table out = Table.create(table.name() + " " + valueColumn + " by " + rowColumn + " x " + columnColumn);
        StringColumn keys = StringColumn.create(rowColumn);
        out.addColumns(keys);
        List<DoubleColumn> cols = new ArrayList<>();
        for (String ck : colKeys) {
            DoubleColumn c = DoubleColumn.create(ck);
            cols.add(c);
            out.addColumns(c);
        }
        for (Map.Entry<String, Map<String, double[]>> e : cells.entrySet()) {
            keys.append(e.getKey());
            int j = 0;
            for (String ck : colKeys) {
                double[] acc = e.getValue().get(ck);
                if (acc == null || acc[1] == 0) {
                    cols.get(j).appendMissing();
                } else {
                    cols.get(j).append(acc[0] / acc[1]);
                }
                j++;
            }
        }
        return out;
    }

    /** The table as CSV with a header; missing values are empty cells. */
    public static String toCsv(Table table) {
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter p = new CSVPrinter(sb, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build())) {
            p.printRecord(table.columnNames());
            for (int i = 0; i < table.rowCount(); i++) {
                List<Object> cells = new ArrayList<>();
                for (Column<?> c : table.columns()) {
                    cells.add(c.type() == ColumnType.DOUBLE && !c.isMissing(i)
                            ? Numbers.csv(((DoubleColumn) c).getDouble(i)) : cell(c, i));
                }
                p.printRecord(cells);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write CSV to a StringBuilder", e);
        }
        return sb.toString();
    }

    /** The table as a JSON array of objects, keys in column order, missing values {@code null}. */
    public static String toJson(Table table) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < table.rowCount(); i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Column<?> c : table.columns()) {
                m.put(c.name(), cell(c, i));
            }
            rows.add(m);
        }
        return Json.write(rows);
    }

    /**
     * A double as a plain decimal for JSON and CSV (shortest representation that reads back to
     * the same double, no exponent): 1.4880952E7 becomes 14880952; NaN and infinities become
     * {@code null}.
     */
    public static BigDecimal decimal(double v) {
        return Numbers.json(v);
    }

    private static Object cell(Column<?> c, int i) {
        if (c.isMissing(i)) {
            return null;
        }
        if (c.type() == ColumnType.DOUBLE) {
            return decimal(((DoubleColumn) c).getDouble(i));
        }
        if (c.type() == ColumnType.INTEGER) {
            return ((IntColumn) c).getInt(i);
        }
        return c.getString(i);
    }

    private static int compareKeys(String a, String b) {
        Double x = number(a);
        Double y = number(b);
        if (x != null && y != null) {
            int c = Double.compare(x, y);
            return c != 0 ? c : a.compareTo(b);
        }
        if (x != null) {
            return -1;
        }
        if (y != null) {
            return 1;
        }
        return a.compareTo(b);
    }

    private static Double number(String s) {
        try {
            return Double.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
