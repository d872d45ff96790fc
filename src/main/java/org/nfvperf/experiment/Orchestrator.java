package org.nfvperf.experiment;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.nfvperf.util.Json;
import tech.tablesaw.api.Table;

/**
 * Runs a sweep: checks every trial, runs the unfinished ones on the spec's runner (in parallel
 * with {@code jobs > 1}), analyses each trial's artifacts and commits one row per trial to
 * {@code <out>/<name>/results.csv}; with repetitions, writes {@code summary.csv}. Stateless and
 * thread-safe; one run at a time per output folder (a lock enforces it).
 *
 * <p>Layout of {@code <out>/<name>/}: {@code results.csv}, {@code summary.csv} (repetitions &gt; 1),
 * {@code trials/<id>/} with {@code meta.json} and the runner's artifacts. A trial whose row is
 * committed is skipped by later runs; a trial folder without a row (a killed run) is emptied and run
 * again. A trial whose runner or analysis fails gets a row with status {@code failed} and the error;
 * the sweep goes on.
 *
 * <pre>{@code
 * Experiment e = Experiment.load(Path.of("fig2.yaml"));
 * Table results = Orchestrator.run(e, Path.of("out"), RunOptions.defaults().withJobs(2));
 * }</pre>
 */
public final class Orchestrator {
    private Orchestrator() {
    }

    /**
     * A checked sweep: the runner made from the spec and every trial, each accepted by the runner.
     *
     * @param experiment the spec
     * @param runner     the runner that will run the trials
     * @param trials     the trials in run order
     */
    public record Plan(Experiment experiment, Runner runner, List<Trial> trials) {
        public Plan {
            trials = List.copyOf(trials);
        }
    }

    /**
     * Finds and creates the runner, checks factor names against it and has it validate every trial,
     * before anything runs.
     *
     * @throws SpecException naming the spec line of the first fault
     */
    public static Plan plan(Experiment e) {
        Map<String, RunnerProvider> providers = Runners.available();
        RunnerProvider provider = providers.get(e.runner());
        if (provider == null) {
            String available = providers.isEmpty() ? "none" : String.join(", ", providers.keySet());
            throw e.lines().containsKey("runner")
                    ? e.error("runner", "unknown runner '" + e.runner() + "' (available: " + available + ")")
                    : e.error("name", "no runner given and the default runner '" + e.runner()
                            + "' is not available (available: " + available + ")");
        }
        Runner runner;
        try {
            runner = provider.create(e.runnerOptions());
        } catch (IllegalArgumentException ex) {
            throw new SpecException(e.source(), runnerOptionLine(e, ex.getMessage()), e.runner() + " runner: " + ex.getMessage());
        }
        for (String factor : e.factors().keySet()) {
            if (!Factors.isKnown(factor) && !runner.acceptsFactor(factor)) {
                throw e.error("factors." + factor, "unknown factor '" + factor + "' (known: " + String.join(", ", Factors.KNOWN)
                        + "; runner " + e.runner() + " adds none by that name)");
            }
        }
        List<Trial> trials = e.trials();
        Set<String> ids = new HashSet<>();
        for (Trial t : trials) {
            if (!ids.add(t.id())) {
                throw e.error("factors", "two trials hash to id " + t.id() + "; change a factor value");
            }
            try {
                runner.validate(t);
            } catch (IllegalArgumentException ex) {
                throw new SpecException(e.source(), trialLine(e, t, ex.getMessage()),
                        e.runner() + " runner rejects trial " + t.factors() + ": " + ex.getMessage());
            }
        }
        return new Plan(e, runner, trials);
    }

    /**
     * Runs the sweep into {@code outDir/<name>/}, skipping finished trials, and returns the rows of
     * this sweep's trials in run order (see {@link ResultStore#read(Path)} for the column types).
     *
     * @throws SpecException before anything runs, when the spec is bad
     * @throws IOException   when the results cannot be written (committed rows stay)
     */
    public static Table run(Experiment e, Path outDir, RunOptions options) throws IOException {
        return execute(e, outDir, options).table();
    }

