package org.nfvperf.throughput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nfvperf.loadgen.Direction;
import org.nfvperf.loadgen.LogParsers;
import org.nfvperf.loadgen.LogResult;
import org.nfvperf.loadgen.PortTotals;

/**
 * One row of {@code nfvperf throughput}: the steady-state rates of one port of one log, with
 * the derived Mpps, Gb/s, share of line rate and loss. Immutable and thread-safe.
 *
 * <p>Unknown values are NaN (0 for {@code frameSize}) and become {@code null} in JSON and empty
 * cells in CSV. Definitions:
 * <ul>
 *   <li>{@code txPps}, {@code rxPps}: steady-state mean of the port's series
 *       ({@link LogResult#pps}), else its totals' average;</li>
 *   <li>{@code rxGbpsL2/L1}, {@code txGbpsL2/L1}: from the rate and the frame size
 *       ({@link Ethernet});</li>
 *   <li>{@code lineRatePercent}: rx rate as a percentage of the line rate at the frame size, or the tx
 *       rate when the log has no rx side (a sender-only log);</li>
 *   <li>{@code lossPercent}: for a generator's log, {@code 100 × (tx − rx) / tx}: sent and not received
 *       back; for a dataplane's log ({@link LogParsers#isDataplane}: BESS, testpmd), what its ports
 *       received and did not send, {@code 100 × (rx − tx) / rx}. From the packet totals when the log
 *       has both, else from the two rates. On a multi-port log, a port that only sends or only
 *       receives has no loss of its own (empty).</li>
 * </ul>
 * A log with several ports also gets a row for port {@code all} that adds up the ports: a
 * generator sending on port 0 and receiving on port 1, or a dataplane forwarding from one port
 * to the other, has its loss there.
 *
 * <pre>{@code
 * List<ThroughputRow> rows = ThroughputRow.of(LogParsers.parse(Path.of("moongen.log")), LinkSpeed.G10, 0);
 * System.out.println(Json.write(rows.stream().map(ThroughputRow::toMap).toList()));
 * }</pre>
 *
 * @param file        the log's name as given
 * @param tool        tool id
 * @param port        port name, or {@code all}
 * @param frameSize   frame size with FCS, 0 when unknown
 * @param durationS   measurement duration in seconds, NaN when unknown
 * @param txPps       sent packets per second
 * @param rxPps       received packets per second
 * @param rxGbpsL2    received layer-2 Gb/s
 * @param rxGbpsL1    received layer-1 Gb/s
 * @param txGbpsL2    sent layer-2 Gb/s
 * @param txGbpsL1    sent layer-1 Gb/s
 * @param lineRatePercent percentage of line rate
 * @param lossPercent     percentage of sent packets lost
 * @param samples     rate samples behind the figures (the larger of tx and rx)
 */
