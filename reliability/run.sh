#!/usr/bin/env bash
# Reliability runs beyond `mvn verify` (see RELIABILITY.md):
#   1. the fault tests (worker SIGKILL/SIGTERM, coordinator SIGKILL, broker restart, poison song,
#      S3 faults) REPEAT times on bigger albums, the S3 faults random with seed = repetition;
#   2. the load test: three albums and a 1,000-song session at once, coordinator and two workers
#      in their own JVMs, peak heaps reported.
# Usage: reliability/run.sh [faults|load|all]     (default all)
# Knobs (environment): REPEAT=3 FIRST=1 (first repetition's number = S3 fault seed) SONGS=10 SONG_SECONDS=30 BACKFILL=1000 ALBUM_SONGS=10
#   ALBUM_SECONDS=20 HEAP=512m MVN_FLAGS=-o
# Logs and figures go to target/reliability/ (under the repository root).
set -uo pipefail
cd "$(dirname "$0")/.."

what=${1:-all}
REPEAT=${REPEAT:-3}
FIRST=${FIRST:-1}
SONGS=${SONGS:-10}
SONG_SECONDS=${SONG_SECONDS:-30}
BACKFILL=${BACKFILL:-1000}
ALBUM_SONGS=${ALBUM_SONGS:-10}
ALBUM_SECONDS=${ALBUM_SECONDS:-20}
HEAP=${HEAP:-512m}
MVN_FLAGS=${MVN_FLAGS:--o}
out=target/reliability
mkdir -p "$out"
summary="$out/summary.txt"
: > "$summary"

FAULT_TESTS='WorkerProcessFaultsTest,CoordinatorKillTest,BrokerRestartFarmTest,PoisonSongTest,S3FaultsTest'

# Runs one mvn test selection; records per-class results from the surefire reports.
run() {
  local name=$1; shift
  local log="$out/$name.log"
  rm -f deploy/target/surefire-reports/TEST-io.mixfarm.reliability.*.xml
  local began=$(date +%s)
  mvn $MVN_FLAGS -B -pl deploy -am test -Dsurefire.failIfNoSpecifiedTests=false "$@" > "$log" 2>&1
  local code=$?
  local took=$(( $(date +%s) - began ))
  for report in deploy/target/surefire-reports/TEST-io.mixfarm.reliability.*.xml; do
    [ -f "$report" ] || continue
    head -2 "$report" | grep -o 'name="[^"]*" time="[^"]*" tests="[0-9]*" errors="[0-9]*" skipped="[0-9]*" failures="[0-9]*"' \
      | sed "s/^/$name: /" >> "$summary"
  done
  echo "$name: mvn exit $code after ${took}s" | tee -a "$summary"
  grep -h 'S3 faults\|broker restart:\|load:\|^  ' "$log" | grep -v '^\s*at ' >> "$summary" || true
  return $code
}

failures=0
if [ "$what" = faults ] || [ "$what" = all ]; then
  for i in $(seq "$FIRST" $((FIRST + REPEAT - 1))); do
    run "faults-$i" -Dtest="$FAULT_TESTS" -Dreliability.songs="$SONGS" -Dreliability.seconds="$SONG_SECONDS" \
      -Dreliability.s3.songs="$SONGS" -Dreliability.s3.seed="$i" || failures=$((failures + 1))
  done
fi
if [ "$what" = load ] || [ "$what" = all ]; then
  run load -Dtest=LoadTest -Dreliability.load=true -Dreliability.load.backfill="$BACKFILL" \
    -Dreliability.load.album-songs="$ALBUM_SONGS" -Dreliability.load.album-seconds="$ALBUM_SECONDS" \
    -Dreliability.load.heap="$HEAP" || failures=$((failures + 1))
  cp deploy/target/reliability/load.txt "$out/load.txt" 2>/dev/null || true
fi
echo "---- summary ($summary)"
cat "$summary"
echo "runs failed: $failures"
[ "$failures" -eq 0 ]
