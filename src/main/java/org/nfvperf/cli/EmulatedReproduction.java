package org.nfvperf.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.nfvperf.figures.Provenance;
import org.nfvperf.reproduction.PaperReproduction;

/**
 * The bridge from {@code nfvperf reproduce} to {@link PaperReproduction}, which runs the paper's
 * sweeps on the emulated testbed and writes {@code DIR/tables/*.csv} and {@code DIR/claims.csv}.
 */
final class EmulatedReproduction {
    private EmulatedReproduction() {
    }

    /**
     * Runs the paper's sweeps (those of {@code only}, all when empty) into {@code out}, with
     * progress lines on {@code err}; returns the provenance of the tables.
     *
     * @param published the paper's numbers, or null to let the reproduction locate them
     */
    static Provenance run(Path out, Set<String> only, Path published, PrintWriter err) throws IOException {
        PaperReproduction.Options defaults = PaperReproduction.Options.defaults();
        PaperReproduction.Options options = new PaperReproduction.Options(defaults.windowPackets(), defaults.probes(),
                defaults.threads(), published);
        PaperReproduction.Result r = PaperReproduction.run(out, only, line -> {
            err.println("nfvperf: " + line);
            err.flush();
        }, options);
        Map<String, Object> p = r.provenance();
        String detail = String.format(Locale.ROOT, "model v%s, %s-packet windows, %s probes per trial, %s trials",
                p.get("model_version"), p.get("window_packets"), p.get("probes"), p.get("trials"));
        return Provenance.emulated(detail).withDate(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }
}
