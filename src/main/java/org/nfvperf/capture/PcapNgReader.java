package org.nfvperf.capture;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reader of pcapng files: blocks of {@code type, total length, body, total length}, 32-bit
 * aligned, in the byte order the Section Header Block declares.
 *
 * <pre>
 * block:  +------+--------------+-----------------------------+--------------+
 *         | type | total length | body (padded to 4 bytes)     | total length |
 *         +------+--------------+-----------------------------+--------------+
 * SHB 0a0d0d0a: byte-order magic 1a2b3c4d, version 1.0, section length, options
 * IDB 1: link type(16) reserved(16) snaplen(32) options (if_name 2, if_tsresol 9, if_tsoffset 14, if_fcslen 13)
 * EPB 6: interface(32) ts high(32) ts low(32) caplen(32) origlen(32) data options
 * SPB 3: origlen(32) data          PB 2: interface(16) drops(16) ts high ts low caplen origlen data options
 * ISB 5: interface(32) ts high ts low options (isb_ifrecv 4, isb_ifdrop 5, isb_osdrop 7, ...)
 * </pre>
 * Not thread-safe.
 */
final class PcapNgReader extends CaptureReader {
    static final int SHB_TYPE = 0x0A0D0D0A;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int IDB = 1;
    private static final int PB = 2;
    private static final int SPB = 3;
    private static final int ISB = 5;
    private static final int EPB = 6;
    private static final long NS_PER_S = 1_000_000_000L;
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private int section = -1;
    /** Interfaces of the current section, indexed by their id in the section. */
    private int sectionIfCount;
    private int[] ifGlobal = new int[4];
    private int[] ifLinkType = new int[4];
    private long[] ifSnap = new long[4];
    /** Timestamp conversion: ns = units * mul (mul > 0), else units / div (div > 0), else binary with shift. */
    private long[] ifMul = new long[4];
    private long[] ifDiv = new long[4];
    private int[] ifShift = new int[4];
    private long[] ifOffsetNs = new long[4];
    /** The raw if_tsresol byte, for messages. */
    private int[] ifResol = new int[4];
    private long simplePackets;
    /** The option {@link #nextOption} read last. */
    private int optCode;
    private int optValue;
    private int optLength;

    PcapNgReader(String file, ByteSource src, boolean compressed) {
        super(file, src, compressed);
        int n = ensure(0, 28);
        if (n < 28) {
            throw new MalformedCaptureException(file, 0, -1, "a pcapng section header block of at least 28 bytes",
                    n + " bytes");
        }
        nextPos = 0;
        readSectionHeader(0, true);
    }

    @Override
    public CaptureFormat format() {
        return CaptureFormat.PCAPNG;
    }

    @Override
    boolean advance() {
        if (done) {
            return false;
        }
        while (true) {
            final long pos = nextPos;
            if (pos - wStart + 12 > wLimit) {
                int n = ensure(pos, 12);
                if (n < 12) {
                    return finish(pos, n, 12);
                }
            }
            int r = (int) (pos - wStart);
            int type = hdr.getInt(r);
            if (type == SHB_TYPE) {
                if (!readSectionHeader(pos, false)) {
                    return false;
                }
                continue;
            }
            int len = blockLength(pos, r);
            if (r + len > wLimit) {
                int n = ensure(pos, len);
                if (n < len) {
                    return finish(pos, n, len);
                }
                r = (int) (pos - wStart);
            }
            checkTrailer(pos, r, len);
            nextPos = pos + len;
            switch (type) {
                case EPB -> {
                    if (len < 32) {
                        throw malformed(pos, "an enhanced packet block of at least 32 bytes", len + " bytes");
                    }
                    int id = interfaceIndex(pos, hdr.getInt(r + 8));
                    int cap = hdr.getInt(r + 20);
                    long ts = toNanos(pos, id, ((long) hdr.getInt(r + 12) << 32) | (hdr.getInt(r + 16) & 0xFFFFFFFFL));
                    packet(pos, r, len, id, 28, cap, hdr.getInt(r + 24));
                    tsNanos = ts;
                    return true;
                }
                case SPB -> {
                    if (len < 16) {
                        throw malformed(pos, "a simple packet block of at least 16 bytes", len + " bytes");
                    }
                    int id = interfaceIndex(pos, 0);
                    int wire = hdr.getInt(r + 8);
                    long room = len - 16;
                    long snap = ifSnap[id] == 0 ? Long.MAX_VALUE : ifSnap[id];
                    int cap = (int) Math.min(Math.min(wire & 0xFFFFFFFFL, snap), room);
                    packet(pos, r, len, id, 12, cap, wire);
                    tsNanos = NO_TIMESTAMP;
                    if (simplePackets++ == 0) {
                        warnings.add(file + ": simple packet blocks carry no timestamp (first at byte offset " + pos
                                + ")");
                    }
                    return true;
                }
                case PB -> {
                    if (len < 32) {
                        throw malformed(pos, "a packet block of at least 32 bytes", len + " bytes");
                    }
                    int id = interfaceIndex(pos, hdr.getShort(r + 8) & 0xFFFF);
                    long ts = toNanos(pos, id, ((long) hdr.getInt(r + 12) << 32) | (hdr.getInt(r + 16) & 0xFFFFFFFFL));
                    packet(pos, r, len, id, 28, hdr.getInt(r + 20), hdr.getInt(r + 24));
                    tsNanos = ts;
                    return true;
                }
                case IDB -> readInterface(pos, r, len);
                case ISB -> readStatistics(pos, r, len);
                default -> {
                    // NRB, DSB, custom, unknown: skipped by their length
                }
            }
            recordIndex++;
        }
    }

