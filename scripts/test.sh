#!/usr/bin/env bash
# Runs Longview's whole test suite with a JDK >= 21: unit tests, the store contract tests on
# SQLite and on a real PostgreSQL server that the tests start on loopback, and the integration
# tests over ../shared/data (skipped, with a message, where that folder is absent).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=find-jdk.sh
. "$root/scripts/find-jdk.sh"
longview_find_jdk || exit 1
cd "$root"
exec mvn -B verify "$@"
