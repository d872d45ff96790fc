package org.nfvperf.experiment;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A link speed as written in a spec ({@code 10G}, {@code 40Gbps}, {@code 100M}) and the Ethernet
 * line rate it allows. Immutable and thread-safe.
 *
 * <p>Line rate in frames per second = {@code bitsPerSecond / ((frameSizeBytes + 20) * 8)}: a frame
 * size includes the 4-byte FCS, and every frame costs 20 more bytes on the wire (preamble 7, SFD 1,
 * inter-frame gap 12).
 *
 * <pre>{@code
 * LinkSpeed l = LinkSpeed.parse("10G");
 * double mpps = l.lineRateMpps(64);   // 14.880952...
 * }</pre>
 *
 * @param text          the speed as written, e.g. {@code 10G}
 * @param bitsPerSecond the speed in bit/s, &gt; 0
 */
public record LinkSpeed(String text, long bitsPerSecond) {
    /** Per-frame wire overhead in bytes: preamble, start-of-frame delimiter and inter-frame gap. */
    public static final int WIRE_OVERHEAD_BYTES = 20;

    private static final Pattern SPEED = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kKmMgGtT])(?:bps|b/s|bit/s|bE)?");

    public LinkSpeed {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("text must be non-blank: " + text);
        }
        if (bitsPerSecond <= 0) {
            throw new IllegalArgumentException("bitsPerSecond must be > 0: " + bitsPerSecond);
        }
    }

    /**
     * Parses {@code <number><K|M|G|T>[bps]}, e.g. {@code 10G}, {@code 2.5G}, {@code 100Mbps}.
     *
     * @throws IllegalArgumentException when the text is not such a speed
     */
    public static LinkSpeed parse(String text) {
        Matcher m = text == null ? null : SPEED.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("link must be a speed such as 10G, 40G, 100M: " + text);
        }
        long unit = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            default -> 1_000_000_000_000L;
        };
        BigDecimal bps = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bps.signum() <= 0) {
            throw new IllegalArgumentException("link must be > 0: " + text);
        }
        return new LinkSpeed(text.trim(), bps.longValue());
    }

    /** Line rate in frames per second for frames of {@code frameSizeBytes} (FCS included, &gt; 0). */
    public double lineRatePps(int frameSizeBytes) {
        if (frameSizeBytes <= 0) {
            throw new IllegalArgumentException("frameSizeBytes must be > 0: " + frameSizeBytes);
        }
        return bitsPerSecond / ((frameSizeBytes + (double) WIRE_OVERHEAD_BYTES) * 8.0);
    }

    /** Line rate in millions of frames per second. */
    public double lineRateMpps(int frameSizeBytes) {
        return lineRatePps(frameSizeBytes) / 1e6;
    }
}
