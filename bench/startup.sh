#!/usr/bin/env bash
# Start-up benchmark: whole-process wall time of `ndes-diag check` on the sample bundle, next to the
# floor of the machine (a trivial `java` program), plain `java -jar` and through bin/ndes-diag (AppCDS).
# Runs are interleaved round-robin after a warm-up; the median of each is reported, with ratios.
# Usage: bench/startup.sh [runs]   (build first: mvn -B -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-15}"
jar=ndes-diag-cli/target/ndes-diag.jar
sample=samples/broken-ndes
[ -f "$jar" ] || { echo "build the jar first: mvn -B -q package -DskipTests" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/Hello.java" <<'JAVA'
public class Hello { public static void main(String[] a) { System.out.println("hello"); } }
JAVA
javac -d "$work" "$work/Hello.java"
export XDG_CACHE_HOME="$work/cache"

now_ms() { date +%s%N | cut -c1-13; }
declare -A times
modes=(floor jar launcher)
run_mode() {
  case "$1" in
    floor) java -cp "$work" Hello >/dev/null ;;
    jar) java -jar "$jar" check --snapshot "$sample" >/dev/null || true ;;
    launcher) bin/ndes-diag check --snapshot "$sample" >/dev/null || true ;;
  esac
}
# warm-up: file cache, and the launcher's first run that writes the AppCDS archive
for m in "${modes[@]}"; do run_mode "$m"; run_mode "$m"; done
for ((i = 0; i < runs; i++)); do
  for m in "${modes[@]}"; do
    t0=$(now_ms); run_mode "$m"; t1=$(now_ms)
    times[$m]+="$((t1 - t0)) "
  done
done
median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
floor=$(median "${times[floor]}")
jarm=$(median "${times[jar]}")
launch=$(median "${times[launcher]}")
echo "machine: $(nproc) cores, $(java -version 2>&1 | sed -n 1p)"
echo "runs: $runs each, interleaved; medians of whole-process wall time"
printf '%-44s %6s ms\n' "floor: java -cp . Hello" "$floor"
printf '%-44s %6s ms  (%s x floor)\n' "java -jar ndes-diag.jar check (sample)" "$jarm" "$(awk -v a="$jarm" -v b="$floor" 'BEGIN{printf "%.1f", a/b}')"
printf '%-44s %6s ms  (%s x floor)\n' "bin/ndes-diag check (AppCDS, C1)" "$launch" "$(awk -v a="$launch" -v b="$floor" 'BEGIN{printf "%.1f", a/b}')"
