package org.nfvperf.capture;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Buffered little/big-endian output for the writers; allocation-free per record. Not thread-safe. */
final class ByteSink implements Closeable {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int n;
    private boolean little;
    private long written;

    ByteSink(OutputStream out, ByteOrder order) {
        this.out = out;
        order(order);
    }

    static OutputStream open(Path file) throws IOException {
        OutputStream os = Files.newOutputStream(file);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(os, 1 << 16) : os;
    }

    void order(ByteOrder order) {
        little = order == ByteOrder.LITTLE_ENDIAN;
    }

    /** Bytes written so far (uncompressed). */
    long position() {
        return written + n;
    }

    private void room(int k) throws IOException {
        if (n + k > buf.length) {
            flushBuffer();
        }
    }

    void putShort(int v) throws IOException {
        room(2);
        if (little) {
            buf[n] = (byte) v;
            buf[n + 1] = (byte) (v >>> 8);
        } else {
            buf[n] = (byte) (v >>> 8);
            buf[n + 1] = (byte) v;
        }
        n += 2;
    }

    void putInt(int v) throws IOException {
        room(4);
        if (little) {
            buf[n] = (byte) v;
            buf[n + 1] = (byte) (v >>> 8);
            buf[n + 2] = (byte) (v >>> 16);
            buf[n + 3] = (byte) (v >>> 24);
        } else {
            buf[n] = (byte) (v >>> 24);
            buf[n + 1] = (byte) (v >>> 16);
            buf[n + 2] = (byte) (v >>> 8);
            buf[n + 3] = (byte) v;
        }
        n += 4;
    }

    void putLong(long v) throws IOException {
        if (little) {
            putInt((int) v);
            putInt((int) (v >>> 32));
        } else {
            putInt((int) (v >>> 32));
            putInt((int) v);
        }
    }

    void putByte(int v) throws IOException {
        room(1);
        buf[n++] = (byte) v;
    }

    void putBytes(byte[] src, int off, int len) throws IOException {
        if (len > buf.length - n) {
            flushBuffer();
            if (len > buf.length) {
                out.write(src, off, len);
                written += len;
                return;
            }
        }
        System.arraycopy(src, off, buf, n, len);
        n += len;
    }

    void putBytes(ByteBuffer src, int index, int len) throws IOException {
        int off = index;
        int left = len;
        while (left > 0) {
            if (n == buf.length) {
                flushBuffer();
            }
            int k = Math.min(left, buf.length - n);
            src.get(off, buf, n, k);
            n += k;
            off += k;
            left -= k;
        }
    }

    void pad(int k) throws IOException {
        for (int i = 0; i < k; i++) {
            putByte(0);
        }
    }

    private void flushBuffer() throws IOException {
        out.write(buf, 0, n);
        written += n;
        n = 0;
    }

    void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            flushBuffer();
        } finally {
            out.close();
        }
    }
}
