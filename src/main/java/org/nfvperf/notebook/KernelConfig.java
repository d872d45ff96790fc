package org.nfvperf.notebook;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nfvperf.util.UsageException;

/**
 * Start-up settings of the Java kernel, read from the environment variables IJava defines so
 * that a kernelspec written for IJava configures this kernel the same way.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>variable</th><th>meaning</th></tr>
 *   <tr><td>{@code IJAVA_CLASSPATH}</td><td>extra class-path entries (globs allowed), separated by {@link File#pathSeparator}</td></tr>
 *   <tr><td>{@code IJAVA_STARTUP_SCRIPTS_PATH}</td><td>files (globs allowed) of Java code run before the first cell</td></tr>
 *   <tr><td>{@code IJAVA_STARTUP_SCRIPT}</td><td>Java code run before the first cell, after the files</td></tr>
 *   <tr><td>{@code IJAVA_TIMEOUT}</td><td>limit per top-level snippet: milliseconds, or a number and a {@link TimeUnit} name
 *       ({@code "30 SECONDS"}); {@code -1} or unset means no limit</td></tr>
 *   <tr><td>{@code IJAVA_COMPILER_OPTS}</td><td>options for the snippet compiler, split on blanks, double quotes group</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 * <pre>{@code
 * KernelConfig config = KernelConfig.fromEnvironment(System.getenv());
 * long limit = config.timeoutNanos();   // -1: none
 * }</pre>
 *
 * @param classpath     extra class-path entries as given (globs unexpanded)
 * @param startupScriptPaths start-up script files or globs as given
 * @param startupScript start-up code, empty for none
 * @param timeoutNanos  limit per snippet in nanoseconds, -1 for none
 * @param compilerOptions options passed to the snippet compiler
 */
record KernelConfig(List<String> classpath, List<String> startupScriptPaths, String startupScript,
                           long timeoutNanos, List<String> compilerOptions) {
    /** Extra class-path entries. */
    public static final String CLASSPATH_KEY = "IJAVA_CLASSPATH";
    /** Start-up script files. */
    public static final String STARTUP_SCRIPTS_KEY = "IJAVA_STARTUP_SCRIPTS_PATH";
    /** Start-up script text. */
    public static final String STARTUP_SCRIPT_KEY = "IJAVA_STARTUP_SCRIPT";
    /** Per-snippet time limit. */
    public static final String TIMEOUT_KEY = "IJAVA_TIMEOUT";
    /** Snippet compiler options. */
    public static final String COMPILER_OPTS_KEY = "IJAVA_COMPILER_OPTS";

    private static final Pattern TIMEOUT = Pattern.compile("\\s*(-?\\d+)\\s*([A-Za-z]*)\\s*");

    /** Validates and copies the lists. */
    public KernelConfig {
        classpath = List.copyOf(classpath);
        startupScriptPaths = List.copyOf(startupScriptPaths);
        compilerOptions = List.copyOf(compilerOptions);
        if (startupScript == null) {
            throw new IllegalArgumentException("startupScript must be non-null: null");
        }
        if (timeoutNanos < -1 || timeoutNanos == 0) {
            throw new IllegalArgumentException("timeoutNanos must be -1 (none) or > 0: " + timeoutNanos);
        }
    }

    /** Settings with nothing extra: no class path, no scripts, no limit, no options. */
    public static KernelConfig defaults() {
        return new KernelConfig(List.of(), List.of(), "", -1, List.of());
    }

    /**
     * Reads the settings from environment variables.
     *
     * @param env the environment, e.g. {@link System#getenv()}
     * @throws IllegalArgumentException if {@code IJAVA_TIMEOUT} or {@code IJAVA_COMPILER_OPTS} cannot be parsed
     */
    public static KernelConfig fromEnvironment(Map<String, String> env) {
        return new KernelConfig(splitPath(env.get(CLASSPATH_KEY)), splitPath(env.get(STARTUP_SCRIPTS_KEY)),
                env.getOrDefault(STARTUP_SCRIPT_KEY, ""), parseTimeoutNanos(env.get(TIMEOUT_KEY)),
                splitWords(env.get(COMPILER_OPTS_KEY)));
    }

    /** The same settings with a different snippet time limit ({@code -1} for none). */
    public KernelConfig withTimeoutNanos(long nanos) {
        return new KernelConfig(classpath, startupScriptPaths, startupScript, nanos, compilerOptions);
    }

    /** The same settings with more class-path entries appended. */
    public KernelConfig withClasspath(List<String> more) {
        List<String> all = new ArrayList<>(classpath);
        all.addAll(more);
        return new KernelConfig(all, startupScriptPaths, startupScript, timeoutNanos, compilerOptions);
    }

    /**
     * Parses an {@code IJAVA_TIMEOUT} value: {@code "5000"} (milliseconds), {@code "30 SECONDS"},
     * {@code "2 minutes"}; {@code null}, blank or any negative number means no limit.
     *
     * @return the limit in nanoseconds, or -1 for none
     * @throws IllegalArgumentException on anything else, naming the value
     */
    public static long parseTimeoutNanos(String text) {
        if (text == null || text.isBlank()) {
            return -1;
        }
        Matcher m = TIMEOUT.matcher(text);
        if (!m.matches()) {
            throw new UsageException(TIMEOUT_KEY + " must be a number of milliseconds or '<number> <TimeUnit>': " + text);
        }
        long amount = Long.parseLong(m.group(1));
        TimeUnit unit = TimeUnit.MILLISECONDS;
        if (!m.group(2).isEmpty()) {
            try {
                unit = TimeUnit.valueOf(m.group(2).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UsageException(TIMEOUT_KEY + " unit must be one of NANOSECONDS, MICROSECONDS, "
                        + "MILLISECONDS, SECONDS, MINUTES, HOURS, DAYS: " + m.group(2), e);
            }
        }
        if (amount <= 0) {
            return -1;
        }
        return unit.toNanos(amount);
    }

    /** Splits a class-path style list, dropping blank entries. */
    static List<String> splitPath(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String part : text.split(Pattern.quote(File.pathSeparator))) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    /**
     * Splits an option string on blanks; double quotes group words, a backslash escapes the next character.
     *
     * @throws IllegalArgumentException if a quote is left open
     */
    static List<String> splitWords(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quoted) {
            throw new UsageException(COMPILER_OPTS_KEY + " must close every double quote: " + text);
        }
        if (inWord) {
            out.add(word.toString());
        }
        return out;
    }
}
