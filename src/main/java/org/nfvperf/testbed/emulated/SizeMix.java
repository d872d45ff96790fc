package org.nfvperf.testbed.emulated;

import java.util.Arrays;
import java.util.Objects;

/**
 * A packet-size distribution as the emulated generator samples it: frame sizes (bytes, with
 * FCS) and their cumulative probabilities. Built from the {@code throughput} package's mixes by
 * the runner; the emulator only samples it.
 *
 * <p>Immutable and thread-safe. Example:
 * <pre>{@code
 * SizeMix imix = new SizeMix("imix", new int[] {64, 570, 1518}, new double[] {7, 4, 1});
 * }</pre>
 *
 * @param name    the mix's name, for provenance
 * @param sizes   frame sizes in bytes, each in [64, 9216]
 * @param weights non-negative weights (need not sum to 1), same length as sizes, positive sum
 */
public record SizeMix(String name, int[] sizes, double[] weights) {
    public SizeMix {
        Objects.requireNonNull(name, "name");
        sizes = sizes.clone();
        weights = weights.clone();
        if (sizes.length == 0 || sizes.length != weights.length) {
            throw new IllegalArgumentException("mix " + name + " must have as many weights as sizes: "
                    + sizes.length + " vs " + weights.length);
        }
        double sum = 0;
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < Traffic.MIN_FRAME || sizes[i] > Traffic.MAX_FRAME) {
                throw new IllegalArgumentException("mix " + name + " frame size must be in [" + Traffic.MIN_FRAME
                        + ", " + Traffic.MAX_FRAME + "]: " + sizes[i]);
            }
            if (!(weights[i] >= 0)) {
                throw new IllegalArgumentException("mix " + name + " weight must be >= 0: " + weights[i]);
            }
            sum += weights[i];
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("mix " + name + " weights must have a positive sum: " + sum);
        }
    }

    /** Cumulative weights, same order as {@link #sizes()}. */
    public double[] cumulative() {
        double[] c = new double[weights.length];
        double s = 0;
        for (int i = 0; i < weights.length; i++) {
            s += weights[i];
            c[i] = s;
        }
        return c;
    }

    /** Mean frame size in bytes. */
    public double meanFrameSize() {
        double s = 0;
        double w = 0;
        for (int i = 0; i < sizes.length; i++) {
            s += sizes[i] * weights[i];
            w += weights[i];
        }
        return s / w;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SizeMix m && name.equals(m.name) && Arrays.equals(sizes, m.sizes)
                && Arrays.equals(weights, m.weights);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(sizes);
    }

    @Override
    public String toString() {
        return "SizeMix[" + name + ", " + sizes.length + " sizes, mean " + meanFrameSize() + " B]";
    }
}
