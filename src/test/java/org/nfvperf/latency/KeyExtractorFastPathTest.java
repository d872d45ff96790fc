package org.nfvperf.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nfvperf.capture.CaptureReader;
import org.nfvperf.capture.LinkType;
import org.nfvperf.capture.PacketHeaders;

/**
 * {@link KeyExtractor#extractFast} against the general path ({@link PacketHeaders#decode} then
 * {@link KeyExtractor#extract}): the same identity wherever the fast path answers, and the fast
 * path answers exactly for the frames of its layout (Ethernet, IPv4 without options, not a
 * fragment, UDP) that the general path keys.
 */
class KeyExtractorFastPathTest {
    static final Path DIR = Path.of("src/test/resources/latency");

    static List<KeyExtractor> extractors() {
        return List.of(KeyExtractor.of(Key.hash()), KeyExtractor.probe(), KeyExtractor.pktgen(),
                KeyExtractor.of(new Key.Sequence(4, 6)), KeyExtractor.of(new Key.Sequence(0, 8)),
                KeyExtractor.of(new Key.Sequence(3, 1)), KeyExtractor.of(new Key.Sequence(10, 3)),
                KeyExtractor.of(new Key.Sequence(17, 8)));
    }

    /** Fast and general path on one frame; counts what happened. */
    static final class Compare {
        final PacketHeaders h = new PacketHeaders();
        long fast;
        long declined;
        long generalOk;

        void frame(KeyExtractor x, ByteBuffer b, int off, int len, String what) {
            KeyExtractor general = KeyExtractor.copyOf(x);
            int g = h.decode(LinkType.ETHERNET, b, off, len) ? general.extract(h, b, off + len) : KeyExtractor.SKIP;
            int f = x.extractFast(b, off, len);
            boolean layout = h.ipVersion() == 4 && h.vlanCount() == 0 && h.etherType() == 0x0800
                    && h.ipHeaderLength() == 20 && !h.fragmented() && h.protocol() == PacketHeaders.UDP
                    && h.l4Offset() >= 0;
            if (g == KeyExtractor.OK) {
                generalOk++;
            }
            if (f == KeyExtractor.OK) {
                fast++;
                assertEquals(KeyExtractor.OK, g, what + ": general path must key what the fast path keys");
                assertEquals(general.key(), x.key(), what + ": identity under " + x.description());
            } else {
                assertEquals(KeyExtractor.DECLINE, f, what);
                declined++;
                assertTrue(!(layout && g == KeyExtractor.OK), what + ": fast path declined a common frame that "
                        + "the general path keys under " + x.description());
            }
        }
    }