    /**
     * Like {@link #run} but returns the rows as CSV cells with counts, without building a table
     * (the command line uses it: a finished sweep then reruns in well under a second of work).
     */
    public static SweepResult execute(Experiment e, Path outDir, RunOptions options) throws IOException {
        return execute(plan(e), outDir, options);
    }

    /**
     * Runs the trials of a plan (any subset of an experiment's trials, or trials made for it, as a
     * rate search does) into {@code outDir/<name>/}, skipping finished ones, like
     * {@link #execute(Experiment, Path, RunOptions)}.
     */
    public static SweepResult execute(Plan plan, Path outDir, RunOptions options) throws IOException {
        Experiment e = plan.experiment();
        Path dir = outDir.resolve(e.name());
        try (ResultStore store = ResultStore.open(dir, ResultStore.columns(e))) {
            List<String> rerun = new ArrayList<>();
            List<Trial> pending = new ArrayList<>();
            for (Trial t : plan.trials()) {
                if (!store.isFinished(t.id(), true)) {
                    pending.add(t);
                } else if (options.retryFailed() && !store.isFinished(t.id(), false)) {
                    rerun.add(t.id());
                    pending.add(t);
                }
            }
            store.forget(rerun);
            options.progress().started(e.name(), plan.trials().size(), plan.trials().size() - pending.size());
            try {
                runAll(plan, pending, store, options);
            } finally {
                options.progress().finished();
            }
            return finish(plan, store, pending.size());
        }
    }

