package org.nfvperf.capture;

import java.util.Random;

/** {@link MutationTest}'s binary mutations for the command-line fuzz contract in other packages. */
public final class Mutations {
    private Mutations() {
    }

    public static byte[] mutate(byte[] in, Random rnd) {
        return MutationTest.mutate(in, rnd);
    }
}
