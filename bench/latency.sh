#!/usr/bin/env bash
# Benchmark of `nfvperf latency` against `tcpdump -r FILE -w /dev/null` on the same captures.
#
#   bench/latency.sh [PACKETS] [RATE_PPS] [REPS]     defaults: 10000000 14880952 3 (10GbE line rate, 64B)
#   TAPS=4 bench/latency.sh 4000000                  four taps, 1% loss per hop, JAVA_OPTS=-Xmx128m
#   bench/latency.sh soak SECONDS [XMX]              line-rate traffic generated while it is matched
#                                                    (no files): 1 s and SECONDS s in the same -Xmx (64m)
#
# Two taps (default): generates (with org.nfvperf.latency.LatencyBenchData from the JMH sources) two
# captures of PACKETS 64-byte packets (60 bytes captured) under /work/bench-data/latency (or
# $BENCH_DIR): in.pcap and out.pcap with 1% loss and 0.2% of the packets held back 5 us (reordering).
# Then, REPS times, alternately: tcpdump reads both files, and
#   JAVA_OPTS=-Xmx256m ./nfvperf latency --tap in=in.pcap --tap out=out.pcap --json
# matches them (whole process: JVM start, reading, matching, output). Prints every wall time, the
# median of each, the ratio nfvperf/tcpdump (the goal is <= 0.6), the CPU time (user + sys) of each and
# its ratio (less sensitive to other load on the machine) and the load average (the machine
# may be shared: only the ratio of runs made alternately in one invocation means something).
# With TAPS=N the captures are tap0..tap<N-1>.pcap (org.nfvperf.latency.SyntheticPath, 1% loss per
# hop) and the heap is JAVA_OPTS=${XMX:-128m}. Deletes the captures at the end unless KEEP=1.
# Needs Maven, a JDK and tcpdump.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
if [ ! -f target/benchmarks.jar ] || [ -n "$(find src -newer target/benchmarks.jar -type f -print -quit)" ]; then
  mvn -q -B -P benchmarks -DskipTests package
fi
mvn -q -B -DskipTests package   # target/nfvperf.jar for the launcher

if [ "${1:-}" = soak ]; then
  seconds="${2:-30}"
  xmx="${3:-64m}"
  for s in 1 "$seconds"; do
    /usr/bin/time -f "  (%e s wall, %U s user, %S s sys, max RSS %M KB)" \
      java "-Xmx$xmx" -XX:+UseSerialGC -cp target/benchmarks.jar org.nfvperf.latency.LatencySoak "$s"
  done
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

packets="${1:-10000000}"
rate="${2:-14880952}"
reps="${3:-3}"
taps="${TAPS:-2}"
dir="${BENCH_DIR:-/work/bench-data/latency}"
mkdir -p "$dir"
if [ "$taps" = 2 ]; then
  files=("$dir/in.pcap" "$dir/out.pcap")
  names=(in out)
  heap="${XMX:-256m}"
else
  files=(); names=()
  for ((t = 0; t < taps; t++)); do files+=("$dir/tap$t.pcap"); names+=("tap$t"); done
  heap="${XMX:-128m}"
fi
cleanup() { [ "${KEEP:-0}" = 1 ] || rm -f "${files[@]}"; }
trap cleanup EXIT
missing=0
for f in "${files[@]}"; do [ -f "$f" ] || missing=1; done
if [ "$missing" = 1 ]; then
  if [ "$taps" = 2 ]; then
    java -cp target/benchmarks.jar org.nfvperf.latency.LatencyBenchData "$dir" "$packets" "$rate"
  else
    java -cp target/benchmarks.jar org.nfvperf.latency.LatencyBenchData "$dir" "$packets" "$rate" "$taps"
  fi
fi
ls -l "${files[@]}"
tapargs=()
for ((t = 0; t < taps; t++)); do tapargs+=(--tap "${names[$t]}=${files[$t]}"); done
# the launcher records its class-data-sharing archive after a build; do that before timing
./nfvperf --version >/dev/null

now() { date +%s.%N; }
t_tcpdump=(); t_nfvperf=(); c_tcpdump=(); c_nfvperf=()   # wall and CPU (user + sys) seconds
for i in $(seq "$reps"); do
  s=$(now)
  : > "$dir/cpu.t"
  for f in "${files[@]}"; do /usr/bin/time -a -o "$dir/cpu.t" -f '%U %S' tcpdump -r "$f" -w /dev/null 2>/dev/null; done
  e=$(now); t_tcpdump+=("$(echo "$e - $s" | bc)")
  c_tcpdump+=("$(awk '{c += $1 + $2} END {print c}' "$dir/cpu.t")")
  s=$(now)
  JAVA_OPTS="-Xmx$heap" /usr/bin/time -o "$dir/cpu.t" -f '%U %S' ./nfvperf latency "${tapargs[@]}" --json > "$dir/latency.json"
  e=$(now); t_nfvperf+=("$(echo "$e - $s" | bc)")
  c_nfvperf+=("$(awk '{c += $1 + $2} END {print c}' "$dir/cpu.t")")
  printf 'run %d: tcpdump (all %d files) %.2f s, nfvperf latency (-Xmx%s) %.2f s, ratio %.2f; CPU (user+sys) %.2f s vs %.2f s, ratio %.2f; load %s\n' "$i" \
    "$taps" "${t_tcpdump[-1]}" "$heap" "${t_nfvperf[-1]}" "$(echo "${t_nfvperf[-1]} / ${t_tcpdump[-1]}" | bc -l)" \
    "${c_tcpdump[-1]}" "${c_nfvperf[-1]}" "$(echo "${c_nfvperf[-1]} / ${c_tcpdump[-1]}" | bc -l)" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
mt=$(median "${t_tcpdump[@]}"); mn=$(median "${t_nfvperf[@]}")
ct=$(median "${c_tcpdump[@]}"); cn=$(median "${c_nfvperf[@]}")
printf 'median: tcpdump %.2f s, nfvperf %.2f s, ratio %.2f (goal <= 0.60); CPU %.2f s vs %.2f s, ratio %.2f; load average: %s\n' \
  "$mt" "$mn" "$(echo "$mn / $mt" | bc -l)" "$ct" "$cn" "$(echo "$cn / $ct" | bc -l)" "$(cut -d' ' -f1-3 /proc/loadavg)"
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); e=j["end_to_end"]; print("end to end: matched %d, lost %d; segments: %s" % (e["matched"], e["lost"], ", ".join("%s->%s lost %d" % (s["from"], s["to"], s["lost"]) for s in j["segments"])))' "$dir/latency.json"
rm -f "$dir/latency.json" "$dir/cpu.t"
