package org.nfvperf.loadgen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nfvperf.util.InputException;

/**
 * Parser for Pktgen-DPDK (tool id {@code pktgen-dpdk}): text of its main page, as saved from
 * the terminal, and Lua table dumps of {@code pktgen.portStats()}. Stateless and thread-safe.
 *
 * <p><b>Main page</b>: one snapshot per {@code Flags:Port} (or {@code Port:Flags}) row, whose
 * {@code ...:N} cells name the port columns; a last column beyond the ports is the total and is
 * ignored. Rate rows, by release:
 * <pre>
 *   Flags:Port        :   P-----------:0   P-----------:1
 * Pkts/s  Rx          :                0         14880952        2.x: current rate
 *         Tx          :         14880952                0
 * Pkts/s Max/Rx       :              0/0  14880960/14880952      3.x .. 21.x: max/current
 *        Max/Tx       : 14880960/14880952             0/0
 * Pkts/s Rx           :                0       14,880,952        22.x and later
 *        Tx           :       14,880,952                0
 * MBits/s Rx/Tx       :           0/9999           9999/0
 * Total Rx Pkts       :                0        148809520
 *       Tx Pkts       :        148809520                0
 * Pkt Size/Tx Burst   :        64 /   32        64 /   32
 * </pre>
 * Each snapshot is one sample per port and direction with a nominal 1 s interval (the page
 * refreshes every second).
 *
 * <p><b>Without the {@code Flags:Port} row</b> (a page pasted from the {@code Pkts/s} rows
 * down, as users paste them into issues) the columns are ports {@code 0, 1, ...} in order, and
 * the last column is the page's total when, in every rate row, its current value is the sum of
 * the other columns' (Pktgen-DPDK always prints that total column). A one-port page and a
 * two-port page whose ports carry equal rates in both directions look alike; they are read as
 * the former. {@code MBits/s} are layer-1 rates in Pktgen-DPDK and are not used.
 *
 * <p><b>Lua dumps</b> ({@code prints("portRates", pktgen.portStats("all", "rate"))} and
 * {@code pktgen.portStats("all", "port")}): blocks of {@code [N] = {} with
 * {@code ["pkts_rx"] = 14880952,} / {@code ["pkts_tx"]} (a rate sample) or
 * {@code ["ipackets"]}, {@code ["opackets"]}, {@code ["ibytes"]}, {@code ["obytes"]}
 * (totals; bytes without CRC).
 *
 * <p><b>Frame size</b>: Pktgen-DPDK displays packet sizes <em>including</em> the CRC
 * ({@code set 0 size 64} sends 64-byte frames), so the {@code Pkt Size} cell is the frame size
 * as is; from Lua totals it is {@code obytes / opackets + 4}.
 *
 * <pre>{@code
 * LogResult r = new PktgenDpdkParser().parse("pktgen-page.txt", LogText.lines(text));
 * }</pre>
 */
final class PktgenDpdkParser implements LogParser {
    /** The tool id. */
    public static final String TOOL = "pktgen-dpdk";

    private static final Pattern ROW = Pattern.compile("^(.*?\\S)\\s+:\\s*(.*)$");
    private static final Pattern PORT_CELL = Pattern.compile(":(\\d+)$");
    private static final Pattern LUA_PORT = Pattern.compile("^\\s*\\[(\\d+)\\]\\s*=\\s*\\{");
    private static final Pattern LUA_FIELD = Pattern.compile("\\[\"(\\w+)\"\\]\\s*=\\s*(-?[0-9]+(?:\\.[0-9]+)?)");
    private static final Pattern LUA_TOP = Pattern.compile("^\\s*[A-Za-z_][\\w.]*\\s*[=:]\\s*\\{\\s*$");
    private static final Pattern RATE_ROW = Pattern.compile("(Pkts/s )?(?:Max/)?(Rx|Tx)");
    private static final Pattern TOTAL_ROW = Pattern.compile("(Total )?(Rx|Tx) Pkts");
    private static final Pattern SIZE = Pattern.compile("(\\d+)");

