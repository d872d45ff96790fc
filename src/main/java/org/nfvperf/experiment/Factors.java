package org.nfvperf.experiment;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The factors a spec may vary and the values each accepts. Stateless and thread-safe.
 *
 * <table>
 * <caption>factors</caption>
 * <tr><th>factor</th><th>values</th></tr>
 * <tr><td>{@code dataplane}</td><td>a name such as {@code bess}, {@code clickos} (the runner decides which it knows)</td></tr>
 * <tr><td>{@code chain}</td><td>NF ids {@code l2fwd}, {@code l3fwd}, {@code firewall} joined with {@code +}</td></tr>
 * <tr><td>{@code cpu_ghz}</td><td>CPU clock in GHz, a number in (0, 10]</td></tr>
 * <tr><td>{@code frame_size}</td><td>Ethernet frame size in bytes including FCS, an integer in [64, 9216]</td></tr>
 * <tr><td>{@code rate}</td><td>{@code line} or the offered rate in Mpps, &gt; 0 and at most line rate</td></tr>
 * <tr><td>{@code placement}</td><td>{@code same-socket}, {@code cross-socket}, {@code via-nic}</td></tr>
 * <tr><td>{@code vnic_queues}</td><td>an integer in [1, 64]</td></tr>
 * </table>
 *
 * <p>A runner may accept more factors through {@link Runner#extraFactors()}; their values are
 * checked by {@link Runner#validate(Trial)} only.
 *
 * <pre>{@code
 * Factors.check("chain", "firewall+l3fwd");   // passes
 * Factors.check("chain", "nat");               // IllegalArgumentException: unknown NF 'nat' ...
 * }</pre>
 */
public final class Factors {
    /** The built-in factors, in the order the issue lists them. */
    public static final List<String> KNOWN = List.of("dataplane", "chain", "cpu_ghz", "frame_size", "rate",
            "placement", "vnic_queues");
    /** NF ids a chain may contain. */
    public static final List<String> NFS = List.of("l2fwd", "l3fwd", "firewall");
    /** Accepted placements of a chain's VNFs. */
    public static final List<String> PLACEMENTS = List.of("same-socket", "cross-socket", "via-nic");
    /** Smallest and largest accepted frame size in bytes (FCS included). */
    public static final int MIN_FRAME_SIZE = 64, MAX_FRAME_SIZE = 9216;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Set<String> KNOWN_SET = Set.copyOf(KNOWN);

    private Factors() {
    }

    /** Whether {@code name} is a built-in factor. */
    public static boolean isKnown(String name) {
        return KNOWN_SET.contains(name);
    }

    /**
     * Checks one value of a built-in factor on its own (the rate against line rate is checked per
     * trial, where the frame size is known). Values of other factors pass when they are non-blank.
     *
     * @throws IllegalArgumentException {@code "<factor> must be <constraint>: <value>"}
     */
    public static void check(String factor, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(factor + " must be non-blank: '" + value + "'");
        }
        switch (factor) {
            case "dataplane" -> {
                if (!NAME.matcher(value).matches()) {
                    throw new IllegalArgumentException("dataplane must be a name of letters, digits, '_', '.', '-': " + value);
                }
            }
            case "chain" -> {
                for (String nf : value.split("\\+", -1)) {
                    if (!NFS.contains(nf)) {
                        throw new IllegalArgumentException("unknown NF '" + nf + "' in chain '" + value + "' (known: "
                                + String.join(", ", NFS) + ")");
                    }
                }
            }
            case "cpu_ghz" -> {
                double ghz = number(factor, value);
                if (!(ghz > 0 && ghz <= 10)) {
                    throw new IllegalArgumentException("cpu_ghz must be in (0, 10]: " + value);
                }
            }
            case "frame_size" -> {
                int size;
                try {
                    size = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("frame_size must be an integer number of bytes: " + value);
                }
                if (size < MIN_FRAME_SIZE || size > MAX_FRAME_SIZE) {
                    throw new IllegalArgumentException("frame_size must be in [" + MIN_FRAME_SIZE + ", " + MAX_FRAME_SIZE
                            + "]: " + value);
                }
            }
            case "rate" -> {
                if (!"line".equals(value)) {
                    double mpps;
                    try {
                        mpps = Double.parseDouble(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("rate must be 'line' or a number of Mpps: " + value);
                    }
                    if (!(mpps > 0) || Double.isInfinite(mpps)) {
                        throw new IllegalArgumentException("rate must be > 0 Mpps: " + value);
                    }
                }
            }
            case "placement" -> {
                if (!PLACEMENTS.contains(value)) {
                    throw new IllegalArgumentException("placement must be one of " + String.join(", ", PLACEMENTS) + ": "
                            + value);
                }
            }
            case "vnic_queues" -> {
                int q;
                try {
                    q = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("vnic_queues must be an integer: " + value);
                }
                if (q < 1 || q > 64) {
                    throw new IllegalArgumentException("vnic_queues must be in [1, 64]: " + value);
                }
            }
            default -> {
                // a runner's own factor: its validate() decides
            }
        }
    }

    /**
     * Checks that an offered rate does not exceed line rate.
     *
     * @throws IllegalArgumentException {@code "rate 15 Mpps is above line rate of 10G at 64B (14.880952 Mpps)"}
     */
    public static void checkRate(String rate, LinkSpeed link, int frameSizeBytes) {
        if ("line".equals(rate)) {
            return;
        }
        double mpps = Double.parseDouble(rate);
        double line = link.lineRateMpps(frameSizeBytes);
        // a rate written with a few digits of line rate (14.88 at 64B on 10G) must pass
        if (mpps > line * (1 + 1e-9)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "rate %s Mpps is above line rate of %s at %dB (%.6f Mpps)", rate, link.text(), frameSizeBytes, line));
        }
    }

    private static double number(String factor, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(factor + " must be a number: " + value);
        }
    }
}
