package org.nfvperf.testbed.netns;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.nfvperf.throughput.RateSearch;
import org.nfvperf.throughput.RateTrial;
import org.nfvperf.throughput.TrialOutcome;

/**
 * One fixed-rate netns trial (no taps) as a {@link RateTrial}, so that {@link RateSearch} finds a
 * chain's no-drop rate on this machine. Each trial writes its artifacts to
 * {@code root/stepNN-<pps>pps/}.
 *
 * <p>A namespace generator can fall short of a high rate. Such a trial says nothing about the
 * dataplane at that rate, so when the generator sent less than {@link #OFFERED_FRACTION} of the
 * planned packets, or needed so much longer that its rate fell below that fraction, the outcome
 * reports the planned count as sent and, as received, what arrived at the achieved rate within the
 * planned duration: the shortfall counts as loss and the search never reports a rate the
 * generator did not really offer. {@link #steps()} keeps the
 * true counts with a {@code generatorLimited} flag. Not thread-safe (the search runs one trial at
 * a time).
 *
 * <pre>{@code
 * NetnsRateTrial t = new NetnsRateTrial(runner, Chain.parse("l3fwd"), Dataplane.LINUX, 128, dir, System.err::println);
 * SearchResult r = RateSearch.search(t, new SearchSettings(400_000, 10_000, 20_000, 0, 1_000_000_000L, 1));
 * }</pre>
 */
public final class NetnsRateTrial implements RateTrial {
    /**
     * Fraction of the planned packets (and of the offered rate) the generator must reach for a trial
     * to count as offered. 0.8 rather than 1: on a shared 2-core machine the sender is regularly
     * held back for tens of ms; {@code testbed ndr} reports the achieved rates at the NDR next to it.
     */
    public static final double OFFERED_FRACTION = 0.8;

    private final NetnsRunner runner;
    private final Chain chain;
    private final Dataplane dataplane;
    private final int frameSizeBytes;
    private final Path root;
    private final Consumer<String> progress;
    private final List<Step> steps = new ArrayList<>();

    /** One trial as run: the offered rate, the runner's report and whether the generator fell short. */
    public record Step(double offeredPps, TrialReport report, boolean generatorLimited) {
    }

    public NetnsRateTrial(NetnsRunner runner, Chain chain, Dataplane dataplane, int frameSizeBytes, Path root,
                          Consumer<String> progress) {
        this.runner = runner;
        this.chain = chain;
        this.dataplane = dataplane;
        this.frameSizeBytes = frameSizeBytes;
        this.root = root;
        this.progress = progress;
    }

    @Override
    public TrialOutcome run(double offeredPps, long durationNanos) throws Exception {
        long durationMillis = Math.max(1, durationNanos / 1_000_000);
        TrialConfig config = new TrialConfig(chain, dataplane, frameSizeBytes, offeredPps, durationMillis, List.of(), 0);
        TrialReport r = runner.execute(config, root.resolve(String.format(Locale.ROOT, "step%02d-%.0fpps",
                steps.size() + 1, offeredPps)));
        long planned = UdpGenerator.plannedPackets(offeredPps, durationMillis);
        boolean limited = generatorLimited(r, planned, offeredPps);
        steps.add(new Step(offeredPps, r, limited));
        progress.accept(String.format(Locale.ROOT, "  offered %.4f Mpps: sent %d of %d, received %d, loss %.3f%%%s",
                offeredPps / 1e6, r.sent(), planned, r.received(), r.lossPercent(), limited ? " (generator-limited)" : ""));
        return outcome(offeredPps, durationMillis, r);
    }

    /**
     * True when the generator sent less than {@link #OFFERED_FRACTION} of {@code plannedPackets} or
     * took so long that its rate was below that fraction of the offered one.
     */
    static boolean generatorLimited(TrialReport r, long plannedPackets, double offeredPps) {
        return r.sent() < OFFERED_FRACTION * plannedPackets || r.txMpps() * 1e6 < OFFERED_FRACTION * offeredPps;
    }

    /**
     * The search's view of a trial: when the generator was limited, sent is the planned count and
     * received is what arrived at the achieved rate within the planned duration, so the shortfall
     * counts as loss (see the class comment).
     */
    static TrialOutcome outcome(double offeredPps, long durationMillis, TrialReport r) {
        long planned = UdpGenerator.plannedPackets(offeredPps, durationMillis);
        if (!generatorLimited(r, planned, offeredPps)) {
            return new TrialOutcome(offeredPps, r.sent(), r.received(), durationMillis * 1_000_000L);
        }
        long inTime = Math.round(r.rxMpps() * 1e6 * durationMillis / 1000.0);
        return new TrialOutcome(offeredPps, planned, Math.min(r.received(), inTime), durationMillis * 1_000_000L);
    }

    /** The trials run so far, in order. */
    public List<Step> steps() {
        return List.copyOf(steps);
    }
}
