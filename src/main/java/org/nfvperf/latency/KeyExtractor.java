package org.nfvperf.latency;

import java.nio.ByteBuffer;
import org.nfvperf.capture.PacketHeaders;

/**
 * Computes the 64-bit identity of a decoded packet under a resolved key, reading the frame in
 * place (absolute big-endian getters, no copy, no allocation).
 *
 * <p><b>{@code seq:OFFSET:LEN}</b>: the unsigned big-endian number of LEN bytes at OFFSET bytes
 * into the payload of a UDP datagram or a TCP segment. Packets that are not UDP/TCP, TCP segments
 * without payload and non-first IP fragments have no identity ({@link #SKIP}); a UDP/TCP payload
 * that is too short for the number is an error ({@link #TOO_SHORT}).
 *
 * <p><b>probe / pktgen</b> (chosen by {@code auto}): like {@code seq:4:6} and {@code seq:4:4}, but
 * only for payloads that begin with the probe magic {@code "NFVP"} (0x4E465650, at least 18 bytes;
 * the residue-coded variant {@code "NFVR"} that trafgen writes is decoded by
 * {@link ProbeHeader#residueSequence}) or the Linux pktgen magic 0xbe9be955 (at least 8 bytes); other packets are skipped.
 *
 * <p><b>{@code hash}</b>: a 64-bit hash of what an L3 dataplane leaves alone:
 * <pre>
 *  IPv4: source, destination, protocol, identification     IPv6: source, destination, last next header,
 *                                                                 fragment identification (if any)
 *  UDP: ports, payload        TCP: ports, sequence and acknowledgement numbers, payload
 *  ICMP/ICMPv6: type, code, bytes 4-7 (id, sequence), payload   other: the bytes after the IP header
 *  later fragments: fragment offset and the fragment's bytes
 *  never: MACs, VLAN tags, DSCP/ECN, TTL/hop limit, IP/L4 checksums, TCP flags, Ethernet padding/FCS
 * </pre>
 * The payload is hashed as far as it was captured; give every tap the same snapshot length.
 * Non-IP frames are skipped.
 *
 * <p>Not thread-safe (the identity is returned through {@link #key()}).
 *
 * <pre>{@code
 * KeyExtractor x = KeyExtractor.of(Key.hash());
 * int end = reader.frameOffset() + reader.capturedLength();
 * if (headers.decode(reader) && x.extract(headers, reader.frameBuffer(), end) == KeyExtractor.OK) {
 *     long id = x.key();
 * }
 * }</pre>
 */
public final class KeyExtractor {
    /** {@link #extract} result: {@link #key()} holds the identity. */
    public static final int OK = 0;
    /** {@link #extract} result: the packet has no identity under this key; skip it. */
    public static final int SKIP = 1;
    /** {@link #extract} result: a UDP/TCP payload too short for the sequence number. */
    public static final int TOO_SHORT = 2;

    /** Linux pktgen's payload magic. */
    public static final int PKTGEN_MAGIC = 0xbe9be955;

    private enum Mode { SEQUENCE, PROBE, PKTGEN, HASH }

    private final Mode mode;
    private final int offset;
    private final int length;
    private final String description;
    private long key;
    private boolean direction;

    private KeyExtractor(Mode mode, int offset, int length, String description) {
        this.mode = mode;
        this.offset = offset;
        this.length = length;
        this.description = description;
    }

    /**
     * An extractor for an explicit key ({@code seq} or {@code hash}).
     *
     * @throws IllegalArgumentException for {@link Key.Auto}, which needs {@link #detect}
     */
    public static KeyExtractor of(Key key) {
        if (key instanceof Key.Sequence s) {
            return new KeyExtractor(Mode.SEQUENCE, s.offset(), s.length(), s.toString());
        }
        if (key instanceof Key.Hash) {
            return new KeyExtractor(Mode.HASH, 0, 0, "hash");
        }
        throw new IllegalArgumentException("key must be seq or hash to extract directly (auto needs detect): " + key);
    }

    /** A fresh extractor with the same rule (extractors hold per-packet state; one per tap). */
    public static KeyExtractor copyOf(KeyExtractor x) {
        KeyExtractor c = new KeyExtractor(x.mode, x.offset, x.length, x.description);
        c.direction = x.direction;
        return c;
    }

