package org.nfvperf.latency;

/**
 * The probe header that nfvperf's own generators (the netns generator and the emulated testbed)
 * put at the start of the UDP payload, so that {@code --key auto} can identify packets by sequence
 * number. It is 18 bytes, which is exactly the UDP payload of a 64-byte frame (with FCS) over
 * IPv4, so every frame size from 64B up carries it.
 *
 * <pre>
 *  offset  0        4                    10                            18
 *          +--------+--------------------+-----------------------------+
 *          | "NFVP" | sequence (48 bit)  | send timestamp (64 bit, ns) |
 *          +--------+--------------------+-----------------------------+
 *  all fields big-endian; magic = 0x4E465650; sequence is unsigned; the timestamp is
 *  nanoseconds since the epoch on the sender's clock (informative, not used for matching).
 * </pre>
 *
 * <p>Equivalent explicit key: {@code --key seq:4:6}. Stateless and thread-safe.
 *
 * <pre>{@code
 * byte[] payload = new byte[18];
 * ProbeHeader.write(payload, 0, 42L, System.currentTimeMillis() * 1_000_000L);
 * long seq = ProbeHeader.sequence(payload, 0);   // 42
 * }</pre>
 */
public final class ProbeHeader {
    /** "NFVP" as a big-endian int. */
    public static final int MAGIC = 0x4E465650;
    /** Header length in bytes. */
    public static final int LENGTH = 18;
    /** Offset of the 48-bit sequence number from the start of the L4 payload. */
    public static final int SEQUENCE_OFFSET = 4;
    /** Length of the sequence number in bytes. */
    public static final int SEQUENCE_LENGTH = 6;
    /** Offset of the send timestamp from the start of the L4 payload. */
    public static final int TIMESTAMP_OFFSET = 10;
    /** Largest sequence number the header can carry. */
    public static final long MAX_SEQUENCE = (1L << 48) - 1;

    private ProbeHeader() {
    }

    /**
     * Writes a probe header at {@code offset}.
     *
     * @throws IllegalArgumentException if {@code sequence} is outside [0, 2^48-1] or the header
     *                                  does not fit
     */
    public static void write(byte[] buf, int offset, long sequence, long sendTimestampNanos) {
        if (sequence < 0 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("sequence must be in [0, " + MAX_SEQUENCE + "]: " + sequence);
        }
        if (offset < 0 || offset > buf.length - LENGTH) {
            throw new IllegalArgumentException("probe header (" + LENGTH + " bytes) does not fit at offset "
                    + offset + " of a " + buf.length + "-byte buffer");
        }
        putBigEndian(buf, offset, MAGIC & 0xFFFFFFFFL, 4);
        putBigEndian(buf, offset + SEQUENCE_OFFSET, sequence, SEQUENCE_LENGTH);
        putBigEndian(buf, offset + TIMESTAMP_OFFSET, sendTimestampNanos, 8);
    }

    /** True when at least {@link #LENGTH} bytes remain at {@code offset} and they start with the magic. */
    public static boolean isProbe(byte[] buf, int offset, int limit) {
        return offset >= 0 && limit - offset >= LENGTH && limit <= buf.length
                && (int) getBigEndian(buf, offset, 4) == MAGIC;
    }

    /** The sequence number of the header at {@code offset} (no magic check). */
    public static long sequence(byte[] buf, int offset) {
        return getBigEndian(buf, offset + SEQUENCE_OFFSET, SEQUENCE_LENGTH);
    }

    /** The send timestamp in ns of the header at {@code offset} (no magic check). */
    public static long sendTimestampNanos(byte[] buf, int offset) {
        return getBigEndian(buf, offset + TIMESTAMP_OFFSET, 8);
    }

    private static void putBigEndian(byte[] buf, int offset, long value, int length) {
        for (int i = length - 1; i >= 0; i--) {
            buf[offset + i] = (byte) value;
            value >>>= 8;
        }
    }

    private static long getBigEndian(byte[] buf, int offset, int length) {
        long v = 0;
        for (int i = 0; i < length; i++) {
            v = (v << 8) | (buf[offset + i] & 0xFFL);
        }
        return v;
    }
}
