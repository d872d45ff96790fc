package org.nfvperf.latency;

import java.io.IOException;

/**
 * Receives every packet of a latency analysis once its fate is known: matched at the last tap, lost
 * (not seen at the next tap within the window), truncated (still pending when a capture ended too
 * early to decide), or seen downstream only. {@code ts[i]} is the packet's timestamp at tap {@code i}
 * in ns (clock offsets applied), {@link Long#MIN_VALUE} where it was not seen; the array is reused
 * for the next call, so copy what you keep. Called by the analysis thread only; implementations
 * need not be thread-safe.
 *
 * <pre>{@code
 * LatencyAnalysis.builder().tap("a", pa).tap("b", pb)
 *         .perPacket((taps, sequenceKeys) -> new MySink(taps)).run();
 * }</pre>
 */
public interface PacketSink extends AutoCloseable {
    /** Timestamp of a tap that a packet was not seen at. */
    long UNSEEN = Long.MIN_VALUE;

    /** A packet whose fate is decided (matched, lost, or seen downstream only). */
    void packet(long key, long[] ts) throws IOException;

    /** A packet still pending at the first unseen tap when that tap's capture ended too early to decide. */
    default void truncated(long key, long[] ts) throws IOException {
        packet(key, ts);
    }

    /** Called once after the last packet, also when the analysis failed (nothing to do by default). */
    @Override
    default void close() throws IOException {
    }

    /** Opens a sink once the analysis knows its taps (path order) and whether keys are sequence numbers. */
    @FunctionalInterface
    interface Factory {
        PacketSink open(java.util.List<String> taps, boolean sequenceKeys) throws IOException;
    }
}
