package org.nfvperf.capture;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.nfvperf.util.InputException;

/**
 * A streaming, zero-copy cursor over the packets of a pcap or pcapng file, optionally gzip
 * compressed. Files are memory-mapped in windows (any size, also beyond 4 GB), or with
 * {@link #openBuffered} read into one reused buffer; gzip input is
 * decompressed into a reused buffer. Moving to the next packet allocates nothing: the accessors
 * describe the current packet until the next call of {@link #next()}.
 *
 * <pre>{@code
 * try (CaptureReader r = CaptureReader.open(Path.of("tap-in.pcapng"))) {
 *     PacketHeaders h = new PacketHeaders();
 *     while (r.next()) {
 *         long t = r.timestampNanos();          // ns since the epoch, exact
 *         int wire = r.wireLength();             // bytes on the wire
 *         ByteBuffer b = r.frameBuffer();        // big-endian window, shared
 *         int off = r.frameOffset();             // the frame is b[off, off + r.capturedLength())
 *         if (h.decode(r) && h.hasL4()) { int port = h.dstPort(); }
 *     }
 *     if (!r.complete()) System.err.println(r.warnings());
 * }
 * }</pre>
 *
 * <p>Formats: pcap with µs or ns magic in either byte order, the FCS bits of its link-type field
 * and the Kuznetzov variant (magic a1b2cd34, 24-byte record headers); pcapng with any number of
 * sections (each with its own byte order and interface table), {@code if_tsresol} powers of 10 and
 * 2, {@code if_tsoffset}, Enhanced, Simple (no timestamp: {@link #NO_TIMESTAMP}) and obsolete
 * Packet Blocks, Interface Statistics Blocks ({@link #statistics()}); other blocks are skipped.
 *
 * <p>Faults: a file that ends inside its last record ends the iteration with
 * {@link #complete()} {@code false} and a warning naming the byte offset; any other damage throws
 * {@link MalformedCaptureException} from {@link #next()} (the packets before stay counted). I/O
 * errors are {@link UncheckedIOException}. Captured lengths and blocks larger than
 * {@link #MAX_RECORD_BYTES} are treated as damage, so memory stays bounded. Not thread-safe.
 */
public abstract class CaptureReader implements Closeable {
    /** {@link #timestampNanos()} of a packet without timestamp (pcapng Simple Packet Block). */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;
    /** Largest record (pcap captured length, pcapng block) accepted: 16 MiB. */
    public static final int MAX_RECORD_BYTES = 16 << 20;
    /** Default size of a memory-mapped window: 256 MiB. */
    public static final int DEFAULT_WINDOW_BYTES = 256 << 20;

    final String file;
    final ByteSource src;
    final boolean compressed;
    /** Window views: {@code hdr} in the byte order of the current section, {@code frameBuf} big-endian. */
    ByteBuffer hdr;
    ByteBuffer frameBuf;
    /** Big-endian view that {@link #frame()} narrows; the other two views always span the window. */
    private ByteBuffer frameView;
    ByteOrder order = ByteOrder.BIG_ENDIAN;
    long wStart;
    int wLimit;
    private ByteBuffer viewedWindow;

    /** Offset of the next record to read. */
    long nextPos;
    /** Index of the next record (pcap records or pcapng blocks). */
    long recordIndex;
    long packetIndex = -1;
    boolean done;
    boolean complete = true;
    final List<String> warnings = new ArrayList<>();
    final List<CaptureInterface> interfaces = new ArrayList<>();
    final List<InterfaceStatistics> statistics = new ArrayList<>();

    // the current packet
    long tsNanos;
    int capLen;
    int wireLen;
    int ifId;
    int linkType;
    int frameOff;
    long recordOffset;

    CaptureReader(String file, ByteSource src, boolean compressed) {
        this.file = file;
        this.src = src;
        this.compressed = compressed;
        syncWindow();
    }

    /**
     * Opens a capture file; the format (pcap, pcapng, gzip of either) is detected from its content.
     *
     * @throws MalformedCaptureException if the file is empty, no capture, or its header is cut short
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     */
    public static CaptureReader open(Path file) throws IOException {
        return open(file, DEFAULT_WINDOW_BYTES);
    }

