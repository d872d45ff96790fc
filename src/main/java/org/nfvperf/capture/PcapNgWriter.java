package org.nfvperf.capture;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes pcapng files: sections in either byte order, interfaces with their own link type,
 * snapshot length, {@code if_tsresol} (powers of 10 or 2) and {@code if_tsoffset}, Enhanced,
 * Simple and (obsolete) Packet Blocks, Interface Statistics Blocks and arbitrary blocks. A path
 * ending in {@code .gz} is gzip compressed. Writing a packet allocates nothing. Not thread-safe.
 *
 * <pre>{@code
 * try (PcapNgWriter w = PcapNgWriter.open(Path.of("two-taps.pcapng"))) {
 *     int in = w.addInterface(LinkType.ETHERNET, 65535, "tap-in", 9, 0);    // ns resolution
 *     int out = w.addInterface(LinkType.ETHERNET, 65535, "tap-out", 6, 0);  // µs resolution
 *     w.write(in, 1_700_000_000_000_000_100L, frame, 0, frame.length, frame.length);
 *     w.write(out, 1_700_000_000_000_007_000L, frame, 0, frame.length, frame.length);
 *     w.writeStatistics(in, 1_700_000_001_000_000_000L, 2, 0, 0);
 * }
 * }</pre>
 *
 * <p>Timestamps are ns since the epoch, at least 0; they are rounded down to the interface's
 * resolution for powers of 10 and up for powers of 2 (so that 2^-30 s and finer read back exactly).
 */
public final class PcapNgWriter implements Closeable, Flushable {
    private static final long NS = 1_000_000_000L;
    private final ByteSink out;
    private int interfaces;
    private int[] snap = new int[4];
    private int[] resol = new int[4];
    private long[] offsetNs = new long[4];
    private long packets;

    private PcapNgWriter(OutputStream os, ByteOrder order) throws IOException {
        this.out = new ByteSink(os, order);
        sectionHeader();
    }

    /** Creates a little-endian file (gzip if the name ends in {@code .gz}) and writes its section header. */
    public static PcapNgWriter open(Path file) throws IOException {
        return new PcapNgWriter(ByteSink.open(file), ByteOrder.LITTLE_ENDIAN);
    }

    /** Writes a section header in {@code order} to {@code out}; the stream is closed with the writer. */
    public static PcapNgWriter open(OutputStream out, ByteOrder order) throws IOException {
        if (order == null) {
            throw new IllegalArgumentException("order must be non-null: null");
        }
        return new PcapNgWriter(out, order);
    }

    /**
     * Starts a new section in {@code order}; interface ids restart at 0 within it.
     */
    public void newSection(ByteOrder order) throws IOException {
        if (order == null) {
            throw new IllegalArgumentException("order must be non-null: null");
        }
        out.order(order);
        sectionHeader();
    }

    private void sectionHeader() throws IOException {
        byte[] app = "nfvperf".getBytes(StandardCharsets.US_ASCII);
        int optLen = 4 + pad4(app.length) + 4;
        out.putInt(PcapNgReader.SHB_TYPE);
        out.putInt(28 + optLen);
        out.putInt(0x1A2B3C4D);
        out.putShort(1);
        out.putShort(0);
        out.putLong(-1L);
        option(4, app);
        out.putInt(0);
        out.putInt(28 + optLen);
        interfaces = 0;
    }

    /** Adds an Ethernet-compatible interface with ns resolution; returns its id in the section. */
    public int addInterface(int linkType) throws IOException {
        return addInterface(linkType, 262144, "", 9, 0);
    }

