package org.nfvperf.capture;

import java.nio.ByteBuffer;

/**
 * A reusable, allocation-free decoder of the headers of one frame: link layer (Ethernet with any
 * number of 802.1Q / 802.1ad / QinQ tags (TPID 0x8100, 0x88A8, 0x9100), LLC/SNAP, MPLS, Linux SLL
 * and SLL2, BSD null/loop, raw IP), IPv4 (options, fragments), IPv6 (extension headers, fragment
 * header), UDP, TCP, ICMP and ICMPv6. It records absolute offsets into the frame's buffer plus the
 * fields analyses use, and never copies bytes.
 *
 * <pre>
 *  frameOffset   l3Offset                 l4Offset          l4PayloadOffset
 *  | Ethernet | VLAN tags | IPv4/IPv6 + options/ext | UDP/TCP/ICMP | payload ... | padding/FCS
 *                          srcAddressOffset, dstAddressOffset,        l4PayloadLength from the IP/UDP
 *                          ipIdOffset, ttlOffset, ipChecksumOffset    length fields (padding excluded)
 * </pre>
 *
 * <p>Offsets index the buffer passed to {@link #decode(int, ByteBuffer, int, int)} (for a reader,
 * {@link CaptureReader#frameBuffer()}); an absent field is -1. Fields a router rewrites (MACs,
 * VLAN tags, TTL / hop limit, IPv4 checksum) have offsets of their own so that a packet identity
 * can hash everything else: addresses, protocol, IP id, ports and payload. Decoding stops at the
 * first layer that is cut short by the snapshot length or inconsistent; {@link #truncated()} says
 * so. Not thread-safe: use one instance per thread.
 *
 * <pre>{@code
 * PacketHeaders h = new PacketHeaders();
 * while (reader.next()) {
 *     if (h.decode(reader) && h.protocol() == PacketHeaders.UDP) {
 *         int dport = h.dstPort();
 *         long seq = ... reader.frameBuffer().getLong(h.l4PayloadOffset() + 4) ...;
 *     }
 * }
 * }</pre>
 */
public final class PacketHeaders {
    /** IP protocol number of ICMP. */
    public static final int ICMP = 1;
    /** IP protocol number of TCP. */
    public static final int TCP = 6;
    /** IP protocol number of UDP. */
    public static final int UDP = 17;
    /** IP protocol number of ICMPv6. */
    public static final int ICMPV6 = 58;
    /** EtherType of IPv4. */
    public static final int ETHERTYPE_IPV4 = 0x0800;
    /** EtherType of IPv6. */
    public static final int ETHERTYPE_IPV6 = 0x86DD;
    /** Most VLAN tags recorded; deeper stacks are decoded but only the first ones kept. */
    public static final int MAX_VLAN_TAGS = 8;

    private ByteBuffer buf;
    private int frameOffset;
    private int frameEnd;
    private int linkType;
    private boolean truncated;

    private int vlanCount;
    private final int[] vlanTagOffsets = new int[MAX_VLAN_TAGS];
    private int etherType;
    private int l3Offset;
    private int ipVersion;
    private int ipHeaderLength;
    private int ipEnd;
    private int protocol;
    private int protocolOffset;
    private long ipId;
    private int ipIdOffset;
    private int ipIdLength;
    private int fragmentOffset;
    private boolean moreFragments;
    private boolean fragmented;
    private int ttlOffset;
    private int ipChecksumOffset;
    private int srcAddressOffset;
    private int dstAddressOffset;
    private int l4Offset;
    private int l4ChecksumOffset;
    private int srcPort;
    private int dstPort;
    private int tcpFlags;
    private int icmpType;
    private int icmpCode;
    private int l4PayloadOffset;
    private int l4PayloadLength;

    /** Decodes the current packet of {@code r}. */
    public boolean decode(CaptureReader r) {
        return decode(r.linkType(), r.frameBuffer(), r.frameOffset(), r.capturedLength());
    }

