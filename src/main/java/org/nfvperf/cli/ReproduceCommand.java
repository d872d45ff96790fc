package org.nfvperf.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.nfvperf.figures.Provenance;
import org.nfvperf.reproduction.PublishedNumbers;
import org.nfvperf.figures.ReproductionReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nfvperf reproduce [--out DIR] [--only fig2,...] [--from-tables DIR]}: every figure and
 * table of the paper. Without {@code --from-tables} it first runs the paper's sweeps on the
 * emulated testbed, which writes {@code DIR/tables/*.csv} and {@code DIR/claims.csv}; then (or
 * straight away with {@code --from-tables}) it renders {@code DIR/figures/<id>.png|svg|pdf} and
 * {@code DIR/report.html} through {@link ReproductionReport}.
 *
 * <pre>{@code
 * ./nfvperf reproduce --out out
 * ./nfvperf reproduce --from-tables my-tables --out my-report --only fig2,fig5
 * }</pre>
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Reproduce every figure and table of Niu et al. from scratch, or render them from your own tables.",
            "Writes DIR/tables/*.csv, DIR/claims.csv, DIR/figures/<id>.png|svg|pdf and DIR/report.html."})
public final class ReproduceCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).", defaultValue = "out")
    Path out;

    @Option(names = "--only", split = ",", paramLabel = "ID", description = "Only these figures: fig2, table1, bottleneck, fig3, fig4, fig5, fig6, fbmix.")
    List<String> only = new ArrayList<>();

    @Option(names = "--from-tables", paramLabel = "DIR", description = "Render from tables already in DIR (or DIR/tables) instead of running the emulated testbed.")
    Path fromTables;

    @Option(names = "--published", paramLabel = "FILE", description = "The paper's numbers (default: data/paper/published.csv of this repository).")
    Path published;

    @Option(names = "--dpi", paramLabel = "N", description = "PNG resolution (default: ${DEFAULT-VALUE}).", defaultValue = "300")
    int dpi;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Set<String> ids = new LinkedHashSet<>(only);
        ReproductionReport.validateIds(ids);
        if (dpi < 36 || dpi > 1200) {
            throw new IllegalArgumentException("--dpi must be in [36, 1200]: " + dpi);
        }
        PrintWriter err = spec.commandLine().getErr();
        PublishedNumbers paper = loadPublished(err);
        Path tables;
        Provenance provenance;
        if (fromTables != null) {
            tables = Files.isDirectory(fromTables.resolve("tables")) ? fromTables.resolve("tables") : fromTables;
            if (!Files.isDirectory(tables)) {
                throw new NoSuchFileException(fromTables.toString());
            }
            Path prov = tables.resolve("provenance.json");
            Path parentProv = tables.toAbsolutePath().getParent() == null ? prov
                    : tables.toAbsolutePath().getParent().resolve("provenance.json");
            provenance = Files.isRegularFile(prov) ? Provenance.read(prov)
                    : Files.isRegularFile(parentProv) ? Provenance.read(parentProv)
                    : Provenance.userFiles(List.of(tables.toString()));
        } else {
            tables = out.resolve("tables");
            provenance = EmulatedReproduction.run(out, ids, published, err);
            provenance.write(out.resolve("provenance.json"));
        }
        if (fromTables != null && !Files.isRegularFile(out.resolve("claims.csv"))) {
            Path claims = tables.resolve("claims.csv");
            Path parentClaims = tables.toAbsolutePath().getParent() == null ? claims
                    : tables.toAbsolutePath().getParent().resolve("claims.csv");
            if (!Files.isRegularFile(claims) && Files.isRegularFile(parentClaims)) {
                Files.createDirectories(out);
                Files.copy(parentClaims, out.resolve("claims.csv"));
            }
        }
        ReproductionReport.Result r = new ReproductionReport(tables, out, paper, provenance).dpi(dpi).render(ids);
        PrintWriter o = spec.commandLine().getOut();
        o.println("rendered " + String.join(", ", r.rendered()) + " (" + r.files().size() + " files) from " + tables);
        if (!r.skipped().isEmpty()) {
            o.println("skipped (no table): " + String.join(", ", r.skipped()));
        }
        o.println("report: " + r.report());
        o.flush();
        return 0;
    }

    private PublishedNumbers loadPublished(PrintWriter err) throws IOException {
        if (published != null) {
            return PublishedNumbers.load(published);
        }
        var found = PublishedNumbers.locate();
        if (found.isEmpty()) {
            err.println("nfvperf: " + PublishedNumbers.RELATIVE_PATH + " not found; figures show reproduced data only"
                    + " (use --published FILE)");
            err.flush();
            return PublishedNumbers.none();
        }
        return PublishedNumbers.load(found.get());
    }
}
