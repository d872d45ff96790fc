package org.nfvperf.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfvperf.util.InputException;

/**
 * {@link CaptureReader#openBuffered}: the same packets, bytes and end state as the mapped
 * {@link CaptureReader#open(Path)}, across refills of its 1 MiB buffer (records straddling its
 * end, a record longer than the buffer, both formats, gzip), and the same fault for a file that
 * shrinks while it is read.
 */
class BufferedCaptureReaderTest {
    @TempDir
    Path tmp;

    /** Packets of random sizes (60 B .. 3 MiB) so that records straddle every refill boundary. */
    private Path mixedPcap() throws IOException {
        Path f = tmp.resolve("mixed.pcap");
        SplittableRandom rnd = new SplittableRandom(7);
        try (PcapWriter w = PcapWriter.builder().linkType(LinkType.ETHERNET).precision(TimestampPrecision.NANOS)
                .snapLength(CaptureReader.MAX_RECORD_BYTES).open(f)) {
            for (int i = 0; i < 40_000; i++) {
                int len = i == 20_000 ? 3 << 20 : 60 + rnd.nextInt(1500);
                byte[] frame = new byte[len];
                rnd.nextBytes(frame);
                w.write(1_700_000_000_000_000_000L + 1000L * i, frame, 0, len);
            }
        }
        return f;
    }

    private static void assertSamePackets(CaptureReader a, CaptureReader b) {
        long n = 0;
        while (a.next()) {
            assertTrue(b.next(), "packet " + n);
            assertEquals(a.timestampNanos(), b.timestampNanos(), "packet " + n);
            assertEquals(a.capturedLength(), b.capturedLength(), "packet " + n);
            assertEquals(a.wireLength(), b.wireLength(), "packet " + n);
            assertArrayEquals(frame(a), frame(b), "packet " + n);
            n++;
        }
        assertFalse(b.next());
        assertEquals(a.complete(), b.complete());
        assertEquals(a.warnings(), b.warnings());
    }

    private static byte[] frame(CaptureReader r) {
        ByteBuffer f = r.frameBuffer();
        byte[] out = new byte[r.capturedLength()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.get(r.frameOffset() + i);
        }
        return out;
    }

    @Test
    void givesTheMappedReadersPacketsAcrossRefillsAndALongRecord() throws IOException {
        Path f = mixedPcap();
        assertTrue(Files.size(f) > 16 * ByteSource.Read.BUFFER_BYTES, "the file spans many refills");
        try (CaptureReader a = CaptureReader.open(f); CaptureReader b = CaptureReader.openBuffered(f)) {
            assertSamePackets(a, b);
        }
    }

    @Test
    void givesTheSamePacketsForPcapngGzipAndACutLastRecord() throws IOException {
        Path ng = tmp.resolve("a.pcapng");
        try (PcapNgWriter w = PcapNgWriter.open(ng)) {
            w.addInterface(LinkType.ETHERNET);
            byte[] frame = new byte[700];
            for (int i = 0; i < 5_000; i++) {
                frame[0] = (byte) i;
                w.write(0, 1_700_000_000_000_000_000L + i, frame, 0, frame.length, frame.length);
            }
        }
        Path gz = tmp.resolve("a.pcapng.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(ng));
        }
        Path cut = tmp.resolve("cut.pcap");
        SyntheticCapture.writePcap(cut, 30_000, 64, 1_700_000_000_000_000_000L, 1000, TimestampPrecision.NANOS);
        try (RandomAccessFile raf = new RandomAccessFile(cut.toFile(), "rw")) {
            raf.setLength(raf.length() - 10);
        }
        for (Path f : new Path[] {ng, gz, cut}) {
            try (CaptureReader a = CaptureReader.open(f); CaptureReader b = CaptureReader.openBuffered(f)) {
                assertSamePackets(a, b);
            }
        }
        try (CaptureReader b = CaptureReader.openBuffered(cut)) {
            while (b.next()) {
                b.timestampNanos();
            }
            assertFalse(b.complete());
            assertTrue(b.warnings().get(0).contains("file ends inside record 29999"), b.warnings().toString());
        }
    }

    @Test
    void aFileThatShrinksWhileReadIsReportedAsChanged() throws IOException {
        Path f = tmp.resolve("big.pcap");
        SyntheticCapture.writePcap(f, 100_000, 64, 1_700_000_000_000_000_000L, 1000, TimestampPrecision.NANOS);
        long size = Files.size(f);
        try (CaptureReader r = CaptureReader.openBuffered(f)) {
            for (int i = 0; i < 10; i++) {
                assertTrue(r.next());
            }
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                raf.setLength(2_000_000);
            }
            InputException e = assertThrows(InputException.class, () -> {
                while (r.next()) {
                    r.frameBuffer().get(r.frameOffset());
                }
            });
            assertTrue(e.getMessage().startsWith(f + ": file changed while being read: its size went from " + size
                    + " to 2000000 bytes (at byte offset "), e.getMessage());
            assertFalse(r.complete());
        }
    }
}
