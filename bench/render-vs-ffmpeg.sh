#!/usr/bin/env bash
# Benchmark: `./farm render` against ffmpeg on the same mix, in one run. Prints the median of
# several runs for each and the ratio.
#
#   bench/render-vs-ffmpeg.sh [STEMS=24] [SECONDS=240] [RUNS=3]
#
# The stems are stereo 48 kHz 24-bit WAV, synthesized by sox (plucked notes over pink noise with
# tremolo), cached in bench/out/render so reruns skip generation. Each stem gets the same
# processing in both tools: a gain (-3 dB), one EQ band (bell, 1 kHz, +3 dB, Q 1) and a compressor
# (peak detection, channels linked on the loudest, threshold -18 dB, ratio 3, attack 10 ms,
# release 100 ms); the stems are summed without normalization to a stereo 32-bit float WAV.
#   farm:   trimDb, eq, compressor in the manifest
#   ffmpeg: volume, equalizer, acompressor per input, amix=normalize=0
# Timings include the JVM's start and ffmpeg's start.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
stems=${1:-24}; seconds=${2:-240}; runs=${3:-3}
dir="$root/bench/out/render"; mkdir -p "$dir/stems"
for tool in sox ffmpeg bc; do command -v $tool >/dev/null || { echo "needs $tool (apt-get install $tool)"; exit 2; }; done

for i in $(seq 1 "$stems"); do
  f="$dir/stems/stem$(printf %02d "$i").wav"
  if [ -f "$f" ] && [ "$(soxi -D "$f" | cut -d. -f1)" = "$seconds" ]; then continue; fi
  sox -n -r 48000 -b 24 -c 2 "$f" synth "$seconds" pluck $((80 + i * 17)) pluck $((120 + i * 23)) pinknoise \
      tremolo $((1 + i % 5)) 60 gain -$((4 + i % 9)) 2>/dev/null
done

manifest="$dir/session.yaml"
{
  echo "apiVersion: mixfarm/v1"
  echo "kind: Session"
  echo "id: bench"
  echo "title: Render benchmark"
  echo "artist: Mixfarm"
  echo "sampleRate: 48000"
  echo "output: out/"
  echo "songs:"
  echo "  - id: song"
  echo "    title: Song"
  echo "    stems:"
  for i in $(seq 1 "$stems"); do
    n=$(printf %02d "$i")
    echo "      - id: stem$n"
    echo "        uri: stems/stem$n.wav"
    echo "        strip:"
    echo "          trimDb: -3"
    echo "          eq: [{type: bell, freqHz: 1000, gainDb: 3, q: 1}]"
    echo "          compressor: {thresholdDb: -18, ratio: 3, attackMs: 10, releaseMs: 100, detection: peak}"
  done
} > "$manifest"

inputs=(); graph=""; mixin=""
for i in $(seq 1 "$stems"); do
  inputs+=(-i "$dir/stems/stem$(printf %02d "$i").wav")
  graph+="[$((i - 1)):a]volume=-3dB,equalizer=f=1000:t=q:w=1:g=3,"
  graph+="acompressor=threshold=-18dB:ratio=3:attack=10:release=100:detection=peak:link=maximum[a$i];"
  mixin+="[a$i]"
done
graph+="${mixin}amix=inputs=$stems:normalize=0"

"$root/farm" --version >/dev/null   # build outside the timed runs

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_it() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
ffmpeg_mix() { ffmpeg -nostdin -nostats -hide_banner -y "${inputs[@]}" -filter_complex "$graph" -c:a pcm_f32le "$dir/ffmpeg-mix.wav"; }

farm_t=(); ff_t=()
for r in $(seq 1 "$runs"); do
  farm_t+=("$(time_it "$root/farm" render "$manifest" --out "$dir/farm")")
  ff_t+=("$(time_it ffmpeg_mix)")
done
farm_m=$(printf '%s\n' "${farm_t[@]}" | median)
ff_m=$(printf '%s\n' "${ff_t[@]}" | median)

echo "input: $stems stereo 48 kHz 24-bit stems x ${seconds} s, gain + 1 EQ band + compressor each; $runs runs each; $(nproc) cores"
printf "%-44s %8.2f s   (runs: %s)\n" "./farm render (JVM start included)" "$farm_m" "${farm_t[*]}"
printf "%-44s %8.2f s   (runs: %s)\n" "ffmpeg volume,equalizer,acompressor + amix" "$ff_m" "${ff_t[*]}"
printf "ratio ffmpeg / farm: %.2fx\n" "$(echo "$ff_m / $farm_m" | bc -l)"
echo "agreement (peak and RMS of each mix, from sox):"
for f in "$dir/farm/song/mix.wav" "$dir/ffmpeg-mix.wav"; do
  printf "  %-14s %s\n" "$(basename "$(dirname "$f")")/$(basename "$f")" \
    "$(sox "$f" -n stat 2>&1 | grep -E 'Maximum amplitude|RMS +amplitude' | tr -s ' ' | paste -sd' ')"
done