    /**
     * Writes an Interface Description Block.
     *
     * @param linkType         in [0, 65535], see {@link LinkType}
     * @param snapLength       in [0, 16 MiB]; 0 = unlimited
     * @param name             {@code if_name}, or empty for none
     * @param tsResolutionCode {@code if_tsresol}: n in [0, 18] for 10^-n s, or 0x80|n with n in [0, 33] for 2^-n s
     * @param tsOffsetSeconds  {@code if_tsoffset}, added by readers to every timestamp
     * @return the interface id within the current section
     */
    public int addInterface(int linkType, int snapLength, String name, int tsResolutionCode, long tsOffsetSeconds)
            throws IOException {
        if (linkType < 0 || linkType > 0xFFFF) {
            throw new IllegalArgumentException("linkType must be in [0, 65535]: " + linkType);
        }
        if (snapLength < 0 || snapLength > CaptureReader.MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("snapLength must be in [0, " + CaptureReader.MAX_RECORD_BYTES + "]: "
                    + snapLength);
        }
        boolean binary = (tsResolutionCode & 0x80) != 0;
        int exp = tsResolutionCode & 0x7F;
        if (tsResolutionCode < 0 || tsResolutionCode > 0xFF || (!binary && exp > 18) || (binary && exp > 33)) {
            throw new IllegalArgumentException("tsResolutionCode must be n in [0, 18] or 0x80|n with n in [0, 33]: "
                    + tsResolutionCode);
        }
        byte[] nameBytes = name == null ? new byte[0] : name.getBytes(StandardCharsets.UTF_8);
        int optLen = (nameBytes.length > 0 ? 4 + pad4(nameBytes.length) : 0) + 8 + (tsOffsetSeconds != 0 ? 12 : 0) + 4;
        int len = 20 + optLen;
        out.putInt(1);
        out.putInt(len);
        out.putShort(linkType);
        out.putShort(0);
        out.putInt(snapLength);
        if (nameBytes.length > 0) {
            option(2, nameBytes);
        }
        option(9, new byte[] {(byte) tsResolutionCode});
        if (tsOffsetSeconds != 0) {
            out.putShort(14);
            out.putShort(8);
            out.putLong(tsOffsetSeconds);
        }
        out.putInt(0);
        out.putInt(len);
        int id = interfaces++;
        if (id == snap.length) {
            snap = Arrays.copyOf(snap, id * 2);
            resol = Arrays.copyOf(resol, id * 2);
            offsetNs = Arrays.copyOf(offsetNs, id * 2);
        }
        snap[id] = snapLength;
        resol[id] = tsResolutionCode;
        offsetNs[id] = tsOffsetSeconds * NS;
        return id;
    }

    /**
     * Writes an Enhanced Packet Block.
     *
     * @throws IllegalArgumentException if the interface is not declared in this section, the timestamp is
     *                                  before the interface's offset, or the lengths are inconsistent
     */
    public void write(int interfaceId, long timestampNanos, byte[] frame, int offset, int capturedLength,
            int wireLength) throws IOException {
        epbHeader(interfaceId, timestampNanos, capturedLength, wireLength);
        out.putBytes(frame, offset, capturedLength);
        padAndTrailer(capturedLength, 32);
    }

    /** Like {@link #write(int, long, byte[], int, int, int)} from a buffer at an absolute index. */
    public void write(int interfaceId, long timestampNanos, ByteBuffer frame, int index, int capturedLength,
            int wireLength) throws IOException {
        epbHeader(interfaceId, timestampNanos, capturedLength, wireLength);
        out.putBytes(frame, index, capturedLength);
        padAndTrailer(capturedLength, 32);
    }

    /** Pads {@code dataLength} bytes of data to 4 and writes the trailer of a block of {@code fixedBytes} plus data. */
    private void padAndTrailer(int dataLength, int fixedBytes) throws IOException {
        out.pad(pad4(dataLength) - dataLength);
        out.putInt(fixedBytes + pad4(dataLength));
    }

    private void epbHeader(int id, long ts, int cap, int wire) throws IOException {
        checkPacket(id, cap, wire);
        long units = units(id, ts);
        out.putInt(6);
        out.putInt(32 + pad4(cap));
        out.putInt(id);
        out.putInt((int) (units >>> 32));
        out.putInt((int) units);
        out.putInt(cap);
        out.putInt(wire);
        packets++;
    }

    /**
     * Writes a Simple Packet Block (no timestamp, interface 0 of the section); readers take the captured length
     * as {@code min(wireLength, snapLength of interface 0)}, so {@code capturedLength} must equal that.
     */
    public void writeSimple(byte[] frame, int offset, int capturedLength, int wireLength) throws IOException {
        checkPacket(0, capturedLength, wireLength);
        long expected = snap[0] == 0 ? wireLength : Math.min(wireLength, snap[0]);
        if (capturedLength != expected) {
            throw new IllegalArgumentException("capturedLength must be min(wireLength, snapLength) = " + expected
                    + " in a simple packet block: " + capturedLength);
        }
        int len = 16 + pad4(capturedLength);
        out.putInt(3);
        out.putInt(len);
        out.putInt(wireLength);
        out.putBytes(frame, offset, capturedLength);
        padAndTrailer(capturedLength, len - pad4(capturedLength));
        packets++;
    }

