package org.nfvperf.latency;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What one tap contributed: packets read, packets with an identity, repeated identities, and
 * per-tap quality figures. {@code jitterNanos} is the RFC 3550 interarrival jitter of the packets
 * arriving at this tap with the first tap as the sender (null at the first tap);
 * {@code reordered} counts packets arriving after one that left the first tap later (RFC 4737
 * style; at the first tap only with sequence keys, else null). With {@code --offset auto},
 * {@code offsetUncertaintyNanos} bounds the error of the estimated {@code offsetNanos} and
 * {@code offsetMethod} says how it was found; {@code timestampRegressions} and
 * {@code timestampOutliers} count packets out of timestamp order (null when none). Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * for (TapSummary t : breakdown.taps()) System.out.println(t.name() + " " + t.packets());
 * }</pre>
 */
@JsonPropertyOrder({"name", "file", "interface", "packets", "keyed", "skipped", "ambiguous", "reordered",
        "jitter_ns", "offset_ns", "offset_uncertainty_ns", "offset_method", "first_ns", "last_ns",
        "timestamp_regressions", "timestamp_outliers"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TapSummary(
        String name,
        String file,
        @JsonProperty("interface") Integer iface,
        long packets,
        long keyed,
        long skipped,
        long ambiguous,
        Long reordered,
        @JsonProperty("jitter_ns") Double jitterNanos,
        @JsonProperty("offset_ns") long offsetNanos,
        @JsonProperty("first_ns") Long firstNanos,
        @JsonProperty("last_ns") Long lastNanos,
        @JsonProperty("offset_uncertainty_ns") Long offsetUncertaintyNanos,
        @JsonProperty("offset_method") String offsetMethod,
        @JsonProperty("timestamp_regressions") Long timestampRegressions,
        @JsonProperty("timestamp_outliers") Long timestampOutliers) {

    /** A summary without an estimated offset or timestamp faults (as before those fields existed). */
    public TapSummary(String name, String file, Integer iface, long packets, long keyed, long skipped, long ambiguous,
                      Long reordered, Double jitterNanos, long offsetNanos, Long firstNanos, Long lastNanos) {
        this(name, file, iface, packets, keyed, skipped, ambiguous, reordered, jitterNanos, offsetNanos, firstNanos,
                lastNanos, null, null, null, null);
    }

    public TapSummary {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must be non-empty: " + name);
        }
        if (packets < 0 || keyed < 0 || skipped < 0 || ambiguous < 0) {
            throw new IllegalArgumentException("packet counts must be >= 0: packets " + packets + ", keyed " + keyed
                    + ", skipped " + skipped + ", ambiguous " + ambiguous);
        }
        if (keyed > packets && packets > 0) {
            throw new IllegalArgumentException("keyed must be <= packets (" + packets + "): " + keyed);
        }
    }
}
