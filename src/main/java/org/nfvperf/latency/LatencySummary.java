package org.nfvperf.latency;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The statistics of one-way delays over one segment (tap i → tap i+1) or end to end, in
 * nanoseconds. {@code min}, {@code max}, {@code mean} and {@code stddev} are exact (over the
 * signed delays, negative ones included); percentiles come from an HdrHistogram with 3
 * significant digits in which negative delays count as 0, clamped to [min, max]. All delay fields
 * are 0 when {@code matched} is 0.
 *
 * <p>Counts: {@code matched} packets seen at both ends; {@code lost} packets seen upstream and not
 * downstream within the window; {@code negative} matched packets with a delay below 0 (clock
 * offset); {@code ambiguous} matches made while several packets with the same identity were
 * pending (matched in order of occurrence); {@code unexpected} packets seen downstream without an
 * upstream partner; {@code truncated} packets still pending when a capture ended too early to
 * decide. Immutable and thread-safe.
 *
 * <pre>{@code
 * LatencySummary s = breakdown.endToEnd().summary();
 * double meanMicros = s.meanNanos() / 1e3;
 * }</pre>
 */
@JsonPropertyOrder({"matched", "lost", "negative", "min_ns", "mean_ns", "stddev_ns", "p50_ns", "p90_ns",
        "p99_ns", "p999_ns", "max_ns", "ambiguous", "unexpected", "truncated", "loss_pct"})
public record LatencySummary(
        long matched,
        long lost,
        long negative,
        @JsonProperty("min_ns") long minNanos,
        @JsonProperty("mean_ns") double meanNanos,
        @JsonProperty("stddev_ns") double stddevNanos,
        @JsonProperty("p50_ns") long p50Nanos,
        @JsonProperty("p90_ns") long p90Nanos,
        @JsonProperty("p99_ns") long p99Nanos,
        @JsonProperty("p999_ns") long p999Nanos,
        @JsonProperty("max_ns") long maxNanos,
        long ambiguous,
        long unexpected,
        long truncated) {

    public LatencySummary {
        requireNonNegative("matched", matched);
        requireNonNegative("lost", lost);
        requireNonNegative("negative", negative);
        requireNonNegative("ambiguous", ambiguous);
        requireNonNegative("unexpected", unexpected);
        requireNonNegative("truncated", truncated);
        if (negative > matched) {
            throw new IllegalArgumentException("negative must be <= matched (" + matched + "): " + negative);
        }
        if (matched > 0 && minNanos > maxNanos) {
            throw new IllegalArgumentException("min_ns must be <= max_ns (" + maxNanos + "): " + minNanos);
        }
        if (!(stddevNanos >= 0)) {
            throw new IllegalArgumentException("stddev_ns must be >= 0: " + stddevNanos);
        }
    }

    private static void requireNonNegative(String name, long v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must be >= 0: " + v);
        }
    }

    /** Lost packets in percent of those seen upstream ({@code matched + lost}), 0 when none. */
    @JsonProperty("loss_pct")
    public double lossPercent() {
        long seen = matched + lost;
        return seen == 0 ? 0.0 : 100.0 * lost / seen;
    }
}