    static Stream<Arguments> fixtures() {
        List<Arguments> out = new ArrayList<>();
        for (String f : List.of("hash-a0.pcap", "hash-b0-lossy.pcap", "hash-r1.pcap", "pktgen-a0.pcap",
                "pktgen-b0.pcap", "probe-a0.pcap", "probe-b0.pcap", "probe-r1.pcap", "probe-all.pcapng")) {
            for (KeyExtractor x : extractors()) {
                out.add(Arguments.of(f, x));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fixtures")
    void fixturesGiveTheSameKeys(String file, KeyExtractor x) throws IOException {
        Compare c = new Compare();
        long ethernet = 0;
        try (CaptureReader r = CaptureReader.open(DIR.resolve(file))) {
            while (r.next()) {
                if (r.linkType() != LinkType.ETHERNET) {
                    continue;
                }
                ethernet++;
                c.frame(x, r.frameBuffer(), r.frameOffset(), r.capturedLength(),
                        file + " packet " + r.packetIndex());
            }
        }
        assertTrue(ethernet > 0, file);
        assertEquals(ethernet, c.fast + c.declined);
    }

    @Test
    void theProbeFixtureTakesTheFastPathForEveryProbe() throws IOException {
        Compare c = new Compare();
        KeyExtractor x = KeyExtractor.probe();
        try (CaptureReader r = CaptureReader.open(DIR.resolve("probe-a0.pcap"))) {
            while (r.next()) {
                c.frame(x, r.frameBuffer(), r.frameOffset(), r.capturedLength(), "probe-a0 " + r.packetIndex());
            }
        }
        assertTrue(c.generalOk > 0);
        assertEquals(c.generalOk, c.fast);
    }

    /** Ethernet/IPv4/UDP with an 18-byte probe header; 60 bytes. */
    static byte[] common(long seq) {
        byte[] f = new byte[60];
        f[5] = 1;
        f[11] = 2;
        f[12] = 0x08;
        f[14] = 0x45;
        f[17] = 46;
        f[18] = 0x12;
        f[19] = 0x34;
        f[22] = 64;
        f[23] = 17;
        f[26] = 10;
        f[29] = 1;
        f[30] = 10;
        f[33] = 2;
        f[34] = 0x04;
        f[35] = (byte) 0xD2;
        f[36] = 0x16;
        f[37] = 0x2E;
        f[39] = 26;
        ProbeHeader.write(f, 42, seq, 1_000_000L + seq);
        return f;
    }

    static byte[] insert(byte[] f, int at, byte[] bytes) {
        byte[] o = new byte[f.length + bytes.length];
        System.arraycopy(f, 0, o, 0, at);
        System.arraycopy(bytes, 0, o, at, bytes.length);
        System.arraycopy(f, at, o, at + bytes.length, f.length - at);
        return o;
    }

    static byte[] vlan() {
        return insert(common(7), 12, new byte[] {(byte) 0x81, 0, 0, 5});
    }

    static byte[] ipOptions() {
        byte[] f = insert(common(7), 34, new byte[] {1, 1, 1, 0});
        f[14] = 0x46;
        f[17] = 50;
        return f;
    }

    static byte[] ipv6() {
        byte[] f = new byte[14 + 40 + 8 + 18];
        f[12] = (byte) 0x86;
        f[13] = (byte) 0xDD;
        f[14] = 0x60;
        f[19] = 26;
        f[20] = 17;
        f[21] = 64;
        f[22 + 15] = 1;
        f[38 + 15] = 2;
        f[55] = 9;
        f[59] = 26;
        ProbeHeader.write(f, 62, 7, 1000);
        return f;
    }

    static byte[] with(byte[] f, int at, int value) {
        f[at] = (byte) value;
        return f;
    }

    static Stream<Arguments> declined() {
        return Stream.of(
                Arguments.of("VLAN tag", vlan(), 60 + 4),
                Arguments.of("IPv4 options", ipOptions(), 64),
                Arguments.of("IPv6", ipv6(), ipv6().length),
                Arguments.of("first fragment (more fragments)", with(common(7), 20, 0x20), 60),
                Arguments.of("later fragment", with(common(7), 21, 0x10), 60),
                Arguments.of("TCP", with(common(7), 23, 6), 60),
                Arguments.of("ARP", with(common(7), 13, 6), 60),
                Arguments.of("IPv4 version 6 in an IPv4 EtherType", with(common(7), 14, 0x65), 60),
                Arguments.of("UDP header cut short", common(7), 40),
                Arguments.of("payload cut short for seq:4:6", common(7), 42 + 9),
                Arguments.of("UDP length says 9 bytes of payload", with(common(7), 39, 17), 60),
                Arguments.of("IPv4 total length says 9 bytes of payload", with(common(7), 17, 37), 60));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("declined")
    void declinesWhatItDoesNotHandle(String what, byte[] frame, int captured) {
        for (KeyExtractor x : List.of(KeyExtractor.probe(), KeyExtractor.of(new Key.Sequence(4, 6)))) {
            assertEquals(KeyExtractor.DECLINE, x.extractFast(ByteBuffer.wrap(frame), 0, captured), what);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("declinedForProbesOnly")
    void probeKeyDeclinesPayloadsWithoutTheWholeProbeHeader(String what, byte[] frame, int captured) {
        assertEquals(KeyExtractor.DECLINE, KeyExtractor.probe().extractFast(ByteBuffer.wrap(frame), 0, captured), what);
        KeyExtractor seq = KeyExtractor.of(new Key.Sequence(4, 6));
        assertEquals(KeyExtractor.OK, seq.extractFast(ByteBuffer.wrap(frame), 0, captured), what);
        assertEquals(7, seq.key(), what);
    }

    static Stream<Arguments> declinedForProbesOnly() {
        return Stream.of(
                Arguments.of("payload cut short for the probe header", common(7), 55),
                Arguments.of("UDP length says 10 bytes of payload", with(common(7), 39, 18), 60),
                Arguments.of("no probe magic", with(common(7), 42, 0x4F), 60));
    }

    @Test
    void readsTheProbeSequenceAtAnyPlaceInTheBuffer() {
        for (int pad = 0; pad < 12; pad++) {
            byte[] f = common(0x0000_1234_5678_9ABCL);
            byte[] buf = new byte[pad + f.length];
            System.arraycopy(f, 0, buf, pad, f.length);
            KeyExtractor x = KeyExtractor.probe();
            assertEquals(KeyExtractor.OK, x.extractFast(ByteBuffer.wrap(buf), pad, f.length));
            assertEquals(0x1234_5678_9ABCL, x.key());
            // at the very end of the buffer (no 8 bytes to read a long from)
            KeyExtractor y = KeyExtractor.of(new Key.Sequence(16, 2));
            assertEquals(KeyExtractor.OK, y.extractFast(ByteBuffer.wrap(buf), pad, f.length));
            assertEquals(ByteBuffer.wrap(f).getShort(58) & 0xFFFF, y.key());
        }
    }

    /** Random mutations of common frames, VLAN, options, IPv6 and fragments, random snap lengths. */
    @Test
    void randomFramesGiveTheSameKeysAsTheGeneralPath() {
        SplittableRandom rnd = new SplittableRandom(42);
        List<KeyExtractor> xs = extractors();
        Compare c = new Compare();
        for (int i = 0; i < 20_000; i++) {
            byte[] f = switch (rnd.nextInt(6)) {
                case 0 -> vlan();
                case 1 -> ipOptions();
                case 2 -> ipv6();
                default -> common(rnd.nextLong(1L << 48));
            };
            if (rnd.nextInt(3) > 0) {
                f = java.util.Arrays.copyOf(f, f.length + rnd.nextInt(40));
                for (int k = 42; k < f.length; k++) {
                    f[k] = (byte) rnd.nextInt(256);
                }
            }
            for (int m = rnd.nextInt(4); m > 0; m--) {
                int at = rnd.nextInt(f.length);
                f[at] = (byte) (rnd.nextInt(3) == 0 ? rnd.nextInt(256) : f[at] ^ (1 << rnd.nextInt(8)));
            }
            int pad = rnd.nextInt(9);
            byte[] buf = new byte[pad + f.length + rnd.nextInt(9)];
            System.arraycopy(f, 0, buf, pad, f.length);
            int captured = rnd.nextInt(4) == 0 ? rnd.nextInt(f.length + 1) : f.length;
            c.frame(xs.get(rnd.nextInt(xs.size())), ByteBuffer.wrap(buf), pad, captured, "random frame " + i);
        }
        assertTrue(c.fast > 3_000, "fast " + c.fast);
        assertTrue(c.declined > 5_000, "declined " + c.declined);
    }
}