    @Override
    public String tool() {
        return TOOL;
    }

    @Override
    public boolean detect(List<String> lines) {
        boolean ratesLua = false;
        for (String line : lines) {
            String l = line.strip();
            if (l.startsWith("Pkts/s") || l.startsWith("Flags:Port") || l.startsWith("Port:Flags")
                    || l.contains("<Main Page>")) {
                return true;
            }
            Matcher f = LUA_FIELD.matcher(line);
            if (f.find() && (f.group(1).equals("pkts_rx") || f.group(1).equals("pkts_tx")
                    || f.group(1).equals("opackets") || f.group(1).equals("ipackets"))) {
                ratesLua = true;
            }
        }
        return ratesLua;
    }

    @Override
    public LogResult parse(String source, List<String> lines) {
        Collector c = new Collector();
        List<String> ports = new ArrayList<>();
        String group = "";
        String luaPort = null;
        Map<String, Double> luaFields = new HashMap<>();
        List<HeaderlessRow> headerless = new ArrayList<>();
        boolean headerSeen = false;
        for (String line : lines) {
            Matcher lp = LUA_PORT.matcher(line);
            if (lp.find()) {
                flushLua(c, luaPort, luaFields);
                luaPort = lp.group(1);
                continue;
            }
            if (luaPort != null) {
                Matcher f = LUA_FIELD.matcher(line);
                if (f.find()) {
                    luaFields.put(f.group(1), Double.parseDouble(f.group(2)));
                    continue;
                }
                if (line.strip().startsWith("}") || LUA_TOP.matcher(line).find()) {
                    flushLua(c, luaPort, luaFields);
                    luaPort = null;
                }
                continue;
            }
            Matcher m = ROW.matcher(line);
            if (!m.find()) {
                continue;
            }
            String label = m.group(1).strip().replaceAll("\\s+", " ");
            String[] cells = m.group(2).strip().isEmpty() ? new String[0] : m.group(2).strip().split("\\s+");
            if (label.equals("Flags:Port") || label.equals("Port:Flags")) {
                ports.clear();
                for (String cell : cells) {
                    Matcher pm = PORT_CELL.matcher(cell);
                    if (pm.find()) {
                        ports.add(pm.group(1));
                    }
                }
                group = "";
                headerSeen = true;
                continue;
            }
            Matcher rate = RATE_ROW.matcher(label);
            Matcher total = TOTAL_ROW.matcher(label);
            boolean isRate = rate.matches() && (rate.group(1) != null || "rate".equals(group));
            boolean isTotal = total.matches() && (total.group(1) != null || "total".equals(group));
            group = isRate ? "rate" : isTotal ? "total" : "";
            if (ports.isEmpty()) {
                if (!headerSeen && (isRate || isTotal)) {
                    headerless.add(new HeaderlessRow(isRate, (isRate ? rate.group(2) : total.group(2)).equals("Rx")
                            ? Direction.RX : Direction.TX, cells));
                }
                continue;
            }
            if (isRate) {
                Direction d = rate.group(2).equals("Rx") ? Direction.RX : Direction.TX;
                for (int i = 0; i < ports.size() && i < cells.length; i++) {
                    String cell = cells[i];
                    String current = cell.substring(cell.lastIndexOf('/') + 1);
                    if (current.matches("[0-9,]+")) {
                        c.sample(ports.get(i), d, Collector.NOMINAL_INTERVAL_NANOS, LogText.count(current), Double.NaN, -1);
                    }
                }
            } else if (isTotal) {
                Direction d = total.group(2).equals("Rx") ? Direction.RX : Direction.TX;
                for (int i = 0; i < ports.size() && i < cells.length; i++) {
                    if (cells[i].matches("[0-9,]+")) {
                        c.totals(new PortTotals(ports.get(i), d, LogText.count(cells[i]), -1, -1));
                    }
                }
            } else if (label.startsWith("Pkt Size")) {
                Matcher s = SIZE.matcher(m.group(2));
                if (s.find()) {
                    c.frameSize(Integer.parseInt(s.group(1)));
                }
            }
        }
        flushLua(c, luaPort, luaFields);
        if (c.isEmpty() && !headerless.isEmpty()) {
            headerlessRows(c, headerless);
        }
        if (c.isEmpty()) {
            throw new InputException(source + ": pktgen-dpdk output has no 'Pkts/s' rows under a 'Flags:Port' row and no "
                    + "portStats dump");
        }
        return c.result(source, TOOL);
    }

