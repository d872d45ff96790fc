#!/usr/bin/env bash
# Benchmark (not a test): `./nfvperf pcap-info --json` (whole process: JVM start, scan, JSON) against
# `tcpdump -r FILE -w /dev/null` on the same pcap of 64-byte frames (60 bytes captured: no FCS),
# page cache warm, alternating runs. Prints wall and CPU (user+sys) seconds of every run, the ratio
# of the best runs, and the scan rate in M packets/s. The capture is generated with the hidden
# `nfvperf pcap-synth` command and deleted at the end.
#
#   bench/pcap-info.sh                      # 40 M packets, 3 runs each, in /work/bench-data/capture
#   PACKETS=10000000 RUNS=5 BENCH_DIR=/tmp bench/pcap-info.sh
#
# The in-process scan rate without JVM start-up is measured by the JMH benchmark
# CaptureScanBenchmark (see its header).
set -euo pipefail
packets=${PACKETS:-40000000}
runs=${RUNS:-3}
dir=${BENCH_DIR:-/work/bench-data/capture}
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$dir"
file="$dir/bench-$packets.pcap"
trap 'rm -f "$file" "$dir/.time.$$"' EXIT

command -v tcpdump >/dev/null || { echo "bench: tcpdump is needed" >&2; exit 1; }
"$root/nfvperf" --version >/dev/null   # builds the jar if needed, outside the timing
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
"$root/nfvperf" pcap-synth --packets "$packets" --frame-size 64 --out "$file"
cat "$file" > /dev/null                # warm the page cache

# run NAME CMD... : prints "wall cpu" seconds
measure() {
  /usr/bin/time -f "%e %U %S" -o "$dir/.time.$$" "$@" >/dev/null 2>&1
  awk '{printf "%.3f %.3f\n", $1, $2 + $3}' "$dir/.time.$$"
}
best_info=""; best_tcpdump=""; best_info_cpu=""; best_tcpdump_cpu=""
min() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b < a) print b; else print a }'; }
for i in $(seq 1 "$runs"); do
  read -r w c < <(measure "$root/nfvperf" pcap-info --json "$file")
  echo "run $i: nfvperf pcap-info --json       wall ${w} s  cpu ${c} s"
  best_info=$(min "$best_info" "$w"); best_info_cpu=$(min "$best_info_cpu" "$c")
  read -r w c < <(measure tcpdump -r "$file" -w /dev/null)
  echo "run $i: tcpdump -r FILE -w /dev/null   wall ${w} s  cpu ${c} s"
  best_tcpdump=$(min "$best_tcpdump" "$w"); best_tcpdump_cpu=$(min "$best_tcpdump_cpu" "$c")
done
packets_seen=$("$root/nfvperf" pcap-info --json "$file" | awk -F': ' '/"packets"/ { gsub(",", "", $2); print $2; exit }')
[ "$packets_seen" = "$packets" ] || { echo "bench: pcap-info counted $packets_seen packets, expected $packets" >&2; exit 1; }
# the scan alone (inside the JVM, first and only run, JIT warm-up included)
"$root/nfvperf" pcap-info --json --scan-stats "$file" 2>&1 >/dev/null | sed 's/^/scan only: /'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v n="$packets" -v bi="$best_info" -v bt="$best_tcpdump" -v ci="$best_info_cpu" -v ct="$best_tcpdump_cpu" 'BEGIN {
  printf "packets: %d (%.0f MB)\n", n, n * 76 / 1e6
  printf "best wall: pcap-info %.3f s, tcpdump %.3f s, ratio %.2f (target <= 0.5)\n", bi, bt, bi / bt
  printf "best cpu:  pcap-info %.3f s, tcpdump %.3f s, ratio %.2f\n", ci, ct, ci / ct
  printf "pcap-info whole-process rate: %.1f M packets/s (wall), %.1f M packets/s (cpu)\n", n / bi / 1e6, n / ci / 1e6
}'
