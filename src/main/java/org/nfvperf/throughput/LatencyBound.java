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

    /** The limit in the project's duration grammar ({@code util.Durations}), its unit required. */
    private static long durationNanos(String d, String text) {
        if (!d.isEmpty() && Character.isDigit(d.charAt(d.length() - 1))) {
            throw new IllegalArgumentException("latency bound limit needs a unit (ns, us, ms, s): " + text);
        }
        try {
            return org.nfvperf.util.Durations.nanos(d);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("latency bound limit must be a positive duration with ns, us, ms or s: "
                    + text);
        }
    }

    /** As written for humans and in {@code ndr.json}: {@code p99<=100000ns}. */
    @Override
    public String toString() {
        String p = percentile == 100 ? "max" : "p" + (percentile == Math.rint(percentile)
                ? String.valueOf((long) percentile) : String.valueOf(percentile));
        return p + "<=" + limitNanos + "ns";
    }
}