    private static void runAll(Plan plan, List<Trial> pending, ResultStore store, RunOptions options) throws IOException {
        if (options.jobs() == 1 || pending.size() <= 1) {
            for (Trial t : pending) {
                runAndCommit(plan, t, store, options);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.jobs(), pending.size()), r -> {
            Thread th = new Thread(r, "nfvperf-trial");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Trial t : pending) {
                futures.add(pool.submit(() -> {
                    runAndCommit(plan, t, store, options);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException ex) {
                    Throwable c = ex.getCause();
                    if (c instanceof IOException io) {
                        throw io;
                    }
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(c);
                }
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("sweep interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void runAndCommit(Plan plan, Trial t, ResultStore store, RunOptions options) throws IOException {
        long t0 = System.nanoTime();
        List<String> row = runTrial(plan, t, store.dir().resolve("trials").resolve(t.id()), options.analyzer());
        synchronized (store) {
            store.append(row);
            int status = store.columns().indexOf("status");
            String error = ResultStore.OK.equals(row.get(status)) ? null : row.get(status + 1);
            options.progress().trialFinished(t, error, System.nanoTime() - t0);
        }
    }

    /** Runs and analyses one trial in an emptied folder, writes its {@code meta.json} and returns its row. */
    private static List<String> runTrial(Plan plan, Trial t, Path trialDir, TrialAnalyzer analyzer) throws IOException {
        Experiment e = plan.experiment();
        deleteRecursively(trialDir);
        Files.createDirectories(trialDir);
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        Map<String, Object> runnerInfo = Map.of();
        String error = null;
        TrialMetrics metrics = null;
        try {
            Map<String, Object> info = plan.runner().run(t, trialDir);
            runnerInfo = info == null ? Map.of() : info;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("trial " + t.id() + " interrupted");
        } catch (Exception ex) {
            error = "runner: " + messageOf(ex);
        }
        if (error == null) {
            try {
                metrics = analyzer.analyze(t, trialDir);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("trial " + t.id() + " interrupted");
            } catch (Exception ex) {
                error = "analysis: " + messageOf(ex);
            }
        }
        Instant end = Instant.now();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("experiment", e.name());
        meta.put("trial", t.id());
        meta.put("repetition", t.repetition());
        meta.put("parameters", new LinkedHashMap<>(orderedFactors(e, t)));
        meta.put("link", t.link());
        meta.put("duration_s", t.durationSeconds());
        meta.put("taps", t.taps());
        meta.put("max_packets", t.maxPacketsPerTap());
        meta.put("runner", e.runner());
        meta.put("runner_options", e.runnerOptions());
        meta.put("versions", Provenance.versions());
        meta.put("host", Provenance.host());
        meta.put("start", start.toString());
        meta.put("end", end.toString());
        meta.put("elapsed_s", (System.nanoTime() - t0) / 1e9);
        meta.put("status", error == null ? ResultStore.OK : ResultStore.FAILED);
        meta.put("error", error);
        meta.put("runner_info", runnerInfo);
        try {
            StageCounters.read(trialDir).ifPresent(st -> meta.put("stages", StageCounters.columns(st)));
        } catch (IOException ex) {
            if (error == null) {
                error = "analysis: " + ex.getMessage();
                meta.put("status", ResultStore.FAILED);
                meta.put("error", error);
            }
        }
        ResultStore.writeAtomically(trialDir.resolve("meta.json"), Json.write(meta) + "\n");
        return ResultStore.row(e, t, error, metrics, runnerInfo);
    }

    private static Map<String, String> orderedFactors(Experiment e, Trial t) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String f : e.factors().keySet()) {
            m.put(f, t.factors().get(f));
        }
        return m;
    }

    private static SweepResult finish(Plan plan, ResultStore store, int ran) throws IOException {
        Map<String, List<String>> all = store.rows();
        List<List<String>> mine = new ArrayList<>();
        for (Trial t : plan.trials()) {
            List<String> r = all.get(t.id());
            if (r != null) {
                mine.add(r);
            }
        }
        List<String> columns = store.columns();
        Path dir = store.dir();
        if (plan.experiment().repetitions() > 1) {
            StringBuilder sb = new StringBuilder(ResultStore.line(Summary.columns(columns)));
            for (List<String> r : Summary.rows(columns, mine)) {
                sb.append(ResultStore.line(r));
            }
            ResultStore.writeAtomically(dir.resolve(ResultStore.SUMMARY), sb.toString());
        }
        StageCounters.writeSweepTable(dir);
        return new SweepResult(dir, columns, mine, ran);
    }

    /** One line: the exception's message, or its class name when it has none. */
    static String messageOf(Throwable ex) {
        String m = ex.getMessage();
        if (m == null || m.isBlank()) {
            m = ex.getClass().getSimpleName();
        } else if (!(ex instanceof IllegalArgumentException) && !(ex instanceof IOException)
                && !(ex instanceof org.nfvperf.util.InputException)) {
            m = ex.getClass().getSimpleName() + ": " + m;
        }
        return m.replace('\n', ' ').replace('\r', ' ');
    }

    /** The line of the runner option the message names, else of {@code runner_options}, else of {@code runner}. */
    private static int runnerOptionLine(Experiment e, String message) {
        String m = String.valueOf(message);
        for (String k : e.runnerOptions().keySet()) {
            if (m.contains("'" + k + "'") || m.contains(k)) {
                return e.lineOf("runner_options." + k);
            }
        }
        return e.lines().containsKey("runner_options") ? e.lineOf("runner_options") : e.lineOf("runner");
    }

    /** The line of the factor value a runner's message names, else of {@code factors}. */
    private static int trialLine(Experiment e, Trial t, String message) {
        String m = String.valueOf(message);
        for (String f : e.factors().keySet()) {
            if (m.contains(f)) {
                return e.lineOfFactorValue(f, t.factors().get(f));
            }
        }
        for (String f : e.factors().keySet()) {
            if (m.contains(t.factors().get(f))) {
                return e.lineOfFactorValue(f, t.factors().get(f));
            }
        }
        return e.lines().containsKey("factors") ? e.lineOf("factors") : e.lineOf("runner");
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
