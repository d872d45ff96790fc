package org.nfvperf.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class PcapRoundTripTest {
    @TempDir
    Path tmp;

    enum Source { MAPPED, SMALL_WINDOWS, BYTES, GZIP_FILE, STREAM }

    static final long T0 = 1_700_000_000_123_456_789L;

    /** 3000 packets of 60..1514 bytes, so that 4 KiB windows are crossed many times. */
    static byte[] write(TimestampPrecision p, ByteOrder order) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (PcapWriter w = PcapWriter.builder().precision(p).byteOrder(order).snapLength(2000).open(bos)) {
            byte[] frame = new byte[1514];
            for (int i = 0; i < 3000; i++) {
                int len = 60 + (i * 97) % 1455;
                fill(frame, i, len);
                w.write(T0 + i * 1_234_567L, frame, 0, len, len + (i % 3 == 0 ? 100 : 0));
            }
        }
        return bos.toByteArray();
    }

    static void fill(byte[] frame, int i, int len) {
        for (int k = 0; k < len; k++) {
            frame[k] = (byte) (i * 31 + k);
        }
    }

    CaptureReader open(byte[] data, Source s) throws IOException {
        Path f = tmp.resolve("t.pcap");
        switch (s) {
            case MAPPED -> {
                Files.write(f, data);
                return CaptureReader.open(f);
            }
            case SMALL_WINDOWS -> {
                Files.write(f, data);
                return CaptureReader.open(f, 4096);
            }
            case BYTES -> {
                return CaptureReader.open(data, "t.pcap");
            }
            case GZIP_FILE -> {
                Path g = tmp.resolve("t.pcap.gz");
                try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(g))) {
                    gz.write(data);
                }
                return CaptureReader.open(g);
            }
            default -> {
                return CaptureReader.open(new ByteArrayInputStream(data), "t.pcap");
            }
        }
    }

    static Stream<Arguments> variants() {
        List<Arguments> out = new ArrayList<>();
        for (TimestampPrecision p : TimestampPrecision.values()) {
            for (ByteOrder o : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                for (Source s : Source.values()) {
                    out.add(Arguments.of(p, o.toString(), s));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("variants")
    void everyPacketComesBackExactly(TimestampPrecision p, String order, Source s) throws IOException {
        byte[] data = write(p, order.equals("LITTLE_ENDIAN") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        byte[] expected = new byte[1514];
        byte[] got = new byte[1514];
        try (CaptureReader r = open(data, s)) {
            assertEquals(CaptureFormat.PCAP, r.format());
            assertEquals(s == Source.GZIP_FILE, r.compressed());
            assertEquals(p == TimestampPrecision.NANOS ? 9 : 6, r.interfaces().get(0).tsResolutionCode());
            int i = 0;
            while (r.next()) {
                int len = 60 + (i * 97) % 1455;
                long ts = T0 + i * 1_234_567L;
                assertEquals(ts - ts % p.nanosPerUnit(), r.timestampNanos(), "packet " + i);
                assertEquals(len, r.capturedLength());
                assertEquals(len + (i % 3 == 0 ? 100 : 0), r.wireLength());
                assertEquals(0, r.interfaceId());
                assertEquals(LinkType.ETHERNET, r.linkType());
                assertEquals(i, r.packetIndex());
                fill(expected, i, len);
                assertEquals(len, r.copyFrame(got, 0));
                assertArrayEquals(java.util.Arrays.copyOf(expected, len), java.util.Arrays.copyOf(got, len));
                ByteBuffer f = r.frame();
                assertEquals(len, f.remaining());
                assertEquals(expected[len - 1], f.get(f.limit() - 1));
                assertEquals(expected[0], r.frameBuffer().get(r.frameOffset()));
                i++;
            }
            assertEquals(3000, i);
            assertTrue(r.complete());
            assertEquals(List.of(), r.warnings());
            assertFalse(r.next());
        }
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void fileCutInsideLastRecordKeepsWholePackets(Source s) throws IOException {
        byte[] data = write(TimestampPrecision.NANOS, ByteOrder.LITTLE_ENDIAN);
        // packet 2999 starts at 24 + sum of (16 + len) of the 2999 packets before it
        long start = 24;
        for (int i = 0; i < 2999; i++) {
            start += 16 + 60 + (i * 97) % 1455;
        }
        int lastLen = 60 + (2999 * 97) % 1455;
        byte[] cut = java.util.Arrays.copyOf(data, (int) start + 16 + 5);
        try (CaptureReader r = open(cut, s)) {
            int n = 0;
            while (r.next()) {
                n++;
            }
            assertEquals(2999, n);
            assertFalse(r.complete());
            assertEquals(List.of((s == Source.GZIP_FILE ? "t.pcap.gz" : "t.pcap").replace("t.", fileDir(s) + "t.")
                    + ": file ends inside record 2999 at byte offset " + start + ": expected " + (16 + lastLen)
                    + " bytes, found 21"), r.warnings());
        }
    }

    private String fileDir(Source s) {
        return s == Source.MAPPED || s == Source.SMALL_WINDOWS || s == Source.GZIP_FILE ? tmp + "/" : "";
    }

    @Test
    void cutInsideRecordHeader() throws IOException {
        byte[] data = java.util.Arrays.copyOf(write(TimestampPrecision.MICROS, ByteOrder.BIG_ENDIAN), 24 + 16 + 60 + 7);
        try (CaptureReader r = CaptureReader.open(data, "x.pcap")) {
            assertTrue(r.next());
            assertFalse(r.next());
            assertFalse(r.complete());
            assertEquals(List.of("x.pcap: file ends inside record 1 at byte offset 100: expected 16 bytes, found 7"),
                    r.warnings());
        }
    }

    @Test
    void capturedLengthBeyondAnySnaplenIsMalformed() throws IOException {
        byte[] data = write(TimestampPrecision.NANOS, ByteOrder.LITTLE_ENDIAN);
        int rec1 = 24 + 16 + 60;
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putInt(rec1 + 8, 0x7FFF0000);
        try (CaptureReader r = CaptureReader.open(data, "x.pcap")) {
            assertTrue(r.next());
            MalformedCaptureException e = assertThrows(MalformedCaptureException.class, r::next);
            assertEquals("x.pcap: record 1 at byte offset 100: expected a captured length of at most 262144,"
                    + " found 2147418112", e.getMessage());
            assertEquals(100, e.byteOffset());
            assertEquals(1, e.recordIndex());
            assertFalse(r.next());
            assertFalse(r.complete());
        }
    }

    @Test
    void kuznetzovRecordsHaveEightMoreHeaderBytes() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(24 + 2 * (24 + 4)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2cd34).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        for (int i = 0; i < 2; i++) {
            b.putInt(1000 + i).putInt(999_999).putInt(4).putInt(60).putInt(3).putShort((short) 0x0800)
                    .put((byte) 0).put((byte) 0).putInt(0xDEADBEEF + i);
        }
        try (CaptureReader r = CaptureReader.open(b.array(), "k.pcap")) {
            assertTrue(r.next());
            assertEquals(1000_999_999_000L, r.timestampNanos());
            assertEquals(60, r.wireLength());
            assertEquals(0xEFBEADDE, r.frameBuffer().getInt(r.frameOffset()));
            assertTrue(r.next());
            assertEquals(1001_999_999_000L, r.timestampNanos());
            assertFalse(r.next());
            assertTrue(r.complete());
        }
    }

    @Test
    void fcsBitsOfTheLinkTypeField() throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        PcapWriter.builder().linkType(LinkType.ETHERNET).fcsBytes(4).open(bos).close();
        byte[] data = bos.toByteArray();
        assertEquals(0x24000001, ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getInt(20));
        try (CaptureReader r = CaptureReader.open(data, "f.pcap")) {
            assertEquals(LinkType.ETHERNET, r.interfaces().get(0).linkType());
            assertEquals(4, r.interfaces().get(0).fcsBytes());
            assertFalse(r.next());
            assertTrue(r.complete());
        }
    }

    @Test
    void timestampsAfter2038StayPositive() throws IOException {
        long ts = 4_000_000_000L * 1_000_000_000L + 5;
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (PcapWriter w = PcapWriter.builder().open(bos)) {
            w.write(ts, new byte[60], 0, 60);
        }
        try (CaptureReader r = CaptureReader.open(bos.toByteArray(), "y.pcap")) {
            assertTrue(r.next());
            assertEquals(ts, r.timestampNanos());
        }
    }

    @Test
    void writerRejectsOutOfRangeValues() throws IOException {
        PcapWriter w = PcapWriter.builder().snapLength(100).open(new ByteArrayOutputStream());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.write(0, new byte[200], 0, 101));
        assertEquals("capturedLength must be in [0, 100]: 101", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> w.write(-1, new byte[60], 0, 60));
        assertEquals("timestampNanos must be in [0, 2^32 s) for pcap: -1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PcapWriter.builder().fcsBytes(3));
        assertEquals("fcsBytes must be -1 or even in [0, 30]: 3", e.getMessage());
    }

    @Test
    void readAllCopiesSmallFiles() throws IOException {
        Path f = tmp.resolve("a.pcap");
        Files.write(f, write(TimestampPrecision.NANOS, ByteOrder.LITTLE_ENDIAN));
        List<CapturedPacket> all = CaptureReader.readAll(f);
        assertEquals(3000, all.size());
        assertEquals(T0 + 2999 * 1_234_567L, all.get(2999).timestampNanos());
        assertEquals(60 + (2999 * 97) % 1455, all.get(2999).capturedLength());
    }
}
