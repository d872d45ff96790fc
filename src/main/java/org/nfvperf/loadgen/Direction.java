package org.nfvperf.loadgen;

/**
 * Which way packets go from the point of view of the port that reports them: {@link #TX}
 * leaves the port (sent), {@link #RX} arrives at it (received). Thread-safe (an enum).
 *
 * <pre>{@code
 * Direction d = Direction.parse("rx");   // Direction.RX
 * }</pre>
 */
public enum Direction {
    /** Packets sent by the port. */
    TX,
    /** Packets received by the port. */
    RX;

    /** The lower-case id used in tables and JSON: {@code tx} or {@code rx}. */
    public String id() {
        return this == TX ? "tx" : "rx";
    }

    /**
     * Parses {@code tx}/{@code rx} in any case.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Direction parse(String text) {
        if ("tx".equalsIgnoreCase(text)) {
            return TX;
        }
        if ("rx".equalsIgnoreCase(text)) {
            return RX;
        }
        throw new IllegalArgumentException("direction must be tx or rx: " + text);
    }
}
