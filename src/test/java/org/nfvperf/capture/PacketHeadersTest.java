package org.nfvperf.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PacketHeadersTest {
    private static final byte[] PROBE = new byte[18];

    /** One line with every decoded field, so that a case asserts all of them exactly. */
    static String describe(PacketHeaders h) {
        return "ip=" + h.ipVersion() + " vlans=" + h.vlanCount() + " et=" + (h.etherType() < 0 ? "-1" : Integer.toHexString(h.etherType()))
                + " l3=" + h.l3Offset() + " hl=" + h.ipHeaderLength() + " proto=" + h.protocol() + "@"
                + h.protocolOffset() + " id=" + h.ipId() + "@" + h.ipIdOffset() + "/" + h.ipIdLength() + " ttl@"
                + h.ttlOffset() + " src=" + h.srcAddress() + "@" + h.srcAddressOffset() + " dst=" + h.dstAddress()
                + " frag=" + h.fragmented() + "/" + h.fragmentOffset() + "/" + h.moreFragments() + " l4="
                + h.l4Offset() + " ports=" + h.srcPort() + ">" + h.dstPort() + " pay=" + h.l4PayloadOffset() + "+"
                + h.l4PayloadLength() + "/" + h.l4PayloadCapturedLength() + " trunc=" + h.truncated();
    }

    static Stream<Arguments> frames() {
        byte[] ethUdp = TestFrames.of().ethernet(0x0800).ipv4(46, 7, 0, 17, new byte[0]).udp(1000, 2000, 26)
                .bytes(PROBE).build();
        byte[] padded = TestFrames.of().bytes(ethUdp).zeros(4).build(); // 64-byte frame with FCS-like tail
        return Stream.of(
                Arguments.of("ethernet ipv4 udp", LinkType.ETHERNET, ethUdp,
                        "ip=4 vlans=0 et=800 l3=14 hl=20 proto=17@23 id=7@18/2 ttl@22 src=10.0.0.1@26 dst=10.0.0.2"
                                + " frag=false/0/false l4=34 ports=1000>2000 pay=42+18/18 trunc=false"),
                Arguments.of("trailing bytes are not payload", LinkType.ETHERNET, padded,
                        "ip=4 vlans=0 et=800 l3=14 hl=20 proto=17@23 id=7@18/2 ttl@22 src=10.0.0.1@26 dst=10.0.0.2"
                                + " frag=false/0/false l4=34 ports=1000>2000 pay=42+18/18 trunc=false"),
                Arguments.of("802.1Q", LinkType.ETHERNET, TestFrames.of().ethernet(0x8100).tag(100, 0x0800)
                        .ipv4(46, 7, 0, 17, new byte[0]).udp(1000, 2000, 26).bytes(PROBE).build(),
                        "ip=4 vlans=1 et=800 l3=18 hl=20 proto=17@27 id=7@22/2 ttl@26 src=10.0.0.1@30 dst=10.0.0.2"
                                + " frag=false/0/false l4=38 ports=1000>2000 pay=46+18/18 trunc=false"),
                Arguments.of("802.1ad QinQ", LinkType.ETHERNET, TestFrames.of().ethernet(0x88A8).tag(10, 0x8100)
                        .tag(20, 0x0800).ipv4(46, 7, 0, 17, new byte[0]).udp(1000, 2000, 26).bytes(PROBE).build(),
                        "ip=4 vlans=2 et=800 l3=22 hl=20 proto=17@31 id=7@26/2 ttl@30 src=10.0.0.1@34 dst=10.0.0.2"
                                + " frag=false/0/false l4=42 ports=1000>2000 pay=50+18/18 trunc=false"),
                Arguments.of("9100 QinQ", LinkType.ETHERNET, TestFrames.of().ethernet(0x9100).tag(10, 0x8100)
                        .tag(20, 0x0800).ipv4(46, 7, 0, 17, new byte[0]).udp(1000, 2000, 26).bytes(PROBE).build(),
                        "ip=4 vlans=2 et=800 l3=22 hl=20 proto=17@31 id=7@26/2 ttl@30 src=10.0.0.1@34 dst=10.0.0.2"
                                + " frag=false/0/false l4=42 ports=1000>2000 pay=50+18/18 trunc=false"),
                Arguments.of("ipv4 options", LinkType.ETHERNET, TestFrames.of().ethernet(0x0800)
                        .ipv4(54, 9, 0, 17, new byte[] {1, 1, 1, 0, 1, 1, 1, 0}).udp(5, 6, 26).bytes(PROBE).build(),
                        "ip=4 vlans=0 et=800 l3=14 hl=28 proto=17@23 id=9@18/2 ttl@22 src=10.0.0.1@26 dst=10.0.0.2"
                                + " frag=false/0/false l4=42 ports=5>6 pay=50+18/18 trunc=false"),
                Arguments.of("first fragment", LinkType.ETHERNET, TestFrames.of().ethernet(0x0800)
                        .ipv4(44, 3, 0x2000, 17, new byte[0]).udp(5, 6, 1000).zeros(16).build(),
                        "ip=4 vlans=0 et=800 l3=14 hl=20 proto=17@23 id=3@18/2 ttl@22 src=10.0.0.1@26 dst=10.0.0.2"
                                + " frag=true/0/true l4=34 ports=5>6 pay=42+16/16 trunc=false"),
                Arguments.of("later fragment", LinkType.ETHERNET, TestFrames.of().ethernet(0x0800)
                        .ipv4(44, 3, 0x0003, 17, new byte[0]).zeros(24).build(),
                        "ip=4 vlans=0 et=800 l3=14 hl=20 proto=17@23 id=3@18/2 ttl@22 src=10.0.0.1@26 dst=10.0.0.2"
                                + " frag=true/24/false l4=-1 ports=-1>-1 pay=34+24/24 trunc=false"),
                Arguments.of("tcp with options", LinkType.ETHERNET, TestFrames.of().ethernet(0x0800)
                        .ipv4(20 + 32 + 5, 1, 0x4000, 6, new byte[0]).tcp(80, 443, 8, 0x18).zeros(5).build(),
                        "ip=4 vlans=0 et=800 l3=14 hl=20 proto=6@23 id=1@18/2 ttl@22 src=10.0.0.1@26 dst=10.0.0.2"
                                + " frag=false/0/false l4=34 ports=80>443 pay=66+5/5 trunc=false"),
                Arguments.of("icmp echo", LinkType.ETHERNET, TestFrames.of().ethernet(0x0800)
                        .ipv4(20 + 8 + 4, 1, 0, 1, new byte[0]).u8(8, 0).u16(0).u16(1).u16(2).zeros(4).build(),
                        "ip=4 vlans=0 et=800 l3=14 hl=20 proto=1@23 id=1@18/2 ttl@22 src=10.0.0.1@26 dst=10.0.0.2"
                                + " frag=false/0/false l4=34 ports=-1>-1 pay=42+4/4 trunc=false"),
                Arguments.of("ipv6 hop-by-hop + fragment + udp", LinkType.ETHERNET, TestFrames.of().ethernet(0x86DD)
                        .ipv6(8 + 8 + 8 + 18, 0).u8(44, 0).zeros(6).u8(17, 0).u16(0x0001).u32(0xABCDEF01)
                        .udp(7, 8, 26).bytes(PROBE).build(),
                        "ip=6 vlans=0 et=86dd l3=14 hl=56 proto=17@62 id=2882400001@66/4 ttl@21"
                                + " src=2001:db8:0:0:0:0:0:1@22 dst=2001:db8:0:0:0:0:0:2"
                                + " frag=true/0/true l4=70 ports=7>8 pay=78+18/18 trunc=false"),
                Arguments.of("linux sll", LinkType.LINUX_SLL, TestFrames.of().u16(0).u16(1).u16(6).zeros(8)
                        .u16(0x0800).ipv4(46, 7, 0, 17, new byte[0]).udp(1, 2, 26).bytes(PROBE).build(),
                        "ip=4 vlans=0 et=800 l3=16 hl=20 proto=17@25 id=7@20/2 ttl@24 src=10.0.0.1@28 dst=10.0.0.2"
                                + " frag=false/0/false l4=36 ports=1>2 pay=44+18/18 trunc=false"),
                Arguments.of("linux sll2", LinkType.LINUX_SLL2, TestFrames.of().u16(0x86DD).u16(0).u32(1).u16(772)
                        .u8(0, 6).zeros(8).ipv6(26, 17).udp(1, 2, 26).bytes(PROBE).build(),
                        "ip=6 vlans=0 et=86dd l3=20 hl=40 proto=17@26 id=-1@-1/0 ttl@27"
                                + " src=2001:db8:0:0:0:0:0:1@28 dst=2001:db8:0:0:0:0:0:2"
                                + " frag=false/0/false l4=60 ports=1>2 pay=68+18/18 trunc=false"),
                Arguments.of("bsd null little-endian", LinkType.NULL, TestFrames.of().u8(2, 0, 0, 0)
                        .ipv4(46, 7, 0, 17, new byte[0]).udp(1, 2, 26).bytes(PROBE).build(),
                        "ip=4 vlans=0 et=-1 l3=4 hl=20 proto=17@13 id=7@8/2 ttl@12 src=10.0.0.1@16 dst=10.0.0.2"
                                + " frag=false/0/false l4=24 ports=1>2 pay=32+18/18 trunc=false"),
                Arguments.of("openbsd loop ipv6", LinkType.LOOP, TestFrames.of().u32(24).ipv6(26, 17).udp(1, 2, 26)
                        .bytes(PROBE).build(),
                        "ip=6 vlans=0 et=-1 l3=4 hl=40 proto=17@10 id=-1@-1/0 ttl@11"
                                + " src=2001:db8:0:0:0:0:0:1@12 dst=2001:db8:0:0:0:0:0:2"
                                + " frag=false/0/false l4=44 ports=1>2 pay=52+18/18 trunc=false"),
                Arguments.of("raw ipv4 snapped inside udp payload", LinkType.RAW, TestFrames.of()
                        .ipv4(46, 7, 0, 17, new byte[0]).udp(1, 2, 26).zeros(4).build(),
                        "ip=4 vlans=0 et=-1 l3=0 hl=20 proto=17@9 id=7@4/2 ttl@8 src=10.0.0.1@12 dst=10.0.0.2"
                                + " frag=false/0/false l4=20 ports=1>2 pay=28+18/4 trunc=false"),
                Arguments.of("ipv4 header cut short", LinkType.ETHERNET, TestFrames.of().ethernet(0x0800).zeros(10)
                        .build(),
                        "ip=0 vlans=0 et=800 l3=14 hl=0 proto=-1@-1 id=-1@-1/0 ttl@-1 src=@-1 dst="
                                + " frag=false/0/false l4=-1 ports=-1>-1 pay=-1+-1/-1 trunc=true"),
                Arguments.of("arp", LinkType.ETHERNET, TestFrames.of().ethernet(0x0806).zeros(28).build(),
                        "ip=0 vlans=0 et=806 l3=14 hl=0 proto=-1@-1 id=-1@-1/0 ttl@-1 src=@-1 dst="
                                + " frag=false/0/false l4=-1 ports=-1>-1 pay=-1+-1/-1 trunc=false"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void decodesEveryLayer(String name, int linkType, byte[] frame, String expected) {
        PacketHeaders h = new PacketHeaders();
        h.decode(linkType, ByteBuffer.wrap(frame), 0, frame.length);
        assertEquals(expected, describe(h));
    }

    @Test
    void offsetsAreAbsoluteInTheBuffer() {
        byte[] frame = TestFrames.of().ethernet(0x0800).ipv4(46, 7, 0, 17, new byte[0]).udp(1000, 2000, 26)
                .bytes(PROBE).build();
        ByteBuffer b = ByteBuffer.allocate(100 + frame.length);
        b.put(100, frame);
        PacketHeaders h = new PacketHeaders();
        assertTrue(h.decode(LinkType.ETHERNET, b, 100, frame.length));
        assertEquals(114, h.l3Offset());
        assertEquals(142, h.l4PayloadOffset());
        assertEquals(0x0A000001, h.ipv4Src());
        assertEquals(0x0A000002, h.ipv4Dst());
        assertEquals(0, b.position());
    }

    @Test
    void vlanIdsOuterFirst() {
        byte[] frame = TestFrames.of().ethernet(0x88A8).tag(0x2000 | 10, 0x8100).tag(20, 0x0800)
                .ipv4(46, 7, 0, 17, new byte[0]).udp(1, 2, 26).bytes(PROBE).build();
        PacketHeaders h = new PacketHeaders();
        assertTrue(h.decode(LinkType.ETHERNET, ByteBuffer.wrap(frame), 0, frame.length));
        assertEquals(10, h.vlanId(0));
        assertEquals(20, h.vlanId(1));
        assertEquals(14, h.vlanTagOffset(0));
    }

    @Test
    void unknownLinkTypeDecodesNothing() {
        PacketHeaders h = new PacketHeaders();
        assertFalse(h.decode(147, ByteBuffer.wrap(new byte[64]), 0, 64));
        assertEquals(-1, h.l3Offset());
    }
}