    /**
     * A copy whose identities carry the packet's direction in their top bit: 0 if (source address,
     * source port) sorts before (destination address, destination port), else 1 — the same for a
     * packet at every tap (no NAT), opposite for a request and its response. For {@code --offset
     * auto}, which needs the two directions apart; identities lose their top bit.
     */
    KeyExtractor withDirection() {
        KeyExtractor c = copyOf(this);
        c.direction = true;
        return c;
    }

    /** The probe-header key: {@code seq:4:6} on payloads starting with "NFVP". */
    public static KeyExtractor probe() {
        return new KeyExtractor(Mode.PROBE, ProbeHeader.SEQUENCE_OFFSET, ProbeHeader.SEQUENCE_LENGTH,
                "seq:4:6");
    }

    /** The pktgen key: {@code seq:4:4} on payloads starting with 0xbe9be955. */
    public static KeyExtractor pktgen() {
        return new KeyExtractor(Mode.PKTGEN, 4, 4, "seq:4:4");
    }

    /** Number of UDP/TCP packets with payload that {@link #detect} looks at. */
    public static final int AUTO_SAMPLE = 1000;
    /** Share of the sample, in percent, that must carry a magic for {@code auto} to choose it. */
    public static final int AUTO_PERCENT = 90;

    /**
     * The {@code --key auto} rule, over the first (up to {@link #AUTO_SAMPLE}) UDP/TCP packets
     * with a non-empty payload (later fragments excluded) of the first tap: if at least
     * {@link #AUTO_PERCENT}% of them begin with the probe magic "NFVP" and hold 18 bytes, the key
     * is {@link #probe()}; else if at least that share begins with the pktgen magic 0xbe9be955 and
     * holds 8 bytes, {@link #pktgen()}; else {@code hash} (also for an empty sample).
     *
     * @param probes  sampled packets with the probe magic
     * @param pktgens sampled packets with the pktgen magic
     * @param sampled size of the sample
     */
    public static KeyExtractor decide(int probes, int pktgens, int sampled) {
        if (sampled > 0 && probes * 100L >= (long) AUTO_PERCENT * sampled) {
            return probe();
        }
        if (sampled > 0 && pktgens * 100L >= (long) AUTO_PERCENT * sampled) {
            return pktgen();
        }
        return new KeyExtractor(Mode.HASH, 0, 0, "hash");
    }

    /**
     * Classifies one packet for {@link #decide}: 0 not in the sample, 1 sampled without magic,
     * 2 probe magic, 3 pktgen magic.
     */
    static int classify(PacketHeaders h, ByteBuffer b) {
        int p = h.protocol();
        if ((p != PacketHeaders.UDP && p != PacketHeaders.TCP) || h.l4Offset() < 0 || h.l4PayloadOffset() < 0) {
            return 0;
        }
        int captured = h.l4PayloadCapturedLength();
        if (h.l4PayloadLength() <= 0 || captured <= 0) {
            return 0;
        }
        int at = h.l4PayloadOffset();
        if (captured >= ProbeHeader.LENGTH && (b.getInt(at) == ProbeHeader.MAGIC || b.getInt(at) == ProbeHeader.RESIDUE_MAGIC)) {
            return 2;
        }
        if (captured >= 8 && b.getInt(at) == PKTGEN_MAGIC) {
            return 3;
        }
        return 1;
    }

    /** The key as {@code --key} would spell it: {@code seq:4:6}, {@code hash}, ... */
    public String description() {
        return description;
    }

    /** True if identities are sequence numbers (so reordering at the first tap can be counted). */
    public boolean isSequence() {
        return mode != Mode.HASH;
    }

    /** Width of the sequence number in bits (1..64; 64 for hash identities). */
    public int sequenceBits() {
        return mode == Mode.HASH ? 64 : Math.min(64, length * 8);
    }

    /** The identity computed by the last {@link #extract} that returned {@link #OK}. */
    public long key() {
        return key;
    }

    /** Bytes of L4 payload the sequence number needs (0 for hash). */
    public int requiredPayloadBytes() {
        return mode == Mode.HASH ? 0 : offset + length;
    }

