package org.nfvperf.loadgen;

import static org.nfvperf.loadgen.LogText.NUM;
import static org.nfvperf.loadgen.LogText.SI;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nfvperf.util.InputException;

/**
 * Parser for netmap {@code pkt-gen} output (tool id {@code netmap-pkt-gen}), the paper's
 * generator, in every version since 2014. Stateless and thread-safe.
 *
 * <p><b>Lines understood</b> (any prefix is allowed, e.g. the {@code "%03d.%06d "} time stamp
 * that netmap's {@code D()} macro writes since mid-2014, a pasted date or a shell prompt):
 * <pre>
 * Sending on netmap:ix0: 1 queues, 1 threads and 1 cpus.          header: port and direction
 * Receiving from netmap:ix1: 1 queues, 1 threads and 1 cpus.
 * main_thread [1338] 14510089 pps (14524631 pkts in 1001002 usec)                    2014
 * main_thread [1471] 14510089 pps (14524631 pkts in 1001002 usec) 485 avg_batch      2015
 * 181.422373 main_thread [2019] 14.514 Mpps (14.528 Mpkts 6.970 Gbps in 1000970 usec) 485.27 avg_batch 0 min_space
 * 181.422373 main_thread [2781] 14.880 Mpps [avg/std 14.880 M/2.131 Kpps](14.895 Mpkts 7.150 Gbps in 1001001 usec) 512.00 avg_batch 99999 min_space
 * 181.422373 main_thread [2781] 14880952 pps (14895833 pkts 7142857143 bps in 1001001 usec) 512.00 avg_batch 99999 min_space   (-N)
 * Sent 148809524 packets 8928571440 bytes 1001337 events 60 bytes each in 10.00 seconds.   since 2015
 * Received 148809524 packets 8928571440 bytes 1001337 events 60 bytes each in 10.00 seconds.
 * Sent 148809524 packets, 60 bytes each, in 10.00 seconds.                                 until 2015
 * Received 148809524 packets, in 10.00 seconds.                                            until 2015
 * Speed: 14.881 Mpps Bandwidth: 7.143 Gbps (raw 9.999 Gbps). Average batch: 148.61 pkts
 * Received nothing.                                                   nothing arrived: 0 packets
 * </pre>
 * Rates are K/M/G scaled by default ({@code "%.3f %s"}, so 3 significant decimals) and plain
 * integers with {@code -N}; the {@code [avg/std ...]} window statistics appear with
 * {@code --pps-stats} (the parser ignores them and keeps the per-interval rate).
 *
 * <p><b>Series</b>: one sample per {@code main_thread} line, its interval the printed
 * {@code usec}, its start the sum of the previous intervals (pkt-gen's own clock prefix wraps
 * every 1000 s). The pps printed is {@code round(pkts × 10^6 / usec)}; when the line also has
 * an exact packet count ({@code -N}) that count is kept.
 *
 * <p><b>Frame size</b>: pkt-gen's {@code -l} length and its byte counters exclude the 4-byte
 * CRC ("Packet size in bytes excluding CRC"), so {@code 60 bytes each} is a 64-byte frame; the
 * parser adds 4. Frame size comes from the summary's {@code N bytes each}; logs without a
 * summary (or with the old receiver summary) have frame size 0 (unknown).
 *
 * <p><b>Port and direction</b>: the port is the interface of the header ({@code netmap:ix0}),
 * {@code "0"} without header. The direction comes from the header ({@code Sending on} /
 * {@code Receiving from}), else the summary ({@code Sent} / {@code Received}), else the file
 * name ({@code gen-rx.log} is RX), else TX.
 *
 * <p>Writers that imitate pkt-gen should use {@link PktGenLogWriter}, which emits exactly the
 * lines this parser reads best (exact integers, a header and a summary with the frame size).
 *
 * <pre>{@code
 * LogResult r = new NetmapPktGenParser().parse("gen-tx.log", LogText.lines(text));
 * }</pre>
 */
final class NetmapPktGenParser implements LogParser {
    /** The tool id. */
    public static final String TOOL = "netmap-pkt-gen";

    private static final Pattern HEADER = Pattern.compile(
            "(Sending on|Receiving from|Working on) (\\S+): \\d+ queues, \\d+ threads and \\d+ cpus");
    private static final Pattern PERIODIC = Pattern.compile(
            "main_thread \\[\\d+\\] " + NUM + " ?" + SI + "pps ?(?:\\[avg/std [^\\]]*\\] ?)?\\(" + NUM + " ?" + SI
                    + "pkts(?: " + NUM + " ?" + SI + "bps)? in " + NUM + " usec\\)");
    private static final Pattern SUMMARY = Pattern.compile(
            "(Sent|Received) " + NUM + " packets " + NUM + " bytes " + NUM + " events (\\d+) bytes each in "
                    + NUM + " seconds");
    private static final Pattern SUMMARY_OLD_TX = Pattern.compile(
            "(Sent) " + NUM + " packets, (\\d+) bytes each, in " + NUM + " seconds");
    private static final Pattern SUMMARY_OLD_RX = Pattern.compile("(Received) " + NUM + " packets, in " + NUM + " seconds");
    private static final Pattern NOTHING = Pattern.compile("(Sent|Received) nothing\\.");
    private static final Pattern SPEED = Pattern.compile("Speed: " + NUM + " ?" + SI + "pps");

