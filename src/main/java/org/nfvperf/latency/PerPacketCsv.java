package org.nfvperf.latency;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nfvperf.util.OutputFiles;

/**
 * The {@code --per-packet} CSV: one line per packet once its fate is known (matched at the last
 * tap, lost, or seen downstream only), columns {@code key} and {@code <tap>_ns} per tap in path
 * order; an empty field where the packet was not seen. Sequence keys are written in decimal, hash
 * keys as 16 hex digits. Rows follow the order in which fates were decided, not capture order.
 * Writing a row allocates nothing. Not thread-safe.
 *
 * <pre>
 * key,pnic0_ns,vnic0_ns
 * 17,1700000000000001000,1700000000000012000
 * 18,1700000000000002000,
 * </pre>
 */
final class PerPacketCsv implements PacketSink {
    private final OutputStream out;
    private final Path file;
    private final Path temporary;
    private final boolean decimal;
    private final byte[] buf = new byte[1 << 16];
    private int len;

    PerPacketCsv(Path file, List<String> taps, boolean decimalKeys) throws IOException {
        // written under a temporary name and renamed by close(): a killed run leaves no truncated
        // file under the final name (the next run removes the temporary)
        this.file = file;
        this.temporary = OutputFiles.temporaryFor(file);
        this.out = Files.newOutputStream(temporary);
        this.decimal = decimalKeys;
        StringBuilder h = new StringBuilder("key");
        for (String t : taps) {
            h.append(',').append(t).append("_ns");
        }
        h.append('\n');
        for (char c : h.toString().toCharArray()) {
            put((byte) c);
        }
    }

    @Override
    public void packet(long key, long[] ts) throws IOException {
        if (len > buf.length - 32 * (ts.length + 1)) {
            flush();
        }
        if (decimal) {
            putUnsigned(key);
        } else {
            for (int shift = 60; shift >= 0; shift -= 4) {
                put((byte) "0123456789abcdef".charAt((int) (key >>> shift) & 0xF));
            }
        }
        for (long t : ts) {
            put((byte) ',');
            if (t != Matcher.NONE) {
                putDecimal(t);
            }
        }
        put((byte) '\n');
    }

    private void put(byte b) {
        buf[len++] = b;
    }

    private void putUnsigned(long v) {
        if (v >= 0) {
            putDecimal(v);
        } else {
            long q = (v >>> 1) / 5;
            putDecimal(q);
            put((byte) ('0' + (v - q * 10)));
        }
    }

    private void putDecimal(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                for (char c : "-9223372036854775808".toCharArray()) {
                    put((byte) c);
                }
                return;
            }
            put((byte) '-');
            v = -v;
        }
        int start = len;
        do {
            buf[len++] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
        for (int i = start, j = len - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
    }

    private void flush() throws IOException {
        try {
            out.write(buf, 0, len);
        } catch (IOException e) {
            throw OutputFiles.naming(file, e);
        }
        len = 0;
    }

    /**
     * Writes what is buffered and renames the file onto its final name, also after a fault in a
     * capture: the rows decided before the fault are kept.
     */
    @Override
    public void close() throws IOException {
        try {
            try {
                flush();
            } finally {
                out.close();
            }
            OutputFiles.commit(temporary, file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