    /**
     * Decodes a frame of {@code length} captured bytes at absolute index {@code offset} of {@code buf}.
     *
     * @param linkType link type of the frame, see {@link LinkType}
     * @return true if an IPv4 or IPv6 header was found
     */
    public boolean decode(int linkType, ByteBuffer buf, int offset, int length) {
        reset(linkType, buf, offset, length);
        int end = frameEnd;
        int o = offset;
        switch (linkType) {
            case LinkType.ETHERNET -> {
                return linkHeader(o + 14, o + 12);
            }
            case LinkType.LINUX_SLL -> {
                return linkHeader(o + 16, o + 14);
            }
            case LinkType.LINUX_SLL2 -> {
                return linkHeader(o + 20, o);
            }
            case LinkType.NULL, LinkType.LOOP -> {
                if (o + 4 > end) {
                    return cut();
                }
                int family = buf.getInt(o);
                if (linkType == LinkType.NULL && (family & 0xFFFF0000) != 0) {
                    family = Integer.reverseBytes(family);
                }
                return switch (family) {
                    case 2 -> ipv4(o + 4);
                    case 10, 24, 28, 30 -> ipv6(o + 4);
                    default -> false;
                };
            }
            case LinkType.RAW, 12, 14, LinkType.IPV4, LinkType.IPV6 -> {
                return ipAny(o);
            }
            default -> {
                return false;
            }
        }
    }

    private void reset(int lt, ByteBuffer b, int offset, int length) {
        buf = b;
        frameOffset = offset;
        frameEnd = offset + length;
        linkType = lt;
        truncated = false;
        vlanCount = 0;
        etherType = -1;
        l3Offset = -1;
        ipVersion = 0;
        ipHeaderLength = 0;
        ipEnd = -1;
        protocol = -1;
        protocolOffset = -1;
        ipId = -1;
        ipIdOffset = -1;
        ipIdLength = 0;
        fragmentOffset = 0;
        moreFragments = false;
        fragmented = false;
        ttlOffset = -1;
        ipChecksumOffset = -1;
        srcAddressOffset = -1;
        dstAddressOffset = -1;
        l4Offset = -1;
        l4ChecksumOffset = -1;
        srcPort = -1;
        dstPort = -1;
        tcpFlags = -1;
        icmpType = -1;
        icmpCode = -1;
        l4PayloadOffset = -1;
        l4PayloadLength = -1;
    }

    private boolean cut() {
        truncated = true;
        return false;
    }

    private int u8(int i) {
        return buf.get(i) & 0xFF;
    }

    private int u16(int i) {
        return buf.getShort(i) & 0xFFFF;
    }

    /** A link header ending at {@code next} with an EtherType at {@code typeOffset}; then VLAN tags, LLC/SNAP, MPLS. */
    private boolean linkHeader(int next, int typeOffset) {
        if (next > frameEnd) {
            return cut();
        }
        return afterEtherType(u16(typeOffset), next);
    }

    private boolean afterEtherType(int type, int next) {
        int o = next;
        int t = type;
        while (t == 0x8100 || t == 0x88A8 || t == 0x9100) {
            if (o + 4 > frameEnd) {
                return cut();
            }
            if (vlanCount < MAX_VLAN_TAGS) {
                vlanTagOffsets[vlanCount] = o;
            }
            vlanCount++;
            t = u16(o + 2);
            o += 4;
        }
        if (t < 0x0600) {
            // 802.3 length field: only LLC/SNAP carries an EtherType
            if (o + 8 > frameEnd) {
                return cut();
            }
            if (u8(o) != 0xAA || u8(o + 1) != 0xAA || u8(o + 2) != 0x03) {
                return false;
            }
            t = u16(o + 6);
            o += 8;
        }
        etherType = t;
        l3Offset = o;
        if (t == 0x8847 || t == 0x8848) {
            for (int labels = 0; labels < 16; labels++) {
                if (o + 4 > frameEnd) {
                    return cut();
                }
                boolean bottom = (u8(o + 2) & 1) != 0;
                o += 4;
                if (bottom) {
                    l3Offset = o;
                    return ipAny(o);
                }
            }
            return false;
        }
        if (t == ETHERTYPE_IPV4) {
            return ipv4(o);
        }
        if (t == ETHERTYPE_IPV6) {
            return ipv6(o);
        }
        return false;
    }

