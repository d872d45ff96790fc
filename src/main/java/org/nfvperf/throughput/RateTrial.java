package org.nfvperf.throughput;

/**
 * A runner's way to measure one fixed-rate trial for {@link RateSearch}: send at
 * {@code offeredPps} for {@code durationNanos} and report what was sent and received.
 * Implementations decide how (emulator, namespaces, a user's testbed); they may block for the
 * trial's length. Thread-safety is the implementation's business: the search calls it from one
 * thread, one trial at a time.
 *
 * <pre>{@code
 * RateTrial trial = (pps, nanos) -> {
 *     long tx = Math.round(pps * nanos / 1e9);
 *     return new TrialOutcome(pps, tx, Math.min(tx, Math.round(9e6 * nanos / 1e9)), nanos);
 * };
 * }</pre>
 */
@FunctionalInterface
public interface RateTrial {
    /**
     * Runs one trial.
     *
     * @param offeredPps    the rate to send at, &gt; 0
     * @param durationNanos how long to send, &gt; 0
     * @throws Exception whatever the runner fails with; the search stops and rethrows it
     */
    TrialOutcome run(double offeredPps, long durationNanos) throws Exception;
}
