package org.nfvperf.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfvperf.util.InputException;

/**
 * Timestamp arithmetic and files that change under the reader: every count that does not fit
 * signed 64-bit ns is a {@link MalformedCaptureException} naming the record, never a wrapped
 * number; a file that shrinks while read is {@code file changed while being read}.
 */
class CaptureFaultsTest {
    @TempDir
    Path tmp;

    /** A little-endian pcapng: SHB, one IDB with the given options, then EPBs with raw timestamps. */
    static byte[] pcapng(byte[][] idbOptions, long... rawTimestamps) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer shb = le(28).putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0)
                .putLong(-1).putInt(28);
        out.writeBytes(shb.array());
        int optBytes = 4;
        for (byte[] o : idbOptions) {
            optBytes += 4 + ((o.length - 4 + 3) & ~3);
        }
        int idbLen = 20 + optBytes;
        ByteBuffer idb = le(idbLen).putInt(1).putInt(idbLen).putShort((short) 1).putShort((short) 0).putInt(65535);
        for (byte[] o : idbOptions) {
            idb.put(o);
            idb.position(idb.position() + ((o.length - 4 + 3) & ~3) - (o.length - 4));
        }
        idb.putInt(0).putInt(idbLen);
        out.writeBytes(idb.array());
        for (long ts : rawTimestamps) {
            byte[] frame = new byte[60];
            int len = 32 + 60;
            ByteBuffer epb = le(len).putInt(6).putInt(len).putInt(0).putInt((int) (ts >>> 32)).putInt((int) ts)
                    .putInt(60).putInt(60).put(frame).putInt(len);
            out.writeBytes(epb.array());
        }
        return out.toByteArray();
    }

    /** An IDB (link type Ethernet) with the given options. */
    static byte[] idb(byte[]... options) {
        byte[] one = pcapng(options);
        return java.util.Arrays.copyOfRange(one, 28, one.length);
    }

    /** An EPB of a 60-byte frame on interface {@code id} with a raw timestamp. */
    static byte[] epb(int id, long ts) {
        int len = 32 + 60;
        return le(len).putInt(6).putInt(len).putInt(id).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(60).putInt(60)
                .put(new byte[60]).putInt(len).array();
    }

    static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    static byte[] option(int code, byte... value) {
        ByteBuffer b = le(4 + value.length).putShort((short) code).putShort((short) value.length).put(value);
        return b.array();
    }

    static byte[] tsresol(int v) {
        return option(9, (byte) v);
    }

    static byte[] tsoffset(long seconds) {
        return option(14, le(8).putLong(seconds).array());
    }

    static List<CapturedPacket> read(byte[] data) throws IOException {
        try (CaptureReader r = CaptureReader.open(data, "t.pcapng")) {
            return r.readRemaining();
        }
    }

    static MalformedCaptureException malformed(byte[] data) {
        return assertThrows(MalformedCaptureException.class, () -> read(data));
    }

    @Test
    void tsresolBeyondWhatLibpcapAcceptsIsDamage() throws IOException {
        assertEquals(500_000_000L, read(pcapng(new byte[][] {tsresol(19)}, 5_000_000_000_000_000_000L))
                .get(0).timestampNanos(), "10^-19 is the finest decimal resolution");
        MalformedCaptureException e = malformed(pcapng(new byte[][] {tsresol(20)}, 1));
        assertEquals("t.pcapng: record 1 at byte offset 28: expected an if_tsresol of 10^-0..10^-19 or 2^-0..2^-63,"
                + " found 10^-20 s", e.getMessage());
        assertEquals(1, e.recordIndex());
        assertEquals("2^-64 s", malformed(pcapng(new byte[][] {tsresol(0x80 | 64)}, 1)).found());
        assertEquals(500_000_000L, read(pcapng(new byte[][] {tsresol(0x80 | 63)}, 1L << 62)).get(0).timestampNanos());
    }

    @Test
    void zeroLengthTsresolMeansMicrosecondsAndARepeatedOneIsDamage() throws IOException {
        assertEquals(7_000L, read(pcapng(new byte[][] {option(9)}, 7)).get(0).timestampNanos());
        MalformedCaptureException e = malformed(pcapng(new byte[][] {tsresol(9), tsresol(6)}, 7));
        assertEquals("at most one if_tsresol option", e.expected());
        assertEquals("a second one", e.found());
        assertEquals("at most one if_tsoffset option",
                malformed(pcapng(new byte[][] {tsoffset(1), tsoffset(2)}, 7)).expected());
    }

    @Test
    void tsoffsetBeyondSigned64BitNanosecondsIsDamage() {
        MalformedCaptureException e = malformed(pcapng(new byte[][] {tsoffset(10_000_000_000L)}, 7));
        assertEquals("t.pcapng: record 1 at byte offset 28: expected an if_tsoffset within signed 64-bit ns"
                + " (|s| <= 9223372036), found 10000000000 s", e.getMessage());
    }

    @Test
    void timestampsOutsideYears1678To2262AreDamageOfThatRecordNotWrapped() throws IOException {
        // year 2300 at ns resolution: 10,416,000,000 s is beyond 2^63 ns
        long year2300 = 10_416_000_000L * 1_000_000L; // in µs units: fits 64 bits, its ns do not
        MalformedCaptureException e = malformed(pcapng(new byte[][] {}, 1_000_000L, year2300));
        assertEquals(3, e.recordIndex(), "the second EPB (blocks count from the SHB, 0)");
        assertEquals("a timestamp within signed 64-bit ns since the epoch (years 1678 to 2262)", e.expected());
        assertEquals(year2300 + " units of 10^-6 s", e.found());
        // an EPB with the high bit set at ns resolution
        assertTrue(malformed(pcapng(new byte[][] {tsresol(9)}, 0x8000_0000_0000_0010L)).found()
                .startsWith("9223372036854775824 units of 10^-9 s"));
        // an if_tsoffset that pushes a valid count out of range
        assertTrue(malformed(pcapng(new byte[][] {tsresol(9), tsoffset(1_000_000_000L)}, 9_000_000_000_000_000_000L))
                .found().endsWith("plus if_tsoffset 1000000000 s"));
        // an offset back before 1970 stays exact
        assertEquals(-100_000_000_000L + 5, read(pcapng(new byte[][] {tsresol(9), tsoffset(-100)}, 5)).get(0)
                .timestampNanos());
    }

    @Test
    void timestampsMoreThan292YearsApartGiveNoWrappedDuration() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(pcapng(new byte[][] {tsresol(9), tsoffset(-9_000_000_000L)}, 0));  // 1684
        b.writeBytes(idb(tsresol(9)));
        b.writeBytes(epb(1, 9_000_000_000_000_000_000L));                               // 2255
        try (CaptureReader r = CaptureReader.open(b.toByteArray(), "t.pcapng")) {
            CaptureSummary s = CaptureSummary.of(r);
            assertEquals(2, s.packets());
            assertEquals(-9_000_000_000_000_000_000L, s.firstNs());
            assertEquals(null, s.durationNs(), "not -446744073709551616");
            assertTrue(s.warnings().get(0).contains("timestamps span more than 2^63 ns"), s.warnings().toString());
        }
    }

    @Test
    void pcapFractionOfASecondNotBelowOneSecondIsAWarning() throws IOException {
        ByteBuffer b = le(24 + 2 * (16 + 60)).putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0)
                .putInt(0).putInt(65535).putInt(1);
        b.putInt(100).putInt(999_999).putInt(60).putInt(60).put(new byte[60]);
        b.putInt(100).putInt(1_500_000).putInt(60).putInt(60).put(new byte[60]);
        try (CaptureReader r = CaptureReader.open(b.array(), "t.pcap")) {
            List<CapturedPacket> p = r.readRemaining();
            assertEquals(101_500_000_000L, p.get(1).timestampNanos(), "read as libpcap does, carrying into seconds");
            assertEquals(List.of("t.pcap: record 1 at byte offset 100: timestamp fraction 1500000 µs is not below one"
                    + " second (10^6 µs); read as 1 s more (the first such record; a damaged or non-standard writer)"),
                    r.warnings());
        }
    }

    @Test
    void damagedGzipHeaderIsMalformedNamingTheFile() throws IOException {
        byte[] good = Files.readAllBytes(RealCaptureTest.DIR.resolve("eth-ns.pcap.gz"));
        byte[][] damaged = {
            {0x1f, (byte) 0x8b},                                  // cut inside the header
            {0x1f, (byte) 0x8b, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0},     // unsupported compression method
            patched(good, 2, (byte) 9),                           // unsupported compression method
            {0x1f, (byte) 0x8b, 8, 4, 0, 0, 0, 0, 0, 3, 100, 0},   // FEXTRA of 100 bytes, cut short
        };
        for (int i = 0; i < damaged.length; i++) {
            Path f = tmp.resolve("bad" + i + ".pcap.gz");
            Files.write(f, damaged[i]);
            MalformedCaptureException e = assertThrows(MalformedCaptureException.class, () -> CaptureReader.open(f));
            assertTrue(e.getMessage().startsWith(f + ": file header at byte offset 0: expected a gzip header"),
                    e.getMessage());
        }
    }

    static byte[] patched(byte[] in, int at, byte value) {
        byte[] b = in.clone();
        b[at] = value;
        return b;
    }

    @Test
    void aFileThatShrinksBetweenWindowsIsReportedAsChanged() throws IOException {
        Path f = tmp.resolve("big.pcap");
        SyntheticCapture.writePcap(f, 20_000, 64, 1_700_000_000_000_000_000L, 1000, TimestampPrecision.NANOS);
        try (CaptureReader r = CaptureReader.open(f, 4096)) {
            for (int i = 0; i < 10; i++) {
                assertTrue(r.next());
            }
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                raf.setLength(200_000);
            }
            InputException e = assertThrows(InputException.class, () -> {
                while (r.next()) {
                    r.frameBuffer().get(r.frameOffset());
                }
            });
            assertTrue(e.getMessage().startsWith(f + ": file changed while being read: its size went from "),
                    e.getMessage());
            assertFalse(r.complete());
        }
    }

    @Test
    void aMappedPageThatVanishesIsReportedAsChangedNotAsAnInternalError() throws IOException {
        Path f = tmp.resolve("big.pcap");
        SyntheticCapture.writePcap(f, 20_000, 64, 1_700_000_000_000_000_000L, 1000, TimestampPrecision.NANOS);
        // one window over the whole file: the truncation happens inside the mapping
        try (CaptureReader r = CaptureReader.open(f, 16 << 20)) {
            assertTrue(r.next());
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                raf.setLength(4096);
            }
            InputException e = assertThrows(InputException.class, () -> CaptureSummary.of(r));
            assertTrue(e.getMessage().startsWith(f + ": file changed while being read"), e.getMessage());
        }
    }
}
