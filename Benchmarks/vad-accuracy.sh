#!/usr/bin/env bash
# Accuracy of nokchwi's call analysis and of webrtcvad (modes 0-3) against the demo generator's ground truth.
#
#   Benchmarks/vad-accuracy.sh [--bin PATH] [--calls N] [--seed S] [--frame-ms 10|20|30] [--bridge-ms B]
#                              [--out-dir DIR] [--keep]
#
# 1. `nokchwi demo-data --calls N --seed S --no-bad-inputs` (default 40 calls, seed 4242): stereo files and
#    per-leg files, 8/11.025/16 kHz, SNR 30/20/10 dB, leakage, music on hold, as the generator draws them;
# 2. `Benchmarks/vad_accuracy.py`: nokchwi analyze per call (stereo: the file with the truth's --agent-channel;
#    legs: a temporary stereo PCM16 WAV of the two decoded legs, agent first), webrtcvad per channel (frames of
#    30 ms by default; a second row per mode closes pauses < 200 ms, as the truth and the analysis do), all scored on the truth's 10 ms grid
#    (see the helper's header for every definition);
# 3. when it is built beside the binary, `nokchwi-dev accuracy` on the same calls, for its own table;
# 4. prints the tables and writes Benchmarks/out/vad-accuracy/latest.md and latest.json (or DIR/...).
#
# Needs: python3 with numpy and scipy, libsndfile (as nokchwi does); webrtcvad optional (pip install webrtcvad).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
bin=""
calls=40
seed=4242
frame_ms=30
bridge_ms=200
keep=0
out_dir=""

usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "vad-accuracy: error: $*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --bin) bin="${2:?--bin needs a path}"; shift 2 ;;
        --calls) calls="${2:?--calls needs a number}"; shift 2 ;;
        --seed) seed="${2:?--seed needs a number}"; shift 2 ;;
        --frame-ms) frame_ms="${2:?--frame-ms needs 10, 20 or 30}"; shift 2 ;;
        --bridge-ms) bridge_ms="${2:?--bridge-ms needs a number}"; shift 2 ;;
        --out-dir) out_dir="${2:?--out-dir needs a folder}"; shift 2 ;;
        --keep) keep=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
[[ "$calls" =~ ^[1-9][0-9]*$ ]] || die "--calls must be a positive integer"
[[ "$seed" =~ ^[0-9]+$ ]] || die "--seed must be a non-negative integer"
[[ "$frame_ms" =~ ^(10|20|30)$ ]] || die "--frame-ms must be 10, 20 or 30"
[[ "$bridge_ms" =~ ^[0-9]+$ ]] || die "--bridge-ms must be a non-negative integer"
out_dir="${out_dir:-$here/out/vad-accuracy}"

command -v python3 >/dev/null || die "python3 not found"
python3 -c 'import numpy, scipy' 2>/dev/null || die "python3 needs numpy and scipy (pip install numpy scipy)"
python3 -c 'import webrtcvad' 2>/dev/null || echo "vad-accuracy: webrtcvad not installed (pip install webrtcvad): only nokchwi is scored" >&2

# shellcheck source=lib.sh
source "$here/lib.sh"
bin="$(resolve_nokchwi "$bin")"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/nokchwi-vad-accuracy.XXXXXX")"
cleanup() { if [[ $keep == 1 ]]; then echo "kept $tmp"; else rm -rf "$tmp"; fi; }
trap cleanup EXIT
mkdir -p "$out_dir"

echo "== $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $("$bin" --version 2>/dev/null || echo nokchwi), webrtcvad $(python3 -c 'import importlib.metadata as m; print(m.version("webrtcvad"))' 2>/dev/null || echo absent)"
echo "== demo-data --calls $calls --seed $seed --no-bad-inputs"
"$bin" demo-data "$tmp/data" --calls "$calls" --seed "$seed" --no-bad-inputs >/dev/null
echo "== scoring nokchwi analyze and webrtcvad"
python3 "$here/vad_accuracy.py" --bin "$bin" --data "$tmp/data" --frame-ms "$frame_ms" --bridge-ms "$bridge_ms" \
    --out "$out_dir" 2> >(grep -v '^  [0-9]' >&2)

# nokchwi's own harness on the same calls: `nokchwi-dev accuracy`, built beside the measured binary.
dev="$(dirname "$bin")/nokchwi-dev"
if [[ -x "$dev" ]]; then
    echo
    echo "== nokchwi-dev accuracy (the in-process harness, same calls)"
    "$dev" accuracy "$tmp/data" --summary 2>/dev/null | tee "$out_dir/demo-accuracy.md"
    "$dev" accuracy "$tmp/data" --summary --json 2>/dev/null > "$out_dir/demo-accuracy.json"
    echo
    python3 "$here/vad_accuracy.py" --compare "$out_dir/demo-accuracy.json" "$out_dir/latest.json" \
        | tee -a "$out_dir/demo-accuracy.md"
else
    echo
    echo "== no $dev (swift build -c release --product nokchwi-dev): only the table above" | tee "$out_dir/demo-accuracy.md"
fi
echo "== written $out_dir/latest.md"
