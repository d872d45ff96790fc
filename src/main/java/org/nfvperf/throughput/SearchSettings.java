package org.nfvperf.throughput;

/**
 * Parameters of an NDR/PDR search ({@link RateSearch}). Immutable and thread-safe.
 *
 * <pre>{@code
 * SearchSettings ndr = SearchSettings.ndr(Ethernet.linePps(LinkSpeed.G10, 64));
 * SearchSettings pdr = ndr.withLossRatio(0.005).withRepetitions(3);
 * }</pre>
 *
 * @param maxPps         the highest rate to try (usually line rate), &gt; 0
 * @param minPps         the lowest rate worth reporting; below it the search gives up, 0..maxPps
 * @param resolutionPps  stop when the pass/fail interval is narrower than this, &gt; 0
 * @param lossRatio      loss allowed for a pass: 0 for NDR, e.g. 0.005 for a 0.5% PDR, in 0..1
 * @param trialNanos     duration of each trial in ns, &gt; 0 (RFC 2544 asks for at least 60 s)
 * @param repetitions    trials per rate; a rate passes only when every repetition passes, &gt;= 1
 */
public record SearchSettings(double maxPps, double minPps, double resolutionPps, double lossRatio,
                             long trialNanos, int repetitions) {
    /** Default trial length: 10 s. */
    public static final long DEFAULT_TRIAL_NANOS = 10_000_000_000L;

    public SearchSettings {
        if (!(maxPps > 0) || Double.isInfinite(maxPps)) {
            throw new IllegalArgumentException("maxPps must be finite and > 0: " + maxPps);
        }
        if (!(minPps >= 0 && minPps <= maxPps)) {
            throw new IllegalArgumentException("minPps must be in 0.." + maxPps + ": " + minPps);
        }
        if (!(resolutionPps > 0)) {
            throw new IllegalArgumentException("resolutionPps must be > 0: " + resolutionPps);
        }
        if (!(lossRatio >= 0 && lossRatio <= 1)) {
            throw new IllegalArgumentException("lossRatio must be in 0..1: " + lossRatio);
        }
        if (trialNanos <= 0) {
            throw new IllegalArgumentException("trialNanos must be > 0: " + trialNanos);
        }
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be >= 1: " + repetitions);
        }
    }

    /** NDR settings: zero loss, resolution 0.1% of {@code maxPps}, 10 s trials, one repetition. */
    public static SearchSettings ndr(double maxPps) {
        return new SearchSettings(maxPps, 0, maxPps / 1000, 0, DEFAULT_TRIAL_NANOS, 1);
    }

    /** A copy with another allowed loss ratio (0.005 = 0.5%). */
    public SearchSettings withLossRatio(double ratio) {
        return new SearchSettings(maxPps, minPps, resolutionPps, ratio, trialNanos, repetitions);
    }

    /** A copy with another resolution in pps. */
    public SearchSettings withResolutionPps(double pps) {
        return new SearchSettings(maxPps, minPps, pps, lossRatio, trialNanos, repetitions);
    }

    /** A copy with another trial duration. */
    public SearchSettings withTrialNanos(long nanos) {
        return new SearchSettings(maxPps, minPps, resolutionPps, lossRatio, nanos, repetitions);
    }

    /** A copy with another number of repetitions per rate. */
    public SearchSettings withRepetitions(int n) {
        return new SearchSettings(maxPps, minPps, resolutionPps, lossRatio, trialNanos, n);
    }

    /** A copy with another lower bound. */
    public SearchSettings withMinPps(double pps) {
        return new SearchSettings(maxPps, pps, resolutionPps, lossRatio, trialNanos, repetitions);
    }
}
