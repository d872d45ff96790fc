package org.nfvperf.capture;

import java.nio.ByteOrder;

/**
 * Reader of classic pcap files.
 *
 * <pre>
 * file header (24 bytes)                       record (16 bytes + data; 24 + data for Kuznetzov)
 * +-------+-----+-----+------+-----+-------+------+    +--------+---------+--------+---------+------+
 * | magic | maj | min | zone | sig | snap  | link |    | ts sec | ts frac | caplen | origlen | data |
 * +-------+-----+-----+------+-----+-------+------+    +--------+---------+--------+---------+------+
 *   a1b2c3d4 µs, a1b23c4d ns, a1b2cd34 Kuznetzov;       link = FCS len(4) R P reserved(10) type(16)
 *   stored in the writer's byte order
 * </pre>
 * Not thread-safe.
 */
final class PcapReader extends CaptureReader {
    private static final int MAGIC_MICROS = 0xa1b2c3d4;
    private static final int MAGIC_NANOS = 0xa1b23c4d;
    private static final int MAGIC_KUZNETZOV = 0xa1b2cd34;
    /** libpcap's largest snapshot length; records may be longer only if the header says so. */
    private static final int STANDARD_MAX_SNAPLEN = 262144;

    private final int recordHeaderBytes;
    private final long fracToNanos;
    private final int maxCapturedBytes;
    private final int fileLinkType;
    /** First invalid fraction of a second: 10^6 for µs, 10^9 for ns files. */
    private final long fractionLimit;
    private long badFractions;
    /** The record header's 32-bit fields in little-endian order: the first of a pair is the low half of a long. */
    private final boolean littleEndian;

    static boolean isMagic(int m) {
        return m == MAGIC_MICROS || m == MAGIC_NANOS || m == MAGIC_KUZNETZOV || m == Integer.reverseBytes(MAGIC_MICROS)
                || m == Integer.reverseBytes(MAGIC_NANOS) || m == Integer.reverseBytes(MAGIC_KUZNETZOV);
    }

