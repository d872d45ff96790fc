package org.nfvperf.experiment;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nfvperf.throughput.Ethernet;
import org.nfvperf.throughput.LinkSpeed;
import org.nfvperf.throughput.PacketSizeMix;

/**
 * One fully resolved point of a sweep, as a runner sees it. Immutable and thread-safe.
 *
 * <p>{@code factors} holds every factor of the spec as written (strings, e.g. {@code rate=line},
 * {@code chain=firewall+l3fwd}); typed accessors parse the common ones.
 *
 * <pre>{@code
 * Trial t = new Trial("fig2", "a1b2c3", Map.of("dataplane", "bess", "frame_size", "64"), "10G", 1.0, 1,
 *         List.of("pnic0", "pnic1"), 100_000);
 * int frameSizeBytes = t.frameSizeBytes();   // 64
 * double mpps = t.offeredMpps();             // 14.88 (no rate factor: line rate of 10G at 64B)
 * }</pre>
 *
 * @param experiment     the sweep's name
 * @param id             stable id: a hash of the resolved parameters
 * @param factors        factor name to value as written in the spec
 * @param link           link speed as written, e.g. {@code 10G}
 * @param durationSeconds trial duration in seconds, &gt; 0
 * @param repetition     repetition index, from 1
 * @param taps           capture points in path order, may be empty
 * @param maxPacketsPerTap cap on packets written per tap capture, &gt;= 0
 */
public record Trial(String experiment, String id, Map<String, String> factors, String link,
                    double durationSeconds, int repetition, List<String> taps, long maxPacketsPerTap) {
    public Trial {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(id, "id");
        factors = Map.copyOf(factors);
        Objects.requireNonNull(link, "link");
        if (!(durationSeconds > 0)) {
            throw new IllegalArgumentException("durationSeconds must be > 0: " + durationSeconds);
        }
        if (repetition < 1) {
            throw new IllegalArgumentException("repetition must be >= 1: " + repetition);
        }
        taps = List.copyOf(taps);
        if (maxPacketsPerTap < 0) {
            throw new IllegalArgumentException("maxPacketsPerTap must be >= 0: " + maxPacketsPerTap);
        }
    }

    /** Frame size used when a spec has no {@code frame_size} factor, in bytes (FCS included). */
    public static final int DEFAULT_FRAME_SIZE_BYTES = 64;

    /** The factor's value as written, or {@code defaultValue} when the spec does not set it. */
    public String factor(String name, String defaultValue) {
        return factors.getOrDefault(name, defaultValue);
    }

    /**
     * The factor as a number, or {@code defaultValue} when the spec does not set it.
     *
     * @throws IllegalArgumentException when the value is not a number
     */
    public double factorDouble(String name, double defaultValue) {
        String v = factors.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number: " + v);
        }
    }

    /**
     * The factor as an integer, or {@code defaultValue} when the spec does not set it.
     *
     * @throws IllegalArgumentException when the value is not an integer
     */
    public int factorInt(String name, int defaultValue) {
        String v = factors.get(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer: " + v);
        }
    }

    /** Frame size in bytes including the FCS: factor {@code frame_size}, 64 when absent. */
    public int frameSizeBytes() {
        return factorInt("frame_size", DEFAULT_FRAME_SIZE_BYTES);
    }

    /**
     * Average frame size in bytes including the FCS: of the packet-size mix of factor {@code mix}
     * ({@link PacketSizeMix#resolve}) when present, else {@link #frameSizeBytes()}.
     *
     * @throws IllegalArgumentException when the mix is neither built in nor a readable CSV file
     */
    public double averageFrameSizeBytes() {
        String mix = factors.get("mix");
        return mix == null ? frameSizeBytes() : Factors.mix(mix).averageFrameSizeBytes();
    }

    /** Whether the offered rate is line rate: factor {@code rate} is {@code line} or absent. */
    public boolean isLineRate() {
        return rate().isLine();
    }

    /**
     * The {@code rate} factor ({@link Rate#parse}: {@code line}, Mpps, {@code 100kpps}, ...),
     * {@link Rate#LINE} when absent.
     */
    public Rate rate() {
        String v = factors.get("rate");
        return v == null ? Rate.LINE : Rate.parse(v);
    }

    /**
     * Offered rate in Mpps: the {@code rate} factor, or the line rate of {@link #link()} at
     * {@link #averageFrameSizeBytes()} when it is {@code line} (or absent).
     */
    public double offeredMpps() {
        if (isLineRate()) {
            return Ethernet.linePps(LinkSpeed.parse(link), averageFrameSizeBytes()) / 1e6;
        }
        return rate().mpps();
    }

    /** The NF ids of factor {@code chain} in path order ({@code firewall+l3fwd}), empty when absent. */
    public List<String> chain() {
        String v = factors.get("chain");
        return v == null ? List.of() : List.of(v.split("\\+"));
    }
}
