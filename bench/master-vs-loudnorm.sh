#!/usr/bin/env bash
# Benchmark: `./farm master` against ffmpeg's loudnorm (two-pass, linear where it applies) on the
# same set of stereo files, in one run, both to -14 LUFS / -1 dBTP. Prints, for both: total time,
# the ratio, and each output's integrated-loudness error and true-peak over as measured by the same
# independent meter (ffmpeg ebur128=peak=true).
#
#   bench/master-vs-loudnorm.sh [FILES=10] [RUNS=1]
#
# The files are 3-5 min, 24-bit, 44.1/48/96 kHz, synthesized by sox in varied characters (sparse
# plucks, dense noise, pre-clipped, square-wave chords, tremolo swells, DC offset, mono in stereo,
# quiet), cached in bench/out/master so reruns skip generation. farm masters all files in one
# invocation (--out-dir, files in parallel, JVM start counted once); ffmpeg is timed one file at
# a time and also $(nproc) files at a time. --max-limiting-db 24 lets farm reach the target on
# peaky material as loudnorm (which has no such limit) is asked to.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
files=${1:-10}; runs=${2:-1}
target=-14; ceiling=-1
dir="$root/bench/out/master"; in="$dir/in"; farm_out="$dir/farm"; ff_out="$dir/loudnorm"
mkdir -p "$in" "$farm_out" "$ff_out"
for tool in sox soxi ffmpeg bc /usr/bin/time; do command -v $tool >/dev/null || { echo "needs $tool (apt-get install sox ffmpeg bc time)"; exit 2; }; done

# recipe i: rate, then sox synth/effects arguments (length inserted)
recipe() {
  local i=$1 len=$2 f=$((90 + i * 7))
  case $((i % 10)) in
    1) echo "48000 synth $len pluck $f pluck $((f * 3 / 2)) synth $len pinknoise mix tremolo 3 60 gain -12" ;;
    2) echo "44100 synth $len pinknoise pinknoise tremolo 0.5 40 gain -20" ;;
    3) echo "48000 synth $len pinknoise overdrive 20 gain -4" ;;
    4) echo "44100 synth $len square $((f / 2)) square $((f * 3 / 4)) synth $len pinknoise mix gain -14" ;;
    5) echo "48000 synth $len sine $((f * 2)) sine $((f * 3)) synth $len pluck mix $f pluck mix $((f * 4 / 3)) tremolo 0.2 95 gain -10" ;;
    6) echo "96000 synth $len pluck $f pluck $((f * 5 / 4)) synth $len pinknoise mix dcshift 0.05 gain -14" ;;
    7) echo "48000 synth $len brownnoise brownnoise synth $len pluck mix $f pluck mix $((f * 3 / 2)) tremolo 2 50 gain -16" ;;
    8) echo "44100 synth $len pinknoise synth $len pluck mix $f tremolo 4 30 gain -30" ;;
    9) echo "48000 synth $len pluck $f pluck $((f * 2)) gain -6" ;;
    0) echo "48000 synth $len pinknoise pinknoise synth $len sine mix $((f * 2)) sine mix $((f * 5 / 2)) tremolo 1 70 gain -9" ;;
  esac
}
for i in $(seq 1 "$files"); do
  f="$in/track$(printf %02d "$i").wav"
  [ -f "$f" ] && continue
  len=$((180 + (i * 37) % 121))
  read -r rate rest <<<"$(recipe "$i" "$len")"
  # shellcheck disable=SC2086
  sox -n -r "$rate" -b 24 -c 2 "$f" $rest 2>/dev/null
done
inputs=("$in"/track*.wav); inputs=("${inputs[@]:0:$files}")
audio_seconds=$(for f in "${inputs[@]}"; do soxi -D "$f"; done | awk '{s+=$1} END {printf "%.0f", s}')
"$root/farm" --version >/dev/null   # build outside the timed runs

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# "wall cpu": elapsed seconds and CPU seconds (user + system, children included); on a shared
# machine the CPU seconds compare the work done even when other load stretches the wall time
time_it() { /usr/bin/time -f "%e %U %S" -o "$dir/time.txt" "$@" >/dev/null 2>&1; awk '{printf "%.2f %.2f", $1, $2 + $3}' "$dir/time.txt"; }

loudnorm_one() { # two-pass loudnorm: measure, then normalize with the measured values (linear when possible)
  local src=$1 dst=$2 rate json get
  rate=$(soxi -r "$src")
  json=$(ffmpeg -nostats -hide_banner -i "$src" -af "loudnorm=I=$LN_I:TP=$LN_TP:LRA=20:print_format=json" -f null - 2>&1 \
         | sed -n '/^{/,/^}/p')
  get() { echo "$json" | sed -n "s/.*\"$1\" : \"\(.*\)\".*/\1/p"; }
  ffmpeg -nostats -hide_banner -y -i "$src" -af "loudnorm=I=$LN_I:TP=$LN_TP:LRA=20:measured_I=$(get input_i):measured_TP=$(get input_tp):measured_LRA=$(get input_lra):measured_thresh=$(get input_thresh):offset=$(get target_offset):linear=true:print_format=summary" \
         -ar "$rate" -c:a pcm_s24le "$dst" 2>&1 | sed -n 's/.*Normalization Type: *//p' > "$dst.type" || true
}
export -f loudnorm_one
export LN_I=$target LN_TP=$ceiling
ff_seq() { for f in "$@"; do loudnorm_one "$f" "$ff_out/$(basename "$f")"; done; }
ff_par() { printf "%s\0" "$@" | xargs -0 -P "$(nproc)" -I{} bash -c 'loudnorm_one "$1" "$2/$(basename "$1")"' _ {} "$ff_out"; }
export -f ff_seq ff_par; export ff_out

