package org.nfvperf.experiment;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nfvperf.latency.LatencyAnalysis;
import org.nfvperf.latency.LatencyBreakdown;
import org.nfvperf.latency.LatencySummary;
import org.nfvperf.loadgen.LogParsers;
import org.nfvperf.loadgen.LogResult;
import org.nfvperf.throughput.Ethernet;
import org.nfvperf.throughput.LinkSpeed;
import org.nfvperf.throughput.ThroughputRow;
import org.nfvperf.util.InputException;

/**
 * The analysis a user would run by hand on a trial folder: {@code nfvperf throughput} on
 * {@code gen-tx.log} and {@code gen-rx.log} ({@link LogParsers}, {@link ThroughputRow}) and
 * {@code nfvperf latency} over {@code tap-<name>.pcap[ng]} in path order ({@link LatencyAnalysis},
 * key {@code auto}, window 1 s). Stateless and thread-safe.
 *
 * <p>Definitions: {@code tx_mpps} is the sender log's steady-state rate, {@code rx_mpps} the
 * receiver log's; Gb/s and line rate come from {@code rx_mpps} at the trial's frame size (the
 * {@code frame_size} factor, the average frame size of the {@code mix} factor, else the size the
 * logs state); {@code loss_pct} compares the packet totals of the two logs ({@code Sent N packets}
 * / {@code Received M packets}), or the two rates when a log has no totals — exactly the row of
 * {@code nfvperf throughput --combine} ({@link ThroughputRow#ofMeasurement}).
 * Latency needs two taps or more; with fewer, or when no packet matched, the latency columns are
 * empty.
 *
 * <pre>{@code
 * TrialMetrics m = new StandardAnalyzer().analyze(trial, Path.of("out/fig2/trials/3f9c0a1b2d4e5f60"));
 * double rxMpps = m.throughput().rxMpps();
 * }</pre>
 */
public final class StandardAnalyzer implements TrialAnalyzer {
    private final java.util.function.BiFunction<Trial, Path, org.nfvperf.latency.PacketSink.Factory> perPacket;

    /** The analysis without per-packet records. */
    public StandardAnalyzer() {
        this(null);
    }

    /**
     * The analysis that also hands every packet of a trial with two taps or more to the sink that
     * {@code perPacket} opens for the trial and its folder (null: none).
     */
    public StandardAnalyzer(java.util.function.BiFunction<Trial, Path, org.nfvperf.latency.PacketSink.Factory> perPacket) {
        this.perPacket = perPacket;
    }

    @Override
    public TrialMetrics analyze(Trial trial, Path dir) throws Exception {
        LinkSpeed link = LinkSpeed.parse(trial.link());
        int frameOverride = trial.factors().containsKey("frame_size") ? trial.frameSizeBytes() : 0;
        LogResult txLog = LogParsers.parse(dir.resolve("gen-tx.log"));
        LogResult rxLog = LogParsers.parse(dir.resolve("gen-rx.log"));
        // as `nfvperf throughput --combine`: one measurement from the sender's and the receiver's log
        ThroughputRow row = ThroughputRow.ofMeasurement(dir.getFileName().toString(), List.of(txLog, rxLog), link,
                frameOverride);
        if (Double.isNaN(row.txPps())) {
            throw new InputException(dir.resolve("gen-tx.log") + ": no transmit rate in the sender log");
        }
        if (Double.isNaN(row.rxPps())) {
            throw new InputException(dir.resolve("gen-rx.log") + ": no receive rate in the receiver log");
        }
        TrialMetrics.Throughput throughput;
        if (trial.factors().containsKey("mix")) {
            double frame = trial.averageFrameSizeBytes();
            throughput = new TrialMetrics.Throughput(row.txMpps(), row.rxMpps(), Ethernet.l2Gbps(row.rxPps(), frame),
                    Ethernet.l1Gbps(row.rxPps(), frame), Ethernet.lineRatePercent(row.rxPps(), frame, link), row.lossPercent());
        } else {
            throughput = new TrialMetrics.Throughput(row.txMpps(), row.rxMpps(), row.rxGbpsL2(), row.rxGbpsL1(),
                    row.lineRatePercent(), row.lossPercent());
        }

        if (trial.taps().size() < 2) {
            return new TrialMetrics(throughput, TrialMetrics.Latency.NONE, List.of());
        }
        LatencyAnalysis.Builder b = LatencyAnalysis.builder();
        for (String tap : trial.taps()) {
            b.tap(tap, capture(dir, tap));
        }
        if (perPacket != null) {
            b.perPacket(perPacket.apply(trial, dir));
        }
        LatencyBreakdown breakdown = b.run();
        // what `nfvperf latency --json` prints for these taps, histograms included (results.parquet reads them)
        Files.writeString(dir.resolve("latency.json"), breakdown.toJson() + "\n");
        List<TrialMetrics.Segment> segments = new ArrayList<>();
        for (LatencyBreakdown.Segment s : breakdown.segments()) {
            segments.add(new TrialMetrics.Segment(s.from(), s.to(), latency(s.stats().summary())));
        }
        return new TrialMetrics(throughput, latency(breakdown.endToEnd().summary()), segments);
    }

    private static Path capture(Path dir, String tap) throws NoSuchFileException {
        for (String ext : List.of(".pcap", ".pcapng", ".pcap.gz", ".pcapng.gz")) {
            Path p = dir.resolve("tap-" + tap + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new NoSuchFileException(dir.resolve("tap-" + tap + ".pcap").toString());
    }

    private static TrialMetrics.Latency latency(LatencySummary s) {
        if (s.matched() == 0) {
            return TrialMetrics.Latency.NONE;
        }
        return new TrialMetrics.Latency(s.minNanos(), s.meanNanos(), s.p50Nanos(), s.p99Nanos(), s.maxNanos());
    }
}
