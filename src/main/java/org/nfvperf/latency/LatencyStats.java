package org.nfvperf.latency;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;

/**
 * An accumulator of one-way delays (ns) for one segment or end to end: exact count, min, max,
 * mean (a long sum) and standard deviation (sums of deviations from the first delay, so that no
 * precision is lost to large offsets), an HdrHistogram with 3 significant digits for
 * percentiles, the loss and quality counters of {@link LatencySummary}, and optionally
 * per-interval percentiles keyed by the upstream timestamp. Accumulators of repetitions of the
 * same experiment combine with {@link #add(LatencyStats)}.
 *
 * <p>Recording allocates nothing (except when the histogram widens its range, or a new interval
 * starts). Not thread-safe while recording. {@link #frozen()} gives a read-only snapshot (what a
 * {@link LatencyBreakdown} holds): recording into it or adding to it throws
 * {@link UnsupportedOperationException}, so it is immutable and may be shared between threads.
 * {@link #histogram()} always returns a copy, never the live histogram.
 *
 * <pre>{@code
 * LatencyStats all = new LatencyStats();
 * for (LatencyBreakdown rep : repetitions) all.add(rep.endToEnd());
 * long p99 = all.summary().p99Nanos();
 * }</pre>
 */
public final class LatencyStats {
    /** Significant decimal digits of the histograms. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private final Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);
    private long matched;
    private long lost;
    private long negative;
    private long ambiguous;
    private long unexpected;
    private long truncated;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    /** Delays are summed as deviations from the first one, so the sums stay small and exact. */
    private long shift;
    private long sumDeviation;
    private double sumSquaredDeviation;

    private final long intervalNanos;
    private final ArrayDeque<Open> open = new ArrayDeque<>();
    private final ArrayDeque<Open> pool = new ArrayDeque<>();
    private final List<IntervalSummary> intervals = new ArrayList<>();
    private long lateForInterval;
    /** Set once by {@link #frozen()}: from then on nothing changes this object. */
    private boolean frozen;

    /** An accumulator without per-interval percentiles. */
    public LatencyStats() {
        this(0);
    }

    /**
     * An accumulator that also keeps percentiles per interval of {@code intervalNanos} of the
     * upstream timestamp (0: none).
     */
    public LatencyStats(long intervalNanos) {
        if (intervalNanos < 0) {
            throw new IllegalArgumentException("intervalNanos must be >= 0: " + intervalNanos);
        }
        this.intervalNanos = intervalNanos;
    }

    /** Records one matched packet: its delay and the upstream timestamp (for intervals). */
    public void record(long delayNanos, long upstreamNanos) {
        if (frozen) {
            throw readOnly();
        }
        if (matched++ == 0) {
            shift = delayNanos;
        }
        if (delayNanos < 0) {
            negative++;
        }
        if (delayNanos < min) {
            min = delayNanos;
        }
        if (delayNanos > max) {
            max = delayNanos;
        }
        long dev = delayNanos - shift;
        sumDeviation += dev;
        sumSquaredDeviation += (double) dev * dev;
        long clamped = Math.max(0, delayNanos);
        histogram.recordValue(clamped);
        if (intervalNanos > 0) {
            recordInterval(clamped, delayNanos, upstreamNanos);
        }
    }

    void countLost() {
        lost++;
    }

    void countAmbiguous() {
        ambiguous++;
    }

    void countUnexpected() {
        unexpected++;
    }

    void countTruncated() {
        truncated++;
    }

    /**
     * Adds another accumulator (e.g. a repetition) to this one: counts, exact moments and
     * histograms combine exactly; intervals are concatenated in start order.
     */
    public void add(LatencyStats o) {
        if (frozen) {
            throw readOnly();
        }
        if (o.matched > 0) {
            if (matched == 0) {
                shift = o.shift;
            }
            // re-express the other's deviations relative to this shift
            long delta = o.shift - shift;
            sumSquaredDeviation += o.sumSquaredDeviation + 2.0 * delta * o.sumDeviation
                    + (double) delta * delta * o.matched;
            sumDeviation += o.sumDeviation + delta * o.matched;
            matched += o.matched;
            min = Math.min(min, o.min);
            max = Math.max(max, o.max);
            histogram.add(o.histogram);
        }
        lost += o.lost;
        negative += o.negative;
        ambiguous += o.ambiguous;
        unexpected += o.unexpected;
        truncated += o.truncated;
        lateForInterval += o.lateForInterval;
        intervals.addAll(o.intervals);
        intervals.sort((a, b) -> Long.compare(a.startNanos(), b.startNanos()));
    }

    /**
     * A copy that shares nothing with this accumulator and can be added to, also of a frozen one
     * (open intervals are not copied).
     */
    public LatencyStats copy() {
        LatencyStats c = new LatencyStats(intervalNanos);
        c.add(this);
        return c;
    }

    /**
     * A read-only snapshot of these statistics: this object if it is frozen already, else a copy
     * (open intervals are not copied) that refuses {@link #record} and {@link #add} with
     * {@link UnsupportedOperationException}. Later recording into this accumulator does not change
     * the snapshot.
     */
    public LatencyStats frozen() {
        if (frozen) {
            return this;
        }
        LatencyStats c = copy();
        c.frozen = true;
        return c;
    }