farm_t=(); seq_t=(); par_t=(); farm_c=(); seq_c=(); par_c=()
for r in $(seq 1 "$runs"); do
  read -r w c <<<"$(time_it "$root/farm" master --out-dir "$farm_out" --max-limiting-db 24 --target-lufs $target --ceiling-dbtp $ceiling "${inputs[@]}")"
  farm_t+=("$w"); farm_c+=("$c")
  read -r w c <<<"$(time_it bash -c 'ff_seq "$@"' _ "${inputs[@]}")"; seq_t+=("$w"); seq_c+=("$c")
  read -r w c <<<"$(time_it bash -c 'ff_par "$@"' _ "${inputs[@]}")"; par_t+=("$w"); par_c+=("$c")
done
farm_m=$(printf '%s\n' "${farm_t[@]}" | median); farm_cm=$(printf '%s\n' "${farm_c[@]}" | median)
seq_m=$(printf '%s\n' "${seq_t[@]}" | median); seq_cm=$(printf '%s\n' "${seq_c[@]}" | median)
par_m=$(printf '%s\n' "${par_t[@]}" | median); par_cm=$(printf '%s\n' "${par_c[@]}" | median)

measure() { # prints "I TP" of a file by ebur128 peak=true: last I (3 decimals), largest true peak in dB
  ffmpeg -nostats -hide_banner -i "$1" -af ebur128=peak=true:metadata=1,ametadata=mode=print -f null - 2>&1 | awk -F= '
    /lavfi.r128.I=/ {i=$2} /lavfi.r128.true_peak=/ {if ($2+0 > p) p=$2+0}
    END {printf "%.3f %.3f\n", i, (p > 0 ? 20*log(p)/log(10) : -999)}'
}
echo
echo "input: ${#inputs[@]} stereo files, ${audio_seconds} s of audio; target $target LUFS, ceiling $ceiling dBTP; $runs run(s); $(nproc) cores"
printf "%-46s %8s %8s   %s\n" "" "wall s" "CPU s" "(wall of each run)"
printf "%-46s %8.2f %8.2f   (%s)\n" "./farm master --out-dir (JVM start included)" "$farm_m" "$farm_cm" "${farm_t[*]}"
printf "%-46s %8.2f %8.2f   (%s)\n" "ffmpeg loudnorm two-pass, one file at a time" "$seq_m" "$seq_cm" "${seq_t[*]}"
printf "%-46s %8.2f %8.2f   (%s)\n" "ffmpeg loudnorm two-pass, $(nproc) files at a time" "$par_m" "$par_cm" "${par_t[*]}"
printf "ratio ffmpeg / farm, wall: %.2fx (ffmpeg one at a time), %.2fx (ffmpeg %d at a time); CPU: %.2fx\n" \
  "$(echo "$seq_m / $farm_m" | bc -l)" "$(echo "$par_m / $farm_m" | bc -l)" "$(nproc)" "$(echo "$seq_cm / $farm_cm" | bc -l)"
echo
echo "measured by ffmpeg ebur128=peak=true (I error = I - ($target); TP over = max(0, TP - ($ceiling)))"
printf "%-12s %5s | %9s %8s %7s | %9s %8s %7s %s\n" file rate "farm I" "I err" "TP ovr" "loudnorm" "I err" "TP ovr" "type"
farm_bad=0; ff_bad=0; farm_worst=0; ff_worst=0
for f in "${inputs[@]}"; do
  name=$(basename "$f"); rate=$(soxi -r "$f")
  read -r fi ftp <<<"$(measure "$farm_out/$name")"
  read -r li ltp <<<"$(measure "$ff_out/$name")"
  type=$(cat "$ff_out/$name.type" 2>/dev/null || true)
  row=$(awk -v fi="$fi" -v ftp="$ftp" -v li="$li" -v ltp="$ltp" -v t="$target" -v c="$ceiling" 'BEGIN {
    fe=fi-t; fo=(ftp>c?ftp-c:0); le=li-t; lo=(ltp>c?ltp-c:0);
    printf "%9.3f %+8.3f %7.3f %9.3f %+8.3f %7.3f %d %d %.3f %.3f", fi, fe, fo, li, le, lo,
      (fe>0.1||fe<-0.1||fo>0), (le>0.1||le<-0.1||lo>0), (fe<0?-fe:fe), (le<0?-le:le) }')
  read -r a b c d e g fbad lbad fabs labs <<<"$row"
  printf "%-12s %5s | %9s %8s %7s | %9s %8s %7s %s\n" "$name" "$rate" "$a" "$b" "$c" "$d" "$e" "$g" "${type:-?}"
  farm_bad=$((farm_bad + fbad)); ff_bad=$((ff_bad + lbad))
  farm_worst=$(echo "if ($fabs > $farm_worst) $fabs else $farm_worst" | bc -l)
  ff_worst=$(echo "if ($labs > $ff_worst) $labs else $ff_worst" | bc -l)
done
printf "files off target (>0.1 LU) or over the ceiling: farm %d, loudnorm %d; worst |I error|: farm %.3f LU, loudnorm %.3f LU\n" \
  "$farm_bad" "$ff_bad" "$farm_worst" "$ff_worst"
