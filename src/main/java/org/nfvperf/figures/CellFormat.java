package org.nfvperf.figures;

import java.util.Locale;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * How a table cell reads in a notebook or the report: numbers with a precision that suits the unit
 * the column name carries, and an empty cell for an unknown value (NaN, missing, "NaN" text), never
 * {@code 9.346666666666666} or {@code NaN}.
 *
 * <table>
 *   <caption>Decimals by column-name unit</caption>
 *   <tr><th>column name</th><th>decimals</th><th>example</th></tr>
 *   <tr><td>{@code *_ns}, counts, sizes</td><td>0</td><td>{@code 12345}</td></tr>
 *   <tr><td>{@code *_us}, {@code *_pct}, {@code *percent}, {@code *_gbps*}, {@code *_s}, {@code *_ms}, {@code *ghz}</td><td>2</td><td>{@code 9.35}</td></tr>
 *   <tr><td>{@code *mpps*}</td><td>3</td><td>{@code 14.881}</td></tr>
 *   <tr><td>other</td><td>4 significant digits, integers as integers</td><td>{@code 0.00006016}</td></tr>
 * </table>
 *
 * <p>Stateless and thread-safe.
 * <pre>{@code
 * CellFormat.number("rx_mpps", 9.346666666666666);   // "9.347"
 * CellFormat.number("error_pct", Double.NaN);         // ""
 * CellFormat.cell(table, row, "p99_ns");              // "81234"
 * }</pre>
 */
public final class CellFormat {
    private CellFormat() {
    }

    /** Decimals for a column of this name, or -1 for "four significant digits". */
    public static int decimals(String column) {
        String c = column.toLowerCase(Locale.ROOT);
        if (c.endsWith("_ns") || c.endsWith("nanos") || c.endsWith("_bytes") || c.endsWith("packets") || c.equals("frame_size")
                || c.endsWith("_pps") || c.equals("pps") || c.equals("matched") || c.equals("lost")) {
            return 0;
        }
        if (c.contains("mpps")) {
            return 3;
        }
        if (c.endsWith("_us") || c.endsWith("_pct") || c.endsWith("percent") || c.contains("gbps") || c.endsWith("_s")
                || c.endsWith("_ms") || c.contains("ghz") || c.equals("us") || c.equals("pct")) {
            return 2;
        }
        return -1;
    }

    /** A number of column {@code column} as text; empty for NaN or infinity. */
    public static String number(String column, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        int d = decimals(column);
        if (d >= 0) {
            String s = String.format(Locale.ROOT, "%." + d + "f", v);
            return s.startsWith("-") && Double.parseDouble(s) == 0 ? s.substring(1) : s;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return significant(v, 4);
    }

    /** {@code v} with {@code digits} significant digits, without exponent for everyday magnitudes, trailing zeros dropped. */
    public static String significant(double v, int digits) {
        if (v == 0) {
            return "0";
        }
        double magnitude = Math.abs(v);
        if (magnitude >= 1e-6 && magnitude < 1e15) {
            int exponent = (int) Math.floor(Math.log10(magnitude));
            int decimals = Math.max(0, digits - 1 - exponent);
            String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
            return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        }
        return String.format(Locale.ROOT, "%." + (digits - 1) + "e", v);
    }

    /** The cell of {@code table} at {@code row} in {@code column}, formatted as above; empty when missing. */
    public static String cell(Table table, int row, String column) {
        Column<?> c = table.column(column);
        if (c.isMissing(row)) {
            return "";
        }
        ColumnType type = c.type();
        if (type == ColumnType.DOUBLE || type == ColumnType.FLOAT) {
            return number(column, ((Number) c.get(row)).doubleValue());
        }
        String s = c.getString(row);
        if (type == ColumnType.STRING) {
            String t = s.strip();
            if (t.equalsIgnoreCase("nan") || t.equalsIgnoreCase("null")) {
                return "";
            }
            // numbers read as text (a column that mixes numbers and words): by the column's unit when
            // its name has one, else only when unrounded
            if (t.matches("-?\\d+\\.\\d{5,}") || (decimals(column) >= 0 && t.matches("-?\\d+(\\.\\d+)?"))) {
                return number(column, Double.parseDouble(t));
            }
        }
        return s;
    }
}
