package org.nfvperf.testbed.netns;

import java.util.ArrayList;
import java.util.List;

/**
 * Binary search for the no-drop rate (NDR): the highest offered rate at which a trial loses at most
 * {@code lossTolerancePct} percent of its packets (0 for a strict NDR), between a floor and a cap.
 * Bounded: it stops when the bracket is narrower than {@code resolution} times the rate found, or
 * after {@link #MAX_STEPS} trials. Stateless; the trial function decides the threading.
 *
 * <pre>{@code
 * NdrSearch.Result r = NdrSearch.search(rate -> runner.execute(config.withRate(rate), dir), 10_000, 400_000, 0.05, 0);
 * double ndrMpps = r.ndrPps() / 1e6;
 * }</pre>
 */
public final class NdrSearch {
    /** Upper bound on trials per search. */
    public static final int MAX_STEPS = 12;

    private NdrSearch() {
    }

    /** Runs one trial at an offered rate in pps. */
    @FunctionalInterface
    public interface TrialFunction {
        TrialOutcome run(double ratePps) throws Exception;
    }

    /**
     * One trial of the search. A trial passes when its loss is within the tolerance and the generator
     * really offered the rate (sent at least {@link #OFFERED_FRACTION} of it): a generator that
     * cannot keep up says nothing about the dataplane.
     */
    public record Step(double offeredPps, TrialOutcome outcome, boolean generatorLimited, boolean passed) {
    }

    /** Fraction of the offered rate the generator must reach for a trial to count. */
    public static final double OFFERED_FRACTION = 0.98;

    /**
     * @param ndrPps   highest passing offered rate, 0 when even the floor lost packets
     * @param capped   true when the cap itself passed (the NDR is at least the cap)
     * @param steps    every trial in the order run
     */
    public record Result(double ndrPps, boolean capped, List<Step> steps) {
        public Result {
            steps = List.copyOf(steps);
        }
    }

    /**
     * @param lowPps           floor of the search, &gt; 0
     * @param highPps          cap of the search, &gt; lowPps
     * @param resolution       relative width at which to stop, in (0, 1)
     * @param lossTolerancePct loss that still passes, in [0, 100)
     */
    public static Result search(TrialFunction trial, double lowPps, double highPps, double resolution,
                                double lossTolerancePct) throws Exception {
        if (!(lowPps > 0) || !(highPps > lowPps)) {
            throw new IllegalArgumentException("rates must satisfy 0 < low < high: low=" + lowPps + " high=" + highPps);
        }
        if (!(resolution > 0 && resolution < 1)) {
            throw new IllegalArgumentException("resolution must be in (0, 1): " + resolution);
        }
        if (!(lossTolerancePct >= 0 && lossTolerancePct < 100)) {
            throw new IllegalArgumentException("lossTolerancePct must be in [0, 100): " + lossTolerancePct);
        }
        List<Step> steps = new ArrayList<>();
        Step top = step(trial, highPps, lossTolerancePct);
        steps.add(top);
        if (top.passed()) {
            return new Result(highPps, true, steps);
        }
        Step bottom = step(trial, lowPps, lossTolerancePct);
        steps.add(bottom);
        if (!bottom.passed()) {
            return new Result(0, false, steps);
        }
        double pass = lowPps;
        double fail = highPps;
        while ((fail - pass) > resolution * pass && steps.size() < MAX_STEPS) {
            double mid = (pass + fail) / 2;
            Step s = step(trial, mid, lossTolerancePct);
            steps.add(s);
            if (s.passed()) {
                pass = mid;
            } else {
                fail = mid;
            }
        }
        return new Result(pass, false, steps);
    }

    private static Step step(TrialFunction trial, double ratePps, double lossTolerancePct) throws Exception {
        TrialOutcome o = trial.run(ratePps);
        boolean limited = o.txMpps() * 1e6 < OFFERED_FRACTION * ratePps;
        return new Step(ratePps, o, limited, o.sent() > 0 && !limited && o.lossPct() <= lossTolerancePct);
    }
}