    private static void flushLua(Collector c, String port, Map<String, Double> f) {
        if (port == null || f.isEmpty()) {
            f.clear();
            return;
        }
        if (f.containsKey("pkts_rx")) {
            c.sample(port, Direction.RX, Collector.NOMINAL_INTERVAL_NANOS, f.get("pkts_rx"), Double.NaN, -1);
        }
        if (f.containsKey("pkts_tx")) {
            c.sample(port, Direction.TX, Collector.NOMINAL_INTERVAL_NANOS, f.get("pkts_tx"), Double.NaN, -1);
        }
        for (Direction d : Direction.values()) {
            String pk = d == Direction.RX ? "ipackets" : "opackets";
            String by = d == Direction.RX ? "ibytes" : "obytes";
            if (f.containsKey(pk)) {
                long packets = f.get(pk).longValue();
                long bytes = f.containsKey(by) ? f.get(by).longValue() : -1;
                c.totals(new PortTotals(port, d, packets, bytes < 0 ? -1 : bytes + LogText.FCS_BYTES * packets, -1));
                if (bytes > 0 && packets > 0) {
                    c.frameEstimate((double) bytes / packets + LogText.FCS_BYTES);
                }
            }
        }
        f.clear();
    }

    /** A rate or total row met before any {@code Flags:Port} row. */
    private record HeaderlessRow(boolean rate, Direction direction, String[] cells) {
    }

    /** Reads rows of a page without its {@code Flags:Port} row; see the class comment for the column rule. */
    private static void headerlessRows(Collector c, List<HeaderlessRow> rows) {
        int columns = 0;
        for (HeaderlessRow r : rows) {
            columns = Math.max(columns, r.cells().length);
        }
        boolean lastIsTotal = columns >= 2;
        for (HeaderlessRow r : rows) {
            if (!r.rate()) {
                continue;
            }
            if (r.cells().length != columns) {
                lastIsTotal = false;
                break;
            }
            long sum = 0;
            for (int i = 0; i < columns - 1; i++) {
                long v = current(r.cells()[i]);
                if (v < 0) {
                    lastIsTotal = false;
                    break;
                }
                sum += v;
            }
            if (current(r.cells()[columns - 1]) != sum) {
                lastIsTotal = false;
            }
        }
        int ports = lastIsTotal ? columns - 1 : columns;
        for (HeaderlessRow r : rows) {
            for (int i = 0; i < ports && i < r.cells().length; i++) {
                long v = r.rate() ? current(r.cells()[i]) : r.cells()[i].matches("[0-9,]+") ? LogText.count(r.cells()[i]) : -1;
                if (v < 0) {
                    continue;
                }
                if (r.rate()) {
                    c.sample(Integer.toString(i), r.direction(), Collector.NOMINAL_INTERVAL_NANOS, v, Double.NaN, -1);
                } else {
                    c.totals(new PortTotals(Integer.toString(i), r.direction(), v, -1, -1));
                }
            }
        }
    }

    /** The current value of a rate cell ({@code max/current} or a plain count), -1 when it is not a number. */
    private static long current(String cell) {
        String current = cell.substring(cell.lastIndexOf('/') + 1);
        return current.matches("[0-9,]+") ? LogText.count(current) : -1;
    }
}
