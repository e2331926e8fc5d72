#!/usr/bin/env bash
# Back-to-back recommend A/B for a shared machine (BENCHMARKS.md, "Recommend path, CPU cut"): per
# jar in turn (one server at a time, so they do not fight over the 2 cores), starts `serve` on its
# own copy of an ml-1m store, waits for the model, warms up 15 s closed loop, then runs wrk with
# scripts/wrk/recommend.lua (random known users, n=10): closed loop for DURATION s, then paced at
# RATE req/s for DURATION s. Prints per jar the wrk RESULT lines and the server's CPU per request
# (from /proc/PID/stat around the closed-loop run: server CPU only, not wrk's). ROUNDS=2 runs the
# jars again in reverse order (A B B A) to expose drift in the neighbours' load.
# Usage: scripts/bench-recommend-ab.sh JAR_A [JAR_B ...]  (env: RATE=3000 DURATION=30 ROUNDS=1
#        THREADS=2 CONNECTIONS=32 DATA=../shared/data/ml-1m WORK=/tmp/longview-recommend-ab)
# Build a jar per code version (`./longview --version` builds longview-cli/target/longview.jar)
# and copy it away before switching versions.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rate=${RATE:-3000}; dur=${DURATION:-30}; rounds=${ROUNDS:-1}
threads=${THREADS:-2}; connections=${CONNECTIONS:-32}
data=${DATA:-"$root/../shared/data/ml-1m"}; work=${WORK:-/tmp/longview-recommend-ab}
[ $# -ge 1 ] || { echo "usage: $0 JAR_A [JAR_B ...]" >&2; exit 2; }
command -v wrk >/dev/null || { echo "bench-recommend-ab: wrk is missing; apt-get install -y wrk" >&2; exit 1; }
. "$root/scripts/find-jdk.sh"; longview_find_jdk
mkdir -p "$work"
if [ ! -f "$work/ml1m.db" ]; then
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -jar "$1" \
    import --format movielens-1m --input "$data" --db "$work/ml1m.db" --json >/dev/null || exit 1
fi
pid=; w=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "$w" ] && rm -rf "$w"; }
trap cleanup EXIT
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }
one() {
  local jar=$1
  w=$(mktemp -d "$work/run.XXXX"); cp "$work/ml1m.db" "$w/db"
  local port=$((20000 + RANDOM % 20000)) url
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
    -jar "$jar" serve --db "$w/db" --port "$port" >"$w/log" 2>&1 &
  pid=$!; url="http://127.0.0.1:$port"
  for i in $(seq 1 600); do grep -q '^model ' "$w/log" && break; kill -0 "$pid" 2>/dev/null || { cat "$w/log" >&2; return 1; }; sleep 1; done
  wrk -t"$threads" -c"$connections" -d15s -s "$root/scripts/wrk/recommend.lua" "$url" -- 0 6040 "$threads" >/dev/null
  local c0 c1 max paced
  c0=$(ticks "$pid")
  max=$(wrk -t"$threads" -c"$connections" -d"${dur}s" --latency -s "$root/scripts/wrk/recommend.lua" "$url" -- 0 6040 "$threads" | grep '^RESULT' | sed 's/^RESULT //')
  c1=$(ticks "$pid")
  paced=$(wrk -t"$threads" -c"$connections" -d"${dur}s" --latency -s "$root/scripts/wrk/recommend.lua" "$url" -- "$rate" 6040 "$threads" | grep '^RESULT' | sed 's/^RESULT //')
  local reqs cpu_us
  reqs=$(field requests "$max")
  cpu_us=$(awk -v t=$((c1 - c0)) -v n="$reqs" 'BEGIN{ if (n > 0) printf "%.0f", t*10000/n; else print "nan"}')
  echo "[$jar] closed loop: $max server_cpu_us_per_request=$cpu_us"
  echo "[$jar] paced $rate/s: $paced load=$(cut -d' ' -f1-3 /proc/loadavg)"
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; pid=
  rm -rf "$w"; w=
}
echo "machine: $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1); load before: $(uptime)"
jars=("$@")
for ((r = 0; r < rounds; r++)); do
  if ((r % 2 == 0)); then order=("${jars[@]}"); else order=(); for ((k = ${#jars[@]} - 1; k >= 0; k--)); do order+=("${jars[$k]}"); done; fi
  for jar in "${order[@]}"; do one "$jar"; done
done
echo "load after: $(uptime)"
