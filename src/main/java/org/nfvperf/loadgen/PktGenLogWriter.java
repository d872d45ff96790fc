package org.nfvperf.loadgen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes a generator log in netmap {@code pkt-gen}'s format, for runners that generate traffic
 * themselves (the emulated testbed, the namespace runner) and want the same artifacts as a
 * real pkt-gen run: the one owner of that format next to its parser
 * {@link NetmapPktGenParser}. Not thread-safe: one writer per log.
 *
 * <p>The writer emits pkt-gen's {@code -N} (non-normalised) style so that every count is exact.
 * A TX side of a 64-byte frame (pkt-gen's 60 bytes without CRC), two 1-second reports and the
 * summary:
 * <pre>
 * Sending on veth0: 1 queues, 1 threads and 1 cpus.
 * 001.000000 main_thread [2781] 14880952 pps (14880952 pkts 7142856960 bps in 1000000 usec) 512.00 avg_batch 99999 min_space
 * 002.000000 main_thread [2781] 14880952 pps (14880952 pkts 7142856960 bps in 1000000 usec) 512.00 avg_batch 99999 min_space
 * Sent 29761904 packets 1785714240 bytes 58129 events 60 bytes each in 2.00 seconds.
 * Speed: 14880952 pps Bandwidth: 7142856960 bps (raw 9999999744 bps). Average batch: 512.00 pkts
 * </pre>
 * An RX side is the same with {@code Receiving from veth1:} and {@code Received ...}; when nothing
 * arrived the summary is {@code Received nothing.} as pkt-gen prints it. The frame size is
 * conveyed by the summary's {@code N bytes each}, where N = frame size − 4 (pkt-gen counts
 * bytes without the CRC); the periodic {@code bps} is pkt-gen's default (no {@code -B}):
 * bytes without CRC × 8. The parser reads back frame size, packets, bytes (adding the CRC) and
 * duration exactly (to the summary's 10 ms resolution) and one sample per report line.
 *
 * <pre>{@code
 * try (Writer out = Files.newBufferedWriter(dir.resolve("gen-tx.log"))) {
 *     PktGenLogWriter w = new PktGenLogWriter(out, Direction.TX, "veth0", 64);
 *     w.header();
 *     w.report(1_000_000_000L, 14_880_952);
 *     w.summary(14_880_952, 1_000_000_000L);
 * }
 * }</pre>
 */
public final class PktGenLogWriter {
    private static final int BATCH = 512;
    private final Appendable out;
    private final Direction direction;
    private final String port;
    private final int frameSizeBytes;
    private long clockMicros;

    /**
     * @param out            where lines go (not closed by the writer)
     * @param direction      TX for a sender log, RX for a receiver log
     * @param port           interface name, no white space
     * @param frameSizeBytes frame size with FCS, 64..16384
     */
    public PktGenLogWriter(Appendable out, Direction direction, String port, int frameSizeBytes) {
        this.out = Objects.requireNonNull(out, "out");
        this.direction = Objects.requireNonNull(direction, "direction");
        if (port.isEmpty() || port.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("port must be non-empty without white space: '" + port + "'");
        }
        this.port = port;
        if (frameSizeBytes < 64 || frameSizeBytes > 16384) {
            throw new IllegalArgumentException("frameSizeBytes must be in 64..16384: " + frameSizeBytes);
        }
        this.frameSizeBytes = frameSizeBytes;
    }

    /** Writes the {@code Sending on PORT:} / {@code Receiving from PORT:} line. */
    public void header() {
        line(String.format(Locale.ROOT, "%s %s: 1 queues, 1 threads and 1 cpus.",
                direction == Direction.TX ? "Sending on" : "Receiving from", port));
    }

    /**
     * Writes one periodic report.
     *
     * @param intervalNanos the report's interval, &gt;= 10 ms (pkt-gen skips shorter ones), whole µs are kept
     * @param packets       packets in the interval, &gt;= 0
     */
    public void report(long intervalNanos, long packets) {
        if (intervalNanos < 10_000_000L) {
            throw new IllegalArgumentException("intervalNanos must be >= 10000000 (10 ms): " + intervalNanos);
        }
        if (packets < 0) {
            throw new IllegalArgumentException("packets must be >= 0: " + packets);
        }
        long usec = intervalNanos / 1000;
        clockMicros += usec;
        long pps = (packets * 1_000_000L + usec / 2) / usec;
        double bps = 1e6 * (packets * (double) (frameSizeBytes - LogText.FCS_BYTES) * 8) / usec;
        line(String.format(Locale.ROOT, "%03d.%06d main_thread [2781] %d pps (%d pkts %.0f bps in %d usec) %.2f avg_batch 99999 min_space",
                (clockMicros / 1_000_000L) % 1000, clockMicros % 1_000_000L, pps, packets, bps, usec,
                packets == 0 ? 0.0 : (double) BATCH));
    }

    /**
     * Writes the final summary and speed lines (or {@code Sent/Received nothing.}).
     *
     * @param packets       packets over the run, &gt;= 0
     * @param durationNanos run duration, &gt; 0
     */
    public void summary(long packets, long durationNanos) {
        if (packets < 0) {
            throw new IllegalArgumentException("packets must be >= 0: " + packets);
        }
        if (durationNanos <= 0) {
            throw new IllegalArgumentException("durationNanos must be > 0: " + durationNanos);
        }
        String verb = direction == Direction.TX ? "Sent" : "Received";
        if (packets == 0) {
            line(verb + " nothing.");
            return;
        }
        long bytes = packets * (frameSizeBytes - LogText.FCS_BYTES);
        long events = (packets + BATCH - 1) / BATCH;
        double seconds = durationNanos / 1e9;
        line(String.format(Locale.ROOT, "%s %d packets %d bytes %d events %d bytes each in %.2f seconds.",
                verb, packets, bytes, events, frameSizeBytes - LogText.FCS_BYTES, seconds));
        line(String.format(Locale.ROOT, "Speed: %.0f pps Bandwidth: %.0f bps (raw %.0f bps). Average batch: %.2f pkts",
                packets / seconds, 8.0 * bytes / seconds, (8.0 * bytes + packets * 24 * 8.0) / seconds,
                packets / (double) events));
    }

    private void line(String s) {
        try {
            out.append(s).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
