package org.nfvperf.capture;

import org.nfvperf.util.InputException;

/**
 * A capture file that cannot be read past some point: an unknown magic number, a header cut
 * short, a block length that disagrees with its trailer, a captured length larger than any sane
 * snapshot length. Names the file, the byte offset of the faulty record, its index and what was
 * expected versus found, so the message alone locates the fault:
 *
 * <pre>
 * t.pcapng: record 7 at byte offset 1220: expected block trailer length 96, found 100
 * t.pcap: file header at byte offset 0: expected a pcap magic (a1b2c3d4, a1b23c4d, a1b2cd34) or pcapng section header (0a0d0d0a), found 7f454c46
 * </pre>
 *
 * <p>Record indices count pcap packet records or pcapng blocks from 0; {@code -1} is the file
 * header. A file that simply ends inside its last record is <em>not</em> malformed: the reader
 * reports it with {@link CaptureReader#complete()} {@code == false}. Immutable and thread-safe.
 *
 * <pre>{@code
 * try (CaptureReader r = CaptureReader.open(path)) {
 *     while (r.next()) { ... }
 * } catch (MalformedCaptureException e) {
 *     System.err.println(e.getMessage() + " (fault at byte " + e.byteOffset() + ")");
 * }
 * }</pre>
 */
public final class MalformedCaptureException extends InputException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long byteOffset;
    private final long recordIndex;
    private final String expected;
    private final String found;

    /**
     * @param file        the file name as the user gave it
     * @param byteOffset  offset of the faulty record (of the decompressed stream for {@code .gz})
     * @param recordIndex index of the record from 0, or -1 for the file header
     * @param expected    what a valid file has there
     * @param found       what this file has there
     */
    public MalformedCaptureException(String file, long byteOffset, long recordIndex, String expected, String found) {
        super(file + ": " + (recordIndex < 0 ? "file header" : "record " + recordIndex) + " at byte offset "
                + byteOffset + ": expected " + expected + ", found " + found);
        this.file = file;
        this.byteOffset = byteOffset;
        this.recordIndex = recordIndex;
        this.expected = expected;
        this.found = found;
    }

    /** The file name as given by the caller. */
    public String file() {
        return file;
    }

    /** Byte offset of the start of the faulty record (decompressed offset for gzip input). */
    public long byteOffset() {
        return byteOffset;
    }

    /** Index of the faulty record from 0 (pcap records or pcapng blocks); -1 for the file header. */
    public long recordIndex() {
        return recordIndex;
    }

    /** What a valid file has at that place. */
    public String expected() {
        return expected;
    }

    /** What this file has at that place. */
    public String found() {
        return found;
    }
}
