package org.nfvperf.throughput;

import java.util.Objects;
import java.util.Optional;

/**
 * One goal of a {@link MultiGoalSearch}: the highest load at which a trial loses at most
 * {@code lossRatio} of its packets (and, optionally, keeps a latency percentile under a bound and
 * sends at least {@code 1 − maxQueueFullRatio} of the offered load), found to within
 * {@code relativeWidth}. Immutable and thread-safe.
 *
 * <pre>{@code
 * SearchGoal ndr = SearchGoal.ndr();                              // loss 0, width 0.5%
 * SearchGoal pdr = SearchGoal.pdr(0.005).withLatencyBound(LatencyBound.parse("p99=200us"));
 * }</pre>
 *
 * @param name              the goal's name in tables and {@code ndr.json}, e.g. {@code NDR}
 * @param lossRatio         loss allowed for a trial to count as a pass, in [0, 1)
 * @param relativeWidth     the search stops for this goal when {@code (upper − lower) / upper} is at
 *                          most this, in (0, 1)
 * @param latencyBound      a latency criterion, or empty
 * @param maxQueueFullRatio the largest share of the offered load the generator may fail to send
 *                          ({@link TrialOutcome#queueFullRatio()}); 1 means no such criterion
 */
public record SearchGoal(String name, double lossRatio, double relativeWidth, Optional<LatencyBound> latencyBound,
                         double maxQueueFullRatio) {
    /** Default relative width of the final interval: 0.5%. */
    public static final double DEFAULT_RELATIVE_WIDTH = 0.005;

    public SearchGoal {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("goal name must not be blank");
        }
        if (!(lossRatio >= 0 && lossRatio < 1)) {
            throw new IllegalArgumentException("lossRatio must be in [0, 1): " + lossRatio);
        }
        if (!(relativeWidth > 0 && relativeWidth < 1)) {
            throw new IllegalArgumentException("relativeWidth must be in (0, 1): " + relativeWidth);
        }
        Objects.requireNonNull(latencyBound, "latencyBound");
        if (!(maxQueueFullRatio >= 0 && maxQueueFullRatio <= 1)) {
            throw new IllegalArgumentException("maxQueueFullRatio must be in [0, 1]: " + maxQueueFullRatio);
        }
    }

    /** The no-drop rate: zero loss, width 0.5%, no other criterion. */
    public static SearchGoal ndr() {
        return new SearchGoal("NDR", 0, DEFAULT_RELATIVE_WIDTH, Optional.empty(), 1);
    }

    /** A partial-drop rate at this loss ratio (0.005 = 0.5%), width 0.5%. */
    public static SearchGoal pdr(double lossRatio) {
        return new SearchGoal("PDR", lossRatio, DEFAULT_RELATIVE_WIDTH, Optional.empty(), 1);
    }

    /**
     * Parses a goal as the command line writes it: {@code ndr}, {@code pdr} (0.5% loss),
     * {@code pdr:0.01} or {@code loss:0.001}, each optionally followed by {@code /width:0.01}.
     */
    public static SearchGoal parse(String text) {
        String[] parts = text.trim().split("/");
        String head = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
        SearchGoal g;
        try {
            if (head.equals("ndr")) {
                g = ndr();
            } else if (head.equals("pdr")) {
                g = pdr(0.005);
            } else if (head.startsWith("pdr:") || head.startsWith("loss:")) {
                double ratio = Double.parseDouble(head.substring(head.indexOf(':') + 1));
                g = new SearchGoal(head.startsWith("pdr") ? "PDR" : "LOSS" + ratio, ratio, DEFAULT_RELATIVE_WIDTH,
                        Optional.empty(), 1);
            } else {
                throw new IllegalArgumentException("goal must be ndr, pdr, pdr:RATIO or loss:RATIO: " + text);
            }
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                if (!p.startsWith("width:")) {
                    throw new IllegalArgumentException("goal option must be width:RATIO: " + text);
                }
                g = g.withRelativeWidth(Double.parseDouble(p.substring(6)));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("goal ratio must be a number: " + text);
        }
        return g;
    }

    /** A copy with another name. */
    public SearchGoal withName(String n) {
        return new SearchGoal(n, lossRatio, relativeWidth, latencyBound, maxQueueFullRatio);
    }

    /** A copy with another final relative width. */
    public SearchGoal withRelativeWidth(double width) {
        return new SearchGoal(name, lossRatio, width, latencyBound, maxQueueFullRatio);
    }

    /** A copy that also requires this latency bound. */
    public SearchGoal withLatencyBound(LatencyBound bound) {
        return new SearchGoal(name, lossRatio, relativeWidth, Optional.of(bound), maxQueueFullRatio);
    }

    /** A copy that also requires the generator to send at least {@code 1 − ratio} of the offered load. */
    public SearchGoal withMaxQueueFullRatio(double ratio) {
        return new SearchGoal(name, lossRatio, relativeWidth, latencyBound, ratio);
    }

    /**
     * Whether one trial meets this goal: loss at most {@link #lossRatio}, latency within the bound
     * (a trial without the percentile fails a latency goal, see {@link MultiGoalSearch}), queue-full
     * share within its limit.
     */
    public boolean accepts(TrialOutcome o) {
        if (o.lossRatio() > lossRatio) {
            return false;
        }
        if (o.queueFullRatio() > maxQueueFullRatio) {
            return false;
        }
        if (latencyBound.isPresent()) {
            LatencyBound b = latencyBound.get();
            var at = o.latencyNanosAt(b.percentile());
            return at.isPresent() && at.getAsLong() <= b.limitNanos();
        }
        return true;
    }
}