    /**
     * Like {@link #open(Path)} with memory-mapped windows of {@code windowBytes} (at least 4096);
     * smaller windows bound the address space used, larger ones remap less often.
     */
    public static CaptureReader open(Path file, int windowBytes) throws IOException {
        if (windowBytes < 4096) {
            throw new IllegalArgumentException("windowBytes must be >= 4096: " + windowBytes);
        }
        return open(file, windowBytes, false);
    }

    /**
     * Like {@link #open(Path)}, but reads the file with positional reads into one reusable direct
     * buffer of 1 MiB (grown only for a longer record) instead of mapping it: for a single pass
     * over a large capture, copying the bytes costs less CPU than the page faults of a mapping
     * (measured on the development VM: 0.12-0.18 s against 0.60 s to touch a 760 MB capture).
     * Same packets, faults and messages as {@link #open(Path)}.
     */
    public static CaptureReader openBuffered(Path file) throws IOException {
        return open(file, ByteSource.Read.BUFFER_BYTES, true);
    }

    private static CaptureReader open(Path file, int windowBytes, boolean buffered) throws IOException {
        String name = file.toString();
        if (java.nio.file.Files.isDirectory(file)) {
            throw new MalformedCaptureException(name, 0, -1, "a capture file", "a directory");
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            ByteSource mapped = buffered ? new ByteSource.Read(ch, file, windowBytes)
                    : new ByteSource.Mapped(ch, file, windowBytes);
            int n = mapped.fill(0, 2);
            if (n == 2 && (mapped.window.getShort(0) & 0xFFFF) == 0x1F8B) {
                InputStream in;
                try {
                    in = new GZIPInputStream(Channels.newInputStream(ch), 1 << 16);
                } catch (ZipException | java.io.EOFException e) {
                    // a damaged gzip header is damage of the file like any other
                    throw new MalformedCaptureException(name, 0, -1, "a gzip header",
                            e instanceof java.io.EOFException ? "a header cut short" : String.valueOf(e.getMessage()));
                }
                return detect(name, new ByteSource.Streamed(in), true);
            }
            return detect(name, mapped, false);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Opens a capture held in memory (pcap, pcapng or gzip of either).
     *
     * @param name used in messages, e.g. the original file name
     */
    public static CaptureReader open(byte[] data, String name) throws IOException {
        if (data.length >= 2 && (data[0] & 0xFF) == 0x1F && (data[1] & 0xFF) == 0x8B) {
            return open(new java.io.ByteArrayInputStream(data), name);
        }
        return detect(name, new ByteSource.Streamed(data), false);
    }

    /**
     * Opens a capture read from a stream (pcap, pcapng or gzip of either); the stream is closed
     * with the reader.
     *
     * @param name used in messages
     */
    public static CaptureReader open(InputStream in, String name) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
        b.mark(2);
        int a = b.read();
        int c = b.read();
        b.reset();
        if (a == 0x1F && c == 0x8B) {
            try {
                return detect(name, new ByteSource.Streamed(new GZIPInputStream(b, 1 << 16)), true);
            } catch (ZipException | java.io.EOFException e) {
                b.close();
                throw new MalformedCaptureException(name, 0, -1, "a gzip header",
                        e instanceof java.io.EOFException ? "a header cut short" : String.valueOf(e.getMessage()));
            }
        }
        return detect(name, new ByteSource.Streamed(b), false);
    }

    private static CaptureReader detect(String name, ByteSource src, boolean gz) throws IOException {
        int n;
        try {
            n = src.fill(0, 4);
        } catch (ZipException | java.io.EOFException e) {
            src.close();
            throw new MalformedCaptureException(name, 0, -1, "gzip data", String.valueOf(e.getMessage()));
        }
        if (n == 0) {
            src.close();
            throw new MalformedCaptureException(name, 0, -1, "a pcap or pcapng file header",
                    gz ? "an empty gzip stream" : "an empty file");
        }
        if (n < 4) {
            src.close();
            throw new MalformedCaptureException(name, 0, -1, "a 4-byte magic number", n + " bytes");
        }
        int magic = src.window.getInt((int) (0 - src.windowStart));
        try {
            if (magic == PcapNgReader.SHB_TYPE) {
                return new PcapNgReader(name, src, gz);
            }
            if (PcapReader.isMagic(magic)) {
                return new PcapReader(name, src, gz, magic);
            }
        } catch (RuntimeException e) {
            src.close();
            throw e;
        }
        src.close();
        throw new MalformedCaptureException(name, 0, -1,
                "a pcap magic (a1b2c3d4, a1b23c4d, a1b2cd34) or pcapng section header (0a0d0d0a)",
                String.format("%08x", magic));
    }

    /**
     * Reads every packet of a small file into memory.
     *
     * @throws MalformedCaptureException if the file is damaged before its end
     */
    public static List<CapturedPacket> readAll(Path file) throws IOException {
        try (CaptureReader r = open(file)) {
            return r.readRemaining();
        }
    }

    /** Reads the remaining packets into memory (a convenience for small captures). */
    public List<CapturedPacket> readRemaining() {
        List<CapturedPacket> out = new ArrayList<>();
        while (next()) {
            out.add(new CapturedPacket(tsNanos, wireLen, ifId, linkType, copyFrame()));
        }
        return out;
    }

    /**
     * Moves to the next packet.
     *
     * @return false at the end of the file (then see {@link #complete()})
     * @throws MalformedCaptureException if the file is damaged at this point
     * @throws UncheckedIOException      on an I/O error
     */
    public final boolean next() {
        try {
            return advance();
        } catch (InternalError e) {
            // a page of the mapped file vanished: the file shrank under us
            throw changedWhileReading(e);
        }
    }

    /** {@link #next()} of the format. */
    abstract boolean advance();

    /** Timestamp of the current packet in ns since the epoch, or {@link #NO_TIMESTAMP}. */
    public final long timestampNanos() {
        return tsNanos;
    }

    /** True if the current packet has a timestamp (false only for pcapng Simple Packet Blocks). */
    public final boolean hasTimestamp() {
        return tsNanos != NO_TIMESTAMP;
    }

    /** Length of the packet on the wire, bytes (pcap {@code orig_len}). */
    public final int wireLength() {
        return wireLen;
    }

    /** Number of bytes of the packet in the file (at most {@link #wireLength()} in sane files). */
    public final int capturedLength() {
        return capLen;
    }

    /** File-wide interface index of the current packet (0 for pcap); see {@link #interfaces()}. */
    public final int interfaceId() {
        return ifId;
    }

    /** Link type of the current packet, see {@link LinkType}. */
    public final int linkType() {
        return linkType;
    }

    /** Index of the current packet from 0. */
    public final long packetIndex() {
        return packetIndex;
    }

    /** Byte offset in the (decompressed) file of the record holding the current packet. */
    public final long recordOffset() {
        return recordOffset;
    }

    /**
     * The big-endian buffer holding the current frame at {@link #frameOffset()}; read it with
     * absolute getters. Shared and valid only until the next call of {@link #next()}.
     */
    public final ByteBuffer frameBuffer() {
        return frameBuf;
    }

    /** Index of the first frame byte in {@link #frameBuffer()}. */
    public final int frameOffset() {
        return frameOff;
    }

    /**
     * The current frame as a shared big-endian view of the window with position and limit set
     * around it; no copy, no allocation. Valid until the next call of {@link #next()}.
     */
    public final ByteBuffer frame() {
        ByteBuffer v = frameView;
        v.limit(v.capacity());
        v.position(frameOff);
        v.limit(frameOff + capLen);
        return v;
    }

    /**
     * Copies the current frame into {@code dst} at {@code dstOffset}.
     *
     * @return the number of bytes copied, {@link #capturedLength()}
     * @throws IndexOutOfBoundsException if the frame does not fit
     */
    public final int copyFrame(byte[] dst, int dstOffset) {
        frameBuf.get(frameOff, dst, dstOffset, capLen);
        return capLen;
    }

    /** A fresh copy of the current frame. */
    public final byte[] copyFrame() {
        byte[] b = new byte[capLen];
        copyFrame(b, 0);
        return b;
    }

    /** The file format. */
    public abstract CaptureFormat format();

    /** True if the file is gzip compressed. */
    public final boolean compressed() {
        return compressed;
    }

    /** The file name as given. */
    public final String file() {
        return file;
    }

    /** The interfaces met so far (pcapng declares them as it goes; pcap has exactly one). */
    public final List<CaptureInterface> interfaces() {
        return Collections.unmodifiableList(interfaces);
    }

    /** The latest statistics block of every interface that had one so far (pcapng only). */
    public final List<InterfaceStatistics> statistics() {
        List<InterfaceStatistics> out = new ArrayList<>();
        for (InterfaceStatistics s : statistics) {
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * False once the iteration has ended inside a record cut short (the file was truncated);
     * {@link #warnings()} then names the byte offset.
     */
    public final boolean complete() {
        return complete;
    }

    /** Warnings collected so far, e.g. a truncated last record or packets without timestamp. */
    public final List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    @Override
    public void close() throws IOException {
        src.close();
    }

    // ---- internals shared by the two formats

    /** Makes [pos, pos+len) readable through {@code hdr}/{@code frameBuf}; returns how many bytes are there. */
    final int ensure(long pos, int len) {
        if (pos >= wStart && pos - wStart + len <= wLimit) {
            return len;
        }
        int n;
        try {
            n = src.fill(pos, len);
        } catch (ZipException e) {
            throw malformed(pos, "valid gzip data", String.valueOf(e.getMessage()));
        } catch (ByteSource.ChangedException e) {
            done = true;
            complete = false;
            throw changed(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        syncWindow();
        return n;
    }

    final void syncWindow() {
        wStart = src.windowStart;
        wLimit = src.windowLimit;
        if (src.window != viewedWindow) {
            viewedWindow = src.window;
            frameBuf = viewedWindow;
            frameView = frameBuf.duplicate();
            hdr = order == ByteOrder.BIG_ENDIAN ? frameBuf : frameBuf.duplicate().order(order);
        }
    }

    final void setOrder(ByteOrder o) {
        if (o != order) {
            order = o;
            hdr = order == ByteOrder.BIG_ENDIAN ? frameBuf : frameBuf.duplicate().order(order);
        }
    }

    final int rel(long pos) {
        return (int) (pos - wStart);
    }

    /** Ends the iteration at {@code pos}, where {@code have} of the {@code want} bytes of a record exist. */
    final boolean end(long pos, int have, int want) {
        done = true;
        if (have > 0 || src.cutShort()) {
            complete = false;
            warnings.add(file + ": file ends inside record " + recordIndex + " at byte offset " + pos + ": expected "
                    + want + " bytes, found " + have + (src.cutShort() ? " (gzip stream cut short)" : ""));
        }
        return false;
    }

    /**
     * The typed fault for a file that shrank or changed under the reader. Callers that touch
     * the frames of a memory-mapped file catch the JVM's {@link InternalError} for a page that
     * vanished ("a fault occurred in a recent unsafe memory access operation") and pass it here.
     *
     * @return an {@link InputException} naming the file, to throw
     */
    public final InputException changedWhileReading(Throwable cause) {
        if (cause instanceof InternalError && !String.valueOf(cause.getMessage()).contains("unsafe memory access")) {
            throw (InternalError) cause;
        }
        done = true;
        complete = false;
        return changed("a memory-mapped page vanished (near byte offset " + nextPos + ")", cause);
    }

    private InputException changed(String detail, Throwable cause) {
        return new InputException(file + ": file changed while being read: " + detail, cause);
    }

    final MalformedCaptureException malformed(long pos, String expected, String found) {
        done = true;
        complete = false;
        return new MalformedCaptureException(file, pos, recordIndex, expected, found);
    }
}
