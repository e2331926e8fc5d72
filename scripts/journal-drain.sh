#!/usr/bin/env bash
# Prints the ingest journal's backlog of a running server (events acknowledged, not yet applied to
# the tables, from /metrics) and waits until the applier has drained it, then prints
# "backlog=N drain_s=S". A server without a journal (older builds, PostgreSQL) prints
# "backlog=n/a drain_s=0". Usage: scripts/journal-drain.sh URL [TIMEOUT_S=600]
set -uo pipefail
url=$1; timeout=${2:-600}
backlog() { curl -s "$1/metrics" | sed -n 's/^longview_ingest_journal_backlog_events \([0-9.eE+]*\).*/\1/p' | cut -d. -f1; }
b0=$(backlog "$url")
if [ -z "$b0" ]; then echo "backlog=n/a drain_s=0"; exit 0; fi
start=$(date +%s.%N)
b=$b0
while [ "${b:-0}" != "0" ]; do
  sleep 0.1
  b=$(backlog "$url")
  if (( $(date +%s) - ${start%.*} > timeout )); then echo "backlog=$b0 drain_s=timeout(left $b)"; exit 1; fi
done
echo "backlog=$b0 drain_s=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}')"
