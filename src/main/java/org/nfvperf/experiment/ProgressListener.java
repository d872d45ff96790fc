package org.nfvperf.experiment;

/**
 * Hears about a sweep's progress. Calls for different trials may come from several threads, but
 * never at once: the orchestrator serialises them.
 *
 * <pre>{@code
 * RunOptions options = RunOptions.defaults().withProgress(ConsoleProgress.forStderr());
 * }</pre>
 */
public interface ProgressListener {
    /** Does nothing. */
    ProgressListener NONE = new ProgressListener() {
    };

    /**
     * The sweep starts.
     *
     * @param experiment sweep name
     * @param total      trials in the sweep
     * @param finished   trials already finished by an earlier run, skipped now
     */
    default void started(String experiment, int total, int finished) {
    }

    /**
     * One trial is committed to {@code results.csv}.
     *
     * @param trial        the trial
     * @param error        null when it succeeded, else why it failed
     * @param elapsedNanos wall-clock time the trial took, in nanoseconds
     */
    default void trialFinished(Trial trial, String error, long elapsedNanos) {
    }

    /** The sweep ends (also after a failure of the orchestrator itself). */
    default void finished() {
    }
}