    private boolean ipAny(int o) {
        if (o + 1 > frameEnd) {
            return cut();
        }
        int v = u8(o) >>> 4;
        if (v == 4) {
            return ipv4(o);
        }
        if (v == 6) {
            return ipv6(o);
        }
        l3Offset = o;
        return false;
    }

    private boolean ipv4(int o) {
        l3Offset = o;
        if (o + 20 > frameEnd) {
            return cut();
        }
        int vihl = u8(o);
        int ihl = (vihl & 0x0F) * 4;
        if (vihl >>> 4 != 4 || ihl < 20) {
            return false;
        }
        if (o + ihl > frameEnd) {
            return cut();
        }
        ipVersion = 4;
        ipHeaderLength = ihl;
        int total = u16(o + 2);
        // total length 0 appears with TSO/GSO captures; fall back to what was captured
        ipEnd = total >= ihl ? o + total : frameEnd;
        ipIdOffset = o + 4;
        ipIdLength = 2;
        ipId = u16(o + 4);
        int frag = u16(o + 6);
        fragmentOffset = (frag & 0x1FFF) * 8;
        moreFragments = (frag & 0x2000) != 0;
        fragmented = moreFragments || fragmentOffset != 0;
        ttlOffset = o + 8;
        protocolOffset = o + 9;
        protocol = u8(o + 9);
        ipChecksumOffset = o + 10;
        srcAddressOffset = o + 12;
        dstAddressOffset = o + 16;
        l4(o + ihl);
        return true;
    }

    private boolean ipv6(int o) {
        l3Offset = o;
        if (o + 40 > frameEnd) {
            return cut();
        }
        if (u8(o) >>> 4 != 6) {
            return false;
        }
        ipVersion = 6;
        int payload = u16(o + 4);
        ipEnd = payload > 0 ? o + 40 + payload : frameEnd;
        ttlOffset = o + 7;
        srcAddressOffset = o + 8;
        dstAddressOffset = o + 24;
        int nhOffset = o + 6;
        int nh = u8(nhOffset);
        int p = o + 40;
        for (int i = 0; i < 16; i++) {
            if (nh == 0 || nh == 43 || nh == 60 || nh == 135 || nh == 139 || nh == 140 || nh == 51 || nh == 44) {
                if (p + 8 > frameEnd) {
                    protocolOffset = nhOffset;
                    protocol = nh;
                    ipHeaderLength = p - o;
                    return cutAfterIp();
                }
                int len;
                if (nh == 44) {
                    int f = u16(p + 2);
                    fragmentOffset = f & 0xFFF8;
                    moreFragments = (f & 1) != 0;
                    fragmented = true;
                    ipIdOffset = p + 4;
                    ipIdLength = 4;
                    ipId = buf.getInt(p + 4) & 0xFFFFFFFFL;
                    len = 8;
                } else if (nh == 51) {
                    len = (u8(p + 1) + 2) * 4;
                } else {
                    len = (u8(p + 1) + 1) * 8;
                }
                nhOffset = p;
                nh = u8(p);
                p += len;
            } else {
                break;
            }
        }
        protocolOffset = nhOffset;
        protocol = nh;
        ipHeaderLength = p - o;
        if (p > frameEnd) {
            return cutAfterIp();
        }
        l4(p);
        return true;
    }

    private boolean cutAfterIp() {
        truncated = true;
        return true;
    }

