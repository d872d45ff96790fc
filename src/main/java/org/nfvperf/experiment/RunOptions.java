package org.nfvperf.experiment;

import java.util.Objects;
import org.nfvperf.util.UsageException;

/**
 * How {@link Orchestrator#run} runs a sweep. Immutable and thread-safe; change with the
 * {@code withX} copies.
 *
 * <pre>{@code
 * RunOptions o = RunOptions.defaults().withJobs(2).withProgress(ConsoleProgress.forStderr());
 * }</pre>
 *
 * @param jobs        trials run at once, &gt;= 1
 * @param retryFailed run trials again whose committed row says {@code failed} (their row is replaced)
 * @param progress    hears about progress
 * @param analyzer    turns a trial's artifacts into numbers
 */
public record RunOptions(int jobs, boolean retryFailed, ProgressListener progress, TrialAnalyzer analyzer) {
    public RunOptions {
        if (jobs < 1) {
            throw new UsageException("jobs must be >= 1: " + jobs);
        }
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(analyzer, "analyzer");
    }

    /** One job, failed trials kept, no progress output, the {@link StandardAnalyzer}. */
    public static RunOptions defaults() {
        return of(new StandardAnalyzer());
    }

    /** One job, failed trials kept, no progress output, the given analyzer. */
    public static RunOptions of(TrialAnalyzer analyzer) {
        return new RunOptions(1, false, ProgressListener.NONE, analyzer);
    }

    /** A copy running {@code jobs} trials at once. */
    public RunOptions withJobs(int jobs) {
        return new RunOptions(jobs, retryFailed, progress, analyzer);
    }

    /** A copy that does or does not run failed trials again. */
    public RunOptions withRetryFailed(boolean retryFailed) {
        return new RunOptions(jobs, retryFailed, progress, analyzer);
    }

    /** A copy reporting progress to {@code progress}. */
    public RunOptions withProgress(ProgressListener progress) {
        return new RunOptions(jobs, retryFailed, progress, analyzer);
    }

    /** A copy analysing trials with {@code analyzer}. */
    public RunOptions withAnalyzer(TrialAnalyzer analyzer) {
        return new RunOptions(jobs, retryFailed, progress, analyzer);
    }
}
