#!/usr/bin/env bash
# Builds the latency fixtures of this directory from real captures (needs root, iproute2, tcpdump,
# editcap, mergecap, tshark, python3). Path:  ns A (sender, a0) --veth-- ns R (router, r0|r1) --veth-- ns B (b0)
# R forwards at L3, so TTL and MACs change between the taps. tcpdump captures with ns timestamps at a0, r1 and b0.
#
#   probe-*.pcap  200 UDP datagrams with the nfvperf probe header ("NFVP", 48-bit seq, send ts) + 10 ICMP echo requests
#   hash-*.pcap   150 UDP datagrams with random payloads, 30 of them sent twice (same payload, same IP ID? no:
#                 the kernel gives each its own IP ID) + 20 ICMP echo requests; b0 is stored with microsecond timestamps
#   pktgen-*.pcap 60 UDP datagrams whose payload starts with Linux pktgen's magic 0xbe9be955 and a 32-bit seq
#   *-b0-lossy.pcap  b0 with packets removed by editcap (loss)
#   probe-all.pcapng mergecap of a0, r1 and b0-lossy: one pcapng with interfaces #0, #1, #2
#   *.fields.tsv  tshark's view of every capture (epoch time, IP/UDP/ICMP fields, payload) for the tests'
#                 independent computation
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tag="nfvlat$$"
A="${tag}a"; R="${tag}r"; B="${tag}b"
work="$(mktemp -d)"
pids=()
sink=
cleanup() {
  [ -n "$sink" ] && kill "$sink" 2>/dev/null || true
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for ns in "$A" "$R" "$B"; do ip netns del "$ns" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

for ns in "$A" "$R" "$B"; do
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
done
ip link add a0 netns "$A" type veth peer name r0 netns "$R"
ip link add r1 netns "$R" type veth peer name b0 netns "$B"
ip -n "$A" addr add 10.91.1.2/24 dev a0; ip -n "$A" link set a0 up; ip -n "$A" route add default via 10.91.1.1
ip -n "$R" addr add 10.91.1.1/24 dev r0; ip -n "$R" link set r0 up
ip -n "$R" addr add 10.91.2.1/24 dev r1; ip -n "$R" link set r1 up
ip -n "$B" addr add 10.91.2.2/24 dev b0; ip -n "$B" link set b0 up; ip -n "$B" route add default via 10.91.2.1
ip netns exec "$R" sysctl -qw net.ipv4.ip_forward=1
# a UDP sink on B, so that no ICMP port-unreachable comes back (it would fail the sender's next sendto)
ip netns exec "$B" python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("0.0.0.0", 9000))
while True: s.recv(65535)' &
sink=$!
# resolve neighbours before capturing
sleep 0.3
ip netns exec "$A" python3 -c 'import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("10.91.2.2", 9000))'
sleep 0.3

capture() { # name ns iface precision file count
  local prec=()
  [ "$4" = nano ] && prec=(--time-stamp-precision=nano)
  ip netns exec "$2" tcpdump -Z root -q -n -U -c "$6" -i "$3" "${prec[@]}" -w "$work/$5" 'ip and src host 10.91.1.2' 2>"$work/$5.log" &
  pids+=($!)
}

wait_listening() { # every tcpdump says "listening on" once it captures
  for f in "$@"; do
    for _ in $(seq 100); do grep -q "listening on" "$work/$f.log" 2>/dev/null && break; sleep 0.1; done
    grep -q "listening on" "$work/$f.log" || { echo "tcpdump for $f did not start" >&2; exit 1; }
  done
  sleep 0.2
}

send() { # kind pings
  ip netns exec "$A" python3 - "$1" "$2" <<'PY'
import os, random, socket, struct, sys, time
kind = sys.argv[1]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
dst = ("10.91.2.2", 9000)
rnd = random.Random(42)
if kind == "probe":
    for seq in range(200):
        s.sendto(b"NFVP" + seq.to_bytes(6, "big") + time.time_ns().to_bytes(8, "big"), dst)
        time.sleep(0.001)
elif kind == "hash":
    payloads = [bytes(rnd.getrandbits(8) for _ in range(rnd.randint(1, 64))) for _ in range(120)]
    for i, p in enumerate(payloads):
        s.sendto(p, dst)
        if i % 4 == 0:
            s.sendto(p, dst)   # the same payload again: a repeated UDP identity apart from the IP ID
        time.sleep(0.001)
elif kind == "pktgen":
    for seq in range(60):
        s.sendto(struct.pack(">IIII", 0xbe9be955, seq, 0, 0) + bytes(14), dst)
        time.sleep(0.001)
# ICMP echo requests (raw socket, root): identity from type/code/id/seq/payload under --key hash
icmp = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
def csum(b):
    if len(b) % 2: b += b"\0"
    t = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    t = (t >> 16) + (t & 0xFFFF); t += t >> 16
    return ~t & 0xFFFF
for seq in range(int(sys.argv[2])):
    body = b"nfvperf-ping-%d" % seq
    hdr = struct.pack("!BBHHH", 8, 0, 0, 0x4242, seq)
    icmp.sendto(struct.pack("!BBHHH", 8, 0, csum(hdr + body), 0x4242, seq) + body, ("10.91.2.2", 0))
    time.sleep(0.01)
PY
}

run() { # kind bprecision pings count
  pids=()
  capture a0 "$A" a0 nano "$1-a0.pcap" "$4"
  capture r1 "$R" r1 nano "$1-r1.pcap" "$4"
  capture b0 "$B" b0 "$2" "$1-b0.pcap" "$4"
  wait_listening "$1-a0.pcap" "$1-r1.pcap" "$1-b0.pcap"
  send "$1" "$3"
  # each tcpdump exits after its count of packets; a loaded machine may need a while to drain its buffer
  for p in "${pids[@]}"; do
    for _ in $(seq 300); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -INT "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  pids=()
}

run probe nano 10 210
run hash micro 20 170
run pktgen nano 0 60

# loss: drop packets (1-based numbers) from the last tap
editcap "$work/probe-b0.pcap" "$work/probe-b0-lossy.pcap" 3 17 18 19 100 150
editcap "$work/hash-b0.pcap" "$work/hash-b0-lossy.pcap" 5 60 61
mergecap -I none -F pcapng -w "$work/probe-all.pcapng" "$work/probe-a0.pcap" "$work/probe-r1.pcap" "$work/probe-b0-lossy.pcap"

fields() {
  tshark -r "$1" -T fields -E separator=/t -E occurrence=f \
    -e frame.time_epoch -e ip.src -e ip.dst -e ip.proto -e ip.id -e ip.ttl -e eth.src \
    -e udp.srcport -e udp.dstport -e icmp.type -e icmp.ident -e icmp.seq -e udp.payload -e data.data
}
cd "$work"
for f in probe-a0 probe-r1 probe-b0 probe-b0-lossy hash-a0 hash-r1 hash-b0 hash-b0-lossy pktgen-a0 pktgen-b0; do
  cp "$f.pcap" "$here/"
  fields "$f.pcap" > "$here/$f.fields.tsv"
done
cp probe-all.pcapng "$here/"
tail -n 3 "$work"/*.log >&2
capinfos -T -c -i "$here"/*.pcap "$here"/*.pcapng