    /**
     * Computes the identity of the packet that {@code h} decoded from {@code b}.
     *
     * @param frameEnd index one past the last captured byte of the frame in {@code b}
     * @return {@link #OK}, {@link #SKIP} or {@link #TOO_SHORT}
     */
    public int extract(PacketHeaders h, ByteBuffer b, int frameEnd) {
        if (h.ipVersion() == 0) {
            return SKIP;
        }
        if (mode == Mode.HASH) {
            key = hash(h, b, frameEnd);
            return marked(h, b);
        }
        int p = h.protocol();
        if ((p != PacketHeaders.UDP && p != PacketHeaders.TCP) || h.l4Offset() < 0 || h.l4PayloadOffset() < 0) {
            return SKIP;
        }
        int declared = h.l4PayloadLength();
        if (p == PacketHeaders.TCP && declared <= 0) {
            return SKIP;
        }
        int at = h.l4PayloadOffset();
        int captured = h.l4PayloadCapturedLength();
        if (mode == Mode.PROBE) {
            if (captured < ProbeHeader.LENGTH) {
                return SKIP;
            }
            int magic = b.getInt(at);
            if (magic == ProbeHeader.RESIDUE_MAGIC) {
                key = ProbeHeader.residueSequence(b, at + ProbeHeader.SEQUENCE_OFFSET);
                return marked(h, b);
            }
            if (magic != ProbeHeader.MAGIC) {
                return SKIP;
            }
        } else if (mode == Mode.PKTGEN) {
            if (captured < 8 || b.getInt(at) != PKTGEN_MAGIC) {
                return SKIP;
            }
        }
        if (captured < offset + length) {
            return TOO_SHORT;
        }
        key = number(b, at + offset, length);
        return marked(h, b);
    }

    /** With {@link #withDirection()}: puts the direction into the key's top bit. */
    private int marked(PacketHeaders h, ByteBuffer b) {
        if (direction) {
            int c = 0;
            int src = h.srcAddressOffset();
            int dst = h.dstAddressOffset();
            for (int i = 0, n = h.addressLength(); i < n && c == 0; i++) {
                c = Integer.compare(b.get(src + i) & 0xFF, b.get(dst + i) & 0xFF);
            }
            if (c == 0 && h.l4Offset() >= 0 && (h.protocol() == PacketHeaders.UDP || h.protocol() == PacketHeaders.TCP)) {
                c = Integer.compare(h.srcPort(), h.dstPort());
            }
            key = (key & Long.MAX_VALUE) | (c > 0 ? Long.MIN_VALUE : 0);
        }
        return OK;
    }

    /** {@link #extractFast} result: the frame is not of the common layout; use {@link #extract}. */
    public static final int DECLINE = -1;

    /** Ethernet + IPv4 without options + UDP: bytes before the UDP payload. */
    private static final int FAST_PAYLOAD = 14 + 20 + 8;

    /**
     * The identity of an Ethernet frame of the common layout (EtherType IPv4 without VLAN tag, a
     * 20-byte IPv4 header, not a fragment, UDP with its header captured) read straight from the
     * frame, without {@link PacketHeaders}: gives exactly what {@link PacketHeaders#decode} followed
     * by {@link #extract} gives. Any other frame, and any frame that would not be {@link #OK}
     * (skipped, payload too short), is {@link #DECLINE}d so that the caller takes the general path
     * (which also words the errors).
     *
     * @param b           frame bytes (big-endian getters are used)
     * @param frame       index of the first byte of the Ethernet frame in {@code b}
     * @param frameLength captured bytes of the frame
     * @return {@link #OK} ({@link #key()} holds the identity) or {@link #DECLINE}
     */
    public int extractFast(ByteBuffer b, int frame, int frameLength) {
        if (frameLength < FAST_PAYLOAD || direction) {
            return DECLINE;
        }
        // two wide reads cover the headers: bytes 12..19 (EtherType, version/IHL, TOS, total
        // length, IP ID) and 20..27 (flags/fragment offset, TTL, protocol, checksum, source)
        long w1 = b.getLong(frame + 12);
        long w2 = b.getLong(frame + 20);
        if ((w1 & 0xFFFF_FF00_0000_0000L) != 0x0800_4500_0000_0000L
                || (w2 & 0x3FFF_00FF_0000_0000L) != ((long) PacketHeaders.UDP << 32)) {
            return DECLINE;
        }
        int ip = frame + 14;
        int frameEnd = frame + frameLength;
        int total = (int) (w1 >>> 16) & 0xFFFF;
        int ipEnd = total >= 20 ? ip + total : frameEnd;
        int udpLen = b.getShort(ip + 24) & 0xFFFF;
        int payloadEnd = udpLen >= 8 ? Math.min(ipEnd, ip + 20 + udpLen) : ipEnd;
        int at = frame + FAST_PAYLOAD;
        int declared = Math.max(0, payloadEnd - at);
        int captured = Math.max(0, Math.min(declared, frameEnd - at));
        switch (mode) {
            case HASH -> {
                long x = SEED;
                x = step(x, b.getLong(ip + 12));
                x = step(x, ((long) PacketHeaders.UDP << 40) ^ (w1 & 0xFFFFL));
                x = step(x, b.getInt(ip + 20) & 0xFFFFFFFFL);
                x = step(x, declared);
                key = LongLongMap.mix(bytes(x, b, at, at + captured));
                return OK;
            }
            case PROBE -> {
                if (captured < ProbeHeader.LENGTH) {
                    return DECLINE;
                }
                int magic = b.getInt(at);
                if (magic == ProbeHeader.RESIDUE_MAGIC) {
                    key = ProbeHeader.residueSequence(b, at + ProbeHeader.SEQUENCE_OFFSET);
                    return OK;
                }
                if (magic != ProbeHeader.MAGIC) {
                    return DECLINE;
                }
            }
            case PKTGEN -> {
                if (captured < 8 || b.getInt(at) != PKTGEN_MAGIC) {
                    return DECLINE;
                }
            }
            default -> {
            }
        }
        if (captured < offset + length) {
            return DECLINE;
        }
        key = number(b, at + this.offset, this.length);
        return OK;
    }

