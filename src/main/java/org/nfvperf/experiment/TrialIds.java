package org.nfvperf.experiment;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Stable trial ids: the first 16 hex digits (64 bits) of the SHA-256 of a canonical text of the
 * trial's resolved parameters. Stateless and thread-safe.
 *
 * <p>The canonical text is UTF-8, one {@code key=value} line each, in this order:
 * <pre>
 * nfvperf-trial-v1
 * runner=&lt;runner id&gt;
 * link=&lt;link in bit/s&gt;
 * duration_s=&lt;number&gt;
 * taps=&lt;tap,tap,...&gt;
 * max_packets=&lt;integer&gt;
 * factor.&lt;name&gt;=&lt;value&gt;      (one line per factor, sorted by name)
 * repetition=&lt;integer&gt;
 * </pre>
 * Numbers are written in plain decimal without trailing zeros ({@code 2.0} and {@code 2} hash alike),
 * other values as written. The sweep's name and {@code runner_options} are not part of it: renaming a
 * sweep or fixing a command template keeps the ids (and so the finished trials) of a sweep, while
 * changing the link, duration, taps or any factor value makes new trials.
 *
 * <pre>{@code
 * String id = TrialIds.of(experiment, Map.of("frame_size", "64"), 1);   // e.g. "3f9c0a1b2d4e5f60"
 * }</pre>
 */
public final class TrialIds {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private TrialIds() {
    }

    /** The id of one trial of {@code experiment} at factor values {@code factors}, repetition from 1. */
    public static String of(Experiment experiment, Map<String, String> factors, int repetition) {
        return hash(canonical(experiment, factors, repetition));
    }

    /** The canonical text that {@link #of} hashes. */
    public static String canonical(Experiment experiment, Map<String, String> factors, int repetition) {
        StringBuilder sb = new StringBuilder(256).append("nfvperf-trial-v1\n");
        sb.append("runner=").append(experiment.runner()).append('\n');
        sb.append("link=").append(experiment.link().bitsPerSecond()).append('\n');
        sb.append("duration_s=").append(normalize(Double.toString(experiment.durationSeconds()))).append('\n');
        sb.append("taps=").append(String.join(",", experiment.taps())).append('\n');
        sb.append("max_packets=").append(experiment.maxPacketsPerTap()).append('\n');
        new TreeMap<>(factors).forEach((k, v) -> sb.append("factor.").append(k).append('=').append(normalize(v)).append('\n'));
        sb.append("repetition=").append(repetition).append('\n');
        return sb.toString();
    }

    /** A number in plain decimal without trailing zeros; any other text unchanged. */
    static String normalize(String value) {
        if (!NUMBER.matcher(value).matches()) {
            return value;
        }
        BigDecimal d = new BigDecimal(value).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
