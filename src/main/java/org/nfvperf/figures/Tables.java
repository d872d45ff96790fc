package org.nfvperf.figures;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.nfvperf.util.InputException;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.selection.BitmapBackedSelection;
import tech.tablesaw.selection.Selection;
import org.nfvperf.util.UsageException;

/**
 * Reading and querying the tidy tables the figures are built from. CSVs are read with every
 * column as text (so {@code 2.0} stays {@code 2.0} and the error for a bad cell can name its
 * line); accessors accept Tablesaw tables with typed columns too, as a notebook may build them.
 *
 * <p>Column and cell errors read like Tablesaw's own:
 * {@code Column cpu_ghz is not present in table fig2.csv (columns: dataplane, nf, ...)} and
 * {@code fig2.csv line 7, column rx_mpps: expected a number, found 'n/a'}.
 *
 * <p>Stateless and thread-safe.
 *
 * <pre>{@code
 * Table t = Tables.read(Path.of("out/tables/fig2.csv"));
 * Tables.require(t, "dataplane", "frame_size", "rx_mpps");
 * double[] mpps = Tables.doubles(Tables.where(t, "dataplane", "bess"), "rx_mpps");
 * }</pre>
 */
public final class Tables {
    private Tables() {
    }

    /**
     * Reads a CSV with a header line into a table named after the file, every column as text.
     *
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws InputException if the file is empty, has no header or a row of the wrong width
     */
    public static Table read(Path csv) throws IOException {
        String name = csv.getFileName().toString();
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                        .setIgnoreSurroundingSpaces(true).get().parse(r)) {
            List<String> header = p.getHeaderNames();
            if (header.isEmpty()) {
                throw new InputException(csv + ": expected a header line, found an empty file");
            }
            List<StringColumn> cols = new ArrayList<>();
            for (String h : header) {
                if (h.isBlank()) {
                    throw new InputException(csv + " line 1: expected a column name, found an empty one");
                }
                cols.add(StringColumn.create(h));
            }
            for (CSVRecord rec : p) {
                if (rec.size() == 1 && rec.get(0).isEmpty()) {
                    continue;
                }
                if (rec.size() != header.size()) {
                    throw new InputException(csv + " line " + (rec.getRecordNumber() + 1) + ": expected "
                            + header.size() + " fields, found " + rec.size());
                }
                for (int i = 0; i < header.size(); i++) {
                    cols.get(i).append(rec.get(i));
                }
            }
            return Table.create(name, cols.toArray(new Column<?>[0]));
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new InputException(csv + ": not a CSV table: " + e.getMessage(), e);
        }
    }

    /** Fails with "Column X is not present in table Y" unless every named column exists. */
    public static void require(Table t, String... columns) {
        for (String c : columns) {
            if (!t.containsColumn(c)) {
                throw new UsageException(String.format(Locale.ROOT,
                        "Column %s is not present in table %s (columns: %s)", c, t.name(),
                        String.join(", ", t.columnNames())));
            }
        }
    }

    /** The values of a column as doubles; empty cells and {@code NaN} give {@code NaN}. */
    public static double[] doubles(Table t, String column) {
        require(t, column);
        Column<?> c = t.column(column);
        if (c instanceof NumericColumn<?> n) {
            return n.asDoubleArray();
        }
        double[] out = new double[t.rowCount()];
        for (int i = 0; i < out.length; i++) {
            String s = c.getString(i).strip();
            if (s.isEmpty() || s.equalsIgnoreCase("nan")) {
                out[i] = Double.NaN;
                continue;
            }
            try {
                out[i] = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new InputException(t.name() + " line " + (i + 2) + ", column " + column
                        + ": expected a number, found '" + s + "'");
            }
        }
        return out;
    }

    /** True if every non-empty cell of the column is a number. */
    public static boolean isNumeric(Table t, String column) {
        require(t, column);
        Column<?> c = t.column(column);
        if (c instanceof NumericColumn<?>) {
            return true;
        }
        boolean any = false;
        for (int i = 0; i < t.rowCount(); i++) {
            String s = c.getString(i).strip();
            if (s.isEmpty()) {
                continue;
            }
            try {
                Double.parseDouble(s);
                any = true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return any;
    }

    /**
     * The cell as a canonical key: numbers lose trailing zeros ({@code 2.0} and {@code 2} both
     * give {@code 2}), text is stripped; so keys compare equal across typed and text columns.
     */
    public static String key(Table t, String column, int row) {
        Column<?> c = t.column(column);
        if (c instanceof NumericColumn<?> n) {
            return canonical(n.getDouble(row));
        }
        String s = c.getString(row).strip();
        try {
            return canonical(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return s;
        }
    }

    /** A number without trailing zeros: {@code 2.0} → {@code 2}, {@code 0.50} → {@code 0.5}. */
    public static String canonical(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        return org.nfvperf.util.Numbers.csv(v);
    }

    /** The column's values as canonical keys. */
    public static List<String> keys(Table t, String column) {
        require(t, column);
        List<String> out = new ArrayList<>(t.rowCount());
        for (int i = 0; i < t.rowCount(); i++) {
            out.add(key(t, column, i));
        }
        return out;
    }

    /** The distinct canonical keys of a column in order of first appearance. */
    public static List<String> distinct(Table t, String column) {
        return new ArrayList<>(new LinkedHashSet<>(keys(t, column)));
    }

    /** The rows whose cell in {@code column} has the canonical key of {@code value} (case-insensitive). */
    public static Table where(Table t, String column, String value) {
        require(t, column);
        String want = value.strip();
        try {
            want = canonical(Double.parseDouble(want));
        } catch (NumberFormatException e) {
            // text key
        }
        Selection sel = new BitmapBackedSelection();
        for (int i = 0; i < t.rowCount(); i++) {
            if (key(t, column, i).equalsIgnoreCase(want)) {
                sel.add(i);
            }
        }
        return t.where(sel);
    }

    /** The rows sorted by a numeric column, ascending. */
    public static Table sortedBy(Table t, String numericColumn) {
        double[] v = doubles(t, numericColumn);
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
        // row by row: Table.rows(int...) selects through a bitmap and keeps the table's own order
        Table out = t.emptyCopy();
        for (int i : idx) {
            out.addRow(i, t);
        }
        return out;
    }
}
