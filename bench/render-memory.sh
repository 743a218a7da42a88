#!/usr/bin/env bash
# Memory proof at full size: 64 stems x 10 minutes at 96 kHz (mono and stereo, each with a
# 24 dB/oct high-pass, an EQ band and a compressor, a group bus and a reverb send) rendered by the
# real renderer in a JVM limited to a 1 GiB heap, to a real 32-bit float WAV file (about 460 MB).
# The stems come from a deterministic synthetic source (64 x 10 min x 96 kHz as 24-bit files would
# be 15 GB of disk). Prints the render time and the heap's peak use.
#
#   bench/render-memory.sh [STEMS=64] [SECONDS=600] [RATE=96000] [HEAP=1g]
#
# The CI test RenderMemoryTest runs the same program scaled down (64 stems x 20 s in 48 MB).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
stems=${1:-64}; seconds=${2:-600}; rate=${3:-96000}; heap=${4:-1g}
out="$root/bench/out/memory"; mkdir -p "$out"
(cd "$root" && mvn -o -q -B -pl shared test-compile) || (cd "$root" && mvn -q -B -pl shared test-compile)
cp="$root/shared/target/classes:$root/shared/target/test-classes"
java -Xmx"$heap" -cp "$cp" io.mixfarm.engine.mix.RenderMemoryMain "$stems" "$seconds" "$rate" "$out/mix.wav" "$(nproc)"
ls -l "$out/mix.wav"
rm -f "$out/mix.wav"
