package org.nfvperf.throughput;

import java.util.Objects;

/**
 * One trial of a rate search, as kept in the search trace. Immutable and thread-safe.
 *
 * <pre>{@code
 * for (SearchStep s : result.trace()) {
 *     System.out.printf("%d %.0f pps rep %d loss %.4f %s%n", s.iteration(), s.offeredPps(),
 *             s.repetition(), s.outcome().lossRatio(), s.pass() ? "pass" : "fail");
 * }
 * }</pre>
 *
 * @param iteration  which rate of the search this is, from 1
 * @param offeredPps the rate tried
 * @param repetition which repetition at this rate, from 1
 * @param outcome    what the trial measured
 * @param pass       whether this trial's loss was within the allowed ratio
 */
public record SearchStep(int iteration, double offeredPps, int repetition, TrialOutcome outcome, boolean pass) {
    public SearchStep {
        if (iteration < 1) {
            throw new IllegalArgumentException("iteration must be >= 1: " + iteration);
        }
        if (repetition < 1) {
            throw new IllegalArgumentException("repetition must be >= 1: " + repetition);
        }
        Objects.requireNonNull(outcome, "outcome");
    }
}
