package org.nfvperf.testbed.netns;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a generator or receiver log in the text format of netmap's {@code pkt-gen}, so that the
 * {@code loadgen} parsers read the netns generator exactly like the real tool: per-interval lines
 * from {@code main_thread} and the closing {@code Sent}/{@code Received} summary.
 *
 * <pre>
 * 431.502113 main [2326] interface is gen
 * 432.502201 main_thread [2639] 20.000 Kpps (20.001 Kpkts 19.841 Mbps in 1000058 usec) 1.00 avg_batch 0 min_space
 * Sent 40000 packets 4960000 bytes 40000 events 124 bytes each in 2.00 seconds.
 * Speed: 20.000 Kpps Bandwidth: 19.840 Mbps (raw 19.840 Mbps). Average batch: 1.00 pkts
 * </pre>
 *
 * <p>Byte counts exclude the 4-byte FCS, as pkt-gen's {@code -l} does: a 128B frame is logged as
 * 124 bytes. Lines are written once per interval, never per packet. Not thread-safe: one writer per
 * sending or receiving thread.
 *
 * <pre>{@code
 * try (PktGenLog log = new PktGenLog(dir.resolve("gen-tx.log"))) {
 *     log.info("main", "interface is gen");
 *     log.interval(nowEpochNanos, packets, bytes, 1_000_058L);
 *     log.summary("Sent", packets, bytes, 2.0);
 * }
 * }</pre>
 */
public final class PktGenLog implements Closeable {
    private static final String[] UNITS = {"", "K", "M", "G", "T"};
    private final BufferedWriter out;

    /** Creates (or truncates) {@code file}. */
    public PktGenLog(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
    }

    /** A {@code D()}-style line: {@code sss.uuuuuu function [line] text}. */
    public void info(String function, String text) throws IOException {
        line(System.currentTimeMillis() * 1_000_000L, function, 2326, text);
    }

    /**
     * One report interval of {@code intervalMicros} in which {@code packets} packets of
     * {@code bytes} bytes (without FCS) went out or came in.
     */
    public void interval(long nowEpochNanos, long packets, long bytes, long intervalMicros) throws IOException {
        if (intervalMicros <= 0) {
            throw new IllegalArgumentException("intervalMicros must be > 0: " + intervalMicros);
        }
        long pps = (packets * 1_000_000L + intervalMicros / 2) / intervalMicros;
        line(nowEpochNanos, "main_thread", 2639, norm(pps) + "pps (" + norm(packets) + "pkts " + norm(bytes * 8.0)
                + "bps in " + intervalMicros + " usec) " + String.format(Locale.ROOT, "%.2f", packets > 0 ? 1.0 : 0.0)
                + " avg_batch 0 min_space");
        out.flush();
    }

    /**
     * The closing summary, {@code verb} being {@code Sent} or {@code Received}.
     *
     * @param seconds time between the first and the last packet, as pkt-gen measures it
     */
    public void summary(String verb, long packets, long bytes, double seconds) throws IOException {
        if (packets == 0) {
            out.write(verb + " nothing.\n");
            out.flush();
            return;
        }
        long size = bytes / packets;
        out.write(String.format(Locale.ROOT, "%s %d packets %d bytes %d events %d bytes each in %.2f seconds.%n",
                verb, packets, bytes, packets, size, seconds));
        double delta = seconds == 0 ? 1e-6 : seconds;
        double bw = 8.0 * bytes / delta;
        out.write("Speed: " + norm(packets / delta) + "pps Bandwidth: " + norm(bw) + "bps (raw " + norm(bw)
                + "bps). Average batch: 1.00 pkts\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void line(long epochNanos, String function, int lineNo, String text) throws IOException {
        long micros = epochNanos / 1000;
        out.write(String.format(Locale.ROOT, "%03d.%06d %s [%d] %s%n", (micros / 1_000_000) % 1000,
                micros % 1_000_000, function, lineNo, text));
    }

    /** pkt-gen's {@code norm()}: three decimals and a K/M/G/T prefix, e.g. {@code "20.000 K"}. */
    static String norm(double value) {
        int i = 0;
        while (value >= 1000 && i < UNITS.length - 1) {
            value /= 1000;
            i++;
        }
        return String.format(Locale.ROOT, "%.3f %s", value, UNITS[i]);
    }
}
