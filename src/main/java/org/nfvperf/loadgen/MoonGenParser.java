package org.nfvperf.loadgen;

import static org.nfvperf.loadgen.LogText.NUM;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nfvperf.util.InputException;

/**
 * Parser for MoonGen / libmoon statistics output (tool id {@code moongen}). Stateless and
 * thread-safe.
 *
 * <p><b>Formats</b> (from libmoon's {@code lua/stats.lua} and MoonGen's older copy of it):
 * <pre>
 * [Device: id=0] TX: 14.88 Mpps, 7619 Mbit/s (9999 Mbit/s with framing)                     libmoon, per second
 * [Device: id=0] TX: 14.88 (StdDev 0.00) Mpps, 7619 (StdDev 0) Mbit/s (9999 Mbit/s with framing), total 148809600 packets with 9523814400 bytes (incl. CRC)
 * [Device: id=1] Received 14878718 packets, current rate 14.88 Mpps, 7618.02 MBit/s, 9998.65 MBit/s wire rate.   MoonGen 2015-16
 * [Device: id=1] Received 148787180 packets with 9522379520 bytes payload (including CRC).
 * [Device: id=1] Received 148787180 packets and 9522379520 bytes.                            MoonGen 2014-15
 * Time,Device,Direction,PacketRate,Mbit,MbitWithFraming,TotalPackets,TotalBytes              libmoon CSV
 * 1480000001,Device: id=0,TX,14.880952,7619.04,9999.99,14880952,952380928
 * 1234,5                                                                                     histogram.csv (ns,count)
 * </pre>
 * The plain formats are written with ANSI colour codes around the direction (removed by
 * {@link LogText}). {@code Sent}/{@code TX} is TX, {@code Received}/{@code RX} is RX; the
 * port is the device id ({@code Device: id=0} is port {@code 0}), else the counter's name.
 *
 * <p><b>Units</b>: MoonGen's Mbit/s and its byte totals include the 4-byte CRC, so they are
 * layer 2 as DESIGN.md counts it; the frame size is {@code bytes / packets} of the final
 * totals, else {@code Mbit/s / (8 × Mpps)} of the per-second lines (median, rounded).
 *
 * <p><b>Intervals</b>: libmoon reports a little over every second without printing the time;
 * the plain formats get a nominal 1 s interval. The older format and the CSV carry cumulative
 * packet counts, so their interval is {@code Δpackets / rate}. The CSV's final row (the averages
 * printed on stop) is recognised as a row whose packet increase covers less than half a
 * second at its rate and is kept as totals only. A {@code histogram.csv} of {@code latency_ns,count}
 * lines becomes the result's latency buckets.
 *
 * <pre>{@code
 * LogResult r = new MoonGenParser().parse("moongen.log", LogText.lines(text));
 * }</pre>
 */
final class MoonGenParser implements LogParser {
    /** The tool id. */
    public static final String TOOL = "moongen";

    private static final String DEV = "\\[([^\\]]+)\\] ";
    private static final Pattern UPDATE = Pattern.compile(DEV + "(RX|TX): " + NUM + " Mpps, " + NUM
            + " Mbit/s \\(" + NUM + " Mbit/s with framing\\)(?!,)");
    private static final Pattern FINAL = Pattern.compile(DEV + "(RX|TX): " + NUM + " \\(StdDev " + NUM + "\\) Mpps, "
            + NUM + " \\(StdDev " + NUM + "\\) Mbit/s \\(" + NUM + " Mbit/s with framing\\), total (\\d+) packets with (\\d+) bytes");
    private static final Pattern OLD_UPDATE = Pattern.compile(DEV + "(Sent|Received) (\\d+) packets, current rate "
            + NUM + " Mpps, " + NUM + " MBit/s, " + NUM + " MBit/s wire rate");
    private static final Pattern OLD_TOTAL = Pattern.compile(DEV + "(Sent|Received) (\\d+) packets (?:with|and) (\\d+) bytes");
    private static final Pattern CSV_HEADER = Pattern.compile(
            "Time,Device,Direction,PacketRate,Mbit,MbitWithFraming,TotalPackets,TotalBytes");
    private static final Pattern HISTOGRAM = Pattern.compile("^\\s*([0-9]+(?:\\.[0-9]+)?),([0-9]+)\\s*$");
    private static final Pattern DEVICE_ID = Pattern.compile("Device: id=(\\d+)");

    @Override
    public String tool() {
        return TOOL;
    }

    @Override
    public boolean detect(List<String> lines) {
        boolean histogramOnly = true;
        boolean any = false;
        for (String line : lines) {
            if (UPDATE.matcher(line).find() || FINAL.matcher(line).find() || OLD_UPDATE.matcher(line).find()
                    || OLD_TOTAL.matcher(line).find() || CSV_HEADER.matcher(line).find()) {
                return true;
            }
            if (!line.isBlank()) {
                any = true;
                histogramOnly &= HISTOGRAM.matcher(line).matches();
            }
        }
        return any && histogramOnly;
    }

