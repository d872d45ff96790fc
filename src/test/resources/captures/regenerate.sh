#!/usr/bin/env bash
# Regenerates the capture fixtures of the capture-engine tests and what tshark reports about them.
# Needs root (network namespaces, tcpdump), tcpdump, tshark, editcap, mergecap, python3, iproute2.
# Traffic stays inside two namespaces created here and removed at exit; it is a few dozen packets.
#
#   src/test/resources/captures/regenerate.sh
#
# Outputs, each a few KB: eth-ns.pcap (tcpdump, ns, Ethernet: IPv4/IPv6 fragments, TCP, UDP, ICMP,
# ARP, and VLAN / QinQ / IPv4-options frames that traffic.py sends through an AF_PACKET socket
# because this kernel may lack 8021q), lo-ns.pcap (loopback), any-sll.pcap / any-sll2.pcap (tcpdump -i any),
# editcap conversions (µs pcap, pcapng, ns/µs), mergecap of three captures into one pcapng with
# three interfaces of different resolutions, a gzip copy, a big-endian copy (byte-swapped by
# swap_pcap below, verified by tshark), crafted-mixed.pcapng (craft.py), and for every FILE a
# FILE.tshark.tsv with tshark's per-packet fields (frame.time_epoch, lengths, interface, IP/L4).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
a=nfvcapA$$
b=nfvcapB$$
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  ip netns del "$a" 2>/dev/null || true
  ip netns del "$b" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

ip netns add "$a"
ip netns add "$b"
ip link add veth-a netns "$a" type veth peer name veth-b netns "$b"
for ns in "$a" "$b"; do
  ip -n "$ns" link set lo up
done
ip -n "$a" link set veth-a up
ip -n "$b" link set veth-b up
ip -n "$a" addr add 10.9.0.1/24 dev veth-a
ip -n "$b" addr add 10.9.0.2/24 dev veth-b
ip -n "$a" addr add fd00:9::1/64 dev veth-a nodad
ip -n "$b" addr add fd00:9::2/64 dev veth-b nodad
cap() { # name, tcpdump args...
  local name=$1; shift
  ip netns exec "$a" timeout 20 tcpdump -Z root -U -q --time-stamp-precision=nano -s 262144 -w "$work/$name" "$@" 2>/dev/null &
  pids+=($!)
}
cap eth-ns.pcap -i veth-a
cap lo-ns.pcap -i lo
cap any-sll2.pcap -i any -y LINUX_SLL2
cap any-sll.pcap -i any -y LINUX_SLL
sleep 1.5
ip netns exec "$b" timeout 10 python3 "$here/traffic.py" sink 2>/dev/null &
pids+=($!)
sleep 0.5
ip netns exec "$a" timeout 10 python3 "$here/traffic.py" send
sleep 1
for p in "${pids[@]}"; do kill -INT "$p" 2>/dev/null || true; done
wait 2>/dev/null || true
pids=()

cp "$work"/eth-ns.pcap "$work"/lo-ns.pcap "$work"/any-sll2.pcap "$work"/any-sll.pcap .
editcap -F pcap eth-ns.pcap eth-us.pcap
editcap -F pcapng eth-ns.pcap eth-ns.pcapng
editcap -F pcapng eth-us.pcap eth-us.pcapng
editcap -F pcap any-sll2.pcap "$work/any-sll2-us.pcap"
mergecap -F pcapng -w merged.pcapng eth-ns.pcap "$work/any-sll2-us.pcap" lo-ns.pcap
gzip -9nc eth-ns.pcap > eth-ns.pcap.gz
gzip -9nc merged.pcapng > merged.pcapng.gz

# big-endian copy: swap every header field of the little-endian pcap, keep packet bytes
python3 - eth-ns.pcap eth-ns-be.pcap <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read()
hdr = struct.unpack("<IHHiIII", d[:24])
out = bytearray(struct.pack(">IHHiIII", *hdr))
i = 24
while i < len(d):
    rec = struct.unpack("<IIII", d[i:i + 16])
    out += struct.pack(">IIII", *rec) + d[i + 16:i + 16 + rec[2]]
    i += 16 + rec[2]
open(sys.argv[2], "wb").write(out)
PY
python3 craft.py crafted-mixed.pcapng

for f in eth-ns.pcap eth-us.pcap eth-ns.pcapng eth-us.pcapng eth-ns.pcap.gz eth-ns-be.pcap lo-ns.pcap \
         any-sll.pcap any-sll2.pcap merged.pcapng merged.pcapng.gz crafted-mixed.pcapng; do
  # in pcapng, -Y frame.interface_id drops records that are no packets (tshark shows custom blocks
  # as frames); pcap frames have no interface id field
  filter=(); case "$f" in *.pcapng*) filter=(-Y frame.interface_id);; esac
  tshark -r "$f" -n -o ip.defragment:FALSE -o ipv6.defragment:FALSE "${filter[@]}" -T fields \
    -E header=y -E separator=/t -E occurrence=f \
    -e frame.time_epoch -e frame.len -e frame.cap_len -e frame.interface_id -e frame.interface_name \
    -e ip.src -e ip.dst -e ip.proto -e ip.id -e ipv6.src -e ipv6.dst -e udp.srcport -e udp.dstport \
    -e tcp.srcport -e tcp.dstport -e vlan.id -e ieee8021ad.id -e icmp.type > "$f.tshark.tsv" 2>/dev/null
done
ls -l
