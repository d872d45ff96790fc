package org.nfvperf.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PcapNgRoundTripTest {
    static final long T0 = 1_700_000_000_123_456_789L;

    @TempDir
    Path tmp;

    static Stream<Arguments> resolutions() {
        // code, what reading back must give for T0 + k
        return Stream.of(Arguments.of(9, "ns"), Arguments.of(6, "us"), Arguments.of(3, "ms"), Arguments.of(10, "100ps"),
                Arguments.of(0x80 | 30, "2^-30"), Arguments.of(0x80 | 32, "2^-32"), Arguments.of(0x80 | 20, "2^-20"),
                Arguments.of(0, "s"));
    }

    static long expected(int code, long ns) {
        int n = code & 0x7F;
        if ((code & 0x80) == 0) {
            if (n >= 9) {
                return ns;
            }
            long unit = (long) Math.pow(10, 9 - n);
            return ns - ns % unit;
        }
        if (n >= 30) {
            return ns; // the writer rounds up, the reader down: exact
        }
        long secs = ns / 1_000_000_000L;
        long frac = ns % 1_000_000_000L;
        long units = ((frac << n) + 999_999_999L) / 1_000_000_000L;
        return secs * 1_000_000_000L + (units * 1_000_000_000L >> n);
    }

    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("variants")
    void timestampsInEveryResolutionAndByteOrder(int code, String name, String order) throws IOException {
        ByteOrder o = order.equals("LE") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        byte[] frame = new byte[70];
        try (PcapNgWriter w = PcapNgWriter.open(bos, o)) {
            int id = w.addInterface(LinkType.ETHERNET, 0, "x", code, 0);
            for (int k = 0; k < 100; k++) {
                frame[0] = (byte) k;
                w.write(id, T0 + k * 7_777_777L, frame, 0, 60 + k % 10, 60 + k % 10);
            }
        }
        try (CaptureReader r = CaptureReader.open(bos.toByteArray(), "x.pcapng")) {
            for (int k = 0; k < 100; k++) {
                assertTrue(r.next());
                assertEquals(expected(code, T0 + k * 7_777_777L), r.timestampNanos(), "packet " + k);
                assertEquals(60 + k % 10, r.capturedLength());
                assertEquals((byte) k, r.frame().get());
            }
            assertFalse(r.next());
            assertTrue(r.complete());
        }
    }

    static Stream<Arguments> variants() {
        return resolutions().flatMap(a -> Stream.of(Arguments.of(a.get()[0], a.get()[1], "LE"),
                Arguments.of(a.get()[0], a.get()[1], "BE")));
    }

    @Test
    void sectionsBlocksStatisticsAndGzip() throws IOException {
        Path f = tmp.resolve("s.pcapng.gz");
        byte[] frame = new byte[100];
        try (PcapNgWriter w = PcapNgWriter.open(f)) {
            int a = w.addInterface(LinkType.ETHERNET, 80, "a", 9, 0);
            int b = w.addInterface(LinkType.RAW, 0, "b", 6, 10);
            w.write(a, T0, frame, 0, 80, 100);
            w.writeBlock(4, new byte[] {0, 0, 0, 0});
            w.writeBlock(0x00000BAD, new byte[] {1, 2, 3, 4, 5});
            w.writeSimple(frame, 0, 80, 100);
            w.write(b, T0 + 1000, ByteBuffer.wrap(frame), 0, 20, 20);
            w.writeObsoletePacket(a, 3, T0 + 2000, frame, 0, 10, 10);
            w.writeStatistics(a, T0 + 3000, 5, 1, 0);
            w.newSection(ByteOrder.BIG_ENDIAN);
            int c = w.addInterface(LinkType.LINUX_SLL2);
            w.write(c, T0 + 4000, frame, 0, 30, 30);
            assertEquals(5, w.packets());
        }
        try (CaptureReader r = CaptureReader.open(f)) {
            assertTrue(r.compressed());
            StringBuilder seen = new StringBuilder();
            while (r.next()) {
                seen.append(r.interfaceId()).append(':').append(r.hasTimestamp() ? r.timestampNanos() - T0 : "none")
                        .append(':').append(r.capturedLength()).append('/').append(r.wireLength()).append(' ');
            }
            assertEquals("0:0:80/100 0:none:80/100 1:211:20/20 0:2000:10/10 2:4000:30/30 ", seen.toString());
            assertEquals(List.of(new InterfaceStatistics(0, T0 + 3000, -1, -1, 5, 1, -1, 0, -1)), r.statistics());
            assertEquals(10, r.interfaces().get(1).tsOffsetSeconds());
            assertEquals(1, r.interfaces().get(2).section());
            assertEquals(0, r.interfaces().get(2).idInSection());
            assertTrue(r.complete());
        }
    }

    @Test
    void undeclaredInterfaceIsMalformed() throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (PcapNgWriter w = PcapNgWriter.open(bos, ByteOrder.LITTLE_ENDIAN)) {
            w.addInterface(LinkType.ETHERNET);
            w.write(0, T0, new byte[60], 0, 60, 60);
        }
        byte[] data = bos.toByteArray();
        // the EPB follows the SHB (44 bytes) and the IDB (32 bytes); its interface id is at +8
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putInt(44 + 32 + 8, 5);
        try (CaptureReader r = CaptureReader.open(data, "u.pcapng")) {
            MalformedCaptureException e = assertThrows(MalformedCaptureException.class, r::next);
            assertEquals("u.pcapng: record 2 at byte offset 76: expected an interface id below 1 (interfaces declared"
                    + " in section 0), found 5", e.getMessage());
        }
    }

    @Test
    void writerValidatesItsArguments() throws IOException {
        PcapNgWriter w = PcapNgWriter.open(new ByteArrayOutputStream(), ByteOrder.LITTLE_ENDIAN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.write(0, T0, new byte[60], 0, 60, 60));
        assertEquals("interfaceId must be in [0, 0): 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> w.addInterface(1, 0, "", 0x80 | 40, 0));
        assertEquals("tsResolutionCode must be n in [0, 18] or 0x80|n with n in [0, 33]: 168", e.getMessage());
        w.addInterface(LinkType.ETHERNET, 0, "ps", 12, 0);
        e = assertThrows(IllegalArgumentException.class, () -> w.write(0, T0, new byte[60], 0, 60, 60));
        assertEquals("timestampNanos must fit 64 bits at 1e-12 s: " + T0, e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> w.writeBlock(6, new byte[0]));
        assertEquals("type must not be one of the structural block types: 6", e.getMessage());
    }

    @Test
    void mulShiftRightIsExactBeyond64Bits() {
        assertEquals(500_000_000L, PcapNgReader.mulShiftRight(1L << 63, 1_000_000_000L, 64));
        assertEquals(999_999_999L, PcapNgReader.mulShiftRight(-1L, 1_000_000_000L, 64));
        assertEquals(3, PcapNgReader.mulShiftRight(7, 1, 1));
    }
}