    @Override
    public LogResult parse(String source, List<String> lines) {
        Collector c = new Collector();
        Map<String, Long> lastTotal = new HashMap<>();
        boolean csv = false;
        boolean histogram = true;
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            Matcher m = HISTOGRAM.matcher(line);
            if (histogram && m.matches()) {
                c.latency(new LatencyBucket(Math.round(LogText.number(m.group(1))), LogText.count(m.group(2))));
                continue;
            }
            histogram = false;
            if (CSV_HEADER.matcher(line).find()) {
                csv = true;
                continue;
            }
            if (csv && line.indexOf(',') > 0) {
                csvRow(source, lineNo, line, c, lastTotal);
                continue;
            }
            if ((m = FINAL.matcher(line)).find()) {
                long packets = Long.parseLong(m.group(8));
                long bytes = Long.parseLong(m.group(9));
                c.totals(new PortTotals(port(m.group(1)), direction(m.group(2)), packets, bytes, -1));
                if (packets > 0) {
                    c.frameSize((int) Math.round((double) bytes / packets));
                }
            } else if ((m = UPDATE.matcher(line)).find()) {
                double mpps = LogText.number(m.group(3));
                double mbit = LogText.number(m.group(4));
                c.sample(port(m.group(1)), direction(m.group(2)), Collector.NOMINAL_INTERVAL_NANOS, mpps * 1e6, mbit * 1e6, -1);
                if (mpps >= 0.01) {
                    c.frameEstimate(mbit / (8 * mpps));
                }
            } else if ((m = OLD_UPDATE.matcher(line)).find()) {
                String port = port(m.group(1));
                Direction d = direction(m.group(2));
                long total = Long.parseLong(m.group(3));
                double mpps = LogText.number(m.group(4));
                double mbit = LogText.number(m.group(5));
                String key = port + "/" + d;
                long delta = total - lastTotal.getOrDefault(key, 0L);
                lastTotal.put(key, total);
                long interval = mpps > 0 && delta > 0 ? Math.round(delta / mpps * 1e3) : Collector.NOMINAL_INTERVAL_NANOS;
                c.sample(port, d, interval, mpps * 1e6, mbit * 1e6, delta >= 0 ? delta : -1);
                if (mpps >= 0.01) {
                    c.frameEstimate(mbit / (8 * mpps));
                }
            } else if ((m = OLD_TOTAL.matcher(line)).find()) {
                long packets = Long.parseLong(m.group(3));
                long bytes = Long.parseLong(m.group(4));
                c.totals(new PortTotals(port(m.group(1)), direction(m.group(2)), packets, bytes, -1));
                if (packets > 0) {
                    c.frameSize((int) Math.round((double) bytes / packets));
                }
            }
        }
        if (c.isEmpty()) {
            throw new InputException(source + ": moongen log has no statistics lines (expected '[Device: id=N] TX: ... Mpps'"
                    + " or the CSV header 'Time,Device,Direction,...')");
        }
        return c.result(source, TOOL);
    }

    private static void csvRow(String source, int lineNo, String line, Collector c, Map<String, Long> lastTotal) {
        String[] f = line.split(",", -1);
        if (f.length != 8) {
            throw new InputException(source + ":" + lineNo + ": expected 8 CSV fields (Time,Device,Direction,PacketRate,"
                    + "Mbit,MbitWithFraming,TotalPackets,TotalBytes), found " + f.length);
        }
        try {
            String port = port(f[1]);
            Direction d = direction(f[2].strip());
            double mpps = Double.parseDouble(f[3]);
            double mbit = Double.parseDouble(f[4]);
            long total = (long) Double.parseDouble(f[6]);
            long bytes = (long) Double.parseDouble(f[7]);
            String key = port + "/" + d;
            boolean first = !lastTotal.containsKey(key);
            long delta = total - lastTotal.getOrDefault(key, 0L);
            lastTotal.put(key, total);
            double seconds = mpps > 0 ? delta / (mpps * 1e6) : 1.0;
            if (!first && seconds < 0.5) {
                // the final row: averages over the run after a short drain
                c.totals(new PortTotals(port, d, total, bytes, -1));
                if (total > 0) {
                    c.frameSize((int) Math.round((double) bytes / total));
                }
                return;
            }
            c.sample(port, d, Math.max(1, Math.round(seconds * 1e9)), mpps * 1e6, mbit * 1e6, delta);
            c.totals(new PortTotals(port, d, total, bytes, -1));
            if (total > 0) {
                c.frameEstimate((double) bytes / total);
            }
        } catch (IllegalArgumentException e) {
            throw new InputException(source + ":" + lineNo + ": expected numbers and RX/TX in '" + line + "'", e);
        }
    }

    private static String port(String name) {
        Matcher m = DEVICE_ID.matcher(name);
        return m.find() ? m.group(1) : name.strip();
    }

    private static Direction direction(String word) {
        return word.equals("TX") || word.equals("Sent") ? Direction.TX : Direction.RX;
    }
}
