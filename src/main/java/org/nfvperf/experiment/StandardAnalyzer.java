package org.nfvperf.experiment;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nfvperf.latency.LatencyAnalysis;
import org.nfvperf.latency.LatencyBreakdown;
import org.nfvperf.latency.LatencySummary;
import org.nfvperf.loadgen.Direction;
import org.nfvperf.loadgen.LogParsers;
import org.nfvperf.loadgen.LogResult;
import org.nfvperf.loadgen.PortTotals;
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
 * logs state); {@code loss_pct} compares the packet
 * totals of the two logs ({@code Sent N packets} / {@code Received M packets}), or the two rates
 * when a log has no totals. A log with several ports counts as their sum (its {@code all} row).
 * Latency needs two taps or more; with fewer, or when no packet matched, the latency columns are
 * empty.
 *
 * <pre>{@code
 * TrialMetrics m = new StandardAnalyzer().analyze(trial, Path.of("out/fig2/trials/3f9c0a1b2d4e5f60"));
 * double rxMpps = m.throughput().rxMpps();
 * }</pre>
 */
public final class StandardAnalyzer implements TrialAnalyzer {
    @Override
    public TrialMetrics analyze(Trial trial, Path dir) throws Exception {
        LinkSpeed link = LinkSpeed.parse(trial.link());
        int frameOverride = trial.factors().containsKey("frame_size") ? trial.frameSizeBytes() : 0;
        LogResult txLog = LogParsers.parse(dir.resolve("gen-tx.log"));
        LogResult rxLog = LogParsers.parse(dir.resolve("gen-rx.log"));
        ThroughputRow tx = summed(ThroughputRow.of(txLog, link, frameOverride));
        ThroughputRow rx = summed(ThroughputRow.of(rxLog, link, frameOverride));
        if (Double.isNaN(tx.txPps())) {
            throw new InputException(dir.resolve("gen-tx.log") + ": no transmit rate in the sender log");
        }
        if (Double.isNaN(rx.rxPps())) {
            throw new InputException(dir.resolve("gen-rx.log") + ": no receive rate in the receiver log");
        }
        double frame = trial.factors().containsKey("mix") ? trial.averageFrameSizeBytes()
                : frameOverride > 0 ? frameOverride : rx.frameSize() > 0 ? rx.frameSize() : tx.frameSize();
        double rxPps = rx.rxPps();
        boolean sized = frame >= Ethernet.MIN_FRAME_BYTES && frame <= Ethernet.MAX_FRAME_BYTES;
        Optional<Long> sent = packets(txLog, Direction.TX);
        Optional<Long> received = packets(rxLog, Direction.RX);
        double loss = sent.isPresent() && received.isPresent()
                ? Ethernet.lossPercent(sent.get(), received.get())
                : Ethernet.lossPercent(tx.txPps(), rxPps);
        TrialMetrics.Throughput throughput = new TrialMetrics.Throughput(tx.txMpps(), rx.rxMpps(),
                sized ? Ethernet.l2Gbps(rxPps, frame) : Double.NaN, sized ? Ethernet.l1Gbps(rxPps, frame) : Double.NaN,
                sized ? Ethernet.lineRatePercent(rxPps, frame, link) : Double.NaN, loss);

        if (trial.taps().size() < 2) {
            return new TrialMetrics(throughput, TrialMetrics.Latency.NONE, List.of());
        }
        LatencyAnalysis.Builder b = LatencyAnalysis.builder();
        for (String tap : trial.taps()) {
            b.tap(tap, capture(dir, tap));
        }
        LatencyBreakdown breakdown = b.run();
        List<TrialMetrics.Segment> segments = new ArrayList<>();
        for (LatencyBreakdown.Segment s : breakdown.segments()) {
            segments.add(new TrialMetrics.Segment(s.from(), s.to(), latency(s.stats().summary())));
        }
        return new TrialMetrics(throughput, latency(breakdown.endToEnd().summary()), segments);
    }

    /** The {@code all} row of a multi-port log, else its only row. */
    private static ThroughputRow summed(List<ThroughputRow> rows) {
        for (ThroughputRow r : rows) {
            if (r.port().equals(ThroughputRow.ALL_PORTS)) {
                return r;
            }
        }
        return rows.get(0);
    }

    /** Total packets of a direction over every port, when every port that has a rate has totals. */
    private static Optional<Long> packets(LogResult log, Direction d) {
        long sum = 0;
        boolean any = false;
        for (String port : log.ports()) {
            Optional<PortTotals> t = log.totals(port, d);
            if (t.isPresent()) {
                sum += t.get().packets();
                any = true;
            } else if (!Double.isNaN(log.pps(port, d))) {
                return Optional.empty();
            }
        }
        return any ? Optional.of(sum) : Optional.empty();
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
