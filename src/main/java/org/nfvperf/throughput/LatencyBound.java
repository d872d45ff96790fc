package org.nfvperf.throughput;

import java.util.Locale;

/**
 * A latency criterion of a search goal: a load counts only if the latency at {@code percentile}
 * stays at or below {@code limitNanos} (TRex's {@code --max-latency}, with a percentile instead of
 * the maximum). Immutable and thread-safe.
 *
 * <pre>{@code
 * LatencyBound b = LatencyBound.parse("p99=100us");   // percentile 99, limit 100000 ns
 * }</pre>
 *
 * @param percentile the latency percentile, in (0, 100]
 * @param limitNanos the highest acceptable latency at that percentile, &gt; 0
 */
public record LatencyBound(double percentile, long limitNanos) {
    public LatencyBound {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + percentile);
        }
        if (limitNanos <= 0) {
            throw new IllegalArgumentException("limitNanos must be > 0: " + limitNanos);
        }
    }

    /**
     * Parses {@code pNN=DURATION}: {@code p99=100us}, {@code p99.9=2ms}, {@code p50=800ns},
     * {@code max=1ms} (percentile 100). Durations take {@code ns}, {@code us}, {@code ms} or {@code s}.
     *
     * @throws IllegalArgumentException naming the text and what was expected
     */
    public static LatencyBound parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int eq = t.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("latency bound must look like p99=100us: " + text);
        }
        String p = t.substring(0, eq).trim();
        double percentile;
        try {
            percentile = p.equals("max") ? 100 : Double.parseDouble(p.startsWith("p") ? p.substring(1) : p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("latency bound percentile must be pNN or max: " + text);
        }
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("latency bound percentile must be in (0, 100]: " + text);
        }
        return new LatencyBound(percentile, durationNanos(t.substring(eq + 1).trim(), text));
    }

    private static long durationNanos(String d, String text) {
        String[][] units = {{"ns", "1"}, {"us", "1000"}, {"µs", "1000"}, {"ms", "1000000"}, {"s", "1000000000"}};
        for (String[] u : units) {
            if (d.endsWith(u[0])) {
                try {
                    double v = Double.parseDouble(d.substring(0, d.length() - u[0].length()).trim());
                    double ns = v * Long.parseLong(u[1]);
                    if (ns >= 1 && ns < Long.MAX_VALUE) {
                        return Math.round(ns);
                    }
                } catch (NumberFormatException e) {
                    break;
                }
                break;
            }
        }
        throw new IllegalArgumentException("latency bound limit must be a positive duration with ns, us, ms or s: " + text);
    }

    /** As written for humans and in {@code ndr.json}: {@code p99<=100000ns}. */
    @Override
    public String toString() {
        String p = percentile == 100 ? "max" : "p" + (percentile == Math.rint(percentile)
                ? String.valueOf((long) percentile) : String.valueOf(percentile));
        return p + "<=" + limitNanos + "ns";
    }
}
