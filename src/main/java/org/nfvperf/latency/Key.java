package org.nfvperf.latency;

import org.nfvperf.util.UsageException;

/**
 * How packets are identified across taps ({@code --key}).
 *
 * <ul>
 *   <li>{@link Sequence} {@code seq:OFFSET[:LEN]}: the unsigned big-endian number of {@code LEN}
 *       bytes (1..8, default 8) at {@code OFFSET} bytes from the start of the UDP/TCP payload;</li>
 *   <li>{@link Hash} {@code hash}: a 64-bit hash of the fields a dataplane does not rewrite (see
 *       {@link KeyExtractor});</li>
 *   <li>{@link Auto} {@code auto}: {@code seq} if the first tap carries the project's probe header
 *       or another evident sequence, else {@code hash} (the rule is in {@link KeyExtractor#detect}).</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Key k = Key.parse("seq:4:6");        // = Key.sequence(4, 6), the probe header's sequence
 * String flag = k.toString();           // "seq:4:6"
 * }</pre>
 */
public sealed interface Key permits Key.Auto, Key.Sequence, Key.Hash {

    /** The default: probe header or evident sequence, else hash. */
    static Key auto() {
        return new Auto();
    }

    /** An 8-byte sequence number at {@code offset} bytes into the L4 payload. */
    static Key sequence(int offset) {
        return new Sequence(offset, 8);
    }

    /** A {@code length}-byte sequence number at {@code offset} bytes into the L4 payload. */
    static Key sequence(int offset, int length) {
        return new Sequence(offset, length);
    }

    /** The hash of the unchanging fields. */
    static Key hash() {
        return new Hash();
    }

    /**
     * Parses {@code auto}, {@code hash}, {@code seq:OFFSET} or {@code seq:OFFSET:LEN}.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    static Key parse(String text) {
        String t = text.trim();
        if (t.equals("auto")) {
            return auto();
        }
        if (t.equals("hash")) {
            return hash();
        }
        if (t.startsWith("seq:")) {
            String[] parts = t.substring(4).split(":", -1);
            if (parts.length == 1 || parts.length == 2) {
                try {
                    int offset = Integer.parseInt(parts[0]);
                    int length = parts.length == 2 ? Integer.parseInt(parts[1]) : 8;
                    return new Sequence(offset, length);
                } catch (NumberFormatException e) {
                    // fall through to the message below
                }
            }
        }
        throw new UsageException("key must be auto, hash, seq:OFFSET or seq:OFFSET:LEN: " + text);
    }

    /** {@code --key auto}. */
    record Auto() implements Key {
        @Override
        public String toString() {
            return "auto";
        }
    }

    /**
     * {@code --key seq:OFFSET:LEN}.
     *
     * @param offset bytes from the start of the UDP/TCP payload, {@code >= 0}
     * @param length bytes of the big-endian unsigned number, 1..8
     */
    record Sequence(int offset, int length) implements Key {
        public Sequence {
            if (offset < 0) {
                throw new UsageException("key offset must be >= 0: " + offset);
            }
            if (length < 1 || length > 8) {
                throw new UsageException("key length must be in [1, 8]: " + length);
            }
        }

        @Override
        public String toString() {
            return "seq:" + offset + ":" + length;
        }
    }

    /** {@code --key hash}. */
    record Hash() implements Key {
        @Override
        public String toString() {
            return "hash";
        }
    }
}