    PcapReader(String file, ByteSource src, boolean compressed, int magicBigEndian) {
        super(file, src, compressed);
        boolean swapped = !(magicBigEndian == MAGIC_MICROS || magicBigEndian == MAGIC_NANOS
                || magicBigEndian == MAGIC_KUZNETZOV);
        int magic = swapped ? Integer.reverseBytes(magicBigEndian) : magicBigEndian;
        setOrder(swapped ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        littleEndian = swapped;
        int n = ensure(0, 24);
        if (n < 24) {
            throw new MalformedCaptureException(file, 0, -1, "a 24-byte pcap file header", n + " bytes");
        }
        int base = rel(0);
        int major = hdr.getShort(base + 4) & 0xFFFF;
        int minor = hdr.getShort(base + 6) & 0xFFFF;
        if (major != 2) {
            throw new MalformedCaptureException(file, 0, -1, "pcap version 2.x", "version " + major + "." + minor);
        }
        long snap = hdr.getInt(base + 16) & 0xFFFFFFFFL;
        int linkField = hdr.getInt(base + 20);
        fileLinkType = linkField & 0xFFFF;
        int fcsBytes = (linkField & 0x04000000) != 0 ? ((linkField >>> 28) & 0xF) * 2 : -1;
        boolean nanos = magic == MAGIC_NANOS;
        recordHeaderBytes = magic == MAGIC_KUZNETZOV ? 24 : 16;
        fracToNanos = nanos ? 1 : 1000;
        fractionLimit = nanos ? 1_000_000_000L : 1_000_000L;
        maxCapturedBytes = (int) Math.min(MAX_RECORD_BYTES, Math.max(STANDARD_MAX_SNAPLEN, snap));
        interfaces.add(new CaptureInterface(0, 0, 0, fileLinkType, snap, "", "", nanos ? 9 : 6, 0, fcsBytes));
        linkType = fileLinkType;
        nextPos = 24;
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.PCAP;
    }

    /**
     * Bytes before the end of a window from which records take {@link #nextCarefully()}: the
     * record header plus a 64 KiB frame. One test decides between the two paths, and it is passed
     * near the end of every window (the first window is short, see {@link ByteSource.Mapped}), so
     * the JIT compiles both from the start instead of meeting the careful path in the middle of a
     * large file and recompiling the loop.
     */
    private static final int CAREFUL_MARGIN = 24 + (1 << 16);

    @Override
    boolean advance() {
        final long pos = nextPos;
        final int r = (int) (pos - wStart);
        if (done || pos < wStart || r > wLimit - CAREFUL_MARGIN) {
            return nextCarefully();
        }
        final int hb = recordHeaderBytes;
        // each pair of 32-bit fields in one read: (seconds, fraction) and (captured, wire length)
        long lengths = hdr.getLong(r + 8);
        long time = hdr.getLong(r);
        int cap = (int) (littleEndian ? lengths : lengths >>> 32);
        int wire = (int) (littleEndian ? lengths >>> 32 : lengths);
        if (cap < 0 || cap > CAREFUL_MARGIN - 24 || wire < 0) {
            return nextCarefully();
        }
        long seconds = littleEndian ? time & 0xFFFFFFFFL : time >>> 32;
        long fraction = littleEndian ? time >>> 32 : time & 0xFFFFFFFFL;
        if (fraction >= fractionLimit) {
            fractionOutOfRange(pos, fraction);
        }
        accept(pos, r, hb, cap, wire, seconds * 1_000_000_000L + fraction * fracToNanos);
        return true;
    }

    /** {@link #next()} for records near the end of a window, long or damaged records, the end of input. */
    private boolean nextCarefully() {
        if (done) {
            return false;
        }
        final long pos = nextPos;
        final int hb = recordHeaderBytes;
        // ensure() returns at once when the bytes are in the window; calling it unconditionally
        // keeps a single window test (see CAREFUL_MARGIN)
        int n = ensure(pos, hb);
        if (n < hb) {
            return end(pos, n, hb);
        }
        int r = (int) (pos - wStart);
        int cap = hdr.getInt(r + 8);
        if (cap < 0 || cap > maxCapturedBytes) {
            throw malformed(pos, "a captured length of at most " + maxCapturedBytes,
                    Integer.toUnsignedString(cap));
        }
        int wire = hdr.getInt(r + 12);
        if (wire < 0) {
            throw malformed(pos, "a wire length below 2^31", Integer.toUnsignedString(wire));
        }
        int total = hb + cap;
        n = ensure(pos, total);
        if (n < total) {
            return end(pos, n, total);
        }
        r = (int) (pos - wStart);
        long fraction = hdr.getInt(r + 4) & 0xFFFFFFFFL;
        if (fraction >= fractionLimit) {
            fractionOutOfRange(pos, fraction);
        }
        // 2^32 s and 2^32 fraction units fit signed 64-bit ns: no overflow possible in pcap
        accept(pos, r, hb, cap, wire, (hdr.getInt(r) & 0xFFFFFFFFL) * 1_000_000_000L + fraction * fracToNanos);
        return true;
    }

    /**
     * A fraction of a second that is not below one second (10^6 µs or 10^9 ns): libpcap and
     * Wireshark read such a record as it is, carrying into the seconds; so do we, with a warning
     * for the first such record and the count in {@link #warnings()} order.
     */
    private void fractionOutOfRange(long pos, long fraction) {
        if (badFractions++ == 0) {
            warnings.add(file + ": record " + recordIndex + " at byte offset " + pos + ": timestamp fraction "
                    + fraction + (fracToNanos == 1 ? " ns" : " µs") + " is not below one second ("
                    + (fracToNanos == 1 ? "10^9 ns" : "10^6 µs") + "); read as " + fraction / (fracToNanos == 1 ? 1_000_000_000L : 1_000_000L)
                    + " s more (the first such record; a damaged or non-standard writer)");
        }
    }

    /** Makes the record at {@code pos} (window index {@code r}) the current packet. */
    private void accept(long pos, int r, int hb, int cap, int wire, long timestampNanos) {
        tsNanos = timestampNanos;
        capLen = cap;
        wireLen = wire;
        frameOff = r + hb;
        recordOffset = pos;
        nextPos = pos + hb + cap;
        recordIndex++;
        packetIndex++;
    }
}
