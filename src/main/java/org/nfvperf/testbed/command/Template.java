package org.nfvperf.testbed.command;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shell command template with {@code {name}} placeholders, each replaced by its value in single
 * quotes (so a value is always one shell word and never interpreted; a list value becomes one quoted
 * word per element). Immutable and thread-safe.
 *
 * <p>A placeholder is {@code {} + a lower-case name of letters, digits and {@code _} + {@code }}.
 * Shell syntax that looks similar is left alone: {@code ${VAR}}, brace expansion {@code {a,b}} and
 * {@code {1..3}}, and grouping {@code { cmd; }}.
 *
 * <pre>{@code
 * Template t = Template.parse("run", "pkt-gen -l {frame_size} -R {rate_mpps}e6 > gen-tx.log");
 * String cmd = t.expand(Map.of("frame_size", "64", "rate_mpps", "14.88"));
 * // pkt-gen -l '64' -R '14.88'e6 > gen-tx.log
 * }</pre>
 *
 * @param step the step it belongs to ({@code setup}, {@code run}, ...), for messages
 * @param text the template as written
 */
public record Template(String step, String text) {
    private static final Pattern PLACEHOLDER = Pattern.compile("(?<!\\$)\\{([a-z_][a-z0-9_]*)\\}");

    public Template {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(step + " must be a non-blank command: '" + text + "'");
        }
    }

    /** A template of a step. */
    public static Template parse(String step, String text) {
        return new Template(step, text);
    }

    /** The placeholder names the template uses, in order of first use. */
    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * The command with every placeholder replaced by its single-quoted value.
     *
     * @param values placeholder name to a value ({@code String.valueOf} of it) or a {@code List} of values
     * @throws IllegalArgumentException naming the step and the first placeholder without a value
     */
    public String expand(Map<String, ?> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder(text.length() + 64);
        while (m.find()) {
            Object v = values.get(m.group(1));
            if (v == null) {
                List<String> known = new ArrayList<>(values.keySet());
                known.sort(null);
                throw new IllegalArgumentException("template '" + step + "' uses unknown placeholder {" + m.group(1)
                        + "} (known: " + String.join(", ", known) + ")");
            }
            String words = v instanceof List<?> list
                    ? String.join(" ", list.stream().map(x -> quote(String.valueOf(x))).toList())
                    : quote(String.valueOf(v));
            m.appendReplacement(sb, Matcher.quoteReplacement(words));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** {@code value} as one single-quoted shell word: {@code it's} becomes {@code 'it'\''s'}. */
    public static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
