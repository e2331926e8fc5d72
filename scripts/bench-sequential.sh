#!/usr/bin/env bash
# Reproduces BENCHMARKS.md, "Sequential models": P2 (next-item, chronological leave-last-out) on
# ml-100k and ml-latest-small, the sequential models (sasrec, gru4rec) against pop, itemknn and
# ials, all run by this script with the same evaluator, one JSON line per run.
# Usage: scripts/bench-sequential.sh            (both datasets, all models, tuned defaults)
#   DATASETS="ml-100k" MODELS="sasrec gru4rec" SEQ_PARAMS="--param epochs=12" scripts/bench-sequential.sh
# Needs ../shared/data/ml-100k and ../shared/data/ml-latest-small.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
datasets=${DATASETS:-"ml-100k ml-latest-small"}
models=${MODELS:-"pop itemknn ials sasrec gru4rec"}
./longview --version >/dev/null   # builds the jar if needed
. "$root/scripts/find-jdk.sh"; longview_find_jdk
echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
for d in $datasets; do
  data="$root/../shared/data/$d"
  [ -d "$data" ] || { echo "bench: $data is absent" >&2; exit 1; }
  for m in $models; do
    extra=()
    case $m in sasrec|gru4rec) read -r -a extra <<< "${SEQ_PARAMS:-}";; esac
    echo "== $d $m ${extra[*]:-} (start $(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))"
    ./longview eval --protocol next-item --input "$data" --model "$m" ${extra[@]+"${extra[@]}"} --json \
      2> >(grep --line-buffered -E "^train: .*(epochs|epoch [0-9]+:)|^error" >&2) | tr -d '\n ' | sed 's/$/\n/'
    echo "== end $(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg)"
  done
done
