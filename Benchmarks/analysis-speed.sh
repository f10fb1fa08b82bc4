#!/usr/bin/env bash
# Speed of nokchwi's call analysis against ffmpeg silencedetect and webrtcvad, on one core, on one hour of calls.
#
#   Benchmarks/analysis-speed.sh [--bin PATH] [--runs N] [--repeats K] [--seed S] [--calls N] [--out-dir DIR] [--keep]
#                                [--hold-audio PATH]   (also time the analysis with that hold audio registered)
#
# 1. `nokchwi demo-data --calls N --seed S --no-bad-inputs` (default 60 calls, seed 4242, as ingest-vs-ffmpeg.sh);
#    the stereo 8 kHz calls, in order, are concatenated by ffmpeg into ONE stereo 8 kHz PCM16 WAV cut to exactly
#    3600 s, agent on channel 0 (calls with the agent on channel 1 are swapped);
# 2. per run (default 3), every tool pinned to CPU 0 with taskset:
#    a. `nokchwi analyze hour.wav --agent-channel 0 --time-repeats K --json` (default K = 5): analysis alone from
#       decoded floats (median of K) and, from the same command, decode + analysis timed in the process;
#    b. `nokchwi analyze hour.wav --agent-channel 0 --json` as a whole process (wall time);
#    c. `ffmpeg -threads 1 -i hour.wav -af silencedetect=n=-40dB:d=3 -f null -` on the stereo file, and the same
#       with `:mono=1` (per-channel detection in the same pass);
#    d. webrtcvad (pip) modes 0-3, 10 and 30 ms frames, PCM16 at 8 kHz, both channels: the VAD calls alone and the
#       whole Python pass (WAV read, de-interleave, framing, results);
# 3. prints the Markdown table (median over the runs) and writes Benchmarks/out/analysis-speed/latest.md and
#    latest.json (or DIR/...).
#
# Needs: ffmpeg, ffprobe, taskset, python3 with numpy; webrtcvad optional (pip install webrtcvad; rows skipped).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
bin=""
runs=3
repeats=5
seed=4242
calls=60
keep=0
hold_audio=()
out_dir=""

usage() { sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "analysis-speed: error: $*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --bin) bin="${2:?--bin needs a path}"; shift 2 ;;
        --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
        --repeats) repeats="${2:?--repeats needs a number}"; shift 2 ;;
        --seed) seed="${2:?--seed needs a number}"; shift 2 ;;
        --calls) calls="${2:?--calls needs a number}"; shift 2 ;;
        --out-dir) out_dir="${2:?--out-dir needs a folder}"; shift 2 ;;
        --keep) keep=1; shift ;;
        --hold-audio) hold_audio+=("${2:?--hold-audio needs a file or folder}"); shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
for v in "$runs" "$repeats" "$calls"; do [[ "$v" =~ ^[1-9][0-9]*$ ]] || die "--runs, --repeats and --calls must be positive integers"; done
[[ "$seed" =~ ^[0-9]+$ ]] || die "--seed must be a non-negative integer"
out_dir="${out_dir:-$here/out/analysis-speed}"

for tool in ffmpeg ffprobe taskset python3; do
    command -v "$tool" >/dev/null || die "$tool not found (Debian: apt-get install ffmpeg util-linux python3)"
done
python3 -c 'import numpy' 2>/dev/null || die "python3 needs numpy (pip install numpy)"
python3 -c 'import webrtcvad' 2>/dev/null || echo "analysis-speed: webrtcvad not installed (pip install webrtcvad): its rows are skipped" >&2

# shellcheck source=lib.sh
source "$here/lib.sh"
bin="$(resolve_nokchwi "$bin")"
"$bin" analyze --help 2>/dev/null | grep -q -- '--time-repeats' || die "$bin has no 'analyze --time-repeats'; rebuild it"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/nokchwi-analysis-speed.XXXXXX")"
cleanup() { if [[ $keep == 1 ]]; then echo "kept $tmp"; else rm -rf "$tmp"; fi; }
trap cleanup EXIT
mkdir -p "$out_dir"

echo "== $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $("$bin" --version 2>/dev/null || echo nokchwi), $(ffmpeg -version | head -1 | cut -d' ' -f1-3), webrtcvad $(python3 -c 'import importlib.metadata as m; print(m.version("webrtcvad"))' 2>/dev/null || echo absent)"
echo "== one hour of stereo 8 kHz calls (demo-data --calls $calls --seed $seed)"
python3 "$here/analysis_speed.py" make-hour --bin "$bin" --work "$tmp" --seed "$seed" --calls "$calls" --seconds 3600
cp "$tmp/selection.json" "$out_dir/selection.json"
echo "== timing ($runs runs, one core)"
python3 "$here/analysis_speed.py" measure --bin "$bin" --wav "$tmp/hour.wav" --runs "$runs" --repeats "$repeats" --out "$out_dir" \
    ${hold_audio[@]+--hold-audio "${hold_audio[@]}"}
echo "== written $out_dir/latest.md"
