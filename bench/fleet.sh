#!/usr/bin/env bash
# Fleet benchmark: bundles per second and peak heap of 'check --snapshot' on many bundles.
# Generates COUNT zip bundles like samples/broken-ndes (distinct host names, new certificates) into
# FOLDER once (kept for the next run), then analyses them as one fleet after a warm-up.
# The JVM runs with bin/ndes-diag's options (C1 only, serial collector) and a capped heap.
# Usage: bench/fleet.sh [folder] [count] [repeat] [workers] [format] [max-heap]
#   e.g. bench/fleet.sh /tmp/fleet-bench 500 1 2 text 256m
#        bench/fleet.sh /tmp/fleet-bench 500 4 2 html 256m   (each bundle 4 times: 2000 analyses)
set -euo pipefail
cd "$(dirname "$0")/.."
cp="$(mktemp)"
trap 'rm -f "$cp"' EXIT
mvn -B -q -pl ndes-checks-impl -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$cp" >/dev/null
java "-Xmx${6:-256m}" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dndesdiag.testpki.keyPool=16 \
  -cp "ndes-checks-impl/target/test-classes:ndes-checks-impl/target/classes:ndes-checks-api/target/classes:$(cat "$cp")" \
  dev.ndesdiag.fleet.FleetBenchmark "${1:-/tmp/fleet-bench}" "${2:-500}" "${3:-1}" "${4:-$(nproc)}" "${5:-text}"
