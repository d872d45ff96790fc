package org.nfvperf.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import org.nfvperf.figures.Provenance;

/**
 * The bridge from {@code nfvperf reproduce} to the emulated testbed's reproduction of the paper's
 * sweeps, which writes {@code DIR/tables/*.csv} and {@code DIR/claims.csv}.
 */
final class EmulatedReproduction {
    private EmulatedReproduction() {
    }

    /** Runs the paper's sweeps into {@code out}; returns the provenance of the tables. */
    static Provenance run(Path out, Set<String> only, PrintWriter err) {
        throw new UnsupportedOperationException("the emulated testbed's reproduction is not in this build yet;"
                + " render existing tables with --from-tables DIR");
    }
}