    private void l4(int o) {
        if (fragmentOffset != 0) {
            // a later fragment: no transport header here, the payload is IP payload
            l4PayloadOffset = o;
            l4PayloadLength = Math.max(0, ipEnd - o);
            return;
        }
        int hdr;
        switch (protocol) {
            case UDP -> hdr = 8;
            case TCP -> hdr = 20;
            case ICMP, ICMPV6 -> hdr = 8;
            default -> {
                l4Offset = o;
                l4PayloadOffset = o;
                l4PayloadLength = Math.max(0, ipEnd - o);
                return;
            }
        }
        if (o + hdr > frameEnd) {
            truncated = true;
            return;
        }
        l4Offset = o;
        int payloadEnd = ipEnd;
        switch (protocol) {
            case UDP -> {
                srcPort = u16(o);
                dstPort = u16(o + 2);
                int udpLen = u16(o + 4);
                l4ChecksumOffset = o + 6;
                if (udpLen >= 8 && !moreFragments) {
                    payloadEnd = Math.min(ipEnd, o + udpLen);
                }
            }
            case TCP -> {
                srcPort = u16(o);
                dstPort = u16(o + 2);
                tcpFlags = u16(o + 12) & 0x1FF;
                l4ChecksumOffset = o + 16;
                int dataOffset = (u8(o + 12) >>> 4) * 4;
                if (dataOffset < 20 || o + dataOffset > frameEnd) {
                    truncated = o + dataOffset > frameEnd;
                    return;
                }
                hdr = dataOffset;
            }
            default -> {
                icmpType = u8(o);
                icmpCode = u8(o + 1);
                l4ChecksumOffset = o + 2;
            }
        }
        l4PayloadOffset = o + hdr;
        l4PayloadLength = Math.max(0, payloadEnd - (o + hdr));
    }

    // ---- results

    /** Link type given to the last decode. */
    public int linkType() {
        return linkType;
    }

    /** Index of the first frame byte. */
    public int frameOffset() {
        return frameOffset;
    }

    /** True if a header was cut short by the snapshot length (decoding stopped there). */
    public boolean truncated() {
        return truncated;
    }

    /** Number of VLAN tags (802.1Q, 802.1ad, QinQ). */
    public int vlanCount() {
        return vlanCount;
    }

    /** Offset of VLAN tag {@code i} (0 = outermost): the TCI, i.e. just after its TPID. */
    public int vlanTagOffset(int i) {
        if (i < 0 || i >= Math.min(vlanCount, MAX_VLAN_TAGS)) {
            throw new IndexOutOfBoundsException("VLAN tag index must be in [0, " + Math.min(vlanCount, MAX_VLAN_TAGS)
                    + "): " + i);
        }
        return vlanTagOffsets[i];
    }

    /** VLAN id (12 bits) of tag {@code i} (0 = outermost). */
    public int vlanId(int i) {
        return u16(vlanTagOffset(i)) & 0x0FFF;
    }

    /** EtherType of the network layer (after tags), or -1 (raw IP, null/loop, non-SNAP 802.3). */
    public int etherType() {
        return etherType;
    }

    /** Offset of the network-layer header, or -1. */
    public int l3Offset() {
        return l3Offset;
    }

    /** 4 or 6, or 0 if there is no IP header. */
    public int ipVersion() {
        return ipVersion;
    }

    /** IPv4 header length with options, or IPv6 fixed header plus extension headers, in bytes. */
    public int ipHeaderLength() {
        return ipHeaderLength;
    }

    /** Index one past the IP packet as its length field declares (excludes Ethernet padding), or -1. */
    public int ipEnd() {
        return ipEnd;
    }

    /** Transport protocol (IPv4 protocol / last IPv6 next header), or -1. */
    public int protocol() {
        return protocol;
    }

    /** Offset of the protocol / next-header byte naming the transport, or -1. */
    public int protocolOffset() {
        return protocolOffset;
    }

    /** IPv4 identification (16 bits) or IPv6 fragment identification (32 bits), or -1. */
    public long ipId() {
        return ipId;
    }

    /** Offset of the IP identification, or -1. */
    public int ipIdOffset() {
        return ipIdOffset;
    }

    /** Length of the IP identification in bytes: 2 (IPv4), 4 (IPv6 fragment header) or 0. */
    public int ipIdLength() {
        return ipIdLength;
    }

