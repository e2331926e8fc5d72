#!/usr/bin/env bash
# The full pipeline with the learned ranker vs the same pipeline with the fixed blend vs each
# single recall model, through `longview eval` (same protocol, same split seed, same evaluator;
# one process per model). BENCHMARKS.md, "Ranker", subsection "The ranker as the pipeline's
# ranking stage". Usage:
#   [MODELS="pipeline ranker"] scripts/bench-ranker-pipeline.sh PROTOCOL INPUT [FORMAT] [ranker params, e.g. holdout_latest=0;
#   retention=... and mmr_lambda=... go to the pipeline too]
# e.g. scripts/bench-ranker-pipeline.sh next-item ../shared/data/ml-100k
#      scripts/bench-ranker-pipeline.sh ml1m-recbole ../shared/data/ml-100k movielens-100k holdout_latest=0
set -euo pipefail
cd "$(dirname "$0")/.."
protocol=$1
input=$2
format=${3:-}
shift $(( $# >= 3 ? 3 : $# ))
# lightgbm4j extracts its native library to java.io.tmpdir under a fixed name: another JVM doing
# the same in /tmp rewrites the file under a running process (SIGBUS). Use a private folder.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Build once, then run a private copy of the jar: a rebuild by `./longview` (sources edited
# meanwhile) or a `mvn verify` must not replace the jar under a running benchmark.
./longview --version >/dev/null
cp longview-cli/target/longview.jar "$tmp/longview.jar"
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
run() {
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
    -Djava.io.tmpdir="$tmp" -Xmx4g -jar "$tmp/longview.jar" "$@"
}
fmt=()
[ -n "$format" ] && fmt=(--format "$format")
params=()
for p in "$@"; do params+=(--param "$p"); done
for model in ${MODELS:-ials itemknn pop pipeline ranker}; do
  extra=()
  [ "$model" = ranker ] && extra=("${params[@]}")
  [ "$model" = pipeline ] && for p in "$@"; do case $p in retention=*|mmr_lambda=*) extra+=(--param "$p");; esac; done
  echo "== $model $(date -u +%H:%M:%S) load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  run eval --protocol "$protocol" --input "$input" "${fmt[@]}" --model "$model" \
    "${extra[@]}" --k 10 --threads 2 --json 2>/dev/null \
    | python3 -c 'import json,sys; o=json.load(sys.stdin); m=o["metrics"]; c=o["ci95"];
print("| %s | %.4f | %.4f ± %.4f | %.1f |" % (o["model"], m["recall@10"], m["ndcg@10"], c["ndcg@10"], o["trainSeconds"]))'
done
echo "done $(date -u +%H:%M:%S) load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
