package org.nfvperf.loadgen;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nfvperf.util.InputException;

/**
 * Parser for the closing summary of netsniff-ng's {@code trafgen} (tool id {@code trafgen}), the
 * PF_PACKET generator the netns runner uses. trafgen only transmits and prints totals when it ends
 * (after {@code -n} packets or on SIGINT), one line per CPU it sent from:
 * <pre>
 *      1 packets to schedule
 *     74 bytes in total
 * Running! Hang up with ^C!
 *
 *         400000 packets outgoing
 *       29600000 bytes outgoing
 *              2 sec, 421 usec on CPU0 (400000 packets)
 * </pre>
 * <b>Frame size</b>: trafgen's bytes exclude the 4-byte FCS; when every packet has the same size
 * ({@code bytes} divisible by {@code packets}) the frame size is {@code bytes / packets + 4}, else it is
 * left unknown (mixed templates). <b>Duration</b>: the longest per-CPU sending time (the CPUs send in
 * parallel). The log yields TX totals for port {@code 0} and one rate sample, packets over that
 * duration. Stateless and thread-safe.
 *
 * <pre>{@code
 * LogResult r = new TrafgenParser().parse("gen-tx.log", LogText.lines(text));
 * }</pre>
 */
public final class TrafgenParser implements LogParser {
    /** The tool id. */
    public static final String TOOL = "trafgen";

    private static final Pattern PACKETS = Pattern.compile("^\\s*(\\d+) packets outgoing\\s*$");
    private static final Pattern BYTES = Pattern.compile("^\\s*(\\d+) bytes outgoing\\s*$");
    private static final Pattern CPU = Pattern.compile("^\\s*(\\d+) sec, (\\d+) usec on CPU(\\d+) \\((\\d+) packets\\)\\s*$");

    @Override
    public String tool() {
        return TOOL;
    }

    @Override
    public boolean detect(List<String> lines) {
        boolean packets = false;
        boolean cpu = false;
        for (String line : lines) {
            packets |= PACKETS.matcher(line).find();
            cpu |= CPU.matcher(line).find();
        }
        return packets && cpu;
    }

    @Override
    public LogResult parse(String source, List<String> lines) {
        long packets = -1;
        long bytes = -1;
        long nanos = 0;
        long cpuPackets = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = PACKETS.matcher(line);
            if (m.find()) {
                packets = Long.parseLong(m.group(1));
                continue;
            }
            if ((m = BYTES.matcher(line)).find()) {
                bytes = Long.parseLong(m.group(1));
                continue;
            }
            if ((m = CPU.matcher(line)).find()) {
                long usec = Long.parseLong(m.group(2));
                if (usec >= 1_000_000) {
                    throw new InputException(source + ":" + (i + 1) + ": trafgen log: " + usec
                            + " usec is not a fraction of a second (expected 0..999999)");
                }
                nanos = Math.max(nanos, Math.addExact(Math.multiplyExact(Long.parseLong(m.group(1)), 1_000_000_000L),
                        usec * 1000));
                cpuPackets = Math.addExact(cpuPackets, Long.parseLong(m.group(4)));
            }
        }
        if (packets < 0) {
            throw new InputException(source + ": trafgen log has no 'N packets outgoing' line (a run that has not ended"
                    + " prints no totals)");
        }
        if (cpuPackets != packets) {
            throw new InputException(source + ": trafgen log: the per-CPU lines count " + cpuPackets
                    + " packets but the total says " + packets);
        }
        Collector c = new Collector();
        int frame = packets > 0 && bytes > 0 && bytes % packets == 0 ? (int) Math.min(Integer.MAX_VALUE,
                bytes / packets + LogText.FCS_BYTES) : 0;
        long wireBytes = bytes < 0 ? -1 : Math.addExact(bytes, Math.multiplyExact(packets, LogText.FCS_BYTES));
        c.totals(new PortTotals("0", Direction.TX, packets, wireBytes, nanos > 0 ? nanos : -1));
        if (nanos > 0) {
            c.sample("0", Direction.TX, nanos, packets * 1e9 / nanos, Double.NaN, packets);
        }
        c.frameSize(frame);
        return c.result(source, TOOL);
    }
}