    @Override
    public String tool() {
        return TOOL;
    }

    @Override
    public boolean detect(List<String> lines) {
        return LogText.anyFind(lines, PERIODIC, SUMMARY, SUMMARY_OLD_TX, SUMMARY_OLD_RX, HEADER);
    }

    @Override
    public LogResult parse(String source, List<String> lines) {
        String port = "0";
        Direction headerDirection = null;
        Direction summaryDirection = null;
        List<RateSample> samples = new ArrayList<>();
        long clock = 0;
        long totalPackets = -1;
        long totalBytes = -1;
        long durationNanos = -1;
        int frameSize = 0;
        double speedPps = Double.NaN;
        for (String line : lines) {
            Matcher m = PERIODIC.matcher(line);
            if (m.find()) {
                long usec = LogText.count(m.group(7));
                if (usec <= 0) {
                    continue;
                }
                double pkts = LogText.scaled(m.group(3), m.group(4));
                boolean exactCount = m.group(4).isEmpty() && m.group(3).indexOf('.') < 0;
                double pps = exactCount ? pkts * 1e6 / usec : LogText.scaled(m.group(1), m.group(2));
                samples.add(new RateSample(clock, usec * 1000, pps, Double.NaN, exactCount ? (long) pkts : -1));
                clock += usec * 1000;
                continue;
            }
            if ((m = HEADER.matcher(line)).find()) {
                port = m.group(2);
                headerDirection = switch (m.group(1)) {
                    case "Sending on" -> Direction.TX;
                    case "Receiving from" -> Direction.RX;
                    default -> headerDirection;
                };
                continue;
            }
            if ((m = SUMMARY.matcher(line)).find()) {
                summaryDirection = m.group(1).equals("Sent") ? Direction.TX : Direction.RX;
                totalPackets = LogText.count(m.group(2));
                long bytes = LogText.count(m.group(3));
                totalBytes = bytes + LogText.FCS_BYTES * totalPackets;
                frameSize = Integer.parseInt(m.group(5)) + LogText.FCS_BYTES;
                durationNanos = LogText.secondsToNanos(LogText.number(m.group(6)));
                continue;
            }
            if ((m = SUMMARY_OLD_TX.matcher(line)).find()) {
                summaryDirection = Direction.TX;
                totalPackets = LogText.count(m.group(2));
                frameSize = Integer.parseInt(m.group(3)) + LogText.FCS_BYTES;
                totalBytes = totalPackets * frameSize;
                durationNanos = LogText.secondsToNanos(LogText.number(m.group(4)));
                continue;
            }
            if ((m = SUMMARY_OLD_RX.matcher(line)).find()) {
                summaryDirection = Direction.RX;
                totalPackets = LogText.count(m.group(2));
                durationNanos = LogText.secondsToNanos(LogText.number(m.group(3)));
                continue;
            }
            if ((m = NOTHING.matcher(line)).find()) {
                summaryDirection = m.group(1).equals("Sent") ? Direction.TX : Direction.RX;
                totalPackets = 0;
                totalBytes = 0;
                continue;
            }
            if ((m = SPEED.matcher(line)).find()) {
                speedPps = LogText.scaled(m.group(1), m.group(2));
            }
        }
        if (samples.isEmpty() && totalPackets < 0) {
            throw new InputException(source + ": netmap-pkt-gen log has no 'main_thread' rate line and no "
                    + "'Sent'/'Received' summary");
        }
        Direction direction = headerDirection != null ? headerDirection
                : summaryDirection != null ? summaryDirection : LogText.directionFromName(source, Direction.TX);
        if (frameSize > 0 && frameSize < 64) {
            frameSize = 64; // pkt-gen itself pads runts to 60 bytes + CRC on the wire
        }
        if (frameSize > 0) {
            samples = withBits(samples, frameSize);
        }
        List<PortTotals> totals = new ArrayList<>();
        if (totalPackets >= 0) {
            if (durationNanos == 0) {
                // "in 0.00 seconds": fall back to the Speed line, as pkt-gen itself divides by 1e-6
                durationNanos = speedPps > 0 ? Math.max(1, Math.round(totalPackets * 1e9 / speedPps)) : -1;
            }
            totals.add(new PortTotals(port, direction, totalPackets, totalBytes, durationNanos));
        }
        List<RateSeries> series = samples.isEmpty() ? List.of() : List.of(new RateSeries(port, direction, samples));
        return new LogResult(source, TOOL, frameSize, series, totals, List.of());
    }

    private static List<RateSample> withBits(List<RateSample> samples, int frameSizeBytes) {
        List<RateSample> out = new ArrayList<>(samples.size());
        for (RateSample s : samples) {
            out.add(new RateSample(s.startNanos(), s.intervalNanos(), s.pps(), s.pps() * frameSizeBytes * 8.0, s.packets()));
        }
        return out;
    }
}
