package org.nfvperf.figures;

import java.util.Locale;
import tech.tablesaw.api.Table;

/**
 * Small HTML helpers for reports: escaping and rendering a Tablesaw table as an HTML table,
 * numbers right-aligned with the precision of their unit ({@link CellFormat}), unknown values empty. Stateless and thread-safe.
 *
 * <pre>{@code
 * String html = Html.table(Tables.read(Path.of("out/tables/fig5.csv")), "holds");
 * }</pre>
 */
public final class Html {
    private Html() {
    }

    /** Escapes text for HTML element content and attribute values. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * The table as {@code <table>}; if {@code verdictColumn} names a column, rows whose value there
     * is true/yes/1 get class {@code holds}, false/no/0 class {@code fails}.
     */
    public static String table(Table t, String verdictColumn) {
        StringBuilder sb = new StringBuilder("<table>\n<thead><tr>");
        for (String c : t.columnNames()) {
            sb.append("<th>").append(escape(c)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        boolean verdict = verdictColumn != null && t.containsColumn(verdictColumn);
        for (int r = 0; r < t.rowCount(); r++) {
            String cls = "";
            if (verdict) {
                Boolean v = truth(t.getString(r, verdictColumn));
                cls = v == null ? "" : v ? " class=\"holds\"" : " class=\"fails\"";
            }
            sb.append("<tr").append(cls).append('>');
            for (String c : t.columnNames()) {
                String v = CellFormat.cell(t, r, c);
                boolean num = isNumber(v);
                sb.append(num ? "<td class=\"num\">" : "<td>").append(escape(v)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>\n").toString();
    }

    /** true for true/yes/1/holds, false for false/no/0/fails, null otherwise (case-insensitive). */
    public static Boolean truth(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "holds", "y" -> Boolean.TRUE;
            case "false", "no", "0", "fails", "n" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
