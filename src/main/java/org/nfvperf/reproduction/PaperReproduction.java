package org.nfvperf.reproduction;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.nfvperf.experiment.Experiment;
import org.nfvperf.experiment.Orchestrator;
import org.nfvperf.experiment.ProgressListener;
import org.nfvperf.experiment.ResultStore;
import org.nfvperf.experiment.RunOptions;
import org.nfvperf.experiment.StageCounters;
import org.nfvperf.experiment.SweepResult;
import org.nfvperf.experiment.Trial;
import org.nfvperf.throughput.LinkSpeed;
import org.nfvperf.throughput.PacketSizeMix;
import org.nfvperf.util.InputException;
import org.nfvperf.util.Json;
import org.nfvperf.util.Numbers;
import org.nfvperf.util.UsageException;

/**
 * The paper's reproduction as one pipeline: each spec of a spec set ({@code data/specs/*.yaml} for
 * the emulated runner, {@code data/specs/<runner>/} for another) runs through
 * {@link Orchestrator} into {@code DIR/runs/<spec name>/}, exactly as
 * {@code nfvperf run SPEC --out DIR/runs} would (same trial ids and numbers; a rerun resumes);
 * then the tidy tables {@code DIR/tables/{table1,fig2,bottleneck,stages,fig3,fig4,fig5,fig6,fbmix}.csv}
 * are derived from those {@code results.csv} files only ({@link #derive}; {@code bottleneck} and
 * {@code stages} add the per-stage counters of the sweep's {@code stages.csv} when the runner
 * recorded them), and the claims
 * ({@code DIR/claims.csv}: each finding of the paper with its published and reproduced value and
 * whether it holds) from the tables and {@code data/paper/published.csv} only.
 *
 * <p>Which spec makes which table is {@link #SPECS}. Thread-safe (no shared state); one run per
 * output folder at a time (the result stores lock). Example:
 * <pre>{@code
 * PaperReproduction.Result r = PaperReproduction.run(Path.of("out"), Set.of(), System.err::println);
 * boolean allHold = r.claims().stream().allMatch(PaperReproduction.Claim::holds);
 * }</pre>
 */
public final class PaperReproduction {
    /** Table ids in the order they are written. */
    public static final List<String> IDS = List.of("table1", "fig2", "bottleneck", "stages", "fig3", "fig4", "fig5",
            "fig6", "fbmix");
    /** The specs (by name, file {@code <name>.yaml} of the spec set) whose results make each table. */
    public static final Map<String, List<String>> SPECS = specs();
    /** Line rate is "reached" at or above this share of the line rate, %. */
    public static final double LINE_RATE_REACHED_PCT = 99.0;
    /** Where the paper's spec set lives in the repository; other runners' sets are in sub-folders. */
    public static final String SPECS_PATH = "data/specs";
    /** The runner of the paper's own spec set. */
    public static final String PAPER_RUNNER = "emulated";

    static final double[] GHZ = {1.2, 1.6, 2.0, 2.4, 2.6};
    static final int[] SIZES = {64, 128, 256, 512, 1024, 1500};
    static final String[] DATAPLANES = {"bess", "clickos"};
    static final double[] FIG5_MPPS = {0.0001, 1, 2, 3, 4, 5, 6, 7, 8};
    static final String[] COMPONENTS = {"transmission", "dataplane_io", "nf_io", "nf_processing"};
    /** A netns tap inside the chain: {@code dut<i>_in} or {@code dut<i>_out}. */
    private static final java.util.regex.Pattern PLAIN_TAP = java.util.regex.Pattern.compile("[^_]+|dut\\d+_(in|out)");
    private static final java.util.regex.Pattern DUT_TAP = java.util.regex.Pattern.compile("dut(\\d+)_(in|out)");
    /** Order of factor values in the tables (others sort after these, numbers numerically). */
    private static final List<String> ORDER = List.of("bess", "clickos", "l3fwd", "firewall", "firewall+l3fwd",
            "firewall+l3fwd+l2fwd", "same-socket", "cross-socket", "via-nic");

    private PaperReproduction() {
    }

    private static Map<String, List<String>> specs() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("table1", List.of("fig2"));
        m.put("fig2", List.of("fig2"));
        m.put("bottleneck", List.of("bottleneck"));
        m.put("stages", List.of("stages"));
        m.put("fig3", List.of("fig3"));
        m.put("fig4", List.of("fig4"));
        m.put("fig5", List.of("fig5", "fig5-100pps"));
        m.put("fig6", List.of("fig6", "fig6-chain2", "fig6-chain3"));
        m.put("fbmix", List.of("fbmix"));
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * Settings of a reproduction.
     *
     * @param specs     the spec set, or null for {@link #locateSpecs(String) the runner's set} in the repository
     * @param runner    the runner every spec of the set must name ({@code emulated}, {@code netns}, {@code command})
     * @param jobs      trials run at once per spec, &gt;= 1
     * @param published the paper's numbers ({@code data/paper/published.csv}), or null to locate it
     */
    public record Options(Path specs, String runner, int jobs, Path published) {
        public Options {
            if (runner == null || runner.isBlank()) {
                throw new IllegalArgumentException("runner must be non-blank: '" + runner + "'");
            }
            if (jobs < 1) {
                throw new IllegalArgumentException("jobs must be >= 1: " + jobs);
            }
        }

        /** The paper's spec set on the emulated runner, one job per core (at most 4), published.csv located. */
        public static Options defaults() {
            return new Options(null, PAPER_RUNNER, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())),
                    null);
        }

        /** A copy with another spec set. */
        public Options withSpecs(Path newSpecs) {
            return new Options(newSpecs, runner, jobs, published);
        }

        /** A copy for another runner (its spec set is located unless {@link #specs} is given). */
        public Options withRunner(String newRunner) {
            return new Options(specs, newRunner, jobs, published);
        }

        /** A copy running {@code newJobs} trials at once. */
        public Options withJobs(int newJobs) {
            return new Options(specs, runner, newJobs, published);
        }

