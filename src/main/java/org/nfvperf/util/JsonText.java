package org.nfvperf.util;

import java.util.List;
import java.util.Map;

/**
 * A dependency-free JSON writer for trees of {@link Map} (string keys, written in iteration
 * order), {@link List}, {@link String}, {@link Number}, {@link Boolean} and {@code null}, laid
 * out exactly as {@link Json#write} (Jackson's default pretty printer) lays them out: one field
 * per line indented by two spaces per object level, arrays on the line of their field as
 * {@code [ a, b ]}, {@code " : "} between name and value, NaN and infinities as strings. Commands
 * whose whole job is a fast scan ({@code pcap-info}, {@code latency}) use it so that printing
 * their report does not load a JSON library (about 0.2 s of CPU at start-up).
 *
 * <pre>{@code
 * Map<String, Object> m = new LinkedHashMap<>();
 * m.put("packets", 42L);
 * m.put("warnings", List.of());
 * JsonText.write(m);   // "{\n  \"packets\" : 42,\n  \"warnings\" : [ ]\n}"
 * }</pre>
 */
public final class JsonText {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JsonText() {
    }

    /** The JSON text of {@code value}. */
    public static String write(Object value) {
        StringBuilder b = new StringBuilder(1024);
        append(b, value, 0);
        return b.toString();
    }

    /** Appends {@code value} to {@code b}, objects indented for nesting level {@code level}. */
    public static void append(StringBuilder b, Object value, int level) {
        if (value == null) {
            b.append("null");
        } else if (value instanceof String s) {
            string(b, s);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                b.append('"').append(value).append('"');
            } else {
                b.append(value);
            }
        } else if (value instanceof Number || value instanceof Boolean) {
            b.append(value);
        } else if (value instanceof Map<?, ?> m) {
            object(b, m, level);
        } else if (value instanceof List<?> l) {
            array(b, l, level);
        } else {
            throw new IllegalArgumentException("value must be a map, list, string, number, boolean or null: "
                    + value.getClass().getName());
        }
    }

    private static void object(StringBuilder b, Map<?, ?> m, int level) {
        if (m.isEmpty()) {
            b.append("{ }");
            return;
        }
        b.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            b.append(first ? "\n" : ",\n");
            first = false;
            indent(b, level + 1);
            string(b, String.valueOf(e.getKey()));
            b.append(" : ");
            append(b, e.getValue(), level + 1);
        }
        b.append('\n');
        indent(b, level);
        b.append('}');
    }

    private static void array(StringBuilder b, List<?> l, int level) {
        if (l.isEmpty()) {
            b.append("[ ]");
            return;
        }
        b.append('[');
        for (int i = 0; i < l.size(); i++) {
            b.append(i == 0 ? " " : ", ");
            append(b, l.get(i), level);
        }
        b.append(" ]");
    }

    private static void indent(StringBuilder b, int level) {
        for (int i = 0; i < level; i++) {
            b.append("  ");
        }
    }

    /** Appends {@code s} as a JSON string: quotes, backslashes and control characters escaped. */
    public static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20) {
                        b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    /** {@code s} as a JSON string. */
    public static String string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        string(b, s);
        return b.toString();
    }
}
