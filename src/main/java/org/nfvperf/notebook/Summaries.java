package org.nfvperf.notebook;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nfvperf.figures.CellFormat;
import org.nfvperf.figures.Html;

/**
 * Small readable summaries of the values a notebook shows that are neither tables nor charts: a
 * map ({@code {bess=3, tie=3}}) or a record ({@code TrialReport[...]}) becomes a two-column
 * key/value table; numbers get the precision their name's unit calls for ({@link CellFormat}: a
 * key {@code elapsed_s} shows {@code 1.99}, not {@code 1.989969702}); NaN and null show as empty;
 * a nested record, map or long list shows on one short line.
 *
 * <p>Stateless and thread-safe.
 * <pre>{@code
 * Summaries.html(Map.of("runner", "emulated", "elapsed_s", 1.989969702));
 * }</pre>
 */
public final class Summaries {
    private static final int MAX_INLINE = 120;

    private Summaries() {
    }

    /** The entries of a map or the components of a record, in order; anything else as one entry "value". */
    static List<Map.Entry<String, Object>> entries(Object value) {
        List<Map.Entry<String, Object>> out = new ArrayList<>();
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.add(new java.util.AbstractMap.SimpleImmutableEntry<>(String.valueOf(k), v)));
        } else if (value instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    c.getAccessor().setAccessible(true);
                    out.add(new java.util.AbstractMap.SimpleImmutableEntry<>(c.getName(), c.getAccessor().invoke(r)));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    out.add(new java.util.AbstractMap.SimpleImmutableEntry<>(c.getName(), "(unreadable)"));
                }
            }
        } else {
            out.add(new java.util.AbstractMap.SimpleImmutableEntry<>("value", value));
        }
        return out;
    }

    /** A key/value HTML table, at most {@link Renderers#MAX_ENTRIES} rows. */
    public static String html(Object value) {
        List<Map.Entry<String, Object>> entries = entries(value);
        StringBuilder sb = new StringBuilder("<table class=\"nfvperf-summary\">\n<caption>")
                .append(Html.escape(title(value))).append("</caption>\n<tbody>\n");
        int shown = Math.min(entries.size(), Renderers.MAX_ENTRIES);
        for (int i = 0; i < shown; i++) {
            Map.Entry<String, Object> e = entries.get(i);
            sb.append("<tr><th style=\"text-align:left\">").append(Html.escape(e.getKey())).append("</th><td style=\"text-align:left\">")
                    .append(Html.escape(format(e.getKey(), e.getValue()))).append("</td></tr>\n");
        }
        if (shown < entries.size()) {
            sb.append("<tr><td colspan=\"2\">… ").append(entries.size() - shown).append(" more</td></tr>\n");
        }
        return sb.append("</tbody>\n</table>").toString();
    }

    /** The same as aligned text lines. */
    public static String text(Object value) {
        List<Map.Entry<String, Object>> entries = entries(value);
        int width = entries.stream().mapToInt(e -> e.getKey().length()).max().orElse(0);
        StringBuilder sb = new StringBuilder(title(value));
        int shown = Math.min(entries.size(), Renderers.MAX_ENTRIES);
        for (int i = 0; i < shown; i++) {
            Map.Entry<String, Object> e = entries.get(i);
            sb.append('\n').append(String.format(Locale.ROOT, "  %-" + width + "s  %s", e.getKey(), format(e.getKey(), e.getValue())));
        }
        if (shown < entries.size()) {
            sb.append("\n  ... ").append(entries.size() - shown).append(" more");
        }
        return sb.toString();
    }

    private static String title(Object value) {
        if (value instanceof Map<?, ?> m) {
            return m.size() + (m.size() == 1 ? " entry" : " entries");
        }
        return value.getClass().getSimpleName();
    }

    /** One value on one short line: numbers rounded for the unit of {@code name}, null/NaN empty. */
    static String format(String name, Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double || v instanceof Float) {
            return CellFormat.number(snake(name), ((Number) v).doubleValue());
        }
        if (v instanceof Number || v instanceof Boolean || v instanceof CharSequence || v instanceof Enum<?> || v instanceof Path) {
            return shorten(v.toString());
        }
        if (v instanceof Map<?, ?> || v instanceof Record) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, Object> e : entries(v)) {
                sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(format(e.getKey(), e.getValue()));
            }
            return shorten(sb.toString());
        }
        if (v instanceof Collection<?> c) {
            List<String> parts = new ArrayList<>();
            for (Object o : c) {
                parts.add(format(name, o));
            }
            return shorten(String.join(", ", parts));
        }
        return shorten(String.valueOf(v));
    }

    /** {@code elapsedS} and {@code elapsed_s} alike: the unit suffix CellFormat reads. */
    static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT)
                .replaceAll("_nanos$", "_ns").replaceAll("_percent$", "_pct").replaceAll("_micros$", "_us");
    }

    private static String shorten(String s) {
        String one = s.replace('\n', ' ');
        return one.length() <= MAX_INLINE ? one : one.substring(0, MAX_INLINE - 1) + "…";
    }
}