        /** A copy reading the paper's numbers from {@code file}. */
        public Options withPublished(Path file) {
            return new Options(specs, runner, jobs, file);
        }
    }

    /**
     * A tidy table as written to CSV.
     *
     * @param id      table id, e.g. {@code fig2}
     * @param columns column names
     * @param rows    rows of values (numbers, strings, booleans) in column order
     */
    public record Table(String id, List<String> columns, List<List<Object>> rows) {
        /** The value of {@code column} in row {@code i}. */
        public Object get(int i, String column) {
            int c = columns.indexOf(column);
            if (c < 0) {
                throw new UsageException("Column " + column + " is not present in table " + id);
            }
            return rows.get(i).get(c);
        }
    }

    /**
     * One finding of the paper.
     *
     * @param key        key in {@code published.csv}
     * @param section    section of the paper
     * @param claim      the finding in words
     * @param published  the published value
     * @param reproduced the reproduced value
     * @param unit       unit of both values
     * @param errorPercent   relative error of the reproduced value in %, NaN when not numeric
     * @param holds      whether the finding holds in the reproduction
     */
    public record Claim(String key, String section, String claim, String published, String reproduced, String unit,
                        double errorPercent, boolean holds) {
    }

    /**
     * One sweep behind the tables.
     *
     * @param spec    the spec's name (its folder under {@code DIR/runs/})
     * @param runner  the runner that made its results
     * @param results its {@code results.csv}
     * @param trials  rows in it
     * @param ranNow  trials run by this reproduction (0 when everything was resumed)
     * @param failed  rows whose status is not {@code ok}
     */
    public record Run(String spec, String runner, Path results, int trials, int ranNow, int failed) {
    }

    /**
     * What a reproduction produced.
     *
     * @param tables     the tables by id (only those computed)
     * @param claims     the findings checked
     * @param runs       the sweeps behind the tables, by spec name
     * @param provenance runner, host, date, spec set, the runs behind each table, elapsed time
     *                   (also written to {@code DIR/provenance.json} by the command line)
     */
    public record Result(Map<String, Table> tables, List<Claim> claims, Map<String, Run> runs,
                         Map<String, Object> provenance) {
    }

    /** Runs with {@link Options#defaults()}. */
    public static Result run(Path outDir, Set<String> only, Consumer<String> progress) throws IOException {
        return run(outDir, only, progress, Options.defaults());
    }

    /**
     * Runs the specs behind the selected tables (all when {@code only} is empty) through the
     * orchestrator into {@code outDir/runs/}, then {@link #derive derives} the tables and claims.
     *
     * @throws IllegalArgumentException for an unknown id in {@code only}
     * @throws InputException           for a spec that names another runner or another name than its file
     * @throws NoSuchFileException      when the spec set or {@code published.csv} cannot be found
     */
    public static Result run(Path outDir, Set<String> only, Consumer<String> progress, Options options)
            throws IOException {
        Set<String> ids = select(only);
        long start = System.nanoTime();
        Path specDir = options.specs() != null ? options.specs() : locateSpecs(options.runner()).orElseThrow(
                () -> new NoSuchFileException(specsPath(options.runner()), null,
                        "the spec set of runner " + options.runner() + " is needed; run from the repository or use --specs"));
        if (!Files.isDirectory(specDir)) {
            throw new NoSuchFileException(specDir.toString(), null, "expected a folder of specs (<name>.yaml)");
        }
        PublishedNumbers paper = loadPublished(options.published());
        Path runs = outDir.resolve("runs");
        List<Experiment> sweeps = new ArrayList<>();
        for (String spec : withTwins(specsOf(ids), twin -> Files.isRegularFile(specDir.resolve(twin + ".yaml")))) {
            Path file = specDir.resolve(spec + ".yaml");
            if (!Files.isRegularFile(file)) {
                say(progress, "no spec " + file + ": tables that need it are skipped");
                continue;
            }
            Experiment e = Experiment.load(file);
            if (!e.name().equals(spec)) {
                throw new InputException(file + ": name must be " + spec + " (the file's name, which the tables "
                        + "look for under runs/): " + e.name());
            }
            if (!e.runner().equals(options.runner())) {
                throw new InputException(file + ": runner must be " + options.runner() + " (--runner): " + e.runner());
            }
            Orchestrator.plan(e); // every spec checked before any runs
            sweeps.add(e);
        }
        Map<String, Integer> ranNow = new LinkedHashMap<>();
        for (Experiment e : sweeps) {
            SweepResult r = Orchestrator.execute(e, runs, RunOptions.defaults().withJobs(options.jobs())
                    .withProgress(progress(e, progress)));
            say(progress, String.format(Locale.ROOT, "%s: %d trials, %d run now, %d failed (%s)", e.name(),
                    r.rows().size(), r.ran(), r.failed(), r.dir().resolve(ResultStore.RESULTS)));
            ranNow.put(e.name(), r.ran());
        }
        Result derived = derive(runs, outDir, ids, paper);
        Map<String, Run> withRan = new LinkedHashMap<>();
        for (Run r : derived.runs().values()) {
            withRan.put(r.spec(), new Run(r.spec(), r.runner(), r.results(), r.trials(),
                    ranNow.getOrDefault(r.spec(), 0), r.failed()));
        }
        Map<String, Object> prov = new LinkedHashMap<>(derived.provenance());
        prov.put("specs", specDir.toString());
        prov.put("elapsed_s", Math.round((System.nanoTime() - start) / 1e6) / 1e3);
        writeJson(outDir.resolve("provenance.json"), prov);
        return new Result(derived.tables(), derived.claims(), withRan, prov);
    }

    /**
     * Derives the selected tables (all when {@code only} is empty) from
     * {@code runsDir/<spec>/results.csv} only (with the stage counters of {@code stages.csv} and
     * each trial's {@code duration_s} beside it, {@link #addStageCounters}), whichever runner wrote
     * them, and the claims from those
     * tables and {@code paper} only; writes {@code outDir/tables/<id>.csv} and
     * {@code outDir/claims.csv}. A table whose results are missing is skipped; a claim whose rows are
     * missing does not hold.
     */
    public static Result derive(Path runsDir, Path outDir, Set<String> only, PublishedNumbers paper)
            throws IOException {
        Set<String> ids = select(only);
        Map<String, Run> runs = new LinkedHashMap<>();
        Map<String, List<Map<String, String>>> results = new LinkedHashMap<>();
        Set<String> runners = new LinkedHashSet<>();
        for (String spec : withTwins(specsOf(ids), twin -> Files.isRegularFile(runsDir.resolve(twin).resolve(ResultStore.RESULTS)))) {
            Path file = runsDir.resolve(spec).resolve(ResultStore.RESULTS);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            List<Map<String, String>> all = readResults(file);
            addStageCounters(runsDir.resolve(spec), all);
            List<Map<String, String>> ok = new ArrayList<>();
            for (Map<String, String> row : all) {
                if (ResultStore.OK.equals(row.get("status"))) {
                    ok.add(row);
                }
            }
            String runner = runnerOf(runsDir.resolve(spec), all);
            runners.add(runner);
            results.put(spec, ok);
            runs.put(spec, new Run(spec, runner, file, all.size(), 0, all.size() - ok.size()));
        }
        Map<String, Double> published = new LinkedHashMap<>();
        for (PublishedNumbers.Entry e : paper.entries()) {
            e.number().ifPresent(v -> published.put(e.key(), v));
        }
        Map<String, Table> tables = new LinkedHashMap<>();
        Map<String, List<String>> behind = new LinkedHashMap<>();
        for (String id : ids) {
            List<List<Map<String, String>>> inputs = new ArrayList<>();
            List<String> used = new ArrayList<>();
            for (String spec : withTwins(SPECS.get(id), results::containsKey)) {
                if (results.containsKey(spec)) {
                    inputs.add(results.get(spec));
                    used.add(spec);
                }
            }
            if (used.isEmpty()) {
                continue;
            }
            List<Map<String, String>> rows = new ArrayList<>();
            inputs.forEach(rows::addAll);
            Table built = build(id, rows, published);
            if (built == null) {
                continue;               // e.g. the stages table of a runner that records no stage counters
            }
            tables.put(id, built);
            behind.put(id, used);
        }
        List<Claim> claims = claims(tables, published);
        Path tableDir = outDir.resolve("tables");
        Files.createDirectories(tableDir);
        for (Table t : tables.values()) {
            write(tableDir.resolve(t.id() + ".csv"), t.columns(), t.rows());
        }
        List<List<Object>> claimRows = new ArrayList<>();
        for (Claim c : claims) {
            claimRows.add(List.of(c.key(), c.section(), c.claim(), c.published(), c.reproduced(), c.unit(),
                    c.errorPercent(), c.holds()));
        }
        write(outDir.resolve("claims.csv"), List.of("key", "section", "claim", "published", "reproduced", "unit",
                "error_pct", "holds"), claimRows);
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("runner", String.join("+", runners));
        prov.put("host", String.valueOf(org.nfvperf.experiment.Provenance.host().get("hostname")));
        prov.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        prov.put("runs_dir", runsDir.toString());
        Map<String, Object> runInfo = new LinkedHashMap<>();
        for (Run r : runs.values()) {
            runInfo.put(r.spec(), Map.of("runner", r.runner(), "results", r.results().toString(), "trials", r.trials(),
                    "failed", r.failed()));
        }
        prov.put("runs", runInfo);
        prov.put("tables", behind);
        prov.put("published", paper.source());
        return new Result(tables, claims, runs, prov);
    }

    /** The runs behind a table as one line for a figure footer, e.g. {@code runs fig5, fig5-100pps (36 trials)}. */
    public static String runsLabel(Result r, String tableId) {
        return runsLabel(r.provenance(), tableId);
    }

    /**
     * The same line from a provenance record ({@link Result#provenance()} or {@code provenance.json}
     * read back): the runs the record lists behind {@code tableId}, or every run it lists when
     * {@code tableId} is null.
     */
    @SuppressWarnings("unchecked")
    public static String runsLabel(Map<String, Object> provenance, String tableId) {
        Map<String, Object> runs = provenance.get("runs") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        List<String> specs = new ArrayList<>(runs.keySet());
        if (tableId != null) {
            specs = provenance.get("tables") instanceof Map<?, ?> t && t.get(tableId) instanceof List<?> l
                    ? l.stream().map(String::valueOf).filter(runs::containsKey).toList() : List.of();
        }
        long trials = 0;
        for (String s : specs) {
            if (runs.get(s) instanceof Map<?, ?> run && run.get("trials") instanceof Number n) {
                trials += n.longValue();
            }
        }
        return "runs " + String.join(", ", specs) + " (" + trials + " trials)";
    }

    /**
     * Finds the spec set of a runner: {@code data/specs} for {@code emulated},
     * {@code data/specs/<runner>} otherwise, in the working directory or above it, or beside the
     * repository holding the running jar.
     */
    public static Optional<Path> locateSpecs(String runner) {
        String rel = specsPath(runner);
        List<Path> roots = new ArrayList<>();
        roots.add(Path.of("").toAbsolutePath());
        try {
            roots.add(Path.of(PaperReproduction.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (java.net.URISyntaxException | SecurityException | NullPointerException e) {
            // no code source: only the working directory is searched
        }
        for (Path root : roots) {
            for (Path p = root; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve(PublishedNumbers.RELATIVE_PATH)) && Files.isDirectory(p.resolve(rel))) {
                    return Optional.of(p.resolve(rel));
                }
            }
        }
        return Optional.empty();
    }

    private static String specsPath(String runner) {
        return PAPER_RUNNER.equals(runner) ? SPECS_PATH : SPECS_PATH + "/" + runner;
    }

    /** The spec names behind the given tables, each once, in table order. */
    public static List<String> specsOf(Set<String> tableIds) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : IDS) {
            if (tableIds.contains(id)) {
                out.addAll(SPECS.get(id));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Suffix of an optional twin of a spec in a runner's spec set ({@code fig2-dpdk.yaml} beside
     * {@code fig2.yaml}): the same trials on other dataplanes, kept apart because they need what not
     * every machine has (DPDK, hugepages). A twin that exists runs after the specs and its rows join
     * its spec's table, so the dataplanes sit side by side.
     */
    public static final String TWIN_SUFFIX = "-dpdk";

    /** The specs behind a table: {@link #SPECS}, each followed by its twin when {@code present} has it. */
    static List<String> withTwins(List<String> specs, java.util.function.Predicate<String> present) {
        List<String> out = new ArrayList<>();
        for (String s : specs) {
            out.add(s);
            if (present.test(s + TWIN_SUFFIX)) {
                out.add(s + TWIN_SUFFIX);
            }
        }
        return out;
    }

    private static Set<String> select(Set<String> only) {
        for (String id : only) {
            if (!IDS.contains(id)) {
                throw new UsageException("--only must name tables among " + IDS + ": " + id);
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : IDS) {
            if (only.isEmpty() || only.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static PublishedNumbers loadPublished(Path file) throws IOException {
        Path p = file != null ? file : PublishedNumbers.locate().orElseThrow(() -> new NoSuchFileException(
                PublishedNumbers.RELATIVE_PATH, null, "the paper's numbers are needed for the comparison; run from the repository"));
        return PublishedNumbers.load(p);
    }

    private static void say(Consumer<String> progress, String line) {
        if (progress != null) {
            progress.accept(line);
        }
    }

    private static ProgressListener progress(Experiment e, Consumer<String> progress) {
        if (progress == null) {
            return ProgressListener.NONE;
        }
        return new ProgressListener() {
            @Override
            public void started(String experiment, int total, int finished) {
                progress.accept(String.format(Locale.ROOT, "%s: %d trials (%d already finished), %s runner", experiment,
                        total, finished, e.runner()));
            }

            @Override
            public void trialFinished(Trial trial, String error, long elapsedNanos) {
                if (error != null) {
                    progress.accept(e.name() + ": trial " + trial.id() + " failed: " + error);
                }
            }
        };
    }

    /** The runner named by the first trial's {@code meta.json}, or {@code unknown}. */
    private static String runnerOf(Path sweepDir, List<Map<String, String>> rows) {
        for (Map<String, String> row : rows) {
            Path meta = sweepDir.resolve("trials").resolve(row.getOrDefault("trial", "")).resolve("meta.json");
            if (Files.isRegularFile(meta)) {
                try {
                    Object r = Json.MAPPER.readValue(meta.toFile(), Map.class).get("runner");
                    if (r != null) {
                        return r.toString();
                    }
                } catch (IOException | RuntimeException e) {
                    return "unknown";
                }
            }
        }
        return "unknown";
    }

    /** The rows of a {@code results.csv} as column to cell maps. */
    static List<Map<String, String>> readResults(Path file) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            for (String c : List.of("trial", "status", "tx_mpps", "rx_mpps")) {
                if (!p.getHeaderNames().contains(c)) {
                    throw new InputException(file + " line 1: expected column " + c + " of a results.csv, found "
                            + p.getHeaderNames());
                }
            }
            for (CSVRecord rec : p) {
                if (!rec.isConsistent()) {
                    throw new InputException(file + " line " + (rec.getRecordNumber() + 1) + ": expected "
                            + p.getHeaderNames().size() + " fields, found " + rec.size());
                }
                rows.add(rec.toMap());
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new InputException(file + ": not a CSV file: " + e.getMessage());
        }
        return rows;
    }

    /**
     * Adds a sweep's stage counters to its results rows: the {@code cpu_<stage>_pct} and
     * {@code drop_<stage>_pkts} cells of {@code stages.csv} (written beside {@code results.csv} when
     * the runner recorded {@code stages.json}), matched by trial id, and each trial's
     * {@code duration_s} from its {@code meta.json}. Nothing happens when there is no
     * {@code stages.csv}.
     */
    static void addStageCounters(Path sweepDir, List<Map<String, String>> rows) throws IOException {
        Path file = sweepDir.resolve(StageCounters.SWEEP_FILE);
        if (!Files.isRegularFile(file)) {
            return;
        }
        Map<String, Map<String, String>> byTrial = new LinkedHashMap<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            if (!p.getHeaderNames().contains("trial")) {
                throw new InputException(file + " line 1: expected column trial of a stages.csv, found " + p.getHeaderNames());
            }
            List<String> stageCols = p.getHeaderNames().stream().filter(PaperReproduction::isStageColumn).toList();
            for (CSVRecord rec : p) {
                if (!rec.isConsistent()) {
                    throw new InputException(file + " line " + (rec.getRecordNumber() + 1) + ": expected "
                            + p.getHeaderNames().size() + " fields, found " + rec.size());
                }
                Map<String, String> cells = new LinkedHashMap<>();
                for (String c : stageCols) {
                    cells.put(c, rec.get(c));
                }
                byTrial.put(rec.get("trial"), cells);
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new InputException(file + ": not a CSV file: " + e.getMessage());
        }
        for (Map<String, String> row : rows) {
            Map<String, String> cells = byTrial.get(row.get("trial"));
            if (cells == null) {
                continue;
            }
            row.putAll(cells);
            Path meta = sweepDir.resolve("trials").resolve(row.get("trial")).resolve("meta.json");
            if (Files.isRegularFile(meta)) {
                com.fasterxml.jackson.databind.JsonNode d;
                try {
                    d = Json.MAPPER.readTree(meta.toFile()).get("duration_s");
                } catch (IOException e) {
                    throw new InputException(meta + ": not JSON: " + e.getMessage().lines().findFirst().orElse(""));
                }
                if (d != null && d.isNumber()) {
                    row.put("duration_s", d.asText());
                }
            }
        }
    }

    /** Whether a column holds a stage counter: {@code cpu_<stage>_pct} or {@code drop_<stage>_pkts}. */
    static boolean isStageColumn(String c) {
        return c.startsWith("cpu_") && c.endsWith("_pct") || c.startsWith("drop_") && c.endsWith("_pkts");
    }

    /** The stage-counter columns of some rows, in the order they first appear (the path's order). */
    private static List<String> stageColumns(List<Map<String, String>> rows) {
        Set<String> cols = new LinkedHashSet<>();
        for (Map<String, String> r : rows) {
            for (String c : r.keySet()) {
                if (isStageColumn(c)) {
                    cols.add(c);
                }
            }
        }
        return List.copyOf(cols);
    }

    // ------------------------------------------------------------------ tables

    private static double num(Map<String, String> row, String column) {
        String v = row.get(column);
        if (v == null || v.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new InputException("results.csv of trial " + row.get("trial") + ": column " + column
                    + " must be a number: " + v);
        }
    }

    private static String str(Map<String, String> row, String column, String absent) {
        String v = row.get(column);
        return v == null || v.isBlank() ? absent : v.strip();
    }

    private static int chainLength(String chain) {
        return chain.split("\\+").length;
    }

    private static String g(double ghz) {
        return String.format(Locale.ROOT, "%.1f", ghz);
    }

    /** Utilisation of 10G in % that a {@code rate} factor of the fb-web mix means. */
    private static int utilization(String rate) {
        if (rate.equals("line")) {
            return 100;
        }
        double line = PacketSizeMix.FB_WEB.linePps(LinkSpeed.G10) / 1e6;
        return (int) Math.round(100 * Double.parseDouble(rate) / line);
    }

    /**
     * The paper's latency component of the segment between two taps named as the emulated testbed
     * and {@code ChainPlan} name them (Figure 1 of the paper): into the first vNIC and from the last
     * vNIC to a pNIC is dataplane I/O, vNIC 2k to 2k+1 (through a VNF) NF processing, vNIC 2k+1 to
     * 2k+2 (between VNFs) NF I/O, anything else (wires, generator) transmission. On the netns
     * runner, {@code dut<i>_in} to {@code dut<i>_out} is NF processing and {@code dut<i>_out} to
     * {@code dut<i+1>_in} NF I/O.
     */
    static String component(String from, String to) {
        // netns taps (ChainPlan): dut<i>_in -> dut<i>_out crosses NF i, dut<i>_out -> dut<i+1>_in the
        // veth between two NFs; gen -> dut1_in and dut<N>_out -> sink are the wires at the ends
        java.util.regex.Matcher in = DUT_TAP.matcher(from);
        java.util.regex.Matcher out = DUT_TAP.matcher(to);
        if (in.matches() && out.matches()) {
            if (in.group(2).equals("in") && out.group(2).equals("out") && in.group(1).equals(out.group(1))) {
                return "nf_processing";
            }
            if (in.group(2).equals("out") && out.group(2).equals("in")) {
                return "nf_io";
            }
        }
        boolean fromVnic = from.startsWith("vnic");
        boolean toVnic = to.startsWith("vnic");
        if (toVnic && !fromVnic || fromVnic && to.startsWith("pnic")) {
            return "dataplane_io";
        }
        if (fromVnic && toVnic) {
            return Integer.parseInt(to.substring(4)) % 2 == 1 ? "nf_processing" : "nf_io";
        }
        return "transmission";
    }

    private static Table build(String id, List<Map<String, String>> in, Map<String, Double> published) {
        List<List<Object>> rows = new ArrayList<>();
        switch (id) {
            case "table1" -> {
                for (Map<String, String> r : in) {
                    if (num(r, "frame_size") != 64) {
                        continue;
                    }
                    double ghz = num(r, "cpu_ghz");
                    String dp = str(r, "dataplane", "");
                    String nf = str(r, "chain", "");
                    double rx = num(r, "rx_mpps");
                    Double pub = published.get("table1." + dp + "." + nf + "." + g(ghz));
                    double p = pub == null ? Double.NaN : pub;
                    rows.add(List.of(dp, nf, ghz, rx, p, 100 * (rx - p) / p));
                }
                return sorted(new Table(id, List.of("dataplane", "nf", "cpu_ghz", "reproduced_mpps", "published_mpps",
                        "error_pct"), rows), 3);
            }
            case "fig2" -> {
                // the netns runner's stand-in for the CPU-speed factor is cpu_share (cores per NF): a
                // last column when any run has it, empty for rows without a limit
                boolean share = in.stream().anyMatch(r -> !str(r, "cpu_share", "").isEmpty());
                for (Map<String, String> r : in) {
                    List<Object> row = new ArrayList<>(List.of(str(r, "dataplane", ""), str(r, "chain", ""), num(r, "cpu_ghz"),
                            (int) num(r, "frame_size"), num(r, "rx_mpps"), num(r, "rx_gbps_l1"), num(r, "line_rate_pct")));
                    if (share) {
                        row.add(num(r, "cpu_share"));
                    }
                    rows.add(row);
                }
                List<String> cols = new ArrayList<>(List.of("dataplane", "nf", "cpu_ghz", "frame_size", "rx_mpps", "rx_gbps_l1",
                        "line_rate_pct"));
                if (share) {
                    cols.add("cpu_share");
                }
                return sorted(new Table(id, cols, rows), 4);
            }
            case "bottleneck" -> {
                // with the stage counters when the runner recorded them (the claims of section 4.2 read them)
                List<String> stages = stageColumns(in);
                for (Map<String, String> r : in) {
                    List<Object> row = new ArrayList<>(List.of(str(r, "dataplane", ""), (int) num(r, "vnic_queues"),
                            (int) num(r, "frame_size"), num(r, "tx_mpps"), num(r, "rx_mpps"), num(r, "line_rate_pct")));
                    addStageCells(row, r, stages);
                    rows.add(row);
                }
                List<String> cols = new ArrayList<>(List.of("dataplane", "vnic_queues", "frame_size", "offered_mpps",
                        "rx_mpps", "line_rate_pct"));
                addStageHeader(cols, stages);
                return sorted(new Table(id, cols, rows), 3);
            }
            case "stages" -> {
                // section 4.2 as the rate rises: every stage's CPU share and drops per offered rate
                List<String> stages = stageColumns(in);
                if (stages.isEmpty()) {
                    return null;
                }
                for (Map<String, String> r : in) {
                    String rate = str(r, "rate", "line");
                    double offered = rate.equals("line") ? num(r, "tx_mpps") : Double.parseDouble(rate);
                    List<Object> row = new ArrayList<>(List.of(str(r, "dataplane", ""), offered, num(r, "rx_mpps")));
                    addStageCells(row, r, stages);
                    rows.add(row);
                }
                List<String> cols = new ArrayList<>(List.of("dataplane", "offered_mpps", "rx_mpps"));
                addStageHeader(cols, stages);
                return sorted(new Table(id, cols, rows), 2);
            }
            case "fig3" -> {
                for (Map<String, String> r : in) {
                    String chain = str(r, "chain", "");
                    rows.add(List.of(str(r, "dataplane", ""), chainLength(chain), chain, (int) num(r, "frame_size"),
                            num(r, "rx_mpps"), num(r, "line_rate_pct")));
                }
                return sorted(new Table(id, List.of("dataplane", "chain_length", "chain", "frame_size", "rx_mpps",
                        "line_rate_pct"), rows), 4);
            }
            case "fig4" -> {
                for (Map<String, String> r : in) {
                    rows.add(List.of(str(r, "dataplane", ""), chainLength(str(r, "chain", "")),
                            str(r, "placement", "same-socket"), (int) num(r, "frame_size"), num(r, "rx_mpps"),
                            num(r, "line_rate_pct")));
                }
                return sorted(new Table(id, List.of("dataplane", "chain_length", "placement", "frame_size", "rx_mpps",
                        "line_rate_pct"), rows), 4);
            }
            case "fig5" -> {
                for (Map<String, String> r : in) {
                    String rate = str(r, "rate", "line");
                    double offered = rate.equals("line") ? num(r, "tx_mpps") : Double.parseDouble(rate);
                    rows.add(List.of(str(r, "dataplane", ""), offered, num(r, "lat_mean_ns"), num(r, "lat_p50_ns"),
                            num(r, "lat_p99_ns")));
                }
                return sorted(new Table(id, List.of("dataplane", "offered_mpps", "lat_mean_ns", "lat_p50_ns",
                        "lat_p99_ns"), rows), 2);
            }
            case "fig6" -> {
                for (Map<String, String> r : in) {
                    Map<String, Double> parts = new LinkedHashMap<>();
                    for (String c : COMPONENTS) {
                        parts.put(c, 0.0);
                    }
                    for (Map.Entry<String, String> cell : r.entrySet()) {
                        String col = cell.getKey();
                        if (col.startsWith("seg_") && col.endsWith("_mean_ns")) {
                            String[] taps = segmentTaps(col, r.keySet());
                            double v = num(r, col);
                            if (taps != null && !Double.isNaN(v)) {
                                parts.merge(component(taps[0], taps[1]), v, Double::sum);
                            }
                        }
                    }
                    List<Object> row = new ArrayList<>(List.of(str(r, "dataplane", ""), str(r, "chain", ""),
                            num(r, "lat_mean_ns")));
                    String largest = null;
                    double max = -1;
                    for (String c : COMPONENTS) {
                        double v = parts.get(c);
                        row.add(v);
                        if (v > max) {
                            max = v;
                            largest = c;
                        }
                    }
                    row.add(largest);
                    rows.add(row);
                }
                List<String> cols = new ArrayList<>(List.of("dataplane", "chain", "lat_mean_ns"));
                for (String c : COMPONENTS) {
                    cols.add(c + "_ns");
                }
                cols.add("largest_component");
                return sorted(new Table(id, cols, rows), 2);
            }
            case "fbmix" -> {
                for (Map<String, String> r : in) {
                    rows.add(List.of(str(r, "dataplane", ""), num(r, "cpu_ghz"), utilization(str(r, "rate", "line")),
                            num(r, "tx_mpps"), num(r, "rx_mpps"), num(r, "loss_pct")));
                }
                return sorted(new Table(id, List.of("dataplane", "cpu_ghz", "utilization_pct", "offered_mpps", "rx_mpps",
                        "loss_pct"), rows), 3);
            }
            default -> throw new IllegalArgumentException("table must be one of " + IDS + ": " + id);
        }
    }

    private static void addStageCells(List<Object> row, Map<String, String> r, List<String> stages) {
        if (!stages.isEmpty()) {
            row.add(num(r, "duration_s"));
            for (String c : stages) {
                row.add(num(r, c));
            }
        }
    }

    private static void addStageHeader(List<String> cols, List<String> stages) {
        if (!stages.isEmpty()) {
            cols.add("duration_s");
            cols.addAll(stages);
        }
    }

    /**
     * The two taps of a segment column {@code seg_<from>_<to>_mean_ns}; tap names may hold
     * {@code _}, so the split is the one whose both halves are taps of the row's columns.
     */
    private static String[] segmentTaps(String column, Set<String> columns) {
        String body = column.substring(4, column.length() - "_mean_ns".length());
        // first the split into two plain tap names (no underscore, or netns dut<i>_in/out): a netns
        // column such as seg_dut1_in_dut1_out would otherwise split as dut1 | in_dut1_out
        for (int i = body.indexOf('_'); i > 0; i = body.indexOf('_', i + 1)) {
            String from = body.substring(0, i);
            String to = body.substring(i + 1);
            if (PLAIN_TAP.matcher(from).matches() && PLAIN_TAP.matcher(to).matches()) {
                return new String[] {from, to};
            }
        }
        for (int i = body.indexOf('_'); i > 0; i = body.indexOf('_', i + 1)) {
            String from = body.substring(0, i);
            String to = body.substring(i + 1);
            boolean fromOk = columns.stream().anyMatch(c -> c.endsWith("_" + from + "_mean_ns") || c.startsWith("seg_" + from + "_"));
            boolean toOk = columns.stream().anyMatch(c -> c.startsWith("seg_" + to + "_") || c.endsWith("_" + to + "_mean_ns"));
            if (fromOk && toOk) {
                return new String[] {from, to};
            }
        }
        return null;
    }

    /** The table with rows sorted by their first {@code keys} columns (known names first, numbers numerically). */
    private static Table sorted(Table t, int keys) {
        List<List<Object>> rows = new ArrayList<>(t.rows());
        Comparator<List<Object>> cmp = (a, b) -> {
            for (int k = 0; k < keys; k++) {
                int c = compare(a.get(k), b.get(k));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
        rows.sort(cmp);
        return new Table(t.id(), t.columns(), rows);
    }

    private static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        String s = String.valueOf(a);
        String u = String.valueOf(b);
        int i = ORDER.indexOf(s);
        int j = ORDER.indexOf(u);
        if (i >= 0 || j >= 0) {
            return Integer.compare(i < 0 ? Integer.MAX_VALUE : i, j < 0 ? Integer.MAX_VALUE : j);
        }
        return s.compareTo(u);
    }

    // ------------------------------------------------------------------ claims

    /** A claim's rows are not in the tables (a sweep was not run or a trial failed). */
    private static final class MissingRow extends RuntimeException {
        MissingRow(String message) {
            super(message, null, false, false);
        }
    }

    /** Finds the row of a table matching column=value pairs and returns a numeric column. */
    private static double value(Table t, String column, Object... match) {
        if (!t.columns().contains(column)) {
            throw new MissingRow(t.id() + " has no column " + column);
        }
        double v = ((Number) t.get(rowOf(t, match), column)).doubleValue();
        if (Double.isNaN(v)) {
            throw new MissingRow(t.id() + " has no " + column + " where " + List.of(match));
        }
        return v;
    }

    /** The index of the first row of a table matching column=value pairs. */
    private static int rowOf(Table t, Object... match) {
        outer:
        for (int i = 0; i < t.rows().size(); i++) {
            for (int k = 0; k < match.length; k += 2) {
                Object v = t.get(i, (String) match[k]);
                Object want = match[k + 1];
                boolean same = v instanceof Number a && want instanceof Number b
                        ? a.doubleValue() == b.doubleValue() : String.valueOf(v).equals(String.valueOf(want));
                if (!same) {
                    continue outer;
                }
            }
            return i;
        }
        throw new MissingRow("no row of " + t.id() + " matches " + List.of(match));
    }

    /** The stage counters of the row matching column=value pairs: column to value, NaN cells left out. */
    private static Map<String, Double> stageCells(Table t, Object... match) {
        int i = rowOf(t, match);
        Map<String, Double> m = new LinkedHashMap<>();
        for (String c : t.columns()) {
            if (isStageColumn(c) && t.get(i, c) instanceof Number n && !Double.isNaN(n.doubleValue())) {
                m.put(c, n.doubleValue());
            }
        }
        if (m.isEmpty()) {
            throw new MissingRow(t.id() + " has no stage counters (cpu_<stage>_pct, drop_<stage>_pkts) where "
                    + List.of(match));
        }
        return m;
    }

    /** Packets dropped at all stages of a row of stage counters. */
    private static double allDrops(Map<String, Double> cells) {
        return cells.entrySet().stream().filter(e -> e.getKey().startsWith("drop_")).mapToDouble(Map.Entry::getValue).sum();
    }

    /** The busiest stage of a row of stage counters: its name and CPU share. */
    private static Map.Entry<String, Double> busiest(Map<String, Double> cells) {
        return cells.entrySet().stream().filter(e -> e.getKey().startsWith("cpu_"))
                .max(Map.Entry.comparingByValue())
                .map(e -> Map.entry(e.getKey().substring(4, e.getKey().length() - 4), e.getValue()))
                .orElseThrow(() -> new MissingRow("no cpu_<stage>_pct among " + cells.keySet()));
    }

    /**
     * Section 4.2 from the bottleneck sweep's stage counters (the emulated model's stages: BESS's
     * worker moving pNIC0 to vNIC0, the VM, the worker moving vNIC1 to pNIC1; ClickOS's VALE copies
     * and VM), not from throughput: where the packets are dropped and which core is saturated.
     */
    private static List<Claim> stageClaims(Table bn, Map<String, Double> pub) {
        List<Claim> c = new ArrayList<>();
        Object[] bess1 = {"dataplane", "bess", "vnic_queues", 1, "frame_size", 64};
        Map<String, Double> b1 = stageCells(bn, bess1);
        double seconds = value(bn, "duration_s", bess1);
        // between pNIC0 and vNIC0: the worker's input (pNIC0's receive ring) and the VM's input (vNIC0's ring)
        double front = 0;
        for (String col : List.of("drop_bess_worker_pnic_vnic_pkts", "drop_bess_vm_l3fwd_pkts")) {
            if (!b1.containsKey(col)) {
                throw new MissingRow("bottleneck has no " + col + " where " + List.of(bess1));
            }
            front += b1.get(col);
        }
        c.add(num("bottleneck.stages.bess.pnic_vnic_drops", "4.2",
                "Stage counters: about 5 Mpps of 64B packets are dropped between pNIC0 and vNIC0 (BESS, 2.6 GHz, one "
                        + "vNIC queue; drops at pNIC0's receive ring and the VM's vNIC0 ring)",
                pub(pub, "bottleneck.bess.pnic_vnic_loss"), front / seconds / 1e6, "Mpps", 20));
        double all = allDrops(b1);
        double share = all > 0 ? 100 * front / all : Double.NaN;
        c.add(new Claim("bottleneck.stages.bess.drops_where", "4.2",
                "Stage counters: BESS loses its 64B packets between pNIC0 and vNIC0, nowhere else on the path (their "
                        + "share of all stage drops, at least 95%)", "100", fmt(share), "pct", Double.NaN, share >= 95));
        Map.Entry<String, Double> bBusy = busiest(b1);
        c.add(new Claim("bottleneck.stages.bess.core_saturated", "4.2",
                "Stage counters: a single BESS core is the bottleneck at 64B with one vNIC queue (busiest stage, "
                        + bBusy.getKey() + ", at least 95% of its core)", "100", fmt(bBusy.getValue()), "cpu_pct",
                Double.NaN, bBusy.getValue() >= 95));
        Object[] bess2 = {"dataplane", "bess", "vnic_queues", 2, "frame_size", 64};
        double drops2 = allDrops(stageCells(bn, bess2)) / value(bn, "duration_s", bess2) / 1e6;
        double offered2 = value(bn, "offered_mpps", bess2);
        c.add(new Claim("bottleneck.stages.bess.two_vnics_no_drops", "4.2",
                "Stage counters: with two vNIC queues BESS drops no 64B packet along the path (all stage drops, at most "
                        + "0.1% of the offered rate)", "0", fmt(drops2), "Mpps", Double.NaN, drops2 <= 0.001 * offered2));
        Object[] click1 = {"dataplane", "clickos", "vnic_queues", 1, "frame_size", 64};
        Map<String, Double> c1 = stageCells(bn, click1);
        Map.Entry<String, Double> cBusy = busiest(c1);
        c.add(new Claim("bottleneck.stages.clickos.cpu_bound", "4.2",
                "Stage counters: ClickOS is CPU-bound at 2.6 GHz with 64B (busiest stage, " + cBusy.getKey()
                        + ", at least 95% of its core)", "100", fmt(cBusy.getValue()), "cpu_pct", Double.NaN,
                cBusy.getValue() >= 95));
        Object[] click2 = {"dataplane", "clickos", "vnic_queues", 2, "frame_size", 64};
        double d1 = allDrops(c1) / value(bn, "duration_s", click1);
        double d2 = allDrops(stageCells(bn, click2)) / value(bn, "duration_s", click2);
        double ratio = d1 > 0 ? d2 / d1 : Double.NaN;
        c.add(new Claim("bottleneck.stages.clickos.two_vnics_drops", "4.2",
                "Stage counters: two vNIC queues do not relieve ClickOS, its 64B drops stay (drops with two queues over "
                        + "one, at least 0.9)", "1", fmt(ratio), "ratio", Double.NaN, ratio >= 0.9));
        return c;
    }

    private static List<Claim> claims(Map<String, Table> t, Map<String, Double> pub) {
        List<Claim> c = new ArrayList<>();
        Table table1 = t.get("table1");
        if (table1 != null) {
            try {
                double maxErr = 0;
                for (int i = 0; i < table1.rows().size(); i++) {
                    maxErr = Math.max(maxErr, Math.abs(((Number) table1.get(i, "error_pct")).doubleValue()));
                }
                c.add(new Claim("table1", "4.1", "Table 1: 64B throughput of L3FWD and firewall, 20 cells, within 3%",
                        "3", fmt(maxErr), "max_error_pct", Double.NaN, maxErr <= 3.0));
            } catch (MissingRow e) {
                missing(c, "table1", e);
            }
        }
        Table fig2 = t.get("fig2");
        if (fig2 != null) {
            try {
                double b = value(fig2, "line_rate_pct", "dataplane", "bess", "nf", "l3fwd", "cpu_ghz", 2.4, "frame_size", 128);
                c.add(bool("fig2.bess.linerate_min_size.2.4", "4.1", "BESS reaches 10G line rate with 128B at 2.4 GHz",
                        b, b >= LINE_RATE_REACHED_PCT));
                double k = value(fig2, "line_rate_pct", "dataplane", "clickos", "nf", "l3fwd", "cpu_ghz", 2.6, "frame_size",
                        256);
                c.add(bool("fig2.clickos.linerate_min_size.2.6", "4.1", "ClickOS reaches 10G line rate with 256B at 2.6 GHz",
                        k, k >= LINE_RATE_REACHED_PCT));
                double min = Double.MAX_VALUE;
                for (String dp : DATAPLANES) {
                    for (int fs : SIZES) {
                        if (fs > 128) {
                            min = Math.min(min, value(fig2, "line_rate_pct", "dataplane", dp, "nf", "l3fwd", "cpu_ghz", 1.2,
                                    "frame_size", fs));
                        }
                    }
                }
                c.add(bool("fig2.both.linerate_above_128.1.2", "1",
                        "Both dataplanes reach line rate for frames >128B even at 1.2 GHz (lowest line_rate_pct)", min,
                        min >= LINE_RATE_REACHED_PCT));
                double max64 = Math.max(
                        value(fig2, "line_rate_pct", "dataplane", "bess", "nf", "l3fwd", "cpu_ghz", 2.6, "frame_size", 64),
                        value(fig2, "line_rate_pct", "dataplane", "clickos", "nf", "l3fwd", "cpu_ghz", 2.6, "frame_size", 64));
                c.add(new Claim("fig2.both.no_linerate_64.2.6", "4.1",
                        "Neither dataplane reaches line rate with 64B at 2.6 GHz (highest line_rate_pct)", "0", fmt(max64),
                        "line_rate_pct", Double.NaN, max64 < LINE_RATE_REACHED_PCT));
                for (String nf : new String[] {"l3fwd", "firewall"}) {
                    String key = "clickos_orig." + nf + "_64";
                    Double p = pub.get(key);
                    if (p != null) {
                        double v = value(fig2, "rx_mpps", "dataplane", "clickos", "nf", nf, "cpu_ghz", 2.6, "frame_size", 64);
                        c.add(num(key, "4.1", "ClickOS " + nf + " 64B at 2.6 GHz is similar (within 30%) to the ClickOS paper",
                                p, v, "Mpps", 30));
                    }
                }
            } catch (MissingRow e) {
                missing(c, "fig2", e);
            }
        }
        Table fb = t.get("fbmix");
        if (fb != null) {
            try {
                double rx = value(fb, "rx_mpps", "dataplane", "bess", "cpu_ghz", 2.6, "utilization_pct", 100);
                c.add(num("fbmix.bess.offered_10g", "4.1", "BESS with the Facebook web mix offered at 10 Gb/s (2.6 GHz)",
                        pub(pub, "fbmix.bess.offered_10g"), rx, "Mpps", 3));
                for (int u : new int[] {10, 20}) {
                    String key = u == 10 ? "fbmix.median_util_low" : "fbmix.median_util_high";
                    double offered = value(fb, "offered_mpps", "dataplane", "bess", "cpu_ghz", 1.2, "utilization_pct", u);
                    double loss = Math.max(
                            value(fb, "loss_pct", "dataplane", "bess", "cpu_ghz", 1.2, "utilization_pct", u),
                            value(fb, "loss_pct", "dataplane", "clickos", "cpu_ghz", 1.2, "utilization_pct", u));
                    Double p = pub.get(key);
                    double pv = p == null ? Double.NaN : p;
                    c.add(new Claim(key, "4.1", u + "% utilisation of the Facebook mix is handled by both at 1.2 GHz"
                            + " (offered Mpps; holds when no packet is lost)", fmt(pv), fmt(offered), "Mpps",
                            100 * (offered - pv) / pv, loss == 0 && Math.abs(offered - pv) / pv <= 0.03));
                }
            } catch (MissingRow e) {
                missing(c, "fbmix", e);
            }
        }
        Table bn = t.get("bottleneck");
        if (bn != null) {
            try {
                // the single-NF chain drops only at the VNF's vNIC0 ring (between pNIC0 and vNIC0): offered minus received
                double lostMpps = value(bn, "offered_mpps", "dataplane", "bess", "vnic_queues", 1, "frame_size", 64)
                        - value(bn, "rx_mpps", "dataplane", "bess", "vnic_queues", 1, "frame_size", 64);
                c.add(num("bottleneck.bess.pnic_vnic_loss", "4.2",
                        "About 5 Mpps of 64B packets are lost between pNIC0 and vNIC0 (BESS, 2.6 GHz)",
                        pub(pub, "bottleneck.bess.pnic_vnic_loss"), lostMpps, "Mpps", 20));
                double min2 = Double.MAX_VALUE;
                for (int fs : SIZES) {
                    min2 = Math.min(min2, value(bn, "line_rate_pct", "dataplane", "bess", "vnic_queues", 2, "frame_size", fs));
                }
                c.add(bool("bottleneck.bess.two_vnics", "4.2",
                        "With two vNIC queues BESS reaches line rate at every size (lowest line_rate_pct)", min2,
                        min2 >= LINE_RATE_REACHED_PCT));
                double maxGain = 0;
                for (int fs : SIZES) {
                    double r1 = value(bn, "rx_mpps", "dataplane", "clickos", "vnic_queues", 1, "frame_size", fs);
                    double r2 = value(bn, "rx_mpps", "dataplane", "clickos", "vnic_queues", 2, "frame_size", fs);
                    maxGain = Math.max(maxGain, 100 * (r2 - r1) / r1);
                }
                c.add(new Claim("bottleneck.clickos.two_vnics", "4.2",
                        "Two vNIC queues do not help ClickOS (largest gain over sizes)", "0", fmt(maxGain), "gain_pct",
                        Double.NaN, maxGain < 2.0));
            } catch (MissingRow e) {
                missing(c, "bottleneck", e);
            }
            try {
                c.addAll(stageClaims(bn, pub));
            } catch (MissingRow e) {
                missing(c, "bottleneck.stages", e);
            }
        }
        Table f3 = t.get("fig3");
        if (f3 != null) {
            try {
                double one = value(f3, "line_rate_pct", "dataplane", "clickos", "chain_length", 1, "frame_size", 256);
                c.add(bool("fig3.clickos.l3fwd_256", "4.3", "A ClickOS L3FWD reaches line rate with 256B", one,
                        one >= LINE_RATE_REACHED_PCT));
                double two = value(f3, "line_rate_pct", "dataplane", "clickos", "chain_length", 2, "frame_size", 256);
                c.add(new Claim("fig3.clickos.chain2_256", "4.3", "A ClickOS 2-NF chain does not reach line rate with 256B",
                        "0", fmt(two), "line_rate_pct", Double.NaN, two < LINE_RATE_REACHED_PCT));
                double three = value(f3, "line_rate_pct", "dataplane", "clickos", "chain_length", 3, "frame_size", 512);
                c.add(new Claim("fig3.clickos.chain3_512", "4.3",
                        "A ClickOS 3-NF chain does not reach line rate even with 512B", "0", fmt(three), "line_rate_pct",
                        Double.NaN, three < LINE_RATE_REACHED_PCT));
                double maxDiff = 0;
                boolean degraded = true;
                for (int fs : new int[] {64, 128}) {
                    double a = value(f3, "rx_mpps", "dataplane", "bess", "chain_length", 2, "frame_size", fs);
                    double b = value(f3, "rx_mpps", "dataplane", "bess", "chain_length", 3, "frame_size", fs);
                    double solo = value(f3, "rx_mpps", "dataplane", "bess", "chain_length", 1, "frame_size", fs);
                    maxDiff = Math.max(maxDiff, 100 * Math.abs(a - b) / a);
                    degraded &= a <= solo * 1.001;
                }
                c.add(new Claim("fig3.bess.chain2_eq_chain3", "4.3",
                        "BESS 2-NF and 3-NF chains overlap at 64-128B, below the single NF (largest difference)", "0",
                        fmt(maxDiff), "diff_pct", Double.NaN, maxDiff <= 3.0 && degraded));
            } catch (MissingRow e) {
                missing(c, "fig3", e);
            }
        }
        Table f4 = t.get("fig4");
        if (f4 != null) {
            try {
                double same = value(f4, "rx_mpps", "chain_length", 2, "placement", "same-socket", "frame_size", 64);
                double cross = value(f4, "rx_mpps", "chain_length", 2, "placement", "cross-socket", "frame_size", 64);
                double ratio = cross / same;
                double half = pub(pub, "fig4.bess.cross_socket_2nf_64");
                c.add(new Claim("fig4.bess.cross_socket_2nf_64", "4.3",
                        "Cross-socket 2-NF BESS chain: 64B throughput cut by nearly half (ratio to same socket, within 0.1)",
                        fmt(half), fmt(ratio), "ratio", 100 * (ratio - half) / half, Math.abs(ratio - half) <= 0.1));
                int smallest = Integer.MAX_VALUE;
                boolean below = true;
                for (int fs : SIZES) {
                    double lr = value(f4, "line_rate_pct", "chain_length", 3, "placement", "cross-socket", "frame_size", fs);
                    if (lr >= LINE_RATE_REACHED_PCT) {
                        smallest = Math.min(smallest, fs);
                    } else if (smallest != Integer.MAX_VALUE) {
                        below = false;
                    }
                }
                c.add(new Claim("fig4.bess.cross_socket_3nf_linerate", "4.3",
                        "Cross-socket 3-NF BESS chain reaches line rate only from 512B (smallest size at line rate)", "512",
                        smallest == Integer.MAX_VALUE ? "none" : Integer.toString(smallest), "frame_size", Double.NaN,
                        smallest == 512 && below));
                double minRatio = Double.MAX_VALUE;
                double maxRatio = 0;
                for (int fs : SIZES) {
                    double s3 = value(f4, "rx_mpps", "chain_length", 3, "placement", "same-socket", "frame_size", fs);
                    double v3 = value(f4, "rx_mpps", "chain_length", 3, "placement", "via-nic", "frame_size", fs);
                    minRatio = Math.min(minRatio, v3 / s3);
                    maxRatio = Math.max(maxRatio, v3 / s3);
                }
                c.add(new Claim("fig4.bess.via_nic_3nf", "4.3",
                        "3-NF BESS chain via NICs of two servers equals the same-socket chain (worst ratio over sizes)", "1",
                        fmt(Math.abs(1 - minRatio) > Math.abs(1 - maxRatio) ? minRatio : maxRatio), "ratio", Double.NaN,
                        minRatio >= 0.98 && maxRatio <= 1.02));
            } catch (MissingRow e) {
                missing(c, "fig4", e);
            }
        }
        Table f5 = t.get("fig5");
        if (f5 != null) {
            try {
                double low = value(f5, "lat_mean_ns", "dataplane", "bess", "offered_mpps", 0.0001);
                double worst = 0;
                for (double r : FIG5_MPPS) {
                    if (r >= 1) {
                        worst = Math.max(worst, value(f5, "lat_mean_ns", "dataplane", "bess", "offered_mpps", r));
                    }
                }
                double ratio = low / worst;
                double order = pub(pub, "fig5.bess.100pps_ratio");
                c.add(new Claim("fig5.bess.100pps_ratio", "5.1",
                        "BESS latency at 100 pps is an order of magnitude above every other rate (ratio to the highest)",
                        fmt(order), fmt(ratio), "ratio", Double.NaN, ratio >= order));
                double kneePub = pub(pub, "fig5.bess.knee");
                double knee = Double.NaN;
                for (int i = 2; i < FIG5_MPPS.length; i++) {
                    double prev = value(f5, "lat_mean_ns", "dataplane", "bess", "offered_mpps", FIG5_MPPS[i - 1]);
                    double cur = value(f5, "lat_mean_ns", "dataplane", "bess", "offered_mpps", FIG5_MPPS[i]);
                    if (cur > prev) {
                        knee = FIG5_MPPS[i];
                        break;
                    }
                }
                c.add(new Claim("fig5.bess.knee", "5.1",
                        "BESS latency falls with rate, then rises from about 7 Mpps (first rate above its predecessor)",
                        fmt(kneePub), fmt(knee), "Mpps", 100 * (knee - kneePub) / kneePub, Math.abs(knee - kneePub) <= 1));
                boolean mono = true;
                for (int i = 2; i < FIG5_MPPS.length; i++) {
                    double prev = value(f5, "lat_mean_ns", "dataplane", "clickos", "offered_mpps", FIG5_MPPS[i - 1]);
                    double cur = value(f5, "lat_mean_ns", "dataplane", "clickos", "offered_mpps", FIG5_MPPS[i]);
                    mono &= cur >= prev;
                }
                double l1 = value(f5, "lat_mean_ns", "dataplane", "clickos", "offered_mpps", 1);
                double l8 = value(f5, "lat_mean_ns", "dataplane", "clickos", "offered_mpps", 8);
                c.add(new Claim("fig5.clickos.monotonic", "5.1",
                        "ClickOS latency increases with the sending rate from 1 to 8 Mpps (8 Mpps over 1 Mpps)", "1",
                        fmt(l8 / l1), "ratio", Double.NaN, mono && l8 > l1));
            } catch (MissingRow e) {
                missing(c, "fig5", e);
            }
        }
        Table f6 = t.get("fig6");
        if (f6 != null) {
            try {
                double chain = value(f6, "lat_mean_ns", "dataplane", "bess", "chain", "firewall+l3fwd") / 1000;
                double fw = value(f6, "lat_mean_ns", "dataplane", "bess", "chain", "firewall") / 1000;
                double l3 = value(f6, "lat_mean_ns", "dataplane", "bess", "chain", "l3fwd") / 1000;
                c.add(num("fig6.bess.chain2", "5.2", "BESS 2-NF chain latency (128B, 2 Mpps, 2.0 GHz)",
                        pub(pub, "fig6.bess.chain2"), chain, "us", 5));
                c.add(num("fig6.bess.fw_plus_l3fwd", "5.2", "Firewall plus L3FWD latency measured alone (BESS)",
                        pub(pub, "fig6.bess.fw_plus_l3fwd"), fw + l3, "us", 5));
                double cChain = value(f6, "lat_mean_ns", "dataplane", "clickos", "chain", "firewall+l3fwd") / 1000;
                double cSum = (value(f6, "lat_mean_ns", "dataplane", "clickos", "chain", "firewall")
                        + value(f6, "lat_mean_ns", "dataplane", "clickos", "chain", "l3fwd")) / 1000;
                c.add(new Claim("fig6.clickos.chain_above_sum", "5.2",
                        "ClickOS 2-NF chain latency exceeds the sum of its NFs alone (chain over sum)", "1",
                        fmt(cChain / cSum), "ratio", Double.NaN, cChain > cSum));
                int nf = 0;
                for (int i = 0; i < f6.rows().size(); i++) {
                    if ("nf_processing".equals(f6.get(i, "largest_component"))) {
                        nf++;
                    }
                }
                c.add(new Claim("fig6.largest_component", "5",
                        "NF processing is the largest latency component (rows where it is the largest, of all rows)",
                        "nf_processing", nf + "/" + f6.rows().size(), "rows", Double.NaN, nf == f6.rows().size()));
            } catch (MissingRow e) {
                missing(c, "fig6", e);
            }
        }
        return c;
    }

    private static Claim bool(String key, String section, String claim, double lineRatePercent, boolean holds) {
        return new Claim(key, section, claim, "line rate", fmt(lineRatePercent), "line_rate_pct",
                Double.NaN, holds);
    }

    private static Claim num(String key, String section, String claim, double published, double reproduced,
                             String unit, double tolerancePercent) {
        double err = 100 * (reproduced - published) / published;
        return new Claim(key, section, claim + " (within " + fmt(tolerancePercent) + "%)", fmt(published),
                fmt(reproduced), unit, err, Math.abs(err) <= tolerancePercent);
    }

    /** A table's claims could not be checked: one claim that does not hold says why. */
    private static void missing(List<Claim> c, String table, MissingRow e) {
        c.add(new Claim(table + ".missing", "", "Not checked: " + e.getMessage(), "", "missing", "", Double.NaN,
                false));
    }

    /** The published number of {@code key}, NaN when published.csv lacks it (its claims then fail). */
    private static double pub(Map<String, Double> pub, String key) {
        Double v = pub.get(key);
        return v == null ? Double.NaN : v;
    }

    /** A number in a claim: rounded to 4 decimals, written as every CSV number is. */
    private static String fmt(double v) {
        return Numbers.csv(v, 4);
    }

    // ------------------------------------------------------------------ files

    private static void write(Path file, List<String> columns, List<List<Object>> rows) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
            p.printRecord(columns);
            for (List<Object> row : rows) {
                List<String> out = new ArrayList<>(row.size());
                for (Object o : row) {
                    out.add(o instanceof Double d ? Numbers.csv(d) : String.valueOf(o));
                }
                p.printRecord(out);
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeJson(Path file, Map<String, Object> value) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, Json.write(value) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
