#!/usr/bin/env bash
# Benchmark: the farm's overhead. The same album (the demo's example album: 3 songs of 5 stems,
# album-mode mastering, 2 deliverables each) is rendered by `./farm render` locally and through
# standalone mode with 2 workers (Kafka, S3, coordinator, workers in one JVM; submit --wait).
# Prints the median of several runs for each, the ratio and the overhead, and the time of a
# re-submission that skips every song (unchanged). The farm's start-up is not counted: it runs
# once, and each timed run is one `farm submit --wait` (to its own output prefix).
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

submit() { "$farm" submit "$1" --coordinator "http://127.0.0.1:$port" --token "$token" \
      --s3-endpoint "$endpoint" --s3-access-key "$access" --s3-secret-key "$secret" --wait; }

# Each farm run writes to its own output prefix: the farm skips songs whose outputs already exist
# from the same inputs (done markers), and this measures rendering, not skipping.
local_t=(); farm_t=()
for r in $(seq 1 "$runs"); do
  manifest="$dir/album/album-run-$r.yaml"
  sed "s|^output: .*|output: masters/run-$r/|" "$dir/album/album.yaml" > "$manifest"
  local_t+=("$(time_it "$farm" render "$manifest" --out "$dir/local-$r")")
  farm_t+=("$(time_it submit "$manifest")")
done
unchanged_t=$(time_it submit "$dir/album/album-run-1.yaml")
grep -q "3 of 3 songs unchanged" "$dir/last.log" || { echo "the re-submitted album was not recognised as unchanged:"; cat "$dir/last.log"; exit 1; }
local_m=$(printf '%s\n' "${local_t[@]}" | median)
farm_m=$(printf '%s\n' "${farm_t[@]}" | median)
echo "album: 3 songs x ${seconds} s, 5 stems each, album-mode mastering, 2 deliverables; $runs runs each; $(nproc) cores;" \
     "load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-52s %8.2f s   (runs: %s)\n" "./farm render (local, JVM start included)" "$local_m" "${local_t[*]}"
printf "%-52s %8.2f s   (runs: %s)\n" "./farm submit --wait (standalone, 2 workers)" "$farm_m" "${farm_t[*]}"
printf "%-52s %8.2f s\n" "the same album submitted again (every song unchanged)" "$unchanged_t"
printf "farm / local: %.3f   farm overhead: %+.1f%%\n" "$(echo "$farm_m / $local_m" | bc -l)" \
       "$(echo "($farm_m / $local_m - 1) * 100" | bc -l)"