    /** True if the packet is a fragment (more fragments, or a non-zero fragment offset). */
    public boolean fragmented() {
        return fragmented;
    }

    /** Fragment offset in bytes. */
    public int fragmentOffset() {
        return fragmentOffset;
    }

    /** The more-fragments flag. */
    public boolean moreFragments() {
        return moreFragments;
    }

    /** Offset of the TTL (IPv4) or hop limit (IPv6), which routers decrement; or -1. */
    public int ttlOffset() {
        return ttlOffset;
    }

    /** Offset of the IPv4 header checksum, which routers rewrite; or -1. */
    public int ipChecksumOffset() {
        return ipChecksumOffset;
    }

    /** Offset of the source address (4 or 16 bytes, see {@link #addressLength()}), or -1. */
    public int srcAddressOffset() {
        return srcAddressOffset;
    }

    /** Offset of the destination address, or -1. */
    public int dstAddressOffset() {
        return dstAddressOffset;
    }

    /** 4 for IPv4, 16 for IPv6, 0 without IP. */
    public int addressLength() {
        return ipVersion == 4 ? 4 : ipVersion == 6 ? 16 : 0;
    }

    /** IPv4 source address as an int (big-endian order); only valid if {@code ipVersion() == 4}. */
    public int ipv4Src() {
        return buf.getInt(srcAddressOffset);
    }

    /** IPv4 destination address as an int; only valid if {@code ipVersion() == 4}. */
    public int ipv4Dst() {
        return buf.getInt(dstAddressOffset);
    }

    /** True if a transport header (UDP, TCP, ICMP, or the start of another protocol) is present. */
    public boolean hasL4() {
        return l4Offset >= 0;
    }

    /** Offset of the transport header, or -1 (absent, cut short, or a later fragment). */
    public int l4Offset() {
        return l4Offset;
    }

    /** Offset of the UDP/TCP/ICMP checksum (rewritten by NAT), or -1. */
    public int l4ChecksumOffset() {
        return l4ChecksumOffset;
    }

    /** UDP/TCP source port, or -1. */
    public int srcPort() {
        return srcPort;
    }

    /** UDP/TCP destination port, or -1. */
    public int dstPort() {
        return dstPort;
    }

    /** TCP flags (9 bits: NS CWR ECE URG ACK PSH RST SYN FIN), or -1. */
    public int tcpFlags() {
        return tcpFlags;
    }

    /** ICMP / ICMPv6 type, or -1. */
    public int icmpType() {
        return icmpType;
    }

    /** ICMP / ICMPv6 code, or -1. */
    public int icmpCode() {
        return icmpCode;
    }

    /** Offset of the transport payload (after UDP/TCP/ICMP header; IP payload for later fragments), or -1. */
    public int l4PayloadOffset() {
        return l4PayloadOffset;
    }

    /** Payload length from the IP and UDP length fields (the packet as sent, padding excluded), or -1. */
    public int l4PayloadLength() {
        return l4PayloadLength;
    }

    /** How much of the payload is in the capture: {@code min(l4PayloadLength, captured end - offset)}, or -1. */
    public int l4PayloadCapturedLength() {
        if (l4PayloadOffset < 0) {
            return -1;
        }
        return Math.max(0, Math.min(l4PayloadLength, frameEnd - l4PayloadOffset));
    }

    /**
     * Source address as text (allocates; for messages and tests), or "" without IP. IPv6 is
     * written in full, eight hexadecimal groups without {@code ::} compression.
     */
    public String srcAddress() {
        return address(srcAddressOffset);
    }

    /** Destination address as text (allocates), or "" without IP. */
    public String dstAddress() {
        return address(dstAddressOffset);
    }

    private String address(int off) {
        if (ipVersion == 4) {
            return u8(off) + "." + u8(off + 1) + "." + u8(off + 2) + "." + u8(off + 3);
        }
        if (ipVersion == 6) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                if (i > 0) {
                    sb.append(':');
                }
                sb.append(Integer.toHexString(u16(off + 2 * i)));
            }
            return sb.toString();
        }
        return "";
    }
}
