package org.nfvperf.loadgen;

import java.util.Objects;

/**
 * The cumulative counters a tool prints for one port and direction at the end of a run (or in
 * a statistics block): packets, bytes and the time they took. Immutable and thread-safe.
 *
 * <p>{@code bytes} are frame bytes <em>including</em> the 4-byte FCS (parsers normalise the
 * tool's own convention, see each parser's Javadoc), {@code -1} when the log does not tell;
 * {@code durationNanos} is {@code -1} when the tool does not say how long the run took.
 *
 * <pre>{@code
 * PortTotals t = new PortTotals("0", Direction.TX, 148_809_524, 8_928_571_440L, 10_000_000_000L);
 * double pps = t.pps();   // 14_880_952.4
 * }</pre>
 *
 * @param port          the port's name as the tool prints it
 * @param direction     tx or rx
 * @param packets       packet count, &gt;= 0
 * @param bytes         frame bytes with FCS, &gt;= 0, or -1 when unknown
 * @param durationNanos run duration in ns, &gt; 0, or -1 when unknown
 */
public record PortTotals(String port, Direction direction, long packets, long bytes, long durationNanos) {
    public PortTotals {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(direction, "direction");
        if (packets < 0) {
            throw new IllegalArgumentException("packets must be >= 0: " + packets);
        }
        if (bytes < -1) {
            throw new IllegalArgumentException("bytes must be >= 0 or -1 (unknown): " + bytes);
        }
        if (durationNanos == 0 || durationNanos < -1) {
            throw new IllegalArgumentException("durationNanos must be > 0 or -1 (unknown): " + durationNanos);
        }
    }

    /** Average packets per second over the run, or NaN when the duration is unknown. */
    public double pps() {
        return durationNanos > 0 ? packets * 1e9 / durationNanos : Double.NaN;
    }
}
