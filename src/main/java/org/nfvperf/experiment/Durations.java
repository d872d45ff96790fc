package org.nfvperf.experiment;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as specs, the command line and notebooks write it: a number with a unit {@code ns},
 * {@code us} (or {@code µs}), {@code ms}, {@code s} or {@code min}, spaces allowed, or a bare number
 * of seconds ({@code 2}, {@code 0.5}). The one duration grammar of the project, beside
 * {@link Rate} for rates. Stateless and thread-safe.
 *
 * <pre>{@code
 * Durations.nanos("100ms");     // 100000000
 * Durations.seconds("2");       // 2.0
 * Durations.seconds("1.5 min"); // 90.0
 * }</pre>
 */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile(
            "([0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\\.[0-9]+)\\s*(ns|us|µs|ms|s|min)?");

    private Durations() {
    }

    /**
     * Parses a duration (see the class comment) into seconds.
     *
     * @throws IllegalArgumentException {@code "duration must be a number of seconds or a number with ns, us, ms, s or min: 5 h"}
     *                                  or {@code "duration must be > 0: 0s"}
     */
    public static double seconds(String text) {
        String t = text == null ? "" : text.strip();
        Matcher m = DURATION.matcher(t.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("duration must be a number of seconds or a number with ns, us, ms, s or min: "
                    + text);
        }
        double v = Double.parseDouble(m.group(1));
        double scale = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ns" -> 1e-9;
            case "us", "µs" -> 1e-6;
            case "ms" -> 1e-3;
            case "min" -> 60;
            default -> 1;
        };
        double s = v * scale;
        if (!(s > 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("duration must be > 0: " + text);
        }
        return s;
    }

    /**
     * Parses a duration into whole nanoseconds (rounded).
     *
     * @throws IllegalArgumentException as {@link #seconds}, or when it is below 1 ns or beyond
     *                                  {@code Long.MAX_VALUE} ns (292 years)
     */
    public static long nanos(String text) {
        double s = seconds(text);
        double ns = Math.rint(s * 1e9);
        if (ns < 1 || ns >= 0x1p63) {
            throw new IllegalArgumentException("duration must be between 1 ns and 292 years: " + text);
        }
        return (long) ns;
    }

    /** {@code seconds} written in the grammar, as short as it reads back exactly: 0.1 → {@code 100ms}, 2 → {@code 2s}. */
    public static String format(double seconds) {
        if (seconds >= 1 || seconds <= 0) {
            return org.nfvperf.util.Numbers.csv(seconds) + "s";
        }
        if (seconds >= 1e-3) {
            return org.nfvperf.util.Numbers.csv(Math.round(seconds * 1e9) / 1e6) + "ms";
        }
        if (seconds >= 1e-6) {
            return org.nfvperf.util.Numbers.csv(Math.round(seconds * 1e9) / 1e3) + "us";
        }
        return org.nfvperf.util.Numbers.csv(Math.round(seconds * 1e9)) + "ns";
    }

    /** A picocli converter: an option given in the duration grammar, as seconds. */
    public static final class SecondsConverter implements picocli.CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                return seconds(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
