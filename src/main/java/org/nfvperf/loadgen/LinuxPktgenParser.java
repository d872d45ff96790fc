package org.nfvperf.loadgen;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nfvperf.util.InputException;

/**
 * Parser for the Linux kernel packet generator (tool id {@code linux-pktgen}): the
 * {@code /proc/net/pktgen/<dev>} file after a run, and the output of the kernel's
 * {@code samples/pktgen} scripts, which print {@code Device: <dev>@<thread>} before each
 * device's {@code Result:} block. Stateless and thread-safe.
 *
 * <pre>
 * Params: count 10000000  min_pkt_size: 60  max_pkt_size: 60
 *      frags: 0  delay: 0  clone_skb: 64  ifname: eth0@0
 * ...
 * Result: OK: 6792325(c6791287+d1037) usec, 10000000 (60byte,0frags)
 *   1472254pps 706Mb/sec (706681920bps) errors: 0
 * </pre>
 * Some kernels print {@code nsec} instead of {@code usec}, and a space before {@code Mb/sec};
 * both are read. {@code Result: Idle} or an error result carries no numbers and is skipped.
 *
 * <p><b>Frame size</b>: pktgen's {@code pkt_size} (the {@code 60byte} of the result) excludes
 * the 4-byte FCS, so 60 is a 64-byte frame; the parser adds 4. pktgen only transmits: every
 * device yields TX totals (packets, bytes with FCS, elapsed time) and, when the {@code NNNpps}
 * line follows the result, one rate sample over the elapsed time at the rate pktgen printed.
 * The printed rate is preferred: pktgen computes it from its nanosecond clock, while the
 * elapsed time it prints is truncated to whole microseconds, which for a short run is a large
 * error (1 packet in {@code 19 usec} prints {@code 51762pps}; 1/19 µs would be 52,632 pps).
 * Without a pps line the rate is {@code packets / elapsed}.
 *
 * <p><b>Port</b>: the {@code Device:} line before the result, else the {@code ifname:} of the
 * {@code Params:} block, else {@code "0"}.
 *
 * <pre>{@code
 * LogResult r = new LinuxPktgenParser().parse("pktgen.txt", LogText.lines(text));
 * }</pre>
 */
final class LinuxPktgenParser implements LogParser {
    /** The tool id. */
    public static final String TOOL = "linux-pktgen";

    private static final Pattern RESULT = Pattern.compile(
            "Result: OK: (\\d+)\\(c(\\d+)\\+d(\\d+)\\) (usec|nsec), (\\d+) \\((\\d+)byte,(\\d+)frags\\)");
    private static final Pattern PPS = Pattern.compile("^\\s*(\\d+)pps\\b");
    private static final Pattern DEVICE = Pattern.compile("^\\s*Device: (\\S+)");
    private static final Pattern IFNAME = Pattern.compile("ifname: (\\S+)");
    private static final Pattern PARAMS = Pattern.compile("Params: count \\d+\\s+min_pkt_size: \\d+");

    @Override
    public String tool() {
        return TOOL;
    }

    @Override
    public boolean detect(List<String> lines) {
        return LogText.anyFind(lines, RESULT, PARAMS);
    }

    @Override
    public LogResult parse(String source, List<String> lines) {
        Collector c = new Collector();
        String port = "0";
        int frame = 0;
        long pendingNanos = -1;
        long pendingPackets = -1;
        for (String line : lines) {
            Matcher m = PPS.matcher(line);
            if (pendingNanos > 0 && m.find()) {
                c.sample(port, Direction.TX, pendingNanos, Long.parseLong(m.group(1)), Double.NaN, pendingPackets);
                pendingNanos = -1;
                continue;
            }
            pendingNanos = -1;
            m = DEVICE.matcher(line);
            if (m.find()) {
                port = m.group(1);
                continue;
            }
            if ((m = IFNAME.matcher(line)).find()) {
                port = m.group(1);
                continue;
            }
            if ((m = RESULT.matcher(line)).find()) {
                long elapsed = Long.parseLong(m.group(1));
                long nanos = m.group(4).equals("usec") ? elapsed * 1000 : elapsed;
                long packets = Long.parseLong(m.group(5));
                int size = Integer.parseInt(m.group(6)) + LogText.FCS_BYTES;
                frame = frame == 0 ? size : frame;
                c.totals(new PortTotals(port, Direction.TX, packets, packets * size, nanos > 0 ? nanos : -1));
                pendingNanos = nanos;
                pendingPackets = packets;
            }
        }
        if (c.isEmpty()) {
            throw new InputException(source + ": linux-pktgen output has no 'Result: OK: ...' line (a run that has not "
                    + "finished shows 'Result: Idle')");
        }
        c.frameSize(frame);
        return c.result(source, TOOL);
    }
}
