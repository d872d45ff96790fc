package org.nfvperf.latency;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Delay statistics of the packets that passed the upstream tap during one interval
 * [{@code startNanos}, {@code startNanos + lengthNanos}), for latency-over-time plots. Times and
 * delays in ns; percentiles with 3 significant digits as in {@link LatencySummary}. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * for (IntervalSummary i : breakdown.endToEnd().intervals()) {
 *     System.out.println(i.startNanos() + " " + i.p99Nanos());
 * }
 * }</pre>
 */
@JsonPropertyOrder({"start_ns", "length_ns", "matched", "mean_ns", "p50_ns", "p90_ns", "p99_ns", "p999_ns", "max_ns"})
public record IntervalSummary(
        @JsonProperty("start_ns") long startNanos,
        @JsonProperty("length_ns") long lengthNanos,
        long matched,
        @JsonProperty("mean_ns") double meanNanos,
        @JsonProperty("p50_ns") long p50Nanos,
        @JsonProperty("p90_ns") long p90Nanos,
        @JsonProperty("p99_ns") long p99Nanos,
        @JsonProperty("p999_ns") long p999Nanos,
        @JsonProperty("max_ns") long maxNanos) {

    public IntervalSummary {
        if (lengthNanos <= 0) {
            throw new IllegalArgumentException("length_ns must be > 0: " + lengthNanos);
        }
        if (matched <= 0) {
            throw new IllegalArgumentException("matched must be > 0: " + matched);
        }
    }
}