    /** The unsigned big-endian number of {@code len} (1..8) bytes at {@code at}. */
    private static long number(ByteBuffer b, int at, int len) {
        if (at + 8 <= b.limit()) {
            long v = b.getLong(at);
            return len == 8 ? v : v >>> (64 - 8 * len);
        }
        long v = 0;
        for (int i = at, end = at + len; i < end; i++) {
            v = (v << 8) | (b.get(i) & 0xFFL);
        }
        return v;
    }

    private static final long SEED = 0x2545F4914F6CDD1DL;

    private static long step(long h, long word) {
        return Long.rotateLeft(h ^ (word * 0x9E3779B97F4A7C15L), 29) * 0xBF58476D1CE4E5B9L;
    }

    /** Hashes {@code [from, to)} of {@code b} 8 bytes at a time. */
    private static long bytes(long h, ByteBuffer b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h = step(h, b.getLong(i));
        }
        if (i < to) {
            long tail = 0;
            for (; i < to; i++) {
                tail = (tail << 8) | (b.get(i) & 0xFFL);
            }
            h = step(h, tail ^ ((long) (to - from) << 56));
        }
        return h;
    }

    static long hash(PacketHeaders h, ByteBuffer b, int frameEnd) {
        long x = SEED;
        int src = h.srcAddressOffset();
        int dst = h.dstAddressOffset();
        int proto = h.protocol();
        if (h.ipVersion() == 4) {
            x = step(x, ((long) b.getInt(src) << 32) | (b.getInt(dst) & 0xFFFFFFFFL));
        } else {
            x = step(x, b.getLong(src));
            x = step(x, b.getLong(src + 8));
            x = step(x, b.getLong(dst));
            x = step(x, b.getLong(dst + 8));
        }
        x = step(x, ((long) proto << 40) ^ (h.ipIdLength() > 0 ? h.ipId() : -1L));
        int l4 = h.l4Offset();
        int payload = h.l4PayloadOffset();
        int captured = Math.max(0, h.l4PayloadCapturedLength());
        if (l4 < 0) {
            if (payload >= 0) {
                // a later fragment: its place in the datagram and its bytes
                x = step(x, h.fragmentOffset());
                x = bytes(x, b, payload, payload + captured);
            }
            return LongLongMap.mix(x);
        }
        switch (proto) {
            case PacketHeaders.UDP -> x = step(x, b.getInt(l4) & 0xFFFFFFFFL);
            case PacketHeaders.TCP -> {
                x = step(x, b.getInt(l4) & 0xFFFFFFFFL);
                x = step(x, b.getLong(l4 + 4));
            }
            case PacketHeaders.ICMP, PacketHeaders.ICMPV6 -> x = step(x,
                    ((long) (b.getShort(l4) & 0xFFFF) << 32) | (b.getInt(l4 + 4) & 0xFFFFFFFFL));
            default -> {
                // unknown transport: everything after the IP header as captured
                int end = Math.min(h.ipEnd() < 0 ? frameEnd : h.ipEnd(), frameEnd);
                return LongLongMap.mix(bytes(x, b, l4, Math.max(l4, end)));
            }
        }
        if (payload >= 0) {
            x = step(x, h.l4PayloadLength());
            x = bytes(x, b, payload, payload + captured);
        }
        return LongLongMap.mix(x);
    }
}
