#!/usr/bin/env bash
# Benchmark: the farm's control plane (issue #5). One session of many one-second songs (a handful
# of shared one-second stems, one 16-bit WAV master each, so the DSP per song is small) goes
# through the coordinator, Kafka and 2 workers. The broker and S3 endpoint run in the harness's
# JVM; the coordinator and each worker run in a JVM of their own, so each one's peak heap is its
# own. Each run starts a fresh farm, warms it up with a small session, then measures. Prints every
# run and the median tasks per second end to end (submit to the last song completed).
# The JVMs run on the newest JDK on the machine (JAVA=/path/to/java overrides): on Java 25 or later
# a training farm first writes AOT caches, which the measured farm's JVMs start from (--aot off
# for none; see ControlPlaneBench).
#
#   bench/control-plane.sh [SONGS=10000] [RUNS=3] [extra harness options, e.g. --jfr --slots 2 --aot off]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
songs=${1:-10000}; runs=${2:-3}; shift $(( $# < 2 ? $# : 2 ))
out="$root/bench/out/control-plane"; mkdir -p "$out"
"$root/farm" --version >/dev/null   # builds the jar when sources changed
jar="$root/deploy/target/farm.jar"

feature() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2+0}'; }
if [ -z "${JAVA:-}" ]; then
  JAVA=java; best=$(feature java)
  for candidate in /usr/lib/jvm/*/bin/java; do
    [ -x "$candidate" ] || continue
    v=$(feature "$candidate"); if [ "${v:-0}" -gt "${best:-0}" ]; then JAVA=$candidate; best=$v; fi
  done
fi
echo "== JVMs: $JAVA (Java $(feature "$JAVA"))"

rates=(); halves=()
for r in $(seq 1 "$runs"); do
  echo "== run $r of $runs"
  "$JAVA" -Xmx1g -cp "$jar" io.mixfarm.cli.bench.ControlPlaneBench --songs "$songs" --dir "$out/run-$r" "$@" \
      2>"$out/run-$r.err" | tee "$out/run-$r.txt" || { echo "run $r failed:"; tail -30 "$out/run-$r.err"; exit 1; }
  rates+=("$(awk '/^end to end:/ {print $4}' "$out/run-$r.txt")")
  halves+=("$(awk '/^second half of the songs:/ {print $6}' "$out/run-$r.txt")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "== $songs one-second songs, 2 workers, $(nproc) cores; runs: ${rates[*]} tasks/s (second halves: ${halves[*]})"
echo "median end to end: $(median "${rates[@]}") tasks/s (target >= 200); second half of the songs: $(median "${halves[@]}") tasks/s"
