package org.nfvperf.experiment;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One fully resolved point of a sweep, as a runner sees it. Immutable and thread-safe.
 *
 * <p>{@code factors} holds every factor of the spec as written (strings, e.g. {@code rate=line},
 * {@code chain=firewall+l3fwd}); typed accessors parse the common ones.
 *
 * <pre>{@code
 * Trial t = new Trial("fig2", "a1b2c3", Map.of("dataplane", "bess", "frame_size", "64"), "10G", 1.0, 1,
 *         List.of("pnic0", "pnic1"), 100_000);
 * int frameSizeBytes = t.frameSizeBytes();
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

    /** The factor's value as written, or {@code defaultValue} when the spec does not set it. */
    public String factor(String name, String defaultValue) {
        return factors.getOrDefault(name, defaultValue);
    }
}
