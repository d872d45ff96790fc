package org.nfvperf.util;

import java.math.BigDecimal;

/**
 * The one way a number is written into a CSV file of this project (results, tables, claims,
 * throughput and latency exports): the shortest decimal that reads back to the same
 * {@code double}, never in exponent form, integers without a fraction, and an empty cell for
 * {@code NaN} or an infinity. Stateless and thread-safe.
 *
 * <pre>{@code
 * Numbers.csv(2.0);       // "2"
 * Numbers.csv(9.2963);    // "9.2963"
 * Numbers.csv(1e-4);      // "0.0001"
 * Numbers.csv(Double.NaN); // ""
 * }</pre>
 */
public final class Numbers {
    private Numbers() {
    }

    /** {@code v} as a CSV cell; see the class comment. */
    public static String csv(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /**
     * {@code v} as a JSON number: the shortest decimal that reads back to the same double, without
     * exponent ({@code 1.4880952E7} becomes {@code 14880952}); {@code null} for NaN and infinities.
     */
    public static BigDecimal json(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return null;
        }
        BigDecimal d = BigDecimal.valueOf(v);
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    /** {@code v} rounded to {@code decimals} places (half away from zero) and written as {@link #csv}. */
    public static String csv(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        return csv(BigDecimal.valueOf(v).setScale(decimals, java.math.RoundingMode.HALF_UP).doubleValue());
    }
}
