package org.nfvperf.loadgen;

import static org.nfvperf.loadgen.LogText.NUM;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nfvperf.util.InputException;

/**
 * Parser for BESS's {@code bessctl} port statistics (tool id {@code bess}): {@code monitor port},
 * its CSV (environment variable {@code CSV}), and {@code show port}. Stateless and thread-safe.
 *
 * <pre>
 * Monitoring ports: pmd_port0, pmd_port1
 *
 * 14:03:33.127473       INC     Mbps      Mpps   dropped        OUT     Mbps      Mpps   Dropped
 * ------------------------------------------------------------------------------------------------
 * pmd_port0PMDPort          9999.9    14.881         0              9999.9    14.881         0
 * ------------------------------------------------------------------------------------------------
 * Total                     9999.9    14.881         0              9999.9    14.881         0
 *
 * Timestamp,Port,Mbps In,Mpps In,Dropped In,Mbps Out,Mpps Out,Dropped Out
 * 14:03:33,pmd_port0PMDPort,9999.900,14.881,0.000,9999.900,14.881,0.000
 *
 *   pmd_port0    Driver PMDPort    HWaddr 68:05:ca:00:00:01  MTU 1500
 *                Speed 10,000Mbps  Link UP    Duplex FULL  Autoneg ON
 *        Inc/RX  packets: 148,814,380         bytes: 8,928,862,800
 *                dropped: 0
 *        Out/TX  packets: 148,814,380         bytes: 8,928,862,800
 * </pre>
 * <b>Direction</b>: INC is what the port received (RX), OUT what it sent (TX). <b>Port</b>: the
 * row's name; bessctl appends the driver ({@code pmd_port0/PMDPort} until 2018, then
 * {@code pmd_port0PMDPort}), which is cut off using the {@code Monitoring ports:} list or a
 * trailing {@code /Driver} or {@code ...Port} class name. The {@code Total} row is skipped
 * (nfvperf adds ports up itself).
 *
 * <p><b>Units</b>: {@code monitor port}'s Mbps is {@code (bytes + 24 × packets) × 8 / 10^6} with
 * bytes counted without CRC, i.e. the layer-1 rate; layer 2 with FCS is
 * {@code Mbps − 160 × pps}, and the frame size estimate is {@code Mbps / (8 × pps) − 20}. A Mbps
 * of 0 with packets means the driver does not count bytes. {@code show port} bytes exclude
 * the CRC, so frame = {@code bytes / packets + 4}.
 *
 * <p><b>Time</b>: each monitor block's header carries the wall-clock time; a sample's interval
 * is the time since the previous header (the first one gets 1 s, bessctl's period).
 *
 * <pre>{@code
 * LogResult r = new BessParser().parse("bess-monitor.txt", LogText.lines(text));
 * }</pre>
 */
final class BessParser implements LogParser {
    /** The tool id. */
    public static final String TOOL = "bess";

    private static final Pattern MONITORING = Pattern.compile("Monitoring ports: (.+)$");
    private static final Pattern HEADER = Pattern.compile("(\\d{1,2}):(\\d\\d):(\\d\\d)(\\.\\d+)?\\s+INC\\s+Mbps\\s+Mpps\\s+dropped\\s+OUT");
    private static final Pattern ROW = Pattern.compile("^\\s*(\\S+)\\s+" + NUM + "\\s+" + NUM + "\\s+(\\d+)\\s+" + NUM + "\\s+"
            + NUM + "\\s+(\\d+)\\s*$");
    private static final Pattern CSV_HEADER = Pattern.compile("Timestamp,Port,Mbps In,Mpps In,Dropped In,Mbps Out,Mpps Out,Dropped Out");
    private static final Pattern CSV_ROW = Pattern.compile("^\\s*(\\d{1,2}):(\\d\\d):(\\d\\d),([^,]+),([0-9.]+),([0-9.]+),([0-9.]+),"
            + "([0-9.]+),([0-9.]+),([0-9.]+)\\s*$");
    private static final Pattern SHOW_PORT = Pattern.compile("^\\s*(\\S+)\\s+Driver\\s+\\S+");
    private static final Pattern SHOW_STATS = Pattern.compile("(Inc/RX|Out/TX)\\s+packets:\\s*" + NUM + "\\s+bytes:\\s*" + NUM);
    private static final Pattern DRIVER_SUFFIX = Pattern.compile("^(.+?)(?:/\\w+|[A-Z][A-Za-z]*Port)$");

    @Override
    public String tool() {
        return TOOL;
    }