public record ThroughputRow(String file, String tool, String port, int frameSize, double durationS,
                            double txPps, double rxPps, double rxGbpsL2, double rxGbpsL1,
                            double txGbpsL2, double txGbpsL1, double lineRatePercent, double lossPercent, int samples) {
    /** The name of the row that adds up every port of a multi-port log. */
    public static final String ALL_PORTS = "all";

    public ThroughputRow {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(port, "port");
        if (frameSize < 0) {
            throw new IllegalArgumentException("frameSize must be >= 0 (0 = unknown): " + frameSize);
        }
        if (samples < 0) {
            throw new IllegalArgumentException("samples must be >= 0: " + samples);
        }
    }

    /**
     * The rows of a parsed log: one per port, plus {@code all} for multi-port logs.
     *
     * @param frameSizeOverride frame size with FCS to assume when &gt; 0 (overrides the log's)
     */
    public static List<ThroughputRow> of(LogResult log, LinkSpeed link, int frameSizeOverride) {
        return of(log, link, frameSizeOverride, new ArrayList<>());
    }

    /**
     * Like {@link #of(LogResult, LinkSpeed, int)}, adding to {@code warnings} one line per value
     * that cannot be a measurement and is therefore left empty (NaN): a negative loss (more
     * packets received than sent: counters of different windows, or duplicates) and a rate
     * above the line rate of the link (a wrong {@code --link} or frame size, or a damaged log).
     */
    public static List<ThroughputRow> of(LogResult log, LinkSpeed link, int frameSizeOverride, List<String> warnings) {
        int frame = frameSizeOverride > 0 ? frameSizeOverride : log.frameSizeBytes();
        boolean dataplane = LogParsers.isDataplane(log.tool());
        List<String> ports = log.ports();
        List<ThroughputRow> rows = new ArrayList<>();
        double sumTx = Double.NaN;
        double sumRx = Double.NaN;
        long totTx = 0;
        long totRx = 0;
        boolean anyTotTx = false;
        boolean anyTotRx = false;
        boolean totalsCoverRates = true;
        double duration = Double.NaN;
        int maxSamples = 0;
        for (String port : ports) {
            double tx = log.pps(port, Direction.TX);
            double rx = log.pps(port, Direction.RX);
            PortTotals ttx = log.totals(port, Direction.TX).orElse(null);
            PortTotals trx = log.totals(port, Direction.RX).orElse(null);
            // on a multi-port log a port that only sends or only receives has no loss of its own
            boolean both = ports.size() == 1 || (tx > 0 || ttx != null && ttx.packets() > 0)
                    && (rx > 0 || trx != null && trx.packets() > 0);
            double loss = !both ? Double.NaN
                    : ttx != null && trx != null ? loss(dataplane, ttx.packets(), trx.packets()) : loss(dataplane, tx, rx);
            long nanos = log.durationNanos(port);
            double seconds = nanos > 0 ? nanos / 1e9 : Double.NaN;
            int samples = Math.max(log.samples(port, Direction.TX), log.samples(port, Direction.RX));
            rows.add(row(log, port, frame, seconds, tx, rx, loss, samples, link, warnings));
            sumTx = Double.isNaN(tx) ? sumTx : (Double.isNaN(sumTx) ? 0 : sumTx) + tx;
            sumRx = Double.isNaN(rx) ? sumRx : (Double.isNaN(sumRx) ? 0 : sumRx) + rx;
            if (ttx != null) {
                totTx += ttx.packets();
                anyTotTx = true;
            }
            if (trx != null) {
                totRx += trx.packets();
                anyTotRx = true;
            }
            totalsCoverRates &= (Double.isNaN(tx) || ttx != null) && (Double.isNaN(rx) || trx != null);
            duration = Double.isNaN(duration) ? seconds : Math.max(duration, seconds);
            maxSamples = Math.max(maxSamples, samples);
        }
        if (rows.size() > 1) {
            double loss = anyTotTx && anyTotRx && totalsCoverRates ? loss(dataplane, totTx, totRx)
                    : loss(dataplane, sumTx, sumRx);
            rows.add(row(log, ALL_PORTS, frame, duration, sumTx, sumRx, loss, maxSamples, link, warnings));
        }
        return rows;
    }

    /**
     * The one row of a measurement recorded in several logs (e.g. {@code gen-tx.log} and
     * {@code gen-rx.log} of a trial): the {@code all} row of {@link LogResult#merge}, named
     * {@code source} (port {@code all}); with one log of one port, that port's figures.
     */
    public static ThroughputRow ofMeasurement(String source, List<LogResult> logs, LinkSpeed link, int frameSizeOverride) {
        List<ThroughputRow> rows = of(LogResult.merge(source, logs), link, frameSizeOverride);
        ThroughputRow last = rows.get(rows.size() - 1);
        return new ThroughputRow(source, last.tool(), ALL_PORTS, last.frameSize(), last.durationS(), last.txPps(),
                last.rxPps(), last.rxGbpsL2(), last.rxGbpsL1(), last.txGbpsL2(), last.txGbpsL1(), last.lineRatePercent(),
                last.lossPercent(), last.samples());
    }

    /** Generators lose what they sent and did not get back; dataplanes what they received and did not send. */
    private static double loss(boolean dataplane, double tx, double rx) {
        return dataplane ? Ethernet.lossPercent(rx, tx) : Ethernet.lossPercent(tx, rx);
    }

    private static ThroughputRow row(LogResult log, String port, int frame, double seconds, double tx, double rx,
                                     double loss, int samples, LinkSpeed link, List<String> warnings) {
        boolean sized = frame >= Ethernet.MIN_FRAME_BYTES && frame <= Ethernet.MAX_FRAME_BYTES;
        double nan = Double.NaN;
        double pctBase = Double.isNaN(rx) ? tx : rx;
        double lineRatePct = sized && link != null ? Ethernet.lineRatePercent(pctBase, frame, link) : nan;
        String where = log.source() + " (" + log.tool() + ", port " + port + "): ";
        if (loss < -IMPOSSIBLE_TOLERANCE_PCT) {
            warnings.add(where + "more packets received than sent (loss would be "
                    + String.format(java.util.Locale.ROOT, "%.3f", loss) + "%): counters from different windows or"
                    + " duplicates; loss_pct left empty");
            loss = nan;
        }
        if (loss > 100 + IMPOSSIBLE_TOLERANCE_PCT) {
            warnings.add(where + "more packets lost than sent (loss would be "
                    + String.format(java.util.Locale.ROOT, "%.3f", loss) + "%): a damaged or wrapped counter; loss_pct"
                    + " left empty");
            loss = nan;
        }
        if (lineRatePct > 100 + IMPOSSIBLE_TOLERANCE_PCT) {
            warnings.add(where + String.format(java.util.Locale.ROOT, "%.0f", pctBase) + " pps is "
                    + String.format(java.util.Locale.ROOT, "%.1f", lineRatePct) + "% of the line rate of " + link
                    + " at " + frame + "B, which no link carries: check --link and --frame-size; line_rate_pct left"
                    + " empty");
            lineRatePct = nan;
        }
        return new ThroughputRow(log.source(), log.tool(), port, frame, seconds, tx, rx,
                sized ? Ethernet.l2Gbps(rx, frame) : nan, sized ? Ethernet.l1Gbps(rx, frame) : nan,
                sized ? Ethernet.l2Gbps(tx, frame) : nan, sized ? Ethernet.l1Gbps(tx, frame) : nan,
                lineRatePct, loss, samples);
    }

    /**
     * Slack for rounding before a loss below 0% or a rate above 100% of line rate counts as
     * impossible: rates printed with few digits and counters read a few packets apart.
     */
    private static final double IMPOSSIBLE_TOLERANCE_PCT = 0.5;

    /** Sent Mpps. */
    public double txMpps() {
        return txPps / 1e6;
    }

    /** Received Mpps. */
    public double rxMpps() {
        return rxPps / 1e6;
    }

    /**
     * The row with DESIGN.md's JSON keys in order (plus tx Gb/s), numbers as plain decimals
     * ({@code BigDecimal}, never exponent notation), NaN as {@code null}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("tool", tool);
        m.put("port", port);
        m.put("frame_size", frameSize > 0 ? frameSize : null);
        m.put("duration_s", orNull(durationS));
        m.put("tx_pps", orNull(txPps));
        m.put("rx_pps", orNull(rxPps));
        m.put("tx_mpps", orNull(txMpps()));
        m.put("rx_mpps", orNull(rxMpps()));
        m.put("rx_gbps_l2", orNull(rxGbpsL2));
        m.put("rx_gbps_l1", orNull(rxGbpsL1));
        m.put("line_rate_pct", orNull(lineRatePercent));
        m.put("loss_pct", orNull(lossPercent));
        m.put("samples", samples);
        m.put("tx_gbps_l2", orNull(txGbpsL2));
        m.put("tx_gbps_l1", orNull(txGbpsL1));
        return m;
    }

    private static java.math.BigDecimal orNull(double v) {
        return ThroughputTable.decimal(v);
    }
}