    /** Writes an obsolete Packet Block (type 2) with a 16-bit interface id and drop count. */
    public void writeObsoletePacket(int interfaceId, int dropsCount, long timestampNanos, byte[] frame, int offset,
            int capturedLength, int wireLength) throws IOException {
        checkPacket(interfaceId, capturedLength, wireLength);
        if (dropsCount < 0 || dropsCount > 0xFFFF) {
            throw new IllegalArgumentException("dropsCount must be in [0, 65535]: " + dropsCount);
        }
        long units = units(interfaceId, timestampNanos);
        int len = 32 + pad4(capturedLength);
        out.putInt(2);
        out.putInt(len);
        out.putShort(interfaceId);
        out.putShort(dropsCount);
        out.putInt((int) (units >>> 32));
        out.putInt((int) units);
        out.putInt(capturedLength);
        out.putInt(wireLength);
        out.putBytes(frame, offset, capturedLength);
        padAndTrailer(capturedLength, len - pad4(capturedLength));
        packets++;
    }

    /**
     * Writes an Interface Statistics Block; a counter of -1 is left out.
     *
     * @param ifRecv packets received by the interface ({@code isb_ifrecv})
     * @param ifDrop packets dropped by the interface ({@code isb_ifdrop})
     * @param osDrop packets dropped by the OS ({@code isb_osdrop})
     */
    public void writeStatistics(int interfaceId, long timestampNanos, long ifRecv, long ifDrop, long osDrop)
            throws IOException {
        checkInterface(interfaceId);
        long units = units(interfaceId, timestampNanos);
        int opts = (ifRecv >= 0 ? 12 : 0) + (ifDrop >= 0 ? 12 : 0) + (osDrop >= 0 ? 12 : 0) + 4;
        int len = 24 + opts;
        out.putInt(5);
        out.putInt(len);
        out.putInt(interfaceId);
        out.putInt((int) (units >>> 32));
        out.putInt((int) units);
        counter(4, ifRecv);
        counter(5, ifDrop);
        counter(7, osDrop);
        out.putInt(0);
        out.putInt(len);
    }

    private void counter(int code, long v) throws IOException {
        if (v >= 0) {
            out.putShort(code);
            out.putShort(8);
            out.putLong(v);
        }
    }

    /**
     * Writes a block of any type with the given body (padded to 4 bytes): name resolution, decryption
     * secrets, custom or unknown blocks that readers skip.
     *
     * @throws IllegalArgumentException for the types this class writes itself (0x0A0D0D0A, 1, 2, 3, 5, 6)
     */
    public void writeBlock(int type, byte[] body) throws IOException {
        if (type == PcapNgReader.SHB_TYPE || type == 1 || type == 2 || type == 3 || type == 5 || type == 6) {
            throw new IllegalArgumentException("type must not be one of the structural block types: " + type);
        }
        int len = 12 + pad4(body.length);
        out.putInt(type);
        out.putInt(len);
        out.putBytes(body, 0, body.length);
        out.pad(pad4(body.length) - body.length);
        out.putInt(len);
    }

    /** Packets written so far. */
    public long packets() {
        return packets;
    }

    private void checkInterface(int id) {
        if (id < 0 || id >= interfaces) {
            throw new IllegalArgumentException("interfaceId must be in [0, " + interfaces + "): " + id);
        }
    }

    private void checkPacket(int id, int cap, int wire) {
        checkInterface(id);
        int limit = snap[id] == 0 ? CaptureReader.MAX_RECORD_BYTES - 64 : snap[id];
        if (cap < 0 || cap > limit) {
            throw new IllegalArgumentException("capturedLength must be in [0, " + limit + "]: " + cap);
        }
        if (wire < cap) {
            throw new IllegalArgumentException("wireLength must be >= capturedLength (" + cap + "): " + wire);
        }
    }

    private long units(int id, long tsNanos) {
        long ns = tsNanos - offsetNs[id];
        if (ns < 0) {
            throw new IllegalArgumentException("timestampNanos must be >= the interface offset (" + offsetNs[id]
                    + " ns): " + tsNanos);
        }
        int code = resol[id];
        int exp = code & 0x7F;
        if ((code & 0x80) == 0) {
            if (exp <= 9) {
                return ns / pow10(9 - exp);
            }
            long mul = pow10(exp - 9);
            if (Math.multiplyHigh(ns, mul) != 0) {
                throw new IllegalArgumentException("timestampNanos must fit 64 bits at 1e-" + exp + " s: " + tsNanos);
            }
            return ns * mul; // unsigned 64-bit units
        }
        long secs = ns / NS;
        long frac = ns % NS;
        // ceil(frac * 2^exp / 1e9), so that reading back (which rounds down) returns ns for exp >= 30
        long fracUnits = exp == 0 ? 0 : ((frac << exp) + NS - 1) / NS;
        return (secs << exp) + fracUnits;
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    private void option(int code, byte[] value) throws IOException {
        out.putShort(code);
        out.putShort(value.length);
        out.putBytes(value, 0, value.length);
        out.pad(pad4(value.length) - value.length);
    }

    private static int pad4(int n) {
        return (n + 3) & ~3;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