    /** Whether this is a read-only snapshot ({@link #frozen()}). */
    public boolean isFrozen() {
        return frozen;
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException(
                "these LatencyStats are a read-only snapshot (a LatencyBreakdown's); add them to a copy(): "
                        + "LatencyStats all = stats.copy(); all.add(other)");
    }

    /** The statistics so far. */
    public LatencySummary summary() {
        if (matched == 0) {
            return new LatencySummary(0, lost, 0, 0, 0, 0, 0, 0, 0, 0, 0, ambiguous, unexpected, truncated);
        }
        double meanDev = (double) sumDeviation / matched;
        double variance = Math.max(0, sumSquaredDeviation / matched - meanDev * meanDev);
        return new LatencySummary(matched, lost, negative, min, shift + meanDev, Math.sqrt(variance),
                percentile(50), percentile(90), percentile(99), percentile(99.9), max,
                ambiguous, unexpected, truncated);
    }

    private long percentile(double p) {
        return clamp(histogram.getValueAtPercentile(p), min, max);
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(Math.max(lo, 0), Math.min(v, hi));
    }

    /**
     * A copy of the histogram of delays in ns (negative delays recorded as 0): changing it changes
     * nothing here.
     */
    public Histogram histogram() {
        return histogram.copy();
    }

    /** Matched packets so far. */
    public long matched() {
        return matched;
    }

    /** Length of the intervals in ns, 0 when intervals are not kept. */
    public long intervalNanos() {
        return intervalNanos;
    }

    /**
     * The closed intervals in start order (after {@link #closeIntervalsBefore} or
     * {@link #closeAllIntervals}).
     */
    public List<IntervalSummary> intervals() {
        return Collections.unmodifiableList(intervals);
    }

    /** Bytes held by the histograms of the intervals still open (HdrHistogram's estimate). */
    long openIntervalFootprintBytes() {
        long b = 0;
        for (Open o : open) {
            b += o.h.getEstimatedFootprintInBytes();
        }
        return b;
    }

    /** Intervals open now. */
    int openIntervals() {
        return open.size();
    }

    /** Matched packets whose interval had already been closed (counted in the totals only). */
    public long lateForInterval() {
        return lateForInterval;
    }

    // ---- intervals

    private static final class Open {
        long start;
        long count;
        long max;
        double sum;
        /**
         * Packed (sparse) counts: an interval holds few distinct delays, and with {@code --interval 1ms}
         * and a 1 s window a thousand of them are open per segment at once.
         */
        final PackedHistogram h = new PackedHistogram(SIGNIFICANT_DIGITS);
    }

    private long closedBefore = Long.MIN_VALUE;

    private void recordInterval(long clamped, long delayNanos, long upstreamNanos) {
        long start = Math.floorDiv(upstreamNanos, intervalNanos) * intervalNanos;
        if (start < closedBefore) {
            lateForInterval++;
            return;
        }
        Open o = find(start);
        o.count++;
        o.sum += delayNanos;
        o.max = Math.max(o.max, delayNanos);
        o.h.recordValue(clamped);
    }

    private Open find(long start) {
        // intervals open in start order; the newest is nearly always the one
        Open last = open.peekLast();
        if (last != null && last.start == start) {
            return last;
        }
        for (Open o : open) {
            if (o.start == start) {
                return o;
            }
        }
        Open o = pool.isEmpty() ? new Open() : pool.pop();
        o.start = start;
        o.count = 0;
        o.sum = 0;
        o.max = Long.MIN_VALUE;
        o.h.reset();
        if (last == null || last.start < start) {
            open.addLast(o);
        } else {
            // rare: a packet older than the newest open interval opens a new one; keep order
            List<Open> tmp = new ArrayList<>(open);
            tmp.add(o);
            tmp.sort((a, b) -> Long.compare(a.start, b.start));
            open.clear();
            open.addAll(tmp);
        }
        return o;
    }

    /**
     * Closes every interval that ends at or before {@code upstreamNanos}: no later delay with an
     * upstream timestamp before it will be accepted into intervals.
     */
    void closeIntervalsBefore(long upstreamNanos) {
        if (intervalNanos == 0) {
            return;
        }
        while (!open.isEmpty() && open.peekFirst().start + intervalNanos <= upstreamNanos) {
            close(open.pollFirst());
        }
        long floor = Math.floorDiv(upstreamNanos, intervalNanos) * intervalNanos;
        closedBefore = Math.max(closedBefore, floor);
    }

    /** Closes every open interval (at the end of the input). */
    void closeAllIntervals() {
        while (!open.isEmpty()) {
            close(open.pollFirst());
        }
    }

    private void close(Open o) {
        intervals.add(new IntervalSummary(o.start, intervalNanos, o.count, o.sum / o.count,
                clamp(o.h.getValueAtPercentile(50), 0, o.max), clamp(o.h.getValueAtPercentile(90), 0, o.max),
                clamp(o.h.getValueAtPercentile(99), 0, o.max), clamp(o.h.getValueAtPercentile(99.9), 0, o.max),
                o.max));
        pool.push(o);
    }
}
