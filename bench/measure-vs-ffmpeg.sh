#!/usr/bin/env bash
# Benchmark: `./farm measure` against ffmpeg's ebur128 filter (peak=true) on the same folder of
# long files, in one run. Prints the median of several runs for each and the ratio.
#
#   bench/measure-vs-ffmpeg.sh [FILES=10] [SECONDS=240] [RUNS=3]
#
# The files are stereo 48 kHz 24-bit WAV, synthesized by sox (music-like: plucked chords over
# pink noise with tremolo), cached in bench/out/measure so reruns skip generation.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
files=${1:-10}; seconds=${2:-240}; runs=${3:-3}
dir="$root/bench/out/measure"; mkdir -p "$dir"
for tool in sox ffmpeg; do command -v $tool >/dev/null || { echo "needs $tool (apt-get install $tool)"; exit 2; }; done

for i in $(seq 1 "$files"); do
  f="$dir/track$(printf %02d "$i").wav"
  [ -f "$f" ] && continue
  len=$((seconds + (i * 7) % 60))
  sox -n -r 48000 -b 24 -c 2 "$f" synth "$len" pluck $((100 + i * 11)) pluck $((150 + i * 13)) pinknoise \
      tremolo $((1 + i % 5)) 60 gain -$((6 + i % 12)) 2>/dev/null
done
audio_seconds=$(for f in "$dir"/*.wav; do soxi -D "$f"; done | awk '{s+=$1} END {printf "%.0f", s}')
"$root/farm" --version >/dev/null   # build outside the timed runs

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_it() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
ffmpeg_one() { ffmpeg -nostats -hide_banner -i "$1" -af ebur128=peak=true:framelog=verbose -f null - ; }
export -f ffmpeg_one

farm_t=(); ff_seq_t=(); ff_par_t=()
for r in $(seq 1 "$runs"); do
  farm_t+=("$(time_it "$root/farm" measure "$dir"/*.wav)")
  ff_seq_t+=("$(time_it bash -c 'for f in "$@"; do ffmpeg_one "$f"; done' _ "$dir"/*.wav)")
  ff_par_t+=("$(time_it bash -c 'printf "%s\0" "$@" | xargs -0 -P "$(nproc)" -n 1 bash -c '"'"'ffmpeg_one "$0"'"'"'' _ "$dir"/*.wav)")
done
farm_m=$(printf '%s\n' "${farm_t[@]}" | median)
seq_m=$(printf '%s\n' "${ff_seq_t[@]}" | median)
par_m=$(printf '%s\n' "${ff_par_t[@]}" | median)

echo "input: $files stereo 48 kHz 24-bit WAV files, ${audio_seconds} s of audio; $runs runs each; $(nproc) cores"
printf "%-46s %8.2f s   (runs: %s)\n" "./farm measure (JVM start included)" "$farm_m" "${farm_t[*]}"
printf "%-46s %8.2f s   (runs: %s)\n" "ffmpeg ebur128=peak=true, one file at a time" "$seq_m" "${ff_seq_t[*]}"
printf "%-46s %8.2f s   (runs: %s)\n" "ffmpeg ebur128=peak=true, $(nproc) files at a time" "$par_m" "${ff_par_t[*]}"
printf "ratio ffmpeg(sequential) / farm: %.2fx    ratio ffmpeg(parallel) / farm: %.2fx\n" \
  "$(echo "$seq_m / $farm_m" | bc -l)" "$(echo "$par_m / $farm_m" | bc -l)"
echo "agreement (first file):"
"$root/farm" measure "$dir/track01.wav"
ffmpeg_one "$dir/track01.wav" 2>&1 | grep -E '^\s+(I|LRA|Peak):' | tr -s ' ' | paste -sd' '

echo
echo "meter core, one thread (CPU time, median of 7 runs after warm-up):"
(cd "$root" && mvn -q -o -B test-compile -pl shared >/dev/null 2>&1 || mvn -q -B test-compile -pl shared >/dev/null)
java -cp "$root/shared/target/classes:$root/shared/target/test-classes" io.mixfarm.engine.loudness.LoudnessMeterSpeed
