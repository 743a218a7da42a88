#!/usr/bin/env bash
# Benchmark: the farm's overhead. The same album (the demo's example album: 3 songs of 5 stems,
# album-mode mastering, 2 deliverables each) is rendered by `./farm render` locally and through
# standalone mode with 2 workers (Kafka, S3, coordinator, workers in one JVM; submit --wait).
# Prints the median of several runs for each and the overhead. The farm's start-up is not
# counted: it runs once, and each timed run is one `farm submit --wait`.
#
#   bench/farm-overhead.sh [SECONDS_PER_SONG=60] [RUNS=3]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds=${1:-60}; runs=${2:-3}
dir="$root/bench/out/farm-overhead"; rm -rf "$dir"; mkdir -p "$dir"
farm="$root/farm"
"$farm" demo --album-only --dir "$dir/album" --seconds "$seconds" >/dev/null

port=$((20000 + RANDOM % 20000))
"$farm" standalone --workers 2 --data "$dir/farm-data" --port "$port" > "$dir/standalone.log" 2>&1 &
farm_pid=$!
trap 'kill $farm_pid 2>/dev/null; wait $farm_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do grep -q "Farm ready" "$dir/standalone.log" && break; sleep 1; done
grep -q "Farm ready" "$dir/standalone.log" || { echo "standalone did not start:"; cat "$dir/standalone.log"; exit 1; }
field() { grep "$1" "$dir/standalone.log" | head -1 | awk '{print $NF}'; }
endpoint=$(grep "S3 endpoint" "$dir/standalone.log" | awk '{print $3}')
secret=$(field "S3 secret key"); access=$(field "S3 access key"); token=$(field "API token")

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_it() { local s e; s=$(date +%s.%N); "$@" > "$dir/last.log" 2>&1 || { cat "$dir/last.log"; exit 1; }; e=$(date +%s.%N); echo "$e - $s" | bc -l; }

local_t=(); farm_t=()
for r in $(seq 1 "$runs"); do
  local_t+=("$(time_it "$farm" render "$dir/album/album.yaml" --out "$dir/local-$r")")
  farm_t+=("$(time_it "$farm" submit "$dir/album/album.yaml" --coordinator "http://127.0.0.1:$port" --token "$token" \
      --s3-endpoint "$endpoint" --s3-access-key "$access" --s3-secret-key "$secret" --wait)")
done
local_m=$(printf '%s\n' "${local_t[@]}" | median)
farm_m=$(printf '%s\n' "${farm_t[@]}" | median)
echo "album: 3 songs x ${seconds} s, 5 stems each, album-mode mastering, 2 deliverables; $runs runs each; $(nproc) cores"
printf "%-52s %8.2f s   (runs: %s)\n" "./farm render (local, JVM start included)" "$local_m" "${local_t[*]}"
printf "%-52s %8.2f s   (runs: %s)\n" "./farm submit --wait (standalone, 2 workers)" "$farm_m" "${farm_t[*]}"
printf "farm overhead: %+.1f%%\n" "$(echo "($farm_m / $local_m - 1) * 100" | bc -l)"
