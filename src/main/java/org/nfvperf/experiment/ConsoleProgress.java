package org.nfvperf.experiment;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress on stderr: on a terminal a bar redrawn in place with counts and ETA, otherwise one plain
 * line per finished trial (for logs and CI). Thread-safe.
 *
 * <p>The ETA is the wall-clock time per trial finished in this run, times the trials left, so with
 * {@code --jobs} it already accounts for parallelism.
 *
 * <pre>{@code
 * ProgressListener p = ConsoleProgress.forStderr();   // bar when System.console() != null
 * }</pre>
 */
public final class ConsoleProgress implements ProgressListener {
    private static final int BAR_WIDTH = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private final LongSupplier nanoClock;
    private String experiment = "";
    private int total;
    private int done;
    private int doneThisRun;
    private int failed;
    private long startNanos;

    /**
     * @param out       where to write
     * @param terminal  draw a bar redrawn with {@code '\r'} instead of plain lines
     * @param nanoClock monotonic clock in nanoseconds, e.g. {@code System::nanoTime}
     */
    public ConsoleProgress(PrintWriter out, boolean terminal, LongSupplier nanoClock) {
        this.out = out;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
    }

    /** Progress on {@code System.err}, as a bar when the JVM has a console. */
    public static ConsoleProgress forStderr() {
        return new ConsoleProgress(new PrintWriter(System.err, true), System.console() != null, System::nanoTime);
    }

    @Override
    public synchronized void started(String experiment, int total, int finished) {
        this.experiment = experiment;
        this.total = total;
        this.done = finished;
        this.startNanos = nanoClock.getAsLong();
        if (terminal) {
            draw();
        } else {
            out.printf(Locale.ROOT, "%s: %d trials, %d already finished, %d to run%n", experiment, total, finished,
                    total - finished);
            out.flush();
        }
    }

    @Override
    public synchronized void trialFinished(Trial trial, String error, long elapsedNanos) {
        done++;
        doneThisRun++;
        if (error != null) {
            failed++;
        }
        if (terminal) {
            draw();
        } else {
            out.printf(Locale.ROOT, "%s [%d/%d] trial %s %s in %.1f s, eta %s%s%n", experiment, done, total, trial.id(),
                    error == null ? "ok" : "failed", elapsedNanos / 1e9, eta(), error == null ? "" : ": " + error);
            out.flush();
        }
    }

    @Override
    public synchronized void finished() {
        if (terminal) {
            draw();
            out.println();
        }
        out.flush();
    }

    private void draw() {
        int filled = total == 0 ? BAR_WIDTH : (int) ((long) done * BAR_WIDTH / total);
        String bar = "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled);
        out.printf(Locale.ROOT, "\r%s [%s] %d/%d%s eta %s ", experiment, bar, done, total,
                failed == 0 ? "" : " (" + failed + " failed)", eta());
        out.flush();
    }

    /** Remaining time as {@code h:mm:ss} or {@code m:ss}; {@code ?} before the first trial of this run. */
    private String eta() {
        int left = total - done;
        if (left == 0) {
            return "0:00";
        }
        if (doneThisRun == 0) {
            return "?";
        }
        long perTrial = (nanoClock.getAsLong() - startNanos) / doneThisRun;
        long seconds = Math.round(perTrial * (double) left / 1e9);
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
