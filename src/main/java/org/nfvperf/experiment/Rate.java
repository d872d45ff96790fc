package org.nfvperf.experiment;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An offered rate as specs, the command line and notebooks write it: {@code line} (the line rate of
 * the link at the trial's frame size), a bare number of Mpps ({@code 0.02}, {@code 14.88}), or a
 * number with a unit {@code pps}, {@code kpps}, {@code Mpps} or {@code Gpps} (case-insensitive,
 * spaces allowed: {@code 100kpps}, {@code 1000 pps}). The one rate grammar of the project.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * Rate.parse("100kpps").pps();   // 100000.0
 * Rate.parse("2").mpps();        // 2.0
 * Rate.parse("line").isLine();   // true
 * }</pre>
 *
 * @param isLine whether the rate is the line rate ({@code pps} is then NaN)
 * @param pps    packets per second, &gt; 0 and finite unless {@code isLine}
 */
public record Rate(boolean isLine, double pps) {
    private static final Pattern RATE = Pattern.compile("([0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\\.[0-9]+)\\s*(pps|kpps|mpps|gpps)?");

    /** The line rate. */
    public static final Rate LINE = new Rate(true, Double.NaN);

    public Rate {
        if (!isLine && !(pps > 0 && Double.isFinite(pps))) {
            throw new IllegalArgumentException("rate must be > 0 packets per second: " + pps);
        }
    }

    /**
     * Parses a rate (see the class comment).
     *
     * @throws IllegalArgumentException {@code "rate must be 'line', a number of Mpps or a number with pps, kpps, Mpps or Gpps: 5 Mbps"}
     */
    public static Rate parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.equals("line")) {
            return LINE;
        }
        Matcher m = RATE.matcher(t.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("rate must be 'line', a number of Mpps or a number with pps, kpps, Mpps or "
                    + "Gpps: " + text);
        }
        double v = Double.parseDouble(m.group(1));
        double scale = switch (m.group(2) == null ? "mpps" : m.group(2)) {
            case "pps" -> 1;
            case "kpps" -> 1e3;
            case "gpps" -> 1e9;
            default -> 1e6;
        };
        if (!(v > 0) || Double.isInfinite(v * scale)) {
            throw new IllegalArgumentException("rate must be > 0: " + text);
        }
        return new Rate(false, v * scale);
    }

    /** Packets per second in millions (NaN for the line rate). */
    public double mpps() {
        return pps / 1e6;
    }

    /** A picocli converter: an option given in the rate grammar (not {@code line}), as Mpps. */
    public static final class MppsConverter implements picocli.CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                Rate r = parse(value);
                if (r.isLine()) {
                    throw new IllegalArgumentException("rate must be a number of Mpps or a number with pps, kpps, Mpps or"
                            + " Gpps here (no line rate is known): " + value);
                }
                return r.mpps();
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
