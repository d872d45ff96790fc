package org.nfvperf.capture;

import java.io.ByteArrayOutputStream;

/** Builds test frames byte by byte, big-endian, with the lengths and checksums left as given. */
final class TestFrames {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static TestFrames of() {
        return new TestFrames();
    }

    TestFrames u8(int... vs) {
        for (int v : vs) {
            out.write(v);
        }
        return this;
    }

    TestFrames u16(int v) {
        return u8(v >>> 8, v & 0xFF);
    }

    TestFrames u32(int v) {
        return u16(v >>> 16).u16(v & 0xFFFF);
    }

    TestFrames zeros(int n) {
        return bytes(new byte[n]);
    }

    TestFrames bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    TestFrames ethernet(int etherType) {
        return u8(0x02, 0, 0, 0, 0, 0x02).u8(0x02, 0, 0, 0, 0, 0x01).u16(etherType);
    }

    /** A VLAN tag's TCI followed by the EtherType (or TPID) that comes next. */
    TestFrames tag(int tci, int nextType) {
        return u16(tci).u16(nextType);
    }

    /** IPv4 header with 10.0.0.1 -> 10.0.0.2, optional options (multiple of 4 bytes). */
    TestFrames ipv4(int totalLength, int id, int flagsFrag, int protocol, byte[] options) {
        int ihl = 5 + options.length / 4;
        return u8(0x40 | ihl, 0).u16(totalLength).u16(id).u16(flagsFrag).u8(64, protocol).u16(0xBEEF)
                .u8(10, 0, 0, 1).u8(10, 0, 0, 2).bytes(options);
    }

    /** IPv6 header 2001:db8::1 -> 2001:db8::2. */
    TestFrames ipv6(int payloadLength, int nextHeader) {
        return u32(0x60000000).u16(payloadLength).u8(nextHeader, 64)
                .u16(0x2001).u16(0xdb8).zeros(10).u16(1)
                .u16(0x2001).u16(0xdb8).zeros(10).u16(2);
    }

    TestFrames udp(int src, int dst, int length) {
        return u16(src).u16(dst).u16(length).u16(0xCAFE);
    }

    TestFrames tcp(int src, int dst, int dataOffsetWords, int flags) {
        return u16(src).u16(dst).u32(1000).u32(0).u8(dataOffsetWords << 4, flags).u16(65535).u16(0).u16(0)
                .zeros((dataOffsetWords - 5) * 4);
    }

    byte[] build() {
        return out.toByteArray();
    }

    int size() {
        return out.size();
    }
}
