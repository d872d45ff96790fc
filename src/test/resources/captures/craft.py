#!/usr/bin/env python3
"""Writes pcapng files that tcpdump cannot produce, independently of nfvperf's writer:
crafted-mixed.pcapng: two sections (little- then big-endian), interfaces with if_tsresol 10^-6,
10^-9, 2^-20 and 2^-30 and an if_tsoffset, EPB, SPB, obsolete PB, ISB with drop counters, and NRB,
DSB, custom and unknown blocks that readers must skip."""
import struct
import sys


def pad(b):
    return b + b"\0" * (-len(b) % 4)


class W:
    def __init__(self):
        self.out = bytearray()
        self.e = "<"

    def block(self, btype, body):
        body = pad(body)
        n = 12 + len(body)
        self.out += struct.pack(self.e + "II", btype, n) + body + struct.pack(self.e + "I", n)

    def opt(self, code, value):
        return struct.pack(self.e + "HH", code, len(value)) + pad(value)

    def shb(self, e):
        self.e = e
        self.block(0x0A0D0D0A, struct.pack(e + "IHHq", 0x1A2B3C4D, 1, 0, -1)
                   + self.opt(4, b"craft.py") + self.opt(0, b""))

    def idb(self, linktype, snap, resol, offset=None, name=b""):
        opts = self.opt(2, name) if name else b""
        opts += self.opt(9, bytes([resol]))
        if offset is not None:
            opts += self.opt(14, struct.pack(self.e + "q", offset))
        self.block(1, struct.pack(self.e + "HHI", linktype, 0, snap) + opts + self.opt(0, b""))

    def epb(self, iface, units, data, wire=None):
        wire = len(data) if wire is None else wire
        self.block(6, struct.pack(self.e + "IIIII", iface, units >> 32, units & 0xFFFFFFFF, len(data), wire) + pad(data))

    def spb(self, data, wire):
        self.block(3, struct.pack(self.e + "I", wire) + pad(data))

    def pb(self, iface, drops, units, data):
        self.block(2, struct.pack(self.e + "HHIIII", iface, drops, units >> 32, units & 0xFFFFFFFF, len(data),
                                  len(data)) + pad(data))

    def isb(self, iface, units, ifrecv, ifdrop, osdrop):
        opts = (self.opt(4, struct.pack(self.e + "Q", ifrecv)) + self.opt(5, struct.pack(self.e + "Q", ifdrop))
                + self.opt(7, struct.pack(self.e + "Q", osdrop)) + self.opt(0, b""))
        self.block(5, struct.pack(self.e + "III", iface, units >> 32, units & 0xFFFFFFFF) + opts)


def frame(i, size):
    """Ethernet/IPv4/UDP frame of `size` bytes 10.0.0.1:1000+i -> 10.0.0.2:2000."""
    ip_len = size - 14
    eth = bytes.fromhex("020000000002020000000001") + b"\x08\x00"
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, ip_len, i, 0, 64, 17, 0, bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]))
    udp = struct.pack(">HHHH", 1000 + i, 2000, ip_len - 20, 0)
    return eth + ip + udp + bytes([i & 0xFF]) * (ip_len - 28)


def main(path):
    w = W()
    t = 1_700_000_000  # seconds
    w.shb("<")
    w.idb(1, 65535, 6, name=b"us")                # 0: microseconds
    w.idb(1, 65535, 9, name=b"ns")                # 1: nanoseconds
    w.idb(1, 128, 0x80 | 20, name=b"bin20")       # 2: 2^-20 s, snaplen 128
    w.idb(1, 0, 0x80 | 30, offset=-100, name=b"bin30-offset")  # 3: 2^-30 s, offset -100 s
    w.epb(0, t * 10**6 + 123456, frame(1, 64))
    w.epb(1, t * 10**9 + 123456789, frame(2, 64))
    w.block(4, struct.pack("<HH", 1, 8) + bytes([10, 0, 0, 1]) + b"h1\0\0" + struct.pack("<HH", 0, 0))  # NRB
    w.epb(2, (t << 20) + 777777, frame(3, 128), wire=1000)  # snapped by snaplen 128
    w.spb(frame(4, 64), 64)
    w.block(0x0000000A, struct.pack("<II", 0x544c534b, 4) + b"key\n")   # DSB
    w.block(0x00000BAD, struct.pack("<I", 32473) + b"custom")            # custom (copyable)
    w.block(0x40000BAD, struct.pack("<I", 32473) + b"custom")            # custom (not copyable)
    w.block(0x12345678, b"an unknown block type")                        # unknown
    w.epb(3, ((t + 100) << 30) + 987654321, frame(5, 80))
    w.pb(1, 7, t * 10**9 + 500000000, frame(6, 64))
    w.isb(1, t * 10**9 + 900000000, 10, 3, 2)
    w.shb(">")
    w.idb(1, 65535, 9, name=b"be-ns")             # 4 (id 0 of section 2)
    w.idb(113, 65535, 3, name=b"be-ms")           # 5: milliseconds, SLL
    w.epb(0, t * 10**9 + 5, frame(7, 100))
    sll = struct.pack(">HHH8sH", 0, 1, 6, b"\x02\0\0\0\0\x01\0\0", 0x0800) + frame(8, 64)[14:]
    w.epb(1, t * 1000 + 999, sll)
    w.epb(0, t * 10**9 + 4, frame(9, 60))  # earlier than the packet before: out of order
    w.isb(0, t * 10**9 + 10, 3, 0, 1)
    open(path, "wb").write(bytes(w.out))


if __name__ == "__main__":
    main(sys.argv[1])
