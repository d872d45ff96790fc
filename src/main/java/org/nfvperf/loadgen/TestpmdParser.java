package org.nfvperf.loadgen;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nfvperf.util.InputException;

/**
 * Parser for DPDK {@code testpmd} statistics (tool id {@code dpdk-testpmd}): the NIC
 * statistics blocks of {@code show port stats all} (also printed every period with
 * {@code --stats-period}, wrapped in screen-clearing ANSI codes) and the forward-statistics
 * blocks printed on {@code stop} or exit. Stateless and thread-safe.
 *
 * <pre>
 *   ######################## NIC statistics for port 0  ########################
 *   RX-packets: 148813384  RX-missed: 0          RX-bytes:  8928803040
 *   RX-errors: 0
 *   RX-nombuf:  0
 *   TX-packets: 148813312  TX-errors: 0          TX-bytes:  8928798720
 *
 *   Throughput (since last show)
 *   Rx-pps:     14880917          Rx-bps:   7142840320
 *   Tx-pps:     14880910          Tx-bps:   7142836800
 *   ############################################################################
 *
 *   ---------------------- Forward statistics for port 0  ----------------------
 *   RX-packets: 74412720       RX-dropped: 0             RX-total: 74412720
 *   TX-packets: 74412672       TX-dropped: 0             TX-total: 74412672
 * </pre>
 * Releases before 18.x print {@code Rx-pps} without {@code Rx-bps}; the oldest print no
 * throughput lines at all (then only totals are available).
 *
 * <p><b>Series</b>: each NIC block's {@code Rx-pps}/{@code Tx-pps} is one sample of its port
 * with a nominal 1 s interval (testpmd does not print the time since the last show).
 * <b>Totals</b>: the last NIC block's packet and byte counters, else the forward statistics
 * (packets only); no duration. RX totals count what arrived at the port,
 * {@code RX-packets + RX-missed} (missed packets were dropped by the NIC for want of receive
 * descriptors: the dataplane's loss), with bytes scaled at the average frame size. <b>Frame size</b>: DPDK byte counters exclude the CRC, so
 * frame = {@code bytes / packets + 4}, rounded.
 *
 * <pre>{@code
 * LogResult r = new TestpmdParser().parse("testpmd.log", LogText.lines(text));
 * }</pre>
 */
final class TestpmdParser implements LogParser {
    /** The tool id. */
    public static final String TOOL = "dpdk-testpmd";

    private static final Pattern NIC = Pattern.compile("NIC statistics for port (\\d+)");
    private static final Pattern FWD = Pattern.compile("Forward statistics for port (\\d+)");
    private static final Pattern ACCUMULATED = Pattern.compile("Accumulated forward statistics");
    private static final Pattern COUNTERS = Pattern.compile(
            "(RX|TX)-packets:\\s*(\\d+)\\s+(?:RX-missed|TX-errors):\\s*(\\d+)\\s+(?:RX|TX)-bytes:\\s*(\\d+)");
    private static final Pattern FWD_COUNTERS = Pattern.compile("(RX|TX)-packets:\\s*(\\d+)\\s+(?:RX|TX)-dropped:");
    private static final Pattern RATE = Pattern.compile("(Rx|Tx)-pps:\\s*(\\d+)(?:\\s+(?:Rx|Tx)-bps:\\s*(\\d+))?");

    @Override
    public String tool() {
        return TOOL;
    }

    @Override
    public boolean detect(List<String> lines) {
        return LogText.anyFind(lines, NIC, FWD);
    }

    @Override
    public LogResult parse(String source, List<String> lines) {
        Collector c = new Collector();
        String port = null;
        boolean forward = false;
        java.util.Set<String> nicTotals = new java.util.HashSet<>();
        for (String line : lines) {
            Matcher m = NIC.matcher(line);
            if (m.find()) {
                port = m.group(1);
                forward = false;
                continue;
            }
            if ((m = FWD.matcher(line)).find()) {
                port = m.group(1);
                forward = true;
                continue;
            }
            if (ACCUMULATED.matcher(line).find()) {
                port = null;
                continue;
            }
            if (port == null) {
                continue;
            }
            if (!forward && (m = COUNTERS.matcher(line)).find()) {
                Direction d = m.group(1).equals("RX") ? Direction.RX : Direction.TX;
                long packets = Long.parseLong(m.group(2));
                long bytes = Long.parseLong(m.group(4));
                // what arrived at the port: packets the NIC dropped for want of descriptors count as offered
                long missed = d == Direction.RX ? Long.parseLong(m.group(3)) : 0;
                long frameBytes = bytes + LogText.FCS_BYTES * packets;
                if (missed > 0 && packets > 0) {
                    frameBytes = Math.round(frameBytes * (double) (packets + missed) / packets);
                }
                c.totals(new PortTotals(port, d, packets + missed, frameBytes, -1));
                nicTotals.add(port + "/" + d);
                if (packets > 0) {
                    c.frameEstimate((double) bytes / packets + LogText.FCS_BYTES);
                }
            } else if (forward && (m = FWD_COUNTERS.matcher(line)).find()) {
                Direction d = m.group(1).equals("RX") ? Direction.RX : Direction.TX;
                if (!nicTotals.contains(port + "/" + d)) {
                    c.totals(new PortTotals(port, d, Long.parseLong(m.group(2)), -1, -1));
                }
            } else if (!forward && (m = RATE.matcher(line)).find()) {
                Direction d = m.group(1).equals("Rx") ? Direction.RX : Direction.TX;
                double pps = Double.parseDouble(m.group(2));
                double bps = Double.NaN;
                if (m.group(3) != null) {
                    // testpmd's bps counts bytes without CRC; DESIGN.md's layer 2 includes it
                    bps = Double.parseDouble(m.group(3)) + pps * LogText.FCS_BYTES * 8;
                }
                c.sample(port, d, Collector.NOMINAL_INTERVAL_NANOS, pps, bps, -1);
            }
        }
        if (c.isEmpty()) {
            throw new InputException(source + ": dpdk-testpmd output has statistics headers but no 'RX-packets:' or "
                    + "'Rx-pps:' lines");
        }
        return c.result(source, TOOL);
    }
}
