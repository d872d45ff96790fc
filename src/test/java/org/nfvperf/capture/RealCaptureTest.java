package org.nfvperf.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads the captures made by tcpdump, editcap, mergecap, gzip and craft.py (see
 * src/test/resources/captures/regenerate.sh) and compares every packet with what tshark reports:
 * timestamp in ns, wire and captured length, interface, addresses, protocol, IP id, ports, VLAN ids.
 */
class RealCaptureTest {
    static final Path DIR = Path.of("src/test/resources/captures");

    /** One tshark row, by column name. */
    record Row(Map<String, String> f) {
        String get(String k) {
            return f.getOrDefault(k, "");
        }
    }

    static List<Row> tshark(String file) throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve(file + ".tshark.tsv"), StandardCharsets.UTF_8);
        String[] head = lines.get(0).split("\t", -1);
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split("\t", -1);
            java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
            for (int i = 0; i < head.length; i++) {
                m.put(head[i], i < v.length ? v[i] : "");
            }
            rows.add(new Row(m));
        }
        return rows;
    }

    /** tshark's "seconds.fraction" as exact ns. */
    static long nanos(String epoch) {
        if (epoch.isEmpty()) {
            return CaptureReader.NO_TIMESTAMP;
        }
        int dot = epoch.indexOf('.');
        String frac = (epoch.substring(dot + 1) + "000000000").substring(0, 9);
        return Long.parseLong(epoch.substring(0, dot)) * 1_000_000_000L + Long.parseLong(frac);
    }

    static byte[] bytes(ByteBuffer b, int off, int len) {
        byte[] out = new byte[len];
        b.get(off, out, 0, len);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"eth-ns.pcap", "eth-us.pcap", "eth-ns.pcapng", "eth-us.pcapng", "eth-ns.pcap.gz",
        "eth-ns-be.pcap", "lo-ns.pcap", "any-sll.pcap", "any-sll2.pcap", "merged.pcapng", "merged.pcapng.gz",
        "crafted-mixed.pcapng"})
    void everyPacketAsTsharkSeesIt(String file) throws Exception {
        List<Row> rows = tshark(file);
        PacketHeaders h = new PacketHeaders();
        int i = 0;
        try (CaptureReader r = CaptureReader.open(DIR.resolve(file), 4096)) {
            assertEquals(file.endsWith(".gz"), r.compressed());
            while (r.next()) {
                Row t = rows.get(i);
                String at = file + " packet " + (i + 1);
                assertEquals(nanos(t.get("frame.time_epoch")), r.timestampNanos(), at);
                assertEquals(Integer.parseInt(t.get("frame.len")), r.wireLength(), at);
                assertEquals(Integer.parseInt(t.get("frame.cap_len")), r.capturedLength(), at);
                CaptureInterface itf = r.interfaces().get(r.interfaceId());
                assertEquals(itf.linkType(), r.linkType(), at);
                if (!t.get("frame.interface_id").isEmpty()) {
                    // tshark numbers interfaces within their section
                    assertEquals(Integer.parseInt(t.get("frame.interface_id")), itf.idInSection(), at);
                }
                h.decode(r);
                ByteBuffer b = r.frameBuffer();
                String src = t.get("ip.src").isEmpty() ? t.get("ipv6.src") : t.get("ip.src");
                if (src.isEmpty()) {
                    assertEquals(0, h.ipVersion(), at);
                    i++;
                    continue;
                }
                assertArrayEquals(InetAddress.getByName(src).getAddress(),
                        bytes(b, h.srcAddressOffset(), h.addressLength()), at);
                String dst = t.get("ip.dst").isEmpty() ? t.get("ipv6.dst") : t.get("ip.dst");
                assertArrayEquals(InetAddress.getByName(dst).getAddress(),
                        bytes(b, h.dstAddressOffset(), h.addressLength()), at);
                if (!t.get("ip.proto").isEmpty()) {
                    assertEquals(Integer.parseInt(t.get("ip.proto")), h.protocol(), at);
                    assertEquals(Long.decode(t.get("ip.id")), h.ipId(), at);
                }
                String sport = t.get("udp.srcport").isEmpty() ? t.get("tcp.srcport") : t.get("udp.srcport");
                String dport = t.get("udp.dstport").isEmpty() ? t.get("tcp.dstport") : t.get("udp.dstport");
                boolean icmp = h.protocol() == PacketHeaders.ICMP || h.protocol() == PacketHeaders.ICMPV6;
                if (!icmp) {
                    // for ICMP errors tshark's first port is the quoted packet's; ours are of the outer packet
                    assertEquals(sport.isEmpty() ? -1 : Integer.parseInt(sport), h.srcPort(), at);
                    assertEquals(dport.isEmpty() ? -1 : Integer.parseInt(dport), h.dstPort(), at);
                } else {
                    assertEquals(-1, h.srcPort(), at);
                }
                if (!t.get("icmp.type").isEmpty()) {
                    assertEquals(Integer.parseInt(t.get("icmp.type")), h.icmpType(), at);
                }
                String ad = t.get("ieee8021ad.id");
                String q = t.get("vlan.id");
                List<Integer> expectedTags = new ArrayList<>();
                if (!ad.isEmpty()) {
                    expectedTags.add(Integer.parseInt(ad));
                }
                if (!q.isEmpty()) {
                    expectedTags.add(Integer.parseInt(q));
                }
                List<Integer> tags = new ArrayList<>();
                for (int k = 0; k < h.vlanCount(); k++) {
                    tags.add(h.vlanId(k));
                }
                // tshark's vlan.id is the first 802.1Q-style tag: compare that many of ours
                assertEquals(expectedTags, tags.subList(0, Math.min(tags.size(), expectedTags.size())), at);
                assertEquals(!expectedTags.isEmpty(), h.vlanCount() > 0, at);
                i++;
            }
            assertEquals(rows.size(), i, file + ": packets");
            assertTrue(r.complete(), file);
        }
    }

    /** A stream that hands out at most 1..7 bytes per read, to prove that partial input works. */
    static final class Trickle extends java.io.FilterInputStream {
        private int next;

        Trickle(byte[] data) {
            super(new java.io.ByteArrayInputStream(data));
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            next = next % 7 + 1;
            return super.read(b, off, Math.min(len, next));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"eth-ns.pcap", "merged.pcapng", "crafted-mixed.pcapng", "merged.pcapng.gz"})
    void inputInSmallPiecesReadsTheSame(String file) throws IOException {
        byte[] data = Files.readAllBytes(DIR.resolve(file));
        List<CapturedPacket> whole = CaptureReader.readAll(DIR.resolve(file));
        List<CapturedPacket> pieces;
        try (CaptureReader r = CaptureReader.open(new Trickle(data), file)) {
            pieces = r.readRemaining();
            assertTrue(r.complete());
        }
        assertEquals(whole.size(), pieces.size());
        for (int i = 0; i < whole.size(); i++) {
            assertEquals(whole.get(i).timestampNanos(), pieces.get(i).timestampNanos());
            assertEquals(whole.get(i).interfaceId(), pieces.get(i).interfaceId());
            assertArrayEquals(whole.get(i).data(), pieces.get(i).data());
        }
    }

    @Test
    void mergecapKeepsEachInputAsAnInterfaceWithItsResolution() throws IOException {
        try (CaptureReader r = CaptureReader.open(DIR.resolve("merged.pcapng"))) {
            while (r.next()) {
                assertTrue(r.interfaceId() < 3);
            }
            List<String> seen = r.interfaces().stream()
                    .map(i -> i.id() + ":" + LinkType.name(i.linkType()) + ":" + i.resolutionText())
                    .collect(Collectors.toList());
            assertEquals(List.of("0:ETHERNET:1e-9 s", "1:LINUX_SLL2:1e-6 s", "2:ETHERNET:1e-9 s"), seen);
        }
    }

    @Test
    void craftedBlocksAndStatistics() throws IOException {
        try (CaptureReader r = CaptureReader.open(DIR.resolve("crafted-mixed.pcapng"))) {
            int packets = 0;
            while (r.next()) {
                packets++;
            }
            assertEquals(9, packets);
            assertEquals(List.of("us", "ns", "bin20", "bin30-offset", "be-ns", "be-ms"),
                    r.interfaces().stream().map(CaptureInterface::name).collect(Collectors.toList()));
            assertEquals(List.of(0, 0, 0, 0, 1, 1),
                    r.interfaces().stream().map(CaptureInterface::section).collect(Collectors.toList()));
            assertEquals(-100, r.interfaces().get(3).tsOffsetSeconds());
            assertEquals(List.of(
                    new InterfaceStatistics(1, 1_700_000_000_900_000_000L, -1, -1, 10, 3, -1, 2, -1),
                    new InterfaceStatistics(4, 1_700_000_000_000_000_010L, -1, -1, 3, 0, -1, 1, -1)),
                    r.statistics());
            assertEquals(List.of(r.file() + ": simple packet blocks carry no timestamp (first at byte offset 608)"),
                    r.warnings());
            assertTrue(r.complete());
            assertFalse(r.next());
        }
    }
}
