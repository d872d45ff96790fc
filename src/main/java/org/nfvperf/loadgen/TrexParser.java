package org.nfvperf.loadgen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.nfvperf.util.InputException;
import org.nfvperf.util.Json;

/**
 * Parser for Cisco TRex statistics (tool id {@code trex}): JSON-RPC responses of
 * {@code get_port_stats} (as the console prints them with {@code --verbose}, or as captured),
 * the dictionaries its Python API returns, printed by Python ({@code print(c.get_stats())},
 * {@code pprint}), including the latency section, and the console's {@code stats} table
 * ({@code port | 0 | 1 | total}, {@code Tx pps | 14.88 Mpps | ...}, {@code opackets | ...}).
 * Stateless and thread-safe.
 *
 * <pre>
 * {"id": "ufdwqf7v", "jsonrpc": "2.0", "result": {"ibytes": 0, "ipackets": 0, "m_total_tx_pps": 14880952.0,
 *  "m_total_tx_bps": 7619047424.0, "obytes": 9523809536, "opackets": 148809524, ...}}
 * {0: {'opackets': 148809524, 'ipackets': 0, 'obytes': 9523809536, 'ibytes': 0, 'tx_pps': 14880952.0,
 *      'tx_bps': 7619047424.0, 'tx_bps_L1': 9999999488.0, 'rx_pps': 0.0, ...},
 *  1: {...}, 'total': {...}, 'global': {...},
 *  'latency': {7: {'latency': {'average': 9.5, 'total_max': 31, 'total_min': 6,
 *                              'histogram': {9: 1400, 10: 3200, 20: 400}, 'hdrh': 'HISTFAAAA...'}, ...}}}
 * </pre>
 * Every object found (a JSON or Python literal starting with <code>{</code>) is read; other text
 * is ignored. Python literals are converted ({@code 'x'} strings, {@code True/False/None},
 * {@code nan/inf}, integer keys, Python 2 {@code L} suffixes). Each printed object is one rate
 * sample per port (nominal 1 s apart) and replaces the port's totals. A JSON-RPC response takes
 * its port from the {@code port_id} of the request printed before it, else {@code 0}.
 *
 * <p><b>Units</b>: TRex counts bytes with the 4-byte CRC ({@code tx_bps_L1} adds only the 20
 * bytes of preamble and gap), so {@code obytes / opackets} is the frame size and {@code tx_bps}
 * is layer 2 as DESIGN.md defines it. Latency is in microseconds: a {@code histogram} bucket
 * {@code 10: 3200} is 3200 packets at 10 to 19 µs, kept as 10 000 ns; an {@code hdrh} string (a
 * base64, compressed HdrHistogram) is preferred when present, with its values in µs.
 *
 * <pre>{@code
 * LogResult r = new TrexParser().parse("trex-stats.txt", LogText.lines(text));
 * }</pre>
 */
final class TrexParser implements LogParser {
    /** The tool id. */
    public static final String TOOL = "trex";

    private static final Pattern SIGNATURE = Pattern.compile("['\"](opackets|m_total_tx_pps|tx_pps|hdrh)['\"]");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\s*(port|Tx pps|Rx pps|Tx bps L2|Rx bps|opackets|ipackets|obytes|ibytes)\\s*\\|(.*)$");
    private static final Pattern TABLE_SIGNATURE = Pattern.compile("^\\s*opackets\\s*\\|");
    private static final Pattern TABLE_VALUE = Pattern.compile("^" + LogText.NUM + "\\s*" + LogText.SI + "(?:pps|bps)?$");
    private static final Pattern PORT_ID = Pattern.compile("['\"]port_id['\"]\\s*:\\s*(\\d+)");

    @Override
    public String tool() {
        return TOOL;
    }

    @Override
    public boolean detect(List<String> lines) {
        return LogText.anyFind(lines, SIGNATURE, TABLE_SIGNATURE);
    }

