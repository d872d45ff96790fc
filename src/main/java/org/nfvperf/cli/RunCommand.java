package org.nfvperf.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nfvperf.experiment.ConsoleProgress;
import org.nfvperf.experiment.Experiment;
import org.nfvperf.experiment.Orchestrator;
import org.nfvperf.experiment.RunOptions;
import org.nfvperf.experiment.StandardAnalyzer;
import org.nfvperf.results.PerPacketParquet;
import org.nfvperf.results.ResultsParquet;
import org.nfvperf.experiment.SweepResult;
import org.nfvperf.experiment.Trial;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nfvperf run SPEC.yaml [--out DIR] [--jobs N]}: run a sweep, resuming finished trials. Thin:
 * the work is in {@link Orchestrator}. Exit 0 when every trial of the sweep is ok, 1 when some
 * failed (their rows say why), 2 for a bad spec (nothing runs).
 *
 * <pre>{@code
 * ./nfvperf run fig2.yaml --out results --jobs 2
 * }</pre>
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a sweep described by a YAML spec: every trial of the factors' cross product runs on the "
                + "spec's runner, is analysed from its artifacts and gets one row in DIR/<name>/results.csv.",
                "A rerun skips finished trials (also after a crash or kill -9); a failed trial is recorded and the "
                        + "sweep goes on. Progress goes to stderr (a bar on a terminal)."})
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC.yaml", description = "The sweep (see README: name, runner, link, "
            + "duration_s, repetitions, capture, factors, runner_options).")
    Path specFile;

    @Option(names = "--out", defaultValue = "results", paramLabel = "DIR",
            description = "Output folder; the sweep writes DIR/<name>/ (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--jobs", defaultValue = "1", paramLabel = "N", description = "Trials run at once (default ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--retry-failed", description = "Run trials again whose row says failed (the row is replaced).")
    boolean retryFailed;

    @Option(names = "--dry-run", description = "Check the spec with its runner and list the trials; run nothing.")
    boolean dryRun;

    @Option(names = "--per-packet", paramLabel = "parquet",
            description = "Also write each trial's per-packet latency records to DIR/<name>/packets/trial=<id>/part-0.parquet.")
    String perPacket;

    @Option(names = "--no-parquet", description = "Write only the CSV files, not results.parquet and summary.parquet.")
    boolean noParquet;

    @Override
    public Integer call() throws Exception {
        if (perPacket != null && !perPacket.equals("parquet")) {
            throw new IllegalArgumentException("--per-packet must be parquet: " + perPacket);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Experiment e = Experiment.load(specFile);
        if (dryRun) {
            Orchestrator.Plan plan = Orchestrator.plan(e);
            stdout.println("trial,repetition," + String.join(",", e.factors().keySet()));
            for (Trial t : plan.trials()) {
                StringBuilder sb = new StringBuilder(t.id()).append(',').append(t.repetition());
                for (String f : e.factors().keySet()) {
                    sb.append(',').append(t.factors().get(f));
                }
                stdout.println(sb);
            }
            stdout.flush();
            return 0;
        }
        RunOptions options = RunOptions.defaults().withJobs(jobs).withRetryFailed(retryFailed)
                .withProgress(new ConsoleProgress(stderr, System.console() != null, System::nanoTime));
        if (perPacket != null) {
            options = options.withAnalyzer(new StandardAnalyzer(PerPacketParquet.forSweep()));
        }
        SweepResult r = Orchestrator.execute(e, out, options);
        if (!noParquet) {
            ResultsParquet.write(r.dir());
        }
        stdout.printf("%s: %d trials, %d run now, %d failed%n", r.dir().resolve("results.csv"), r.rows().size(), r.ran(),
                r.failed());
        stdout.flush();
        if (r.failed() > 0) {
            stderr.printf("nfvperf: %d of %d trials failed; see the status and error columns of %s%n", r.failed(),
                    r.rows().size(), r.dir().resolve("results.csv"));
            stderr.flush();
            return Main.EXIT_FAILURE;
        }
        return 0;
    }
}
