package org.nfvperf.throughput;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nfvperf.util.UsageException;

/**
 * A link's nominal bit rate (the MAC rate, e.g. 10 000 000 000 b/s for 10GbE). Immutable and
 * thread-safe.
 *
 * <p>{@link #parse(String)} accepts what people write: {@code 10G}, {@code 100G},
 * {@code 25Gbps}, {@code 40GbE}, {@code 10 Gb/s}, {@code 1000M}, {@code 2.5G},
 * {@code 10000000000} (plain b/s); prefixes K, M, G, T are decimal, case-insensitive.
 *
 * <pre>{@code
 * LinkSpeed link = LinkSpeed.parse("10G");
 * long bps = link.bitsPerSecond();   // 10_000_000_000
 * }</pre>
 *
 * @param bitsPerSecond the rate in bits per second, &gt; 0
 */
public record LinkSpeed(long bitsPerSecond) {
    /** The common Ethernet speeds. */
    public static final LinkSpeed G1 = new LinkSpeed(1_000_000_000L);
    public static final LinkSpeed G10 = new LinkSpeed(10_000_000_000L);
    public static final LinkSpeed G25 = new LinkSpeed(25_000_000_000L);
    public static final LinkSpeed G40 = new LinkSpeed(40_000_000_000L);
    public static final LinkSpeed G100 = new LinkSpeed(100_000_000_000L);
    public static final LinkSpeed G200 = new LinkSpeed(200_000_000_000L);
    public static final LinkSpeed G400 = new LinkSpeed(400_000_000_000L);

    private static final Pattern SYNTAX = Pattern.compile(
            "([0-9]+(?:\\.[0-9]+)?)\\s*([kmgt]?)(?:bps|b/s|bit/s|bits/s|bit|be|b)?");

    public LinkSpeed {
        if (bitsPerSecond <= 0) {
            throw new UsageException("bitsPerSecond must be > 0: " + bitsPerSecond);
        }
    }

    /**
     * Parses a link speed such as {@code 10G} or {@code 25Gbps}.
     *
     * @throws IllegalArgumentException with the offending text when it is not a speed
     */
    public static LinkSpeed parse(String text) {
        Matcher m = SYNTAX.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UsageException("link speed must look like 10G, 25Gbps, 100GbE or 1000M: '" + text + "'");
        }
        long factor = switch (m.group(2)) {
            case "k" -> 1_000L;
            case "m" -> 1_000_000L;
            case "g" -> 1_000_000_000L;
            case "t" -> 1_000_000_000_000L;
            default -> 1L;
        };
        BigDecimal bps = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(factor));
        if (bps.signum() <= 0 || bps.stripTrailingZeros().scale() > 0) {
            throw new UsageException("link speed must be a positive whole number of bits per second: '" + text + "'");
        }
        if (bps.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new UsageException("link speed must be at most " + Long.MAX_VALUE + " bits per second: '" + text + "'");
        }
        return new LinkSpeed(bps.longValueExact());
    }

    /** The rate in Gb/s. */
    public double gbps() {
        return bitsPerSecond / 1e9;
    }

    /** The shortest name that {@link #parse} reads back: {@code 10G}, {@code 2.5G}, {@code 100M}. */
    @Override
    public String toString() {
        String[] units = {"", "K", "M", "G", "T"};
        BigDecimal v = BigDecimal.valueOf(bitsPerSecond);
        int u = 0;
        while (u < units.length - 1 && v.compareTo(BigDecimal.valueOf(1000)) >= 0) {
            v = v.movePointLeft(3);
            u++;
        }
        return v.stripTrailingZeros().toPlainString() + units[u];
    }
}
