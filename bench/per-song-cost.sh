#!/usr/bin/env bash
# Benchmark: a worker's fixed cost per song, without the farm (issue #5's one-second songs at
# 8 kHz: two stems, streaming preset, one 16-bit WAV). Renders SONGS songs in one thread through
# the worker's EngineSongRenderer, then the loudness plot alone and a loudness meter with and
# without true peak alone, and prints CPU ms, wall ms and kB allocated per song for each; with
# THREADS > 1, also that many threads drawing plots at once (CPU ms per plot, plots per second).
#
#   bench/per-song-cost.sh [SONGS=2000] [RATE=8000] [THREADS=1]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/farm" --version >/dev/null   # builds the jar when sources changed
exec java -Xmx1g -cp "$root/deploy/target/farm.jar" io.mixfarm.cli.bench.PerSongCostBench "$@"
