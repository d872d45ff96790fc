package org.nfvperf.experiment;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.nfvperf.throughput.Ethernet;
import org.nfvperf.throughput.LinkSpeed;
import org.nfvperf.throughput.PacketSizeMix;

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
 * <tr><td>{@code mix}</td><td>a packet-size mix instead of {@code frame_size}: {@code imix}, {@code fb-web} or a CSV
 * file ({@link PacketSizeMix#resolve})</td></tr>
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
    public static final List<String> KNOWN = List.of("dataplane", "chain", "cpu_ghz", "frame_size", "mix", "rate",
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
                double ghz = number(factor, value, "a number");
                if (!(ghz > 0 && ghz <= 10)) {
                    throw new IllegalArgumentException("cpu_ghz must be in (0, 10]: " + value);
                }
            }
            case "frame_size" -> integer(factor, value, "an integer number of bytes", MIN_FRAME_SIZE, MAX_FRAME_SIZE);
            case "rate" -> Rate.parse(value);
            case "placement" -> {
                if (!PLACEMENTS.contains(value)) {
                    throw new IllegalArgumentException("placement must be one of " + String.join(", ", PLACEMENTS) + ": "
                            + value);
                }
            }
            case "vnic_queues" -> integer(factor, value, "an integer", 1, 64);
            case "mix" -> mix(value);
            default -> {
                // a runner's own factor: its validate() decides
            }
        }
    }

    /**
     * Checks that an offered rate does not exceed line rate at a frame size.
     *
     * @throws IllegalArgumentException {@code "rate 15 Mpps is above line rate of 10G at 64B (14.880952 Mpps)"}
     */
    public static void checkRate(String rate, LinkSpeed link, int frameSizeBytes) {
        checkRate(rate, link, frameSizeBytes, frameSizeBytes + "B");
    }

    /**
     * Checks that an offered rate does not exceed the line rate of a packet-size mix.
     *
     * @throws IllegalArgumentException {@code "rate 9 Mpps is above line rate of 10G for mix imix (3.342 Mpps)"}
     */
    public static void checkRate(String rate, LinkSpeed link, PacketSizeMix mix) {
        checkRate(rate, link, mix.averageFrameSizeBytes(), "for mix " + mix.name());
    }

    private static void checkRate(String rate, LinkSpeed link, double frameSizeBytes, String at) {
        Rate r = Rate.parse(rate);
        if (r.isLine()) {
            return;
        }
        double mpps = r.mpps();
        double line = Ethernet.linePps(link, frameSizeBytes) / 1e6;
        // a rate written with a few digits of line rate (14.88 at 64B on 10G) must pass
        if (mpps > line * (1 + 1e-9)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "rate %s Mpps is above line rate of %s %s (%.6f Mpps)", rate, link, at.endsWith("B") ? "at " + at : at,
                    line));
        }
    }

    /**
     * The packet-size mix a {@code mix} value names.
     *
     * @throws IllegalArgumentException when it is neither a built-in mix nor a readable mix CSV file
     */
    public static PacketSizeMix mix(String value) {
        try {
            return PacketSizeMix.resolve(value);
        } catch (java.io.IOException | org.nfvperf.util.InputException e) {
            throw new IllegalArgumentException("mix must be one of " + PacketSizeMix.builtInNames()
                    + " or a readable mix CSV file: " + value + " (" + e.getMessage() + ")");
        }
    }

    private static double number(String factor, String value, String expected) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(factor + " must be " + expected + ": " + value);
        }
    }

    private static void integer(String factor, String value, String expected, int min, int max) {
        int v;
        try {
            v = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(factor + " must be " + expected + ": " + value);
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(factor + " must be in [" + min + ", " + max + "]: " + value);
        }
    }
}
