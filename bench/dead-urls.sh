#!/usr/bin/env bash
# Network benchmark: wall time of fetching 1 and 10 URLs that never answer under one deadline
# (a silent server on 127.0.0.1). Dead URLs should cost one deadline together: ratio near 1.
# Usage: bench/dead-urls.sh [deadline-ms] [rounds]   (after mvn -B -q install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
cp="$(mktemp)"
trap 'rm -f "$cp"' EXIT
mvn -B -q -pl ndes-checks-impl dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >/dev/null
java -cp "ndes-checks-impl/target/test-classes:ndes-checks-impl/target/classes:ndes-checks-api/target/classes:$(cat "$cp")" \
  dev.ndesdiag.network.DeadUrlBenchmark "${1:-2000}" "${2:-3}"
