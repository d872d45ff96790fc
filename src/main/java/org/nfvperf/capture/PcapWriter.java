package org.nfvperf.capture;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Writes classic pcap files with µs or ns timestamps in either byte order; a path ending in
 * {@code .gz} is gzip compressed. Writing a packet allocates nothing (records go through a
 * 64 KiB buffer). Not thread-safe.
 *
 * <pre>{@code
 * try (PcapWriter w = PcapWriter.builder().linkType(LinkType.ETHERNET)
 *         .precision(TimestampPrecision.NANOS).open(Path.of("tap-out.pcap"))) {
 *     w.write(1_700_000_000_123_456_789L, frame, 0, frame.length);          // wire length = captured
 *     w.write(1_700_000_000_223_456_789L, frame, 0, 60, 1514);              // snapped: 60 of 1514 bytes
 * }
 * }</pre>
 *
 * <p>Timestamps are ns since the epoch in [0, 2^32 s); µs files truncate them to whole µs.
 */
public final class PcapWriter implements Closeable, Flushable {
    private final ByteSink out;
    private final TimestampPrecision precision;
    private final int snapLength;
    private long packets;

    private PcapWriter(OutputStream os, Builder b) throws IOException {
        this.out = new ByteSink(os, b.order);
        this.precision = b.precision;
        this.snapLength = b.snapLength;
        out.putInt(b.precision == TimestampPrecision.NANOS ? 0xa1b23c4d : 0xa1b2c3d4);
        out.putShort(2);
        out.putShort(4);
        out.putInt(0);
        out.putInt(0);
        out.putInt(b.snapLength);
        int link = b.linkType;
        if (b.fcsBytes >= 0) {
            link |= 0x04000000 | ((b.fcsBytes / 2) << 28);
        }
        out.putInt(link);
    }

    /** A builder with defaults: Ethernet, ns, little-endian, snapshot length 262144, FCS unknown. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes one whole packet (wire length = captured length).
     *
     * @throws IllegalArgumentException if the timestamp is outside [0, 2^32 s) or the length exceeds the snapshot length
     */
    public void write(long timestampNanos, byte[] frame, int offset, int length) throws IOException {
        write(timestampNanos, frame, offset, length, length);
    }

    /**
     * Writes one packet of which {@code capturedLength} bytes were captured out of {@code wireLength}.
     *
     * @throws IllegalArgumentException if the timestamp is outside [0, 2^32 s), {@code capturedLength} is outside
     *                                  [0, snapLength] or {@code wireLength} is below 0
     */
    public void write(long timestampNanos, byte[] frame, int offset, int capturedLength, int wireLength)
            throws IOException {
        header(timestampNanos, capturedLength, wireLength);
        out.putBytes(frame, offset, capturedLength);
    }

    /** Like {@link #write(long, byte[], int, int, int)} from a buffer at an absolute index; the buffer is not moved. */
    public void write(long timestampNanos, ByteBuffer frame, int index, int capturedLength, int wireLength)
            throws IOException {
        header(timestampNanos, capturedLength, wireLength);
        out.putBytes(frame, index, capturedLength);
    }

    private void header(long ts, int cap, int wire) throws IOException {
        if (ts < 0 || ts >= (1L << 32) * 1_000_000_000L) {
            throw new IllegalArgumentException("timestampNanos must be in [0, 2^32 s) for pcap: " + ts);
        }
        if (cap < 0 || cap > snapLength) {
            throw new IllegalArgumentException("capturedLength must be in [0, " + snapLength + "]: " + cap);
        }
        if (wire < cap) {
            throw new IllegalArgumentException("wireLength must be >= capturedLength (" + cap + "): " + wire);
        }
        long units = ts / precision.nanosPerUnit();
        long perSecond = 1_000_000_000L / precision.nanosPerUnit();
        out.putInt((int) (units / perSecond));
        out.putInt((int) (units % perSecond));
        out.putInt(cap);
        out.putInt(wire);
        packets++;
    }

    /** Packets written so far. */
    public long packets() {
        return packets;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** Options of a {@link PcapWriter}; not thread-safe. */
    public static final class Builder {
        private int linkType = LinkType.ETHERNET;
        private TimestampPrecision precision = TimestampPrecision.NANOS;
        private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        private int snapLength = 262144;
        private int fcsBytes = -1;

        private Builder() {
        }

        /** Link type of every packet, in [0, 65535]. */
        public Builder linkType(int linkType) {
            if (linkType < 0 || linkType > 0xFFFF) {
                throw new IllegalArgumentException("linkType must be in [0, 65535]: " + linkType);
            }
            this.linkType = linkType;
            return this;
        }

        /** µs or ns timestamps. */
        public Builder precision(TimestampPrecision precision) {
            if (precision == null) {
                throw new IllegalArgumentException("precision must be non-null: null");
            }
            this.precision = precision;
            return this;
        }

        /** Byte order of headers (readers accept both). */
        public Builder byteOrder(ByteOrder order) {
            if (order == null) {
                throw new IllegalArgumentException("order must be non-null: null");
            }
            this.order = order;
            return this;
        }

        /** Snapshot length in bytes, in [1, 16 MiB]. */
        public Builder snapLength(int snapLength) {
            if (snapLength < 1 || snapLength > CaptureReader.MAX_RECORD_BYTES) {
                throw new IllegalArgumentException("snapLength must be in [1, " + CaptureReader.MAX_RECORD_BYTES
                        + "]: " + snapLength);
            }
            this.snapLength = snapLength;
            return this;
        }

        /** Declares that frames end in an FCS of this many bytes (even, in [0, 30]); -1 = unknown. */
        public Builder fcsBytes(int fcsBytes) {
            if (fcsBytes < -1 || fcsBytes > 30 || (fcsBytes > 0 && fcsBytes % 2 != 0)) {
                throw new IllegalArgumentException("fcsBytes must be -1 or even in [0, 30]: " + fcsBytes);
            }
            this.fcsBytes = fcsBytes;
            return this;
        }

        /** Creates the file (gzip if the name ends in {@code .gz}) and writes the file header. */
        public PcapWriter open(Path file) throws IOException {
            return new PcapWriter(ByteSink.open(file), this);
        }

        /** Writes the file header to {@code out}; the stream is closed with the writer. */
        public PcapWriter open(OutputStream out) throws IOException {
            return new PcapWriter(out, this);
        }
    }
}