    /** Number of simple packet blocks (packets without timestamp) met so far. */
    long simplePackets() {
        return simplePackets;
    }

    private boolean finish(long pos, int have, int want) {
        return end(pos, have, want);
    }

    private int blockLength(long pos, int r) {
        int len = hdr.getInt(r + 4);
        if (len < 12 || len > MAX_RECORD_BYTES || (len & 3) != 0) {
            throw malformed(pos, "a block length that is a multiple of 4 in [12, " + MAX_RECORD_BYTES + "]",
                    Integer.toUnsignedString(len));
        }
        return len;
    }

    private void checkTrailer(long pos, int r, int len) {
        int trailer = hdr.getInt(r + len - 4);
        if (trailer != len) {
            throw malformed(pos, "block trailer length " + len, Integer.toUnsignedString(trailer));
        }
    }

    private void packet(long pos, int r, int len, int id, int dataStart, int cap, int wire) {
        if (cap < 0 || cap > len - dataStart - 4) {
            throw malformed(pos, "a captured length of at most " + (len - dataStart - 4) + " (the block's room)",
                    Integer.toUnsignedString(cap));
        }
        if (wire < 0) {
            throw malformed(pos, "a wire length below 2^31", Integer.toUnsignedString(wire));
        }
        capLen = cap;
        wireLen = wire;
        ifId = ifGlobal[id];
        linkType = ifLinkType[id];
        frameOff = r + dataStart;
        recordOffset = pos;
        recordIndex++;
        packetIndex++;
    }

    private int interfaceIndex(long pos, int id) {
        if (id < 0 || id >= sectionIfCount) {
            throw malformed(pos, "an interface id below " + sectionIfCount + " (interfaces declared in section "
                    + section + ")", Integer.toUnsignedString(id));
        }
        return id;
    }

    /**
     * The timestamp {@code units} (unsigned, in the interface's {@code if_tsresol}) plus its
     * {@code if_tsoffset} in ns since the epoch, exactly; a count that does not fit signed 64-bit
     * ns (years before 1678 or after 2262, e.g. a high bit set at ns resolution) is damage of the
     * record at {@code pos}, never a wrapped number.
     */
    private long toNanos(long pos, int id, long units) {
        long mul = ifMul[id];
        try {
            long ns;
            if (mul > 0) {
                if (units < 0) {
                    throw new ArithmeticException();
                }
                ns = Math.multiplyExact(units, mul);
            } else if (ifDiv[id] > 0) {
                ns = Long.divideUnsigned(units, ifDiv[id]);
            } else {
                // binary resolution 2^-shift, 1 <= shift <= 63 (2^-0 is mul = NS_PER_S)
                int shift = ifShift[id];
                long secs = units >>> shift;
                long frac = units & ((1L << shift) - 1);
                ns = Math.addExact(Math.multiplyExact(secs, NS_PER_S), mulShiftRight(frac, NS_PER_S, shift));
            }
            ns = Math.addExact(ns, ifOffsetNs[id]);
            if (ns == NO_TIMESTAMP) {
                throw new ArithmeticException();
            }
            return ns;
        } catch (ArithmeticException e) {
            throw malformed(pos, "a timestamp within signed 64-bit ns since the epoch (years 1678 to 2262)",
                    Long.toUnsignedString(units) + " units of " + resolutionText(ifResol[id])
                    + (ifOffsetNs[id] != 0 ? " plus if_tsoffset " + ifOffsetNs[id] / NS_PER_S + " s" : ""));
        }
    }

