package org.nfvperf.figures;

import java.util.Arrays;
import java.util.Optional;

/**
 * The knee of a latency-vs-rate curve: the highest offered rate before latency leaves its floor
 * for good, found from the data alone.
 *
 * <p>The rule, applied to points sorted by rate:
 * <ol>
 *   <li>Points below {@value #IDLE_FRACTION} × the highest rate are the idle regime (100 pps in the
 *       paper: packets wait for a batch timer there) and are ignored.</li>
 *   <li>The floor is the lowest latency of the remaining points; the band is floor × (1 +
 *       tolerance), tolerance {@value #DEFAULT_TOLERANCE} by default.</li>
 *   <li>The knee is the highest-rate point inside the band such that every point at a higher rate
 *       lies above the band. If the highest-rate point is itself inside the band, latency never
 *       rises and there is no knee.</li>
 * </ol>
 * For BESS in Fig. 5 (latency falling with batching down to about 7 Mpps, then queueing at the pNIC)
 * this gives the rate of the valley; for a curve that rises from the start it gives the first
 * rate that is still within the tolerance of the floor.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Optional<Knee> k = Knee.find(new double[] {1, 2, 7, 8}, new double[] {30e3, 20e3, 12e3, 60e3});
 * k.get().rateMpps();   // 7.0
 * }</pre>
 *
 * @param rateMpps     offered rate at the knee
 * @param latencyNanos latency at the knee
 * @param floorNanos   the lowest latency of the loaded regime
 */
record Knee(double rateMpps, double latencyNanos, double floorNanos) {
    /** Fraction of the highest rate under which a point counts as idle. */
    public static final double IDLE_FRACTION = 0.01;
    /** Default band above the floor, as a fraction of it. */
    public static final double DEFAULT_TOLERANCE = 0.10;

    public Knee {
        if (!(rateMpps >= 0)) {
            throw new IllegalArgumentException("rateMpps must be >= 0: " + rateMpps);
        }
    }

    /** The knee with the default tolerance. */
    public static Optional<Knee> find(double[] rateMpps, double[] latencyNanos) {
        return find(rateMpps, latencyNanos, DEFAULT_TOLERANCE);
    }

    /** The knee with the given tolerance above the floor (a fraction, ≥ 0). */
    public static Optional<Knee> find(double[] rateMpps, double[] latencyNanos, double tolerance) {
        if (rateMpps.length != latencyNanos.length) {
            throw new IllegalArgumentException("rateMpps and latencyNanos must have the same length: "
                    + rateMpps.length + " != " + latencyNanos.length);
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be >= 0: " + tolerance);
        }
        Integer[] order = new Integer[rateMpps.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(rateMpps[a], rateMpps[b]));
        double maxRate = 0;
        for (double r : rateMpps) {
            maxRate = Math.max(maxRate, r);
        }
        double idle = maxRate * IDLE_FRACTION;
        double floor = Double.POSITIVE_INFINITY;
        int loaded = 0;
        for (Integer i : order) {
            if (rateMpps[i] >= idle && !Double.isNaN(latencyNanos[i])) {
                floor = Math.min(floor, latencyNanos[i]);
                loaded++;
            }
        }
        if (loaded < 2) {
            return Optional.empty();
        }
        double band = floor * (1 + tolerance);
        int knee = -1;
        for (Integer i : order) {
            if (rateMpps[i] < idle || Double.isNaN(latencyNanos[i])) {
                continue;
            }
            if (latencyNanos[i] <= band) {
                knee = i;       // in band: a candidate, replaced by any later in-band point
            }
        }
        int last = order[order.length - 1];
        if (knee < 0 || knee == last || latencyNanos[last] <= band) {
            return Optional.empty();
        }
        return Optional.of(new Knee(rateMpps[knee], latencyNanos[knee], floor));
    }
}