    @Override
    public boolean detect(List<String> lines) {
        return LogText.anyFind(lines, HEADER, CSV_HEADER, SHOW_STATS, MONITORING);
    }

    @Override
    public LogResult parse(String source, List<String> lines) {
        Collector c = new Collector();
        List<String> names = new ArrayList<>();
        long lastSecond = -1;
        long interval = Collector.NOMINAL_INTERVAL_NANOS;
        boolean inBlock = false;
        String showPort = null;
        for (String line : lines) {
            Matcher m = MONITORING.matcher(line);
            if (m.find()) {
                for (String n : m.group(1).split(",")) {
                    if (!n.isBlank()) {
                        names.add(n.strip());
                    }
                }
                continue;
            }
            if ((m = HEADER.matcher(line)).find()) {
                long now = nanosOfDay(m);
                interval = lastSecond >= 0 ? elapsed(lastSecond, now) : Collector.NOMINAL_INTERVAL_NANOS;
                lastSecond = now;
                inBlock = true;
                continue;
            }
            if ((m = CSV_ROW.matcher(line)).find()) {
                long now = nanosOfDay(m);
                // rows of one period share a time stamp: only a new stamp starts a new interval
                if (now != lastSecond) {
                    interval = lastSecond >= 0 ? elapsed(lastSecond, now) : Collector.NOMINAL_INTERVAL_NANOS;
                    lastSecond = now;
                }
                String port = portName(m.group(4), names);
                if (!port.equals("Total")) {
                    row(c, port, interval, LogText.number(m.group(5)), LogText.number(m.group(6)),
                            LogText.number(m.group(8)), LogText.number(m.group(9)));
                }
                continue;
            }
            if (inBlock && (m = ROW.matcher(line)).find()) {
                String port = portName(m.group(1), names);
                if (!port.equals("Total")) {
                    row(c, port, interval, LogText.number(m.group(2)), LogText.number(m.group(3)),
                            LogText.number(m.group(5)), LogText.number(m.group(6)));
                }
                continue;
            }
            if ((m = SHOW_PORT.matcher(line)).find()) {
                showPort = m.group(1);
                continue;
            }
            if (showPort != null && (m = SHOW_STATS.matcher(line)).find()) {
                Direction d = m.group(1).startsWith("Inc") ? Direction.RX : Direction.TX;
                long packets = LogText.count(m.group(2));
                long bytes = LogText.count(m.group(3));
                c.totals(new PortTotals(showPort, d, packets, bytes + LogText.FCS_BYTES * packets, -1));
                if (packets > 0 && bytes > 0) {
                    c.frameEstimate((double) bytes / packets + LogText.FCS_BYTES);
                }
            }
        }
        if (c.isEmpty()) {
            throw new InputException(source + ": bess output has no 'monitor port' rows and no 'show port' counters");
        }
        return c.result(source, TOOL);
    }

    private static void row(Collector c, String port, long interval, double incMbps, double incMpps,
                            double outMbps, double outMpps) {
        sample(c, port, Direction.RX, interval, incMbps, incMpps);
        sample(c, port, Direction.TX, interval, outMbps, outMpps);
    }

    private static void sample(Collector c, String port, Direction d, long interval, double mbpsL1, double mpps) {
        double pps = mpps * 1e6;
        double l2 = mbpsL1 > 0 ? Math.max(0, mbpsL1 * 1e6 - pps * 160) : Double.NaN;
        c.sample(port, d, interval, pps, l2, -1);
        if (mbpsL1 > 0 && mpps >= 0.01) {
            c.frameEstimate(mbpsL1 / (8 * mpps) - 20);
        }
    }

    private static long elapsed(long fromNanosOfDay, long toNanosOfDay) {
        long d = toNanosOfDay - fromNanosOfDay;
        return d > 0 ? d : d + 86_400_000_000_000L;
    }

    private static long nanosOfDay(Matcher m) {
        long s = Long.parseLong(m.group(1)) * 3600 + Long.parseLong(m.group(2)) * 60 + Long.parseLong(m.group(3));
        long nanos = s * 1_000_000_000L;
        if (m.pattern() == HEADER && m.group(4) != null) {
            String frac = (m.group(4).substring(1) + "000000000").substring(0, 9);
            nanos += Long.parseLong(frac);
        }
        return nanos;
    }

    static String portName(String token, List<String> names) {
        for (String n : names) {
            if (token.equals(n) || (token.startsWith(n) && token.length() > n.length())) {
                return n;
            }
        }
        Matcher m = DRIVER_SUFFIX.matcher(token);
        return m.matches() ? m.group(1) : token;
    }
}
