#!/usr/bin/env bash
# The ranker benchmark on P1 (BENCHMARKS.md, "Ranker"): single recall models, fixed blend and
# ranker side by side in one run. Options as -D properties after the script name, e.g.
#   scripts/bench-ranker.sh -Dsources=ials,itemknn,pop -DperSource=100 -Dnegatives=50 -Drounds=300
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
mvn -B -o -q install -DskipTests -pl longview-rank -am
mvn -B -o -q dependency:build-classpath -pl longview-rank -Dmdep.outputFile=target/rank.cp \
  -Dmdep.includeScope=test >/dev/null
# This worktree's classes first: ~/.m2 is shared, and another checkout's `install` may replace the
# SNAPSHOT jars there.
CP="longview-rank/target/test-classes:longview-rank/target/classes"
CP="$CP:longview-core/target/classes:longview-algorithms/target/classes:longview-eval/target/classes"
CP="$CP:$(cat longview-rank/target/rank.cp)"
# lightgbm4j extracts its native library to java.io.tmpdir under a fixed name: another JVM doing
# the same in /tmp rewrites the file under a running process (SIGBUS). Use a private folder.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "uptime: $(uptime)"
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -Djava.io.tmpdir="$tmp" -Xmx6g "$@" -cp "$CP" dev.longview.rank.RankerBench
