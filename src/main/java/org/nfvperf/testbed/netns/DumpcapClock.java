package org.nfvperf.testbed.netns;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Repairs the timestamps that DPDK 22.11's dpdk-dumpcap writes. Its pcapng library turns the TSC
 * cycles of a captured packet into nanoseconds from a reference (cycles, realtime) pair; when the
 * packet's cycles lie before the reference, the unsigned difference wraps and every timestamp comes
 * out exactly 2<sup>64</sup>&nbsp;/&nbsp;tsc_hz seconds late (8,784,163,845 s, year 2305, at
 * 2.1 GHz). Measured here: after subtracting that constant the dumpcap taps of one NF agree with
 * the tcpdump taps on the veths around it to microseconds (gen &lt; dut1_in &lt; ... &lt; sink).
 * Stateless and thread-safe.
 *
 * <p>Only the timestamps of Enhanced Packet Blocks and Interface Statistics Blocks change, in
 * place; a timestamp is corrected only when it lies after {@code notAfterNanos} and lands in
 * [{@code notBeforeNanos}, {@code notAfterNanos}] once corrected, so a file written by a fixed
 * DPDK passes unchanged.
 *
 * <pre>{@code
 * int fixed = DumpcapClock.correct(Path.of("tap-dut1_out.pcapng"), 2_100_000_000L, trialStartNs - 60e9, nowNs + 60e9);
 * }</pre>
 */
public final class DumpcapClock {
    private static final int SHB = 0x0A0D0D0A;
    private static final int ISB = 5;
    private static final int EPB = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;

    private DumpcapClock() {
    }

    /** The wrap error in ns: round(2^64 × 10^9 / tscHz). */
    public static long wrapNanos(long tscHz) {
        if (tscHz <= 0) {
            throw new IllegalArgumentException("tscHz must be > 0: " + tscHz);
        }
        BigInteger[] qr = BigInteger.ONE.shiftLeft(64).multiply(BigInteger.valueOf(1_000_000_000L))
                .divideAndRemainder(BigInteger.valueOf(tscHz));
        return qr[0].longValueExact() + (qr[1].shiftLeft(1).compareTo(BigInteger.valueOf(tscHz)) >= 0 ? 1 : 0);
    }

    /**
     * Corrects the wrapped timestamps of {@code pcapng} in place.
     *
     * @return the number of timestamps changed
     * @throws IOException when the file is not a pcapng, or a timestamp after {@code notAfterNanos}
     *                     does not land in the window once corrected (the message names the offset)
     */
    public static int correct(Path pcapng, long tscHz, long notBeforeNanos, long notAfterNanos) throws IOException {
        long wrap = wrapNanos(tscHz);
        int changed = 0;
        try (FileChannel ch = FileChannel.open(pcapng, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new IOException(pcapng + ": larger than 2 GiB, not corrected");
            }
            MappedByteBuffer buf = ch.map(FileChannel.MapMode.READ_WRITE, 0, size);
            ByteBuffer b = buf.order(ByteOrder.LITTLE_ENDIAN);
            int pos = 0;
            while (pos + 12 <= size) {
                int type = b.getInt(pos);
                if (type == SHB) {
                    int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(pos + 8);
                    if (magic == BYTE_ORDER_MAGIC) {
                        b.order(ByteOrder.LITTLE_ENDIAN);
                    } else if (Integer.reverseBytes(magic) == BYTE_ORDER_MAGIC) {
                        b.order(ByteOrder.BIG_ENDIAN);
                    } else {
                        throw new IOException(pcapng + ": offset " + pos + ": expected the pcapng byte-order magic, found 0x"
                                + Integer.toHexString(magic));
                    }
                } else if (pos == 0) {
                    throw new IOException(pcapng + ": offset 0: expected a pcapng Section Header Block, found block type 0x"
                            + Integer.toHexString(type));
                }
                int len = b.getInt(pos + 4);
                if (len < 12 || len % 4 != 0 || pos + (long) len > size) {
                    throw new IOException(pcapng + ": offset " + pos + ": block length " + len + " is not a multiple of 4 in [12, "
                            + (size - pos) + "]");
                }
                if ((type == EPB || type == ISB) && len >= 20) {
                    long ts = ((long) b.getInt(pos + 12) << 32) | (b.getInt(pos + 16) & 0xffffffffL);
                    if (Long.compareUnsigned(ts, notAfterNanos) > 0) {
                        long fixed = ts - wrap;
                        if (fixed < notBeforeNanos || fixed > notAfterNanos) {
                            throw new IOException(pcapng + ": offset " + pos + ": timestamp " + Long.toUnsignedString(ts)
                                    + " ns is late by other than 2^64/tsc_hz (" + wrap + " ns)");
                        }
                        b.putInt(pos + 12, (int) (fixed >>> 32));
                        b.putInt(pos + 16, (int) fixed);
                        changed++;
                    }
                }
                pos += len;
            }
            buf.force();
        }
        return changed;
    }
}
