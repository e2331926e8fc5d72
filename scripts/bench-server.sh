#!/usr/bin/env bash
# Reproduces "Server pipeline" in BENCHMARKS.md: imports ml-1m into a temporary SQLite database,
# starts `./longview serve` on loopback (trains the ials -> itemknn -> pop chain), and drives it
# with wrk (Debian package `wrk`):
#   1. GET /api/v1/recommend/{random known user}?n=10 at a fixed RATE req/s for DURATION s
#      (pacing: scripts/wrk/recommend.lua) -> p50 / p99 / p99.9 / errors;
#   2. the same as fast as wrk can send for MAX_DURATION s (closed loop) -> the maximum rate,
#      then a fixed-rate run at 3,000 req/s to check that rate is sustained with p99 <= 10 ms;
#   3. POST /api/v1/events, 2 connections, INGEST_DURATION s per batch size in INGEST_BATCHES
#      (events per request; default "1000 10000", the API accepts up to maxBatchSize 10,000),
#      each after a 10 s warm-up at that size -> events/s (each batch durable before its 200);
#      with the ingest journal also its backlog at the end, the drain time and the applied rate
#      = acknowledged / (run + drain), the rate at which events reached the tables.
# Baseline in the same run: GET /health/live at RATE (the HTTP floor of this machine).
# Prints `uptime` before and after (the machine may be shared) and one summary line at the end.
# Usage: scripts/bench-server.sh   (env: RATE=1000 DURATION=60 MAX_DURATION=30 INGEST_DURATION=20
#        INGEST_BATCHES="1000 10000" THREADS=2 CONNECTIONS=32 DATA=../shared/data/ml-1m)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rate=${RATE:-1000}; duration=${DURATION:-60}; max_duration=${MAX_DURATION:-30}
ingest_duration=${INGEST_DURATION:-20}; ingest_batches=${INGEST_BATCHES:-"1000 10000"}; threads=${THREADS:-2}; connections=${CONNECTIONS:-32}
data=${DATA:-"$root/../shared/data/ml-1m"}
[ -d "$data" ] || { echo "bench-server: $data is absent; this benchmark needs the MovieLens 1M folder" >&2; exit 1; }
command -v wrk >/dev/null || { echo "bench-server: wrk is missing; install it with: apt-get install -y wrk" >&2; exit 1; }
cd "$root"
./longview --version >/dev/null   # builds the jar if needed
work=$(mktemp -d)
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
. "$root/scripts/find-jdk.sh"; longview_find_jdk
echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1), $(wrk --version 2>&1 | head -n 1 | cut -c1-40)"
echo "load before: $(uptime)"
./longview import --format movielens-1m --input "$data" --db "$work/ml1m.db" --json >/dev/null
port=$((20000 + RANDOM % 20000))
./longview serve --db "$work/ml1m.db" --port "$port" >"$work/serve.log" 2>&1 &
server_pid=$!
url="http://127.0.0.1:$port"
for i in $(seq 1 600); do
  grep -q '^model ' "$work/serve.log" && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 1
done
echo "server: $(grep '^model ' "$work/serve.log")"
curl -sf "$url/health/ready"; echo
wrkrun() { wrk -t"$threads" -c"$connections" --latency "$@" | grep '^RESULT' | sed 's/^RESULT //'; }
# Warm-up (JIT, connections), not reported.
wrk -t"$threads" -c"$connections" -d15s -s scripts/wrk/recommend.lua "$url" -- 0 6040 "$threads" >/dev/null
base=$(wrkrun -d"${duration}s" -s scripts/wrk/recommend.lua "$url" -- "$rate" 6040 "$threads" /health/live)
echo "baseline GET /health/live at $rate req/s for ${duration}s: $base"
fixed=$(wrkrun -d"${duration}s" -s scripts/wrk/recommend.lua "$url" -- "$rate" 6040 "$threads")
echo "GET /api/v1/recommend/{user}?n=10 at $rate req/s for ${duration}s: $fixed"
max=$(wrkrun -d"${max_duration}s" -s scripts/wrk/recommend.lua "$url" -- 0 6040 "$threads")
echo "GET /api/v1/recommend/{user}?n=10 as fast as possible for ${max_duration}s: $max"
at3k=$(wrkrun -d"${max_duration}s" -s scripts/wrk/recommend.lua "$url" -- 3000 6040 "$threads")
echo "GET /api/v1/recommend/{user}?n=10 at 3000 req/s for ${max_duration}s: $at3k"
ingest_summary=
for b in $ingest_batches; do
  # Warm-up at this size (JIT of the ingest path), not reported; wrk's 2 s default timeout is too
  # short for a 10,000-event batch on a loaded machine, so the runs allow 60 s.
  wrk --timeout 60s -t2 -c2 -d10s -s scripts/wrk/ingest.lua "$url" -- "$b" 6040 3952 "w$$$RANDOM" >/dev/null
  scripts/journal-drain.sh "$url" >/dev/null   # each run starts with an empty journal backlog
  ingest=$(wrk --timeout 60s -t2 -c2 -d"${ingest_duration}s" -s scripts/wrk/ingest.lua "$url" -- "$b" 6040 3952 "$$$RANDOM" | grep '^RESULT' | sed 's/^RESULT //')
  # The ingest journal's backlog at the end of the run and its drain time: applied = events
  # acknowledged / (run + drain), the rate at which they reached the tables.
  drain=$(scripts/journal-drain.sh "$url")
  applied=$(awk -v r="$ingest" -v d="$drain" -v b="$b" 'BEGIN{split(r,a," "); for(i in a){split(a[i],kv,"="); v[kv[1]]=kv[2]}
    split(d,c," "); split(c[2],ds,"="); printf "%.0f", v["batches"]*b/(v["seconds"]+ds[2])}')
  echo "POST /api/v1/events, batches of $b, 2 connections, ${ingest_duration}s: $ingest $drain applied_per_s=$applied"
  ingest_summary="$ingest_summary ingest(batch $b)=$(sed -n "s/.*events_per_s=\([^ ]*\).*/\1/p" <<<"$ingest")ev/s applied=${applied}ev/s errors=$(sed -n "s/.*errors=\([^ ]*\).*/\1/p" <<<"$ingest") |"
done
echo "server errors logged: $(grep -c -i 'SEVERE\|ERROR' "$work/serve.log" || true)"
echo "load after: $(uptime)"
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }
echo "SUMMARY rate=$rate p50=$(field p50_ms "$fixed")ms p99=$(field p99_ms "$fixed")ms p99.9=$(field p999_ms "$fixed")ms errors=$(field errors "$fixed") | max=$(field rate "$max")req/s errors=$(field errors "$max") | 3000req/s p99=$(field p99_ms "$at3k")ms errors=$(field errors "$at3k") |$ingest_summary health/live p99=$(field p99_ms "$base")ms | load $(cut -d' ' -f1-3 /proc/loadavg)"
