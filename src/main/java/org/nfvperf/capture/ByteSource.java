package org.nfvperf.capture;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A forward-only window over the bytes of a capture: either memory-mapped windows of a file or a
 * refillable heap buffer over a stream (gzip). The reader asks for a byte range with
 * {@link #fill}; everything before the requested position may be dropped. Not thread-safe.
 */
abstract class ByteSource implements Closeable {
    /** Current window, big-endian; valid bytes are [0, windowLimit). */
    ByteBuffer window = ByteBuffer.allocate(0);
    /** Offset in the (decompressed) input of window index 0. */
    long windowStart;
    /** Number of valid bytes in the window. */
    int windowLimit;

    /**
     * Makes bytes [pos, pos + len) available in the window when the input has them.
     *
     * @param pos offset in the input, at least {@link #windowStart}
     * @param len number of bytes wanted, at most {@link CaptureReader#MAX_RECORD_BYTES} plus a header
     * @return how many of the wanted bytes are available: {@code len}, or fewer at the end of input
     */
    abstract int fill(long pos, int len) throws IOException;

    /** True if the input ended because a compressed stream was cut short. */
    boolean cutShort() {
        return false;
    }

    /**
     * Memory-mapped windows of a file; a window is mapped afresh at the position asked for. The
     * windows start short ({@value #FIRST_WINDOW_BYTES} bytes) and double up to the size asked
     * for, so that a reader's loop meets changes of window early, while the JIT still profiles
     * it, whatever the JIT's timing: a first change deep in a large file would send the compiled
     * loop back to the interpreter, and the JIT would compile it again.
     */
    static final class Mapped extends ByteSource {
        static final int FIRST_WINDOW_BYTES = 1 << 17;
        private final FileChannel channel;
        private final java.nio.file.Path path;
        private final long size;
        private final java.nio.file.attribute.FileTime modified;
        private final int windowBytes;
        private int nextWindowBytes;

        Mapped(FileChannel channel, java.nio.file.Path path, int windowBytes) throws IOException {
            this.channel = channel;
            this.path = path;
            this.size = channel.size();
            this.modified = path == null ? null : java.nio.file.Files.getLastModifiedTime(path);
            this.windowBytes = windowBytes;
            this.nextWindowBytes = Math.min(windowBytes, FIRST_WINDOW_BYTES);
        }

        @Override
        int fill(long pos, int len) throws IOException {
            long left = size - pos;
            if (left <= 0) {
                return 0;
            }
            int mapLen = (int) Math.min(left, Math.max((long) nextWindowBytes, len));
            if (pos < windowStart || pos + mapLen > windowStart + windowLimit) {
                checkUnchanged(pos);
                window = channel.map(FileChannel.MapMode.READ_ONLY, pos, mapLen);
                nextWindowBytes = (int) Math.min(windowBytes, 2L * nextWindowBytes);
                windowStart = pos;
                windowLimit = mapLen;
            }
            return (int) Math.min(left, len);
        }

        /**
         * Refuses to map on when the file shrank or was rewritten in place since it was opened: a
         * page of a mapping beyond the new end faults (the JVM's {@code InternalError}), and a
         * rewritten file mixes two captures. A file that grows (a capture still being written)
         * is read up to its size at open.
         */
        private void checkUnchanged(long pos) throws IOException {
            ByteSource.checkUnchanged(channel, path, size, modified, pos);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /**
     * A file read with positional reads into one reusable direct buffer (the window), refilled
     * when a record runs past its end: no page faults on the file's pages (mapping a file costs a
     * fault per few pages, and on a paravirtualised VM that was 3-4x the CPU of copying the same
     * bytes with {@code read}: 0.60 s against 0.12-0.18 s for a 760 MB capture). The window is one
     * buffer for the whole file (it grows only for a record longer than it), so a reader's views of
     * it stay valid. A file that shrinks or is rewritten in place while it is read is a
     * {@link ChangedException}, as for {@link Mapped}.
     */
    static final class Read extends ByteSource {
        static final int BUFFER_BYTES = 1 << 20;
        private final FileChannel channel;
        private final java.nio.file.Path path;
        private final long size;
        private final java.nio.file.attribute.FileTime modified;
        private ByteBuffer buf;

        Read(FileChannel channel, java.nio.file.Path path, int bufferBytes) throws IOException {
            this.channel = channel;
            this.path = path;
            this.size = channel.size();
            this.modified = path == null ? null : java.nio.file.Files.getLastModifiedTime(path);
            this.buf = ByteBuffer.allocateDirect(bufferBytes);
            this.window = buf;
        }

        @Override
        int fill(long pos, int len) throws IOException {
            long left = size - pos;
            if (left <= 0) {
                return 0;
            }
            int want = (int) Math.min(left, len);
            long end = windowStart + windowLimit;
            if (pos >= windowStart && pos + want <= end) {
                return want;
            }
            checkUnchanged(pos);
            int keep = 0;
            if (want > buf.capacity()) {
                ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(want, 2 * buf.capacity()));
                if (pos >= windowStart && pos < end) {
                    keep = (int) (end - pos);
                    bigger.put(0, buf, (int) (pos - windowStart), keep);
                }
                buf = bigger;
                window = buf;
            } else if (pos >= windowStart && pos < end) {
                keep = (int) (end - pos);
                buf.put(0, buf, (int) (pos - windowStart), keep);
            }
            int target = (int) Math.min(buf.capacity(), left);
            buf.limit(target).position(keep);
            long at = pos + keep;
            while (buf.hasRemaining()) {
                int n = channel.read(buf, at);
                if (n < 0) {
                    long now = channel.size();
                    throw new ChangedException("its size went from " + size + " to " + now + " bytes (at byte offset "
                            + at + ")");
                }
                at += n;
            }
            buf.limit(buf.capacity()).position(0);
            windowStart = pos;
            windowLimit = target;
            return want;
        }

        private void checkUnchanged(long pos) throws IOException {
            ByteSource.checkUnchanged(channel, path, size, modified, pos);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /**
     * Throws {@link ChangedException} when the file open on {@code channel} (of {@code size} bytes and
     * last-modified time {@code modified} when opened; {@code path} null when unknown) shrank or was
     * rewritten in place since; {@code pos} is where the reader was, for the message.
     */
    static void checkUnchanged(FileChannel channel, java.nio.file.Path path, long size,
                               java.nio.file.attribute.FileTime modified, long pos) throws IOException {
        long now = channel.size();
        if (now < size) {
            throw new ChangedException("its size went from " + size + " to " + now + " bytes (at byte offset " + pos + ")");
        }
        if (path != null && now == size && !java.nio.file.Files.getLastModifiedTime(path).equals(modified)) {
            throw new ChangedException("it was modified in place (at byte offset " + pos + ")");
        }
    }

    /** The file under a mapped source shrank or was rewritten while it was read. */
    static final class ChangedException extends IOException {
        private static final long serialVersionUID = 1L;

        ChangedException(String message) {
            super(message);
        }
    }

    /** A heap buffer refilled from a stream; the unread tail is moved to the front before reading on. */
    static final class Streamed extends ByteSource {
        private static final int INITIAL_BYTES = 1 << 20;
        private final InputStream in;
        private byte[] buf;
        private boolean eof;
        private boolean cutShort;

        Streamed(InputStream in) {
            this.in = in;
            this.buf = new byte[INITIAL_BYTES];
            this.window = ByteBuffer.wrap(buf);
        }

        Streamed(byte[] data) {
            this.in = InputStream.nullInputStream();
            this.buf = data;
            this.window = ByteBuffer.wrap(buf);
            this.windowLimit = data.length;
            this.eof = true;
        }

        @Override
        int fill(long pos, int len) throws IOException {
            long end = windowStart + windowLimit;
            if (pos > end) {
                discard(pos - end);
                windowStart = pos;
                windowLimit = 0;
            }
            int rel = (int) (pos - windowStart);
            if (rel + len <= windowLimit) {
                return len;
            }
            if (eof) {
                return Math.max(0, Math.min(len, windowLimit - rel));
            }
            int keep = windowLimit - rel;
            if (len > buf.length) {
                byte[] bigger = new byte[Math.max(len, buf.length * 2)];
                System.arraycopy(buf, rel, bigger, 0, keep);
                buf = bigger;
                window = ByteBuffer.wrap(buf);
            } else if (rel > 0) {
                System.arraycopy(buf, rel, buf, 0, keep);
            }
            windowStart = pos;
            windowLimit = keep;
            while (windowLimit < buf.length) {
                int n;
                try {
                    n = in.read(buf, windowLimit, buf.length - windowLimit);
                } catch (EOFException e) {
                    cutShort = true;
                    n = -1;
                }
                if (n < 0) {
                    eof = true;
                    break;
                }
                windowLimit += n;
            }
            return Math.min(len, windowLimit);
        }

        private void discard(long n) throws IOException {
            windowStart += windowLimit;
            windowLimit = 0;
            long left = n;
            while (left > 0 && !eof) {
                int n1;
                try {
                    n1 = in.read(buf, 0, (int) Math.min(buf.length, left));
                } catch (EOFException e) {
                    cutShort = true;
                    n1 = -1;
                }
                if (n1 < 0) {
                    eof = true;
                } else {
                    left -= n1;
                }
            }
        }

        @Override
        boolean cutShort() {
            return cutShort;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
