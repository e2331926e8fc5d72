#!/usr/bin/env bash
# Side-by-side ingest A/B for a shared machine: starts one `serve` per jar on its own copy of an
# ml-1m store, trains them, then drives all of them AT THE SAME TIME with wrk
# (scripts/wrk/ingest.lua, 2 connections each, after a warm-up), one batch size after another,
# so every jar sees the same neighbours' load; compare rates within one line group, not across runs.
# Prints per jar and batch size: the wrk RESULT line, the server's CPU ticks (1/100 s) in the run,
# and for servers with an ingest journal its backlog at the end of the run and the seconds the
# applier took to drain it (scripts/journal-drain.sh; each run starts with an empty backlog), and
# applied_per_s = events acknowledged / (run + drain seconds): the rate at which they reached the tables.
# Usage: scripts/bench-ingest-ab.sh JAR_A JAR_B ...   (env: BATCHES="1000 5000 10000" DURATION=20
#        WARM=10 DATA=../shared/data/ml-1m WORK=/tmp/longview-ingest-ab; JAVA_OPTS_<k> per jar k=0,1,..)
# Build a jar per code version with `mvn -B -o -q -DskipTests -pl longview-cli -am package` and
# copy longview-cli/target/longview.jar away before switching versions.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
batches=${BATCHES:-"1000 5000 10000"}; dur=${DURATION:-20}; warm=${WARM:-10}
data=${DATA:-"$root/../shared/data/ml-1m"}; work=${WORK:-/tmp/longview-ingest-ab}
[ $# -ge 1 ] || { echo "usage: $0 JAR_A [JAR_B ...]" >&2; exit 2; }
. "$root/scripts/find-jdk.sh"; longview_find_jdk
mkdir -p "$work"
if [ ! -f "$work/ml1m.db" ]; then
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -jar "$1" \
    import --format movielens-1m --input "$data" --db "$work/ml1m.db" --json >/dev/null || exit 1
fi
pids=(); urls=(); ws=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "${ws[@]}"; }
trap cleanup EXIT
k=0
for jar in "$@"; do
  w=$(mktemp -d "$work/run.XXXX"); cp "$work/ml1m.db" "$w/db"
  port=$((20000 + RANDOM % 20000)); opts_var="JAVA_OPTS_$k"
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector ${!opts_var:-} \
    -jar "$jar" serve --db "$w/db" --port "$port" >"$w/log" 2>&1 &
  pids+=($!); urls+=("http://127.0.0.1:$port"); ws+=("$w"); k=$((k + 1))
done
for w in "${ws[@]}"; do
  for i in $(seq 1 600); do grep -q '^model ' "$w/log" && break; sleep 1; done
done
echo "load before: $(uptime)"
for batch in $batches; do
  wp=()
  for u in "${urls[@]}"; do
    wrk --timeout 60s -t2 -c2 -d"${warm}s" -s "$root/scripts/wrk/ingest.lua" "$u" -- "$batch" 6040 3952 "w$RANDOM" >/dev/null & wp+=($!)
  done
  wait "${wp[@]}"
  for u in "${urls[@]}"; do "$root/scripts/journal-drain.sh" "$u" >/dev/null; done  # start empty
  for k in "${!pids[@]}"; do awk '{print $14+$15}' "/proc/${pids[$k]}/stat" >"${ws[$k]}/c0"; done
  wp=()
  for k in "${!urls[@]}"; do
    wrk --timeout 60s -t2 -c2 -d"${dur}s" -s "$root/scripts/wrk/ingest.lua" "${urls[$k]}" -- "$batch" 6040 3952 "m$RANDOM$k" \
      | grep '^RESULT' >"${ws[$k]}/r" & wp+=($!)
  done
  wait "${wp[@]}"
  wp=()
  for k in "${!urls[@]}"; do "$root/scripts/journal-drain.sh" "${urls[$k]}" >"${ws[$k]}/d" & wp+=($!); done
  wait "${wp[@]}"
  # CPU from the start of the run to the end of the drain: the applier's work is counted
  for k in "${!pids[@]}"; do awk '{print $14+$15}' "/proc/${pids[$k]}/stat" >"${ws[$k]}/c1"; done
  k=0
  for jar in "$@"; do
    r=$(sed 's/^RESULT //' "${ws[$k]}/r"); d=$(cat "${ws[$k]}/d")
    applied=$(awk -v r="$r" -v d="$d" -v b="$batch" 'BEGIN{split(r,a," "); for(i in a){split(a[i],kv,"="); v[kv[1]]=kv[2]}
      split(d,c," "); split(c[2],ds,"="); s=ds[2]+0; printf "%.0f", v["batches"]*b/(v["seconds"]+s)}')
    echo "[$jar] batch=$batch $r cpu_ticks=$(($(cat "${ws[$k]}/c1") - $(cat "${ws[$k]}/c0"))) $d applied_per_s=$applied load=$(cut -d' ' -f1-3 /proc/loadavg)"
    k=$((k + 1))
  done
done