    private static String resolutionText(int resol) {
        return ((resol & 0x80) == 0 ? "10^-" : "2^-") + (resol & 0x7F) + " s";
    }

    /** floor(a * b / 2^shift) for unsigned a, positive b, exactly (128-bit product). */
    static long mulShiftRight(long a, long b, int shift) {
        long lo = a * b;
        long hi = Math.multiplyHigh(a, b) + ((a >> 63) & b);
        if (shift >= 128) {
            return 0;
        }
        if (shift >= 64) {
            return hi >>> (shift - 64);
        }
        if (shift == 0) {
            return lo;
        }
        return (lo >>> shift) | (hi << (64 - shift));
    }

    /** Reads an SHB at {@code pos}; returns false if the file ends inside it. */
    private boolean readSectionHeader(long pos, boolean first) {
        int n = ensure(pos, 28);
        if (n < 28) {
            return finish(pos, n, 28);
        }
        int r = rel(pos);
        int magic = frameBuf.getInt(r + 8);
        if (magic == BYTE_ORDER_MAGIC) {
            setOrder(ByteOrder.BIG_ENDIAN);
        } else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            setOrder(ByteOrder.LITTLE_ENDIAN);
        } else {
            throw sectionFault(first, pos, "byte-order magic 1a2b3c4d or 4d3c2b1a", String.format("%08x", magic));
        }
        int len = hdr.getInt(r + 4);
        if (len < 28 || len > MAX_RECORD_BYTES || (len & 3) != 0) {
            throw sectionFault(first, pos, "a section header length that is a multiple of 4 in [28, "
                    + MAX_RECORD_BYTES + "]", Integer.toUnsignedString(len));
        }
        int major = hdr.getShort(r + 12) & 0xFFFF;
        if (major != 1) {
            throw sectionFault(first, pos, "pcapng version 1.x", "version " + major + "."
                    + (hdr.getShort(r + 14) & 0xFFFF));
        }
        n = ensure(pos, len);
        if (n < len) {
            if (first) {
                throw new MalformedCaptureException(file, pos, -1, "a section header block of " + len + " bytes",
                        n + " bytes");
            }
            return finish(pos, n, len);
        }
        r = rel(pos);
        checkTrailer(pos, r, len);
        section++;
        sectionIfCount = 0;
        nextPos = pos + len;
        recordIndex++;
        return true;
    }

    private MalformedCaptureException sectionFault(boolean first, long pos, String expected, String found) {
        if (first) {
            done = true;
            return new MalformedCaptureException(file, pos, -1, expected, found);
        }
        return malformed(pos, expected, found);
    }

    private void readInterface(long pos, int r, int len) {
        if (len < 20) {
            throw malformed(pos, "an interface description block of at least 20 bytes", len + " bytes");
        }
        int lt = hdr.getShort(r + 8) & 0xFFFF;
        long snap = hdr.getInt(r + 12) & 0xFFFFFFFFL;
        int resol = 6;
        boolean sawResol = false;
        long offsetSeconds = 0;
        boolean sawOffset = false;
        int fcs = -1;
        String name = "";
        String description = "";
        int end = r + len - 4;
        for (int o = nextOption(pos, r + 16, end); o >= 0; o = nextOption(pos, o, end)) {
            int v = optValue;
            switch (optCode) {
                case 2 -> name = string(v, optLength);
                case 3 -> description = string(v, optLength);
                case 9 -> {
                    // libpcap refuses a second if_tsresol rather than letting it silently override
                    if (sawResol) {
                        throw malformed(pos, "at most one if_tsresol option", "a second one");
                    }
                    sawResol = true;
                    resol = optLength >= 1 ? hdr.get(v) & 0xFF : 6;
                }
                case 13 -> fcs = optLength >= 1 ? hdr.get(v) & 0xFF : -1;
                case 14 -> {
                    if (sawOffset) {
                        throw malformed(pos, "at most one if_tsoffset option", "a second one");
                    }
                    sawOffset = true;
                    offsetSeconds = optLength >= 8 ? hdr.getLong(v) : 0;
                }
                default -> {
                }
            }
        }
        int id = sectionIfCount++;
        if (id == ifGlobal.length) {
            int size = id * 2;
            ifGlobal = Arrays.copyOf(ifGlobal, size);
            ifLinkType = Arrays.copyOf(ifLinkType, size);
            ifSnap = Arrays.copyOf(ifSnap, size);
            ifMul = Arrays.copyOf(ifMul, size);
            ifDiv = Arrays.copyOf(ifDiv, size);
            ifShift = Arrays.copyOf(ifShift, size);
            ifOffsetNs = Arrays.copyOf(ifOffsetNs, size);
            ifResol = Arrays.copyOf(ifResol, size);
        }
        int global = interfaces.size();
        ifGlobal[id] = global;
        ifLinkType[id] = lt;
        ifSnap[id] = snap;
        int exp = resol & 0x7F;
        // libpcap's bounds: 10^-x with x <= 19 and 2^-x with x <= 63 fit a 64-bit count of units
        if ((resol & 0x80) == 0 ? exp > 19 : exp > 63) {
            throw malformed(pos, "an if_tsresol of 10^-0..10^-19 or 2^-0..2^-63", resolutionText(resol));
        }
        long offsetNanos;
        try {
            offsetNanos = Math.multiplyExact(offsetSeconds, NS_PER_S);
        } catch (ArithmeticException e) {
            throw malformed(pos, "an if_tsoffset within signed 64-bit ns (|s| <= 9223372036)", offsetSeconds + " s");
        }
        ifMul[id] = 0;
        ifDiv[id] = 0;
        ifShift[id] = 0;
        if ((resol & 0x80) == 0) {
            if (exp <= 9) {
                ifMul[id] = POW10[9 - exp];
            } else {
                ifDiv[id] = POW10[exp - 9];
            }
        } else {
            ifShift[id] = exp;
            if (exp == 0) {
                ifMul[id] = NS_PER_S;
            }
        }
        ifOffsetNs[id] = offsetNanos;
        ifResol[id] = resol;
        interfaces.add(new CaptureInterface(global, section, id, lt, snap, name, description, resol, offsetSeconds,
                fcs));
        statistics.add(null);
    }

    private void readStatistics(long pos, int r, int len) {
        if (len < 24) {
            throw malformed(pos, "an interface statistics block of at least 24 bytes", len + " bytes");
        }
        int id = interfaceIndex(pos, hdr.getInt(r + 8));
        long ts = toNanos(pos, id, ((long) hdr.getInt(r + 12) << 32) | (hdr.getInt(r + 16) & 0xFFFFFFFFL));
        long[] c = {-1, -1, -1, -1, -1, -1, -1};
        int end = r + len - 4;
        for (int o = nextOption(pos, r + 20, end); o >= 0; o = nextOption(pos, o, end)) {
            int code = optCode;
            int v = optValue;
            if (code >= 2 && code <= 8 && optLength >= 8) {
                long value = hdr.getLong(v);
                if (code == 2 || code == 3) {
                    // start/end time: two 32-bit halves in the block's byte order
                    value = ((long) hdr.getInt(v) << 32) | (hdr.getInt(v + 4) & 0xFFFFFFFFL);
                    value = toNanos(pos, id, value);
                }
                c[code - 2] = value;
            }
        }
        statistics.set(ifGlobal[id], new InterfaceStatistics(ifGlobal[id], ts, c[0], c[1], c[2], c[3], c[4], c[5],
                c[6]));
    }

    /**
     * Reads the option at {@code o} (of a block at {@code pos} whose options end at {@code end})
     * into {@link #optCode}, {@link #optValue}, {@link #optLength}.
     *
     * @return the offset after the option, or -1 at {@code opt_endofopt} or the end of the options
     */
    private int nextOption(long pos, int o, int end) {
        if (o + 4 > end) {
            return -1;
        }
        int code = hdr.getShort(o) & 0xFFFF;
        int olen = hdr.getShort(o + 2) & 0xFFFF;
        if (code == 0) {
            return -1;
        }
        int v = o + 4;
        if (v + olen > end) {
            throw malformed(pos, "option " + code + " of " + olen + " bytes within the block",
                    (end - v) + " bytes left");
        }
        optCode = code;
        optValue = v;
        optLength = olen;
        return v + ((olen + 3) & ~3);
    }

    private String string(int v, int len) {
        byte[] b = new byte[len];
        hdr.get(v, b, 0, len);
        int n = len;
        while (n > 0 && b[n - 1] == 0) {
            n--;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }
}
