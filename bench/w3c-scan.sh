#!/usr/bin/env bash
# Evidence benchmark: one-thread scan throughput of the IIS W3C reader at -Xmx64m, and the peak heap,
# for logs of 256 MB and 1 GB generated in a temporary folder (deleted afterwards). The heap should
# not grow with the log; the target is at least 200 MB/s.
# Usage: bench/w3c-scan.sh [runs] [sizes in MB...]   (build first: mvn -B -q test-compile)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"; shift || true
sizes=("${@:-256 1024}")
[ -d ndes-checks-impl/target/test-classes ] || { echo "build first: mvn -B -q test-compile" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp="ndes-checks-impl/target/test-classes:ndes-checks-impl/target/classes:ndes-checks-api/target/classes"
for mb in ${sizes[*]}; do
  java -Xmx64m -XX:+UseSerialGC -cp "$cp" dev.ndesdiag.evidence.W3cScanBenchmark "$work/u_ex$mb.log" "$mb" "$runs"
  rm -f "$work/u_ex$mb.log"
done
