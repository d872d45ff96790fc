#!/usr/bin/env bash
# Benchmark of `nfvperf latency` against `tcpdump -r FILE -w /dev/null` on the same two captures.
#
#   bench/latency.sh [PACKETS] [RATE_PPS] [REPS]     defaults: 10000000 1000000 3
#
# Generates (with org.nfvperf.latency.LatencyBenchData from the JMH sources) two captures of PACKETS
# 64-byte packets (60 bytes captured) under /work/bench-data/latency (or $BENCH_DIR): in.pcap and out.pcap
# with 1% loss and 0.2% reordering. Then, REPS times, alternately: tcpdump reads both files, and
#   JAVA_OPTS=-Xmx256m ./nfvperf latency --tap in=in.pcap --tap out=out.pcap --json
# matches them (whole process: JVM start, reading, matching, output). Prints every wall time, the
# median of each and the ratio nfvperf/tcpdump (the goal is <= 0.8). Deletes the captures at the end
# unless KEEP=1. Needs Maven, a JDK and tcpdump.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
packets="${1:-10000000}"
rate="${2:-1000000}"
reps="${3:-3}"
dir="${BENCH_DIR:-/work/bench-data/latency}"
mkdir -p "$dir"
cleanup() { [ "${KEEP:-0}" = 1 ] || rm -f "$dir/in.pcap" "$dir/out.pcap"; }
trap cleanup EXIT

cd "$here"
if [ ! -f target/benchmarks.jar ] || [ -n "$(find src -newer target/benchmarks.jar -type f -print -quit)" ]; then
  mvn -q -B -P benchmarks -DskipTests package
fi
mvn -q -B -DskipTests package   # target/nfvperf.jar for the launcher
if [ ! -f "$dir/in.pcap" ] || [ ! -f "$dir/out.pcap" ]; then
  java -cp target/benchmarks.jar org.nfvperf.latency.LatencyBenchData "$dir" "$packets" "$rate"
fi
ls -l "$dir"/in.pcap "$dir"/out.pcap
# the launcher records its class-data-sharing archive after a build; do that before timing
./nfvperf --version >/dev/null

now() { date +%s.%N; }
t_tcpdump=(); t_nfvperf=()
for i in $(seq "$reps"); do
  s=$(now)
  tcpdump -r "$dir/in.pcap" -w /dev/null 2>/dev/null
  tcpdump -r "$dir/out.pcap" -w /dev/null 2>/dev/null
  e=$(now); t_tcpdump+=("$(echo "$e - $s" | bc)")
  s=$(now)
  JAVA_OPTS=-Xmx256m ./nfvperf latency --tap "in=$dir/in.pcap" --tap "out=$dir/out.pcap" --json > "$dir/latency.json"
  e=$(now); t_nfvperf+=("$(echo "$e - $s" | bc)")
  printf 'run %d: tcpdump (both files) %.2f s, nfvperf latency %.2f s, ratio %.2f\n' "$i" \
    "${t_tcpdump[-1]}" "${t_nfvperf[-1]}" "$(echo "${t_nfvperf[-1]} / ${t_tcpdump[-1]}" | bc -l)"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
mt=$(median "${t_tcpdump[@]}"); mn=$(median "${t_nfvperf[@]}")
printf 'median: tcpdump %.2f s, nfvperf %.2f s, ratio %.2f (goal <= 0.80); load average: %s\n' "$mt" "$mn" \
  "$(echo "$mn / $mt" | bc -l)" "$(cut -d' ' -f1-3 /proc/loadavg)"
grep -E '"(matched|lost)"' "$dir/latency.json" | head -2 | tr -d ' ,\n'; echo
rm -f "$dir/latency.json"
