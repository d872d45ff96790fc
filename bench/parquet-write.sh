#!/usr/bin/env bash
# Benchmark of the two ways to write per-packet records to Parquet with DuckDB (issue "results at
# scale": "measure and choose"), whole process each, alternately, in one invocation:
#
#   bench/parquet-write.sh [RECORDS] [REPS]      defaults: 10000000 3
#
#   copy      the project's path (results.PerPacketParquet): records streamed into a staged CSV,
#             then one COPY (SELECT ... ORDER BY t_in_ns) TO ... (FORMAT parquet, zstd)
#   appender  DuckDB's row-by-row Appender into a table, then COPY TO parquet
#
# Both write the same rows (each prints a row count and a checksum). Prints every wall time, the
# medians, the ratio appender/copy and the load average. Arrow is not measured: DuckDB's JDBC
# driver takes Arrow streams only with the Arrow Java libraries (arrow-vector, arrow-c-data and
# their allocator, ~10 MB more on the class path) that the project does not otherwise need.
# Output under /tmp/nfvperf-bench-parquet (or $BENCH_DIR). Needs Maven and a JDK.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
records="${1:-10000000}"
reps="${2:-3}"
dir="${BENCH_DIR:-/tmp/nfvperf-bench-parquet}"
mkdir -p "$dir"
if [ ! -f target/benchmarks.jar ] || [ -n "$(find src -newer target/benchmarks.jar -type f -print -quit)" ]; then
  mvn -q -B -P benchmarks -DskipTests package
fi
[ -f target/lib/duckdb_jdbc-*.jar ] || mvn -q -B -DskipTests package
duck=$(ls target/lib/duckdb_jdbc-*.jar | head -1)
now() { date +%s.%N; }
copy=(); app=()
for i in $(seq "$reps"); do
  for mode in copy appender; do
    s=$(now)
    java -Xmx1g -Dnfvperf.duckdb.jar="$duck" -cp target/benchmarks.jar org.nfvperf.results.ParquetWriteBench \
      "$mode" "$records" "$dir/$mode.parquet"
    e=$(now)
    t=$(echo "$e - $s" | bc)
    if [ "$mode" = copy ]; then copy+=("$t"); else app+=("$t"); fi
  done
  echo "run $i: copy ${copy[-1]} s, appender ${app[-1]} s; load $(cut -d' ' -f1-3 /proc/loadavg)"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
mc=$(median "${copy[@]}"); ma=$(median "${app[@]}")
echo "median wall: copy $mc s, appender $ma s, appender/copy $(echo "scale=2; $ma / $mc" | bc)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$dir"
