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
 * <p>Equivalent explicit key: {@code --key seq:4:6}.
 *
 * <p><b>Residue-coded variant</b> ("NFVR", 0x4E465652), written by generators that cannot carry a
 * multi-byte counter, such as trafgen, whose runtime counters ({@code dinc}) are single bytes that
 * all step once per packet: the six sequence bytes are the packet's number modulo the pairwise
 * coprime moduli {@link #RESIDUE_MODULI} (241, 247, 251, 253, 255, 256), one residue per byte. By the
 * Chinese remainder theorem they determine the number modulo their product
 * {@link #RESIDUE_PERIOD} (about 2.5e14), which {@link #residueSequence} recovers, so that
 * sequence order, reordering and identity work as with "NFVP". The timestamp field is zero.
 *
 * <p>Stateless and thread-safe.
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
    /** "NFVR" as a big-endian int: the residue-coded variant. */
    public static final int RESIDUE_MAGIC = 0x4E465652;
    /** The moduli of the residue-coded sequence bytes, in byte order (pairwise coprime). */
    private static final int[] MODULI = {241, 247, 251, 253, 255, 256};
    /** The moduli of the residue-coded sequence bytes, in byte order (pairwise coprime). */
    public static final java.util.List<Integer> RESIDUE_MODULI = java.util.Arrays.stream(MODULI).boxed().toList();
    /** Product of {@link #RESIDUE_MODULI}: residue-coded sequences repeat after this many packets. */
    public static final long RESIDUE_PERIOD;
    /** Per byte: the CRT basis element, {@code 1 mod m_i} and {@code 0 mod} every other modulus. */
    private static final long[] BASIS = new long[MODULI.length];

    static {
        long period = 1;
        for (int m : MODULI) {
            period *= m;
        }
        RESIDUE_PERIOD = period;
        java.math.BigInteger big = java.math.BigInteger.valueOf(period);
        for (int i = 0; i < MODULI.length; i++) {
            java.math.BigInteger m = java.math.BigInteger.valueOf(MODULI[i]);
            java.math.BigInteger rest = big.divide(m);
            BASIS[i] = rest.multiply(rest.modInverse(m)).mod(big).longValueExact();
        }
    }

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

    /** True when at least {@link #LENGTH} bytes remain at {@code offset} and they start with either magic. */
    public static boolean isProbe(byte[] buf, int offset, int limit) {
        if (offset < 0 || limit - offset < LENGTH || limit > buf.length) {
            return false;
        }
        int magic = (int) getBigEndian(buf, offset, 4);
        return magic == MAGIC || magic == RESIDUE_MAGIC;
    }

    /** The sequence number of the header at {@code offset}, plain or residue-coded by its magic (which must be one of the two). */
    public static long anySequence(byte[] buf, int offset) {
        return (int) getBigEndian(buf, offset, 4) == RESIDUE_MAGIC ? residueSequence(buf, offset) : sequence(buf, offset);
    }

    /** The sequence number of the header at {@code offset} (no magic check). */
    public static long sequence(byte[] buf, int offset) {
        return getBigEndian(buf, offset + SEQUENCE_OFFSET, SEQUENCE_LENGTH);
    }

    /**
     * The sequence number of a residue-coded header ("NFVR") whose six sequence bytes start at
     * {@code at} in {@code b} (absolute index, no magic check): the number in [0,
     * {@link #RESIDUE_PERIOD}) congruent to byte {@code i} modulo {@code RESIDUE_MODULI[i]} for every
     * {@code i}. A byte at or above its modulus (not written by a residue coder) is taken modulo it.
     * Allocation-free.
     */
    public static long residueSequence(java.nio.ByteBuffer b, int at) {
        long x = 0;
        for (int i = 0; i < MODULI.length; i++) {
            x += term(b.get(at + i), i);
        }
        return x % RESIDUE_PERIOD;
    }

    /** As {@link #residueSequence(java.nio.ByteBuffer, int)} for the header at {@code offset} of a byte array. */
    public static long residueSequence(byte[] buf, int offset) {
        long x = 0;
        for (int i = 0; i < MODULI.length; i++) {
            x += term(buf[offset + SEQUENCE_OFFSET + i], i);
        }
        return x % RESIDUE_PERIOD;
    }

    /** Byte {@code i}'s part of the CRT sum: BASIS[i] < 2.5e14 and the residue < 256, so six terms stay below 2^63. */
    private static long term(byte residue, int i) {
        return (residue & 0xFF) % MODULI[i] * BASIS[i];
    }

    /** The residue-coded sequence bytes of packet number {@code n} (inverse of {@link #residueSequence}). */
    public static byte[] residues(long n) {
        if (n < 0 || n >= RESIDUE_PERIOD) {
            throw new IllegalArgumentException("n must be in [0, " + RESIDUE_PERIOD + "): " + n);
        }
        byte[] r = new byte[MODULI.length];
        for (int i = 0; i < MODULI.length; i++) {
            r[i] = (byte) (n % MODULI[i]);
        }
        return r;
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
