package org.nfvperf.latency;

import java.io.Closeable;
import java.io.IOException;

/**
 * The packets of one tap as the matcher sees them: a cursor over (timestamp in ns, 64-bit
 * identity) in capture order. Packets that carry no identity under the chosen key (ARP, a TCP
 * segment without payload, ...) are skipped by the stream and only counted.
 *
 * <p>{@link #next()} allocates nothing in the implementations of this package. Not thread-safe.
 *
 * <pre>{@code
 * TapStream s = TapStream.of(new long[] {100, 200}, new long[] {7, 8});
 * while (s.next()) System.out.println(s.timestampNanos() + " " + s.key());
 * }</pre>
 */
public interface TapStream extends Closeable {
    /**
     * Moves to the next packet that has an identity.
     *
     * @return false at the end
     * @throws org.nfvperf.util.InputException if the input is unusable at this point
     */
    boolean next() throws IOException;

    /** Timestamp of the current packet, ns since the epoch, before any clock offset. */
    long timestampNanos();

    /** Identity of the current packet. */
    long key();

    /** Packets read so far, with and without identity. */
    long packets();

    /** Packets read so far that had no identity under the key. */
    default long skipped() {
        return 0;
    }

    @Override
    default void close() throws IOException {
    }

    /** An in-memory stream (for tests and for generators that know their packets). */
    static TapStream of(long[] timestampsNanos, long[] keys) {
        if (timestampsNanos.length != keys.length) {
            throw new IllegalArgumentException("keys must have as many elements as timestamps ("
                    + timestampsNanos.length + "): " + keys.length);
        }
        long[] ts = timestampsNanos.clone();
        long[] ks = keys.clone();
        return new TapStream() {
            private int i = -1;

            @Override
            public boolean next() {
                if (i + 1 >= ts.length) {
                    i = ts.length;
                    return false;
                }
                i++;
                return true;
            }

            @Override
            public long timestampNanos() {
                return ts[i];
            }

            @Override
            public long key() {
                return ks[i];
            }

            @Override
            public long packets() {
                return Math.min(i + 1, ts.length);
            }
        };
    }
}
