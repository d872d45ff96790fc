package org.nfvperf.throughput;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Parameters of a {@link MultiGoalSearch}. Immutable and thread-safe.
 *
 * <p>The search runs in phases: {@code intermediatePhases} short ones whose trial durations grow
 * geometrically from {@code initialTrialNanos}, then the final phase at {@code finalTrialNanos}.
 * Phase {@code k} of {@code P} intermediate phases narrows each goal to
 * {@code relativeWidth × 2^(P − k)}, so the short trials do the coarse work and the long ones only
 * confirm and refine.
 *
 * <pre>{@code
 * MultiSearchSettings s = MultiSearchSettings.of(400_000, List.of(SearchGoal.ndr(), SearchGoal.pdr(0.005)))
 *         .withTrialNanos(1_000_000_000L, 10_000_000_000L).withIntermediatePhases(2);
 * }</pre>
 *
 * @param maxPps             the highest load to try (usually line rate), &gt; 0
 * @param minPps             the lowest load worth reporting, in (0, maxPps]; a goal that fails
 *                           even there is reported as not found
 * @param goals              at least one goal, names unique
 * @param initialTrialNanos  trial duration of the first intermediate phase, in (0, finalTrialNanos]
 * @param finalTrialNanos    trial duration of the final phase, &gt; 0
 * @param intermediatePhases phases before the final one, 0..8
 * @param repetitions        trials per load and phase; a load meets a goal only if all of them do,
 *                           and fails it as soon as one does not, &gt;= 1
 */
public record MultiSearchSettings(double maxPps, double minPps, List<SearchGoal> goals, long initialTrialNanos,
                                  long finalTrialNanos, int intermediatePhases, int repetitions) {
    public MultiSearchSettings {
        if (!(maxPps > 0) || Double.isInfinite(maxPps)) {
            throw new IllegalArgumentException("maxPps must be finite and > 0: " + maxPps);
        }
        if (!(minPps > 0 && minPps <= maxPps)) {
            throw new IllegalArgumentException("minPps must be in (0, " + maxPps + "]: " + minPps);
        }
        goals = List.copyOf(goals);
        if (goals.isEmpty()) {
            throw new IllegalArgumentException("a search needs at least one goal");
        }
        Set<String> names = new HashSet<>();
        for (SearchGoal g : goals) {
            if (!names.add(g.name())) {
                throw new IllegalArgumentException("goal names must be unique: " + g.name() + " appears twice");
            }
        }
        if (finalTrialNanos <= 0) {
            throw new IllegalArgumentException("finalTrialNanos must be > 0: " + finalTrialNanos);
        }
        if (initialTrialNanos <= 0 || initialTrialNanos > finalTrialNanos) {
            throw new IllegalArgumentException("initialTrialNanos must be in (0, " + finalTrialNanos + "]: "
                    + initialTrialNanos);
        }
        if (intermediatePhases < 0 || intermediatePhases > 8) {
            throw new IllegalArgumentException("intermediatePhases must be in 0..8: " + intermediatePhases);
        }
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be >= 1: " + repetitions);
        }
        Objects.requireNonNull(goals, "goals");
    }

    /**
     * Defaults: minimum 0.1% of the maximum, trials of 1 s growing to 10 s over one intermediate
     * phase, one repetition.
     */
    public static MultiSearchSettings of(double maxPps, List<SearchGoal> goals) {
        return new MultiSearchSettings(maxPps, maxPps / 1000, goals, 1_000_000_000L, 10_000_000_000L, 1, 1);
    }

    /** A copy with other trial durations (initial of the intermediate phases, final). */
    public MultiSearchSettings withTrialNanos(long initialNanos, long finalNanos) {
        return new MultiSearchSettings(maxPps, minPps, goals, initialNanos, finalNanos, intermediatePhases, repetitions);
    }

    /** A copy with another number of intermediate phases. */
    public MultiSearchSettings withIntermediatePhases(int phases) {
        return new MultiSearchSettings(maxPps, minPps, goals, initialTrialNanos, finalTrialNanos, phases, repetitions);
    }

    /** A copy with another lower end. */
    public MultiSearchSettings withMinPps(double pps) {
        return new MultiSearchSettings(maxPps, pps, goals, initialTrialNanos, finalTrialNanos, intermediatePhases,
                repetitions);
    }

    /** A copy with another number of trials per load. */
    public MultiSearchSettings withRepetitions(int n) {
        return new MultiSearchSettings(maxPps, minPps, goals, initialTrialNanos, finalTrialNanos, intermediatePhases, n);
    }

    /** Number of phases, the final one included. */
    public int phases() {
        return intermediatePhases + 1;
    }

    /** Trial duration of phase {@code k} (0-based; the last is the final phase). */
    public long phaseTrialNanos(int k) {
        if (k >= intermediatePhases) {
            return finalTrialNanos;
        }
        double ratio = (double) finalTrialNanos / initialTrialNanos;
        return Math.max(1, Math.round(initialTrialNanos * Math.pow(ratio, (double) k / intermediatePhases)));
    }

    /** The relative width goal {@code g} is narrowed to in phase {@code k}. */
    public double phaseWidth(SearchGoal g, int k) {
        return Math.min(0.5, g.relativeWidth() * Math.pow(2, Math.max(0, intermediatePhases - k)));
    }
}
