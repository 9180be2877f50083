#!/usr/bin/env bash
# Fleet benchmark: bundles per second and peak heap of 'check --snapshot' on many bundles.
# Generates COUNT zip bundles like samples/broken-ndes (distinct host names, new certificates) into
# FOLDER once (kept for the next run), then analyses them as one fleet after a warm-up.
# The JVM runs with bin/ndes-diag's options (C1 only, compile thresholds halved, serial collector, the
# JVM's default heap);
# give max-heap to cap the heap (-Xmx) and see that it stays bounded.
# Usage: bench/fleet.sh [folder] [count] [repeat] [workers] [format] [max-heap]
#   e.g. bench/fleet.sh /tmp/fleet-bench 500 1 2 text
#        bench/fleet.sh /tmp/fleet-bench 500 8 2 text 64m    (each bundle 8 times: 4000 analyses in 64 MB)
set -euo pipefail
cd "$(dirname "$0")/.."
cp="$(mktemp)"
trap 'rm -f "$cp"' EXIT
mvn -B -q -pl ndes-checks-impl -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$cp" >/dev/null
heap=()
[ -n "${6:-}" ] && heap=("-Xmx$6")
java "${heap[@]}" -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.5 -XX:+UseSerialGC -Dndesdiag.testpki.keyPool=16 \
  -cp "ndes-checks-impl/target/test-classes:ndes-checks-impl/target/classes:ndes-checks-api/target/classes:$(cat "$cp")" \
  dev.ndesdiag.fleet.FleetBenchmark "${1:-/tmp/fleet-bench}" "${2:-500}" "${3:-1}" "${4:-$(nproc)}" "${5:-text}"