    @Override
    public LogResult parse(String source, List<String> lines) {
        String text = String.join("\n", lines);
        Collector c = new Collector();
        consoleTables(lines, c);
        String rpcPort = "0";
        int objects = 0;
        int from = 0;
        while (true) {
            int start = text.indexOf('{', from);
            if (start < 0) {
                break;
            }
            int end = matchingBrace(text, start);
            if (end < 0) {
                break;
            }
            String literal = text.substring(start, end + 1);
            Matcher pid = PORT_ID.matcher(text.substring(from, start));
            while (pid.find()) {
                rpcPort = pid.group(1);
            }
            JsonNode node = read(literal);
            if (node == null || !node.isObject()) {
                from = start + 1;
                continue;
            }
            objects++;
            if (node.has("method") && node.path("params").has("port_id")) {
                rpcPort = node.path("params").path("port_id").asText();
            } else if (node.has("result") && node.get("result").isObject()) {
                port(c, rpcPort, node.get("result"));
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getKey().matches("\\d+") && e.getValue().isObject()) {
                        port(c, e.getKey(), e.getValue());
                    }
                }
                if (isPortStats(node)) {
                    port(c, "0", node);
                }
                latency(source, c, node.path("latency"));
            }
            from = end + 1;
        }
        if (c.isEmpty()) {
            throw new InputException(source + ": trex output has " + objects + " readable objects but no port counters "
                    + "('opackets'/'ipackets') and no latency histogram");
        }
        return c.result(source, TOOL);
    }

    /**
     * The {@code stats} table of the TRex console: a {@code port | 0 | 1 | total} header, then
     * rows such as {@code Tx pps | 14.88 Mpps | 0.00 pps | 14.88 Mpps} and
     * {@code opackets | 148809524 | 0 | 148809524}; the {@code total} column is skipped.
     */
    private static void consoleTables(List<String> lines, Collector c) {
        List<String> ports = List.of();
        Map<String, String[]> rows = new java.util.HashMap<>();
        for (String line : lines) {
            Matcher m = TABLE_ROW.matcher(line);
            if (!m.find()) {
                continue;
            }
            String[] cells = m.group(2).split("\\|", -1);
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cells[i].strip();
            }
            if (m.group(1).equals("port")) {
                tableFlush(c, ports, rows);
                ports = java.util.Arrays.stream(cells).filter(x -> x.matches("\\d+")).toList();
            } else {
                rows.put(m.group(1), cells);
            }
        }
        tableFlush(c, ports, rows);
    }

    private static void tableFlush(Collector c, List<String> ports, Map<String, String[]> rows) {
        for (int i = 0; i < ports.size(); i++) {
            for (Direction d : Direction.values()) {
                boolean tx = d == Direction.TX;
                double pps = tableValue(rows.get(tx ? "Tx pps" : "Rx pps"), i);
                if (!Double.isNaN(pps)) {
                    c.sample(ports.get(i), d, Collector.NOMINAL_INTERVAL_NANOS, pps,
                            tableValue(rows.get(tx ? "Tx bps L2" : "Rx bps"), i), -1);
                }
                double packets = tableValue(rows.get(tx ? "opackets" : "ipackets"), i);
                double bytes = tableValue(rows.get(tx ? "obytes" : "ibytes"), i);
                if (!Double.isNaN(packets)) {
                    c.totals(new PortTotals(ports.get(i), d, (long) packets, Double.isNaN(bytes) ? -1 : (long) bytes, -1));
                    if (packets > 0 && bytes > 0) {
                        c.frameEstimate(bytes / packets);
                    }
                }
            }
        }
        rows.clear();
    }

    private static double tableValue(String[] cells, int i) {
        if (cells == null || i >= cells.length) {
            return Double.NaN;
        }
        Matcher m = TABLE_VALUE.matcher(cells[i]);
        return m.matches() ? LogText.scaled(m.group(1), m.group(2)) : Double.NaN;
    }

    private static boolean isPortStats(JsonNode n) {
        return n.has("opackets") || n.has("ipackets");
    }

    private static void port(Collector c, String port, JsonNode n) {
        if (!isPortStats(n) && !n.has("tx_pps") && !n.has("m_total_tx_pps")) {
            return;
        }
        for (Direction d : Direction.values()) {
            String x = d == Direction.TX ? "tx" : "rx";
            JsonNode pps = n.has(x + "_pps") ? n.get(x + "_pps") : n.get("m_total_" + x + "_pps");
            JsonNode bps = n.has(x + "_bps") ? n.get(x + "_bps") : n.get("m_total_" + x + "_bps");
            if (pps != null && pps.isNumber()) {
                c.sample(port, d, Collector.NOMINAL_INTERVAL_NANOS, pps.asDouble(),
                        bps != null && bps.isNumber() ? bps.asDouble() : Double.NaN, -1);
            }
            JsonNode packets = n.get(d == Direction.TX ? "opackets" : "ipackets");
            JsonNode bytes = n.get(d == Direction.TX ? "obytes" : "ibytes");
            if (packets != null && packets.canConvertToLong()) {
                long p = packets.asLong();
                long b = bytes != null && bytes.canConvertToLong() ? bytes.asLong() : -1;
                c.totals(new PortTotals(port, d, p, b, -1));
                if (p > 0 && b > 0) {
                    c.frameEstimate((double) b / p);
                }
            }
        }
    }

    private static void latency(String source, Collector c, JsonNode latency) {
        for (Iterator<Map.Entry<String, JsonNode>> it = latency.fields(); it.hasNext(); ) {
            JsonNode stream = it.next().getValue().path("latency");
            JsonNode hdrh = stream.path("hdrh");
            if (hdrh.isTextual() && !hdrh.asText().isEmpty()) {
                Histogram h = decode(source, hdrh.asText());
                for (HistogramIterationValue v : h.recordedValues()) {
                    c.latency(new LatencyBucket(h.medianEquivalentValue(v.getValueIteratedTo()) * 1000, v.getCountAtValueIteratedTo()));
                }
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> b = stream.path("histogram").fields(); b.hasNext(); ) {
                Map.Entry<String, JsonNode> bucket = b.next();
                c.latency(new LatencyBucket(Math.round(Double.parseDouble(bucket.getKey()) * 1000), bucket.getValue().asLong()));
            }
        }
    }

    private static Histogram decode(String source, String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new InputException(source + ": trex 'hdrh' is not a base64 compressed HdrHistogram: " + e.getMessage(), e);
        }
    }

    /** Index of the brace closing the one at {@code start}, skipping quoted strings; -1 if none. */
    static int matchingBrace(String s, int start) {
        int depth = 0;
        char quote = 0;
        for (int i = start; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quote != 0) {
                if (ch == '\\') {
                    i++;
                } else if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
            } else if (ch == '{') {
                depth++;
            } else if (ch == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Reads a JSON or Python literal; null when it is neither. */
    static JsonNode read(String literal) {
        try {
            return Json.MAPPER.readTree(literal);
        } catch (JsonProcessingException e) {
            try {
                return Json.MAPPER.readTree(pythonToJson(literal));
            } catch (JsonProcessingException e2) {
                return null;
            }
        }
    }

    /**
     * Converts a Python literal (dict/list/str/int/float/bool/None) to JSON text: strings to
     * double quotes, non-string keys quoted, {@code True/False/None}, {@code nan}/{@code inf}
     * to {@code null}, Python 2 long suffixes dropped.
     */
    static String pythonToJson(String py) {
        StringBuilder out = new StringBuilder(py.length() + 16);
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < py.length(); i++) {
            char ch = py.charAt(i);
            if (ch == '\'' || ch == '"') {
                out.append(convertPlain(plain));
                plain.setLength(0);
                StringBuilder str = new StringBuilder();
                int j = i + 1;
                while (j < py.length() && py.charAt(j) != ch) {
                    char x = py.charAt(j);
                    if (x == '\\' && j + 1 < py.length()) {
                        char next = py.charAt(j + 1);
                        str.append(next == '\'' ? "'" : "\\" + next);
                        j += 2;
                        continue;
                    }
                    str.append(x == '"' ? "\\\"" : String.valueOf(x));
                    j++;
                }
                out.append('"').append(str).append('"');
                i = j;
            } else {
                plain.append(ch);
            }
        }
        out.append(convertPlain(plain));
        return out.toString();
    }

    private static String convertPlain(CharSequence s) {
        String t = s.toString();
        t = t.replaceAll("\\bTrue\\b", "true").replaceAll("\\bFalse\\b", "false").replaceAll("\\bNone\\b", "null");
        t = t.replaceAll("-?\\b(nan|inf)\\b", "null");
        t = t.replaceAll("(\\d)L\\b", "$1");
        t = t.replaceAll("([{,]\\s*)(-?\\d+(?:\\.\\d+)?)(\\s*:)", "$1\"$2\"$3");
        return t;
    }
}
