#!/usr/bin/env python3
"""Bounded test traffic for the capture fixtures: `traffic.py sink` (in the peer namespace,
exits after 6 s) and `traffic.py send` (a few dozen packets, then exits)."""
import socket
import struct
import sys
import threading
import time


def sink():
    def udp(fam, addr):
        s = socket.socket(fam, socket.SOCK_DGRAM)
        if fam == socket.AF_INET6:
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        s.bind((addr, 9000))
        s.settimeout(6)
        try:
            while True:
                s.recv(65535)
        except OSError:
            pass

    def tcp():
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("0.0.0.0", 9001))
        s.listen(1)
        s.settimeout(6)
        try:
            c, _ = s.accept()
            c.settimeout(3)
            while c.recv(4096):
                c.sendall(b"ok")
        except OSError:
            pass

    ts = [threading.Thread(target=udp, args=(socket.AF_INET, "0.0.0.0")),
          threading.Thread(target=udp, args=(socket.AF_INET6, "::")),
          threading.Thread(target=tcp)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


def checksum(b):
    if len(b) % 2:
        b += b"\0"
    total = sum(struct.unpack(">%dH" % (len(b) // 2), b))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def raw_frames():
    """Tagged and optioned frames sent as raw bytes on veth-a (no 8021q module needed)."""
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind(("veth-a", 0))
    mac = bytes.fromhex("020000000002020000000001")

    def ipv4_udp(ident, payload, options=b""):
        ihl = 5 + len(options) // 4
        total = ihl * 4 + 8 + len(payload)
        ip = struct.pack(">BBHHHBBH4s4s", 0x40 | ihl, 0, total, ident, 0, 64, 17, 0,
                         bytes([10, 9, 7, 1]), bytes([10, 9, 7, 2])) + options
        return ip + struct.pack(">HHHH", 7000 + ident, 9000, 8 + len(payload), 0) + payload

    s.send(mac + struct.pack(">HH", 0x8100, 100) + b"\x08\x00" + ipv4_udp(1, b"dot1q" * 4))
    s.send(mac + struct.pack(">HHHH", 0x88A8, 300, 0x8100, 30) + b"\x08\x00" + ipv4_udp(2, b"qinq" * 5))
    s.send(mac + struct.pack(">HHHH", 0x9100, 301, 0x8100, 31) + b"\x08\x00" + ipv4_udp(3, b"9100" * 5))
    s.send(mac + b"\x08\x00" + ipv4_udp(4, b"options" * 3, options=b"\x01\x01\x01\x00\x94\x04\x00\x00"))
    s.close()


def send():
    u4 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    for i, size in enumerate([18, 100, 600, 1000]):
        u4.sendto(b"NFVP" + bytes([i]) * (size - 4), ("10.9.0.2", 9000))
        time.sleep(0.003)
    raw_frames()
    u4.sendto(b"F" * 1600, ("10.9.0.2", 9000))   # IPv4 fragments
    u6.sendto(b"six" * 20, ("fd00:9::2", 9000))
    u6.sendto(b"G" * 1600, ("fd00:9::2", 9000))  # IPv6 fragment headers
    u4.sendto(b"lo" * 20, ("127.0.0.1", 9009))   # loopback (nobody listens: ICMP port unreachable)
    ping = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    for seq in (1, 2):
        body = b"ping" * 8
        csum = checksum(struct.pack(">BBHHH", 8, 0, 0, 0x4242, seq) + body)
        ping.sendto(struct.pack(">BBHHH", 8, 0, csum, 0x4242, seq) + body, ("10.9.0.2", 0))
        time.sleep(0.05)
    c = socket.create_connection(("10.9.0.2", 9001), timeout=3)
    c.sendall(b"hello over tcp")
    c.recv(16)
    c.close()
    time.sleep(0.2)


if __name__ == "__main__":
    {"sink": sink, "send": send}[sys.argv[1]]()
