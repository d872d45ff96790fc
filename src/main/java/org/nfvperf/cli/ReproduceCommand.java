package org.nfvperf.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.nfvperf.figures.Provenance;
import org.nfvperf.reproduction.PublishedNumbers;
import org.nfvperf.figures.ReproductionReport;
import org.nfvperf.reproduction.PaperReproduction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.nfvperf.util.UsageException;

/**
 * {@code nfvperf reproduce [--out DIR] [--only fig2,...] [--runner R] [--specs DIR] [--from-tables DIR]}:
 * every figure and table of the paper. Without {@code --from-tables} it runs the runner's spec set
 * through the orchestrator into {@code DIR/runs/<spec>/} (as {@code nfvperf run}, resuming) and
 * derives {@code DIR/tables/*.csv}, {@code DIR/claims.csv} and {@code DIR/provenance.json} from the
 * results ({@link PaperReproduction}); then (or straight away with {@code --from-tables}) it
 * renders {@code DIR/figures/<id>.png|svg|pdf} and {@code DIR/report.html} through
 * {@link ReproductionReport}.
 *
 * <pre>{@code
 * ./nfvperf reproduce --out out
 * ./nfvperf reproduce --runner command --specs my-specs --out my-lab
 * ./nfvperf reproduce --from-tables my-tables --out my-report --only fig2,fig5
 * }</pre>
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Reproduce every figure and table of Niu et al. from scratch, or render them from your own tables.",
            "Runs each spec of the runner's spec set (data/specs/*.yaml for emulated, data/specs/<runner>/ otherwise) "
                + "through the orchestrator into DIR/runs/<spec>/ exactly as `nfvperf run SPEC --out DIR/runs` (a rerun "
                + "resumes), then derives DIR/tables/*.csv from those results.csv, DIR/claims.csv, DIR/provenance.json, "
                + "DIR/figures/<id>.png|svg|pdf and DIR/report.html."})
public final class ReproduceCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).", defaultValue = "out")
    Path out;

    @Option(names = "--only", split = ",", paramLabel = "ID", description = "Only these figures: fig2, table1, bottleneck, stages, fig3, fig4, fig5, fig6, fbmix.")
    List<String> only = new ArrayList<>();

    @Option(names = "--from-tables", paramLabel = "DIR", description = "Render from tables already in DIR (or DIR/tables) instead of running the emulated testbed.")
    Path fromTables;

    @Option(names = "--runner", paramLabel = "R", defaultValue = PaperReproduction.PAPER_RUNNER,
            description = "Runner of the spec set: emulated (default: the paper's specs in data/specs), netns, command "
                    + "(their specs in data/specs/<runner>/ unless --specs).")
    String runner;

    @Option(names = "--specs", paramLabel = "DIR", description = "The spec set: DIR/<spec>.yaml for fig2, bottleneck, fig3, "
            + "fig4, fig5, fig5-100pps, fig6, fig6-chain2, fig6-chain3, fbmix, stages (missing ones skip their tables).")
    Path specs;

    @Option(names = "--jobs", paramLabel = "N", description = "Trials run at once (default: one per core, at most 4).")
    Integer jobs;

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
            throw new UsageException("--dpi must be in [36, 1200]: " + dpi);
        }
        PrintWriter err = spec.commandLine().getErr();
        PublishedNumbers paper = loadPublished(err);
        Path tables;
        Provenance provenance;
        Map<String, Provenance> perFigure = Map.of();
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
            Path record = Files.isRegularFile(prov) ? prov : parentProv;
            if (Files.isRegularFile(record)) {
                Map<String, Object> json = org.nfvperf.util.Json.MAPPER.readValue(record.toFile(),
                        new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
                if (json.get("runner") != null) {
                    perFigure = figureProvenances(json);
                }
            }
        } else {
            tables = out.resolve("tables");
            PaperReproduction.Options options = PaperReproduction.Options.defaults().withRunner(runner).withSpecs(specs)
                    .withPublished(published);
            if (jobs != null) {
                options = options.withJobs(jobs);
            }
            PaperReproduction.Result result = PaperReproduction.run(out, ids, line -> {
                err.println("nfvperf: " + line);
                err.flush();
            }, options);
            provenance = provenance(result);
            perFigure = figureProvenances(result.provenance());
            // provenance.json: the reproduction's record (runner, host, date, runs behind each table)
            // plus the figure footer's fields, so that --from-tables reads it back
            Map<String, Object> json = new java.util.LinkedHashMap<>(result.provenance());
            json.put("kind", provenance.kind().name());
            json.put("detail", provenance.detail());
            Files.writeString(out.resolve("provenance.json"), org.nfvperf.util.Json.write(json) + "\n");
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
        ReproductionReport.Result r = new ReproductionReport(tables, out, paper, provenance).dpi(dpi)
                .figureProvenance(perFigure).render(ids);
        PrintWriter o = spec.commandLine().getOut();
        o.println("rendered " + String.join(", ", r.rendered()) + " (" + r.files().size() + " files) from " + tables);
        if (!r.skipped().isEmpty()) {
            o.println("skipped (no table): " + String.join(", ", r.skipped()));
        }
        o.println("report: " + r.report());
        o.flush();
        return 0;
    }

    /** The report's footer: runner, host, date and every run behind the tables. */
    static Provenance provenance(PaperReproduction.Result r) {
        return provenance(r.provenance(), null);
    }

    /**
     * A footer from a provenance record ({@code provenance.json}): runner, host, date and the runs
     * behind table {@code tableId} (every run when {@code tableId} is null).
     */
    static Provenance provenance(Map<String, Object> p, String tableId) {
        String label = PaperReproduction.runsLabel(p, tableId);
        String host = String.valueOf(p.get("host"));
        String date = String.valueOf(p.get("date"));
        String runnerName = String.valueOf(p.get("runner"));
        return switch (runnerName) {
            case "emulated" -> new Provenance(Provenance.Kind.EMULATED, label + " on host " + host, host, date);
            case "netns" -> new Provenance(Provenance.Kind.NETNS, label, host, date);
            default -> new Provenance(Provenance.Kind.USER_FILES, runnerName + " runner on host " + host + ", " + label,
                    host, date);
        };
    }

    /** Each figure's footer names the runs behind its own table (from the provenance record). */
    static Map<String, Provenance> figureProvenances(Map<String, Object> p) {
        Map<String, Provenance> out = new java.util.LinkedHashMap<>();
        if (p.get("tables") instanceof Map<?, ?> t && p.get("runs") instanceof Map<?, ?>) {
            for (Object id : t.keySet()) {
                out.put(String.valueOf(id), provenance(p, String.valueOf(id)));
            }
        }
        return out;
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
