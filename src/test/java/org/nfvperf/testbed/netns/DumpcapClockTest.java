package org.nfvperf.testbed.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nfvperf.capture.CaptureReader;
import org.nfvperf.capture.CapturedPacket;

class DumpcapClockTest {
    private static final long HZ = 2_100_000_000L;
    private static final long T0 = 1_796_398_879_076_210_884L;   // a real dut1_in timestamp, corrected

    @TempDir
    Path dir;

    @Test
    void theWrapIsTwoToThe64CyclesInNanoseconds() {
        assertEquals(8_784_163_844_623_596_008L, DumpcapClock.wrapNanos(HZ));   // 8,784,163,845 s: year 2305
        assertEquals("tscHz must be > 0: 0", assertThrows(IllegalArgumentException.class, () -> DumpcapClock.wrapNanos(0)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"LITTLE_ENDIAN", "BIG_ENDIAN"})
    void wrappedTimestampsComeBackToTheTrialWindow(String order) throws IOException {
        long wrap = DumpcapClock.wrapNanos(HZ);
        Path f = write(order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, T0 + wrap, T0 + 77 + wrap);
        assertEquals(2, DumpcapClock.correct(f, HZ, T0 - 60_000_000_000L, T0 + 60_000_000_000L));
        List<CapturedPacket> p = CaptureReader.readAll(f);
        assertEquals(List.of(T0, T0 + 77), p.stream().map(CapturedPacket::timestampNanos).toList());
        assertEquals(0, DumpcapClock.correct(f, HZ, T0 - 60_000_000_000L, T0 + 60_000_000_000L), "a second pass changes nothing");
    }

    @Test
    void aFileWithSaneTimestampsIsLeftAlone() throws IOException {
        Path f = write(ByteOrder.LITTLE_ENDIAN, T0, T0 + 5);
        byte[] before = Files.readAllBytes(f);
        assertEquals(0, DumpcapClock.correct(f, HZ, T0 - 1, T0 + 10));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(f)));
    }

    @Test
    void aTimestampLateByAnythingElseIsReportedWithItsOffset() throws IOException {
        Path f = write(ByteOrder.LITTLE_ENDIAN, T0 + 3_600_000_000_000L, T0);
        IOException e = assertThrows(IOException.class, () -> DumpcapClock.correct(f, HZ, T0 - 1, T0 + 10));
        assertTrue(e.getMessage().endsWith(": offset 60: timestamp " + (T0 + 3_600_000_000_000L)
                + " ns is late by other than 2^64/tsc_hz (8784163844623596008 ns)"), e.getMessage());
    }

    @Test
    void aPcapIsRefused() throws IOException {
        Path f = dir.resolve("x.pcap");
        Files.write(f, new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        IOException e = assertThrows(IOException.class, () -> DumpcapClock.correct(f, HZ, 0, 1));
        assertTrue(e.getMessage().endsWith(": offset 0: expected a pcapng Section Header Block, found block type 0xa1b2c3d4"),
                e.getMessage());
    }

    /** SHB (28 bytes), IDB with if_tsresol = 9 (32 bytes), then one EPB per timestamp with a 60-byte frame. */
    private Path write(ByteOrder order, long... timestamps) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(28 + 32 + timestamps.length * 92).order(order);
        b.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1).putInt(28);
        b.putInt(1).putInt(32).putShort((short) 1).putShort((short) 0).putInt(65535)
                .putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3]).putInt(0).putInt(32);
        for (long ts : timestamps) {
            b.putInt(6).putInt(92).putInt(0).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(60).putInt(60)
                    .put(new byte[60]).putInt(92);
        }
        Path f = dir.resolve("t-" + order + ".pcapng");
        Files.write(f, b.array());
        return f;
    }
}
