#!/usr/bin/env bash
# Reproduces the foundation figures of BENCHMARKS.md: ml-1m import into SQLite and PostgreSQL
# (events/s) against the parse-only baseline (import --dry-run) in the same run, and the
# training snapshot build (seconds, bytes per interaction). Needs ../shared/data/ml-1m; the
# PostgreSQL part needs initdb/pg_ctl (a throw-away server on loopback, default settings).
# Usage: scripts/bench-foundation.sh [RUNS]   (default 3)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-3}
data="$root/../shared/data/ml-1m"
[ -d "$data" ] || { echo "bench: $data is absent; this benchmark needs the MovieLens 1M folder" >&2; exit 1; }
cd "$root"
./longview --version >/dev/null   # builds the jar if needed
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
secs() { sed -n 's/.*"seconds" *: *\([0-9.]*\).*/\1/p' | head -n 1; }
first() { sed -n 's/.*"seconds" *: *\[ *\([0-9.]*\).*/\1/p' | head -n 1; }

. "$root/scripts/find-jdk.sh"; longview_find_jdk
echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
echo "run | parse-only s | SQLite import s | SQLite events/s | ratio import/parse"
for r in $(seq 1 "$runs"); do
  p=$(./longview import --format movielens-1m --input "$data" --db "$work/dry.db" --dry-run --json | secs)
  rm -f "$work"/s.db*
  s=$(./longview import --format movielens-1m --input "$data" --db "$work/s.db" --json | secs)
  echo "$r | $p | $s | $(awk -v s="$s" 'BEGIN{printf "%.0f", 1000209/s}') | $(awk -v s="$s" -v p="$p" 'BEGIN{printf "%.2f", s/p}')"
done
echo "SQLite snapshot: $(./longview snapshot --db "$work/s.db" --repeat 3 --json | tr -d '\n ' )"

bin=$(dirname "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)")
if [ -x "$bin/initdb" ]; then
  as=(); [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
  chmod 777 "$work"
  port=$((20000 + RANDOM % 20000))
  "${as[@]}" "$bin/initdb" -D "$work/pg" -U postgres -A trust -E UTF8 >/dev/null
  "${as[@]}" "$bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o "-p $port -k $work -c listen_addresses=127.0.0.1" start >/dev/null
  trap '"${as[@]}" "$bin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null; rm -rf "$work"' EXIT
  psql=$(command -v psql || echo "$bin/psql")
  echo "run | PostgreSQL import s | PostgreSQL events/s"
  for r in $(seq 1 "$runs"); do
    "$psql" -q -h 127.0.0.1 -p "$port" -U postgres -c "CREATE DATABASE b$r" >/dev/null
    s=$(./longview import --format movielens-1m --input "$data" --db "jdbc:postgresql://127.0.0.1:$port/b$r?user=postgres" --json | secs)
    echo "$r | $s | $(awk -v s="$s" 'BEGIN{printf "%.0f", 1000209/s}')"
  done
  echo "PostgreSQL snapshot: $(./longview snapshot --db "jdbc:postgresql://127.0.0.1:$port/b1?user=postgres" --repeat 3 --json | tr -d '\n ')"
else
  echo "PostgreSQL: no initdb found; skipped"
fi
