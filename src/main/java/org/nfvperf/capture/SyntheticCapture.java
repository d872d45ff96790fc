package org.nfvperf.capture;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes synthetic captures of Ethernet/IPv4/UDP frames of one size at a fixed rate, for
 * benchmarks and tests: frame {@code i} carries {@code i} as a 64-bit big-endian number at the
 * start of its UDP payload, UDP source port {@code 1024 + i % 1000} and IP id {@code i & 0xFFFF}.
 * Stateless and thread-safe.
 *
 * <pre>{@code
 * // 1 M frames of 64 bytes (60 captured: no FCS) at 14.88 Mpps, ns timestamps
 * SyntheticCapture.writePcap(Path.of("syn.pcap"), 1_000_000, 64, 1_700_000_000_000_000_000L, 67,
 *         TimestampPrecision.NANOS);
 * }</pre>
 */
public final class SyntheticCapture {
    /** Bytes of FCS counted in a frame size but absent from captures. */
    public static final int FCS_BYTES = 4;

    private SyntheticCapture() {
    }

    /**
     * Writes {@code packets} frames to a pcap file (gzip if the name ends in {@code .gz}).
     *
     * @param frameSizeBytes Ethernet frame size including the 4-byte FCS, in [64, 9018]; captures hold it without FCS
     * @param startNanos     timestamp of the first frame, ns since the epoch
     * @param gapNanos       time between frames, ns, at least 0
     * @return the number of bytes written
     */
    public static long writePcap(Path file, long packets, int frameSizeBytes, long startNanos, long gapNanos,
            TimestampPrecision precision) throws IOException {
        if (packets < 0) {
            throw new IllegalArgumentException("packets must be >= 0: " + packets);
        }
        if (frameSizeBytes < 64 || frameSizeBytes > 9018) {
            throw new IllegalArgumentException("frameSizeBytes must be in [64, 9018]: " + frameSizeBytes);
        }
        if (gapNanos < 0) {
            throw new IllegalArgumentException("gapNanos must be >= 0: " + gapNanos);
        }
        int len = frameSizeBytes - FCS_BYTES;
        byte[] f = template(len);
        try (PcapWriter w = PcapWriter.builder().precision(precision).snapLength(Math.max(len, 65535)).open(file)) {
            for (long i = 0; i < packets; i++) {
                f[18] = (byte) (i >>> 8);
                f[19] = (byte) i;
                int sport = 1024 + (int) (i % 1000);
                f[34] = (byte) (sport >>> 8);
                f[35] = (byte) sport;
                for (int k = 0; k < 8; k++) {
                    f[42 + k] = (byte) (i >>> (56 - 8 * k));
                }
                w.write(startNanos + i * gapNanos, f, 0, len);
            }
        }
        return 24 + packets * (16L + len);
    }

    private static byte[] template(int len) {
        byte[] f = new byte[len];
        byte[] head = {0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00,
            0x45, 0, 0, 0, 0, 0, 0, 0, 64, 17, 0, 0, (byte) 198, 18, 0, 1, (byte) 198, 18, 1, 1,
            0, 0, 0x13, (byte) 0x89, 0, 0, 0, 0};
        System.arraycopy(head, 0, f, 0, head.length);
        int ipLen = len - 14;
        f[16] = (byte) (ipLen >>> 8);
        f[17] = (byte) ipLen;
        int udpLen = ipLen - 20;
        f[38] = (byte) (udpLen >>> 8);
        f[39] = (byte) udpLen;
        return f;
    }
}
