#!/usr/bin/env bash
# Throughput and quality of `nokchwi ingest` against ffmpeg/libopus on the same hour of stereo 8 kHz calls.
#
#   Benchmarks/ingest-vs-ffmpeg.sh [--bin PATH] [--runs N] [--seed S] [--hours H]
#                                  [--complexities "0 3 5 6 8 10"] [--out-dir DIR] [--keep]
#
# 1. generates calls with `nokchwi demo-data` (fixed seed) and keeps only the stereo 8 kHz recordings
#    (copied, without metadata, into a clean drop folder) until about H hours (default 1) of audio;
# 2. per run: `nokchwi ingest --json` (built-in defaults, fresh home, jobs = one per core); ffmpeg
#    `-c:a libopus -mapping_family 255 -b:a 24k` one file at a time and one per core at a time (xargs -P $(nproc));
#    nokchwi with pipelines that only set the complexity (default 0, 3, 5, 6, 8, 10);
# 3. PESQ narrowband per channel on 60 s excerpts of 10 calls, for every variant;
# 4. prints the table (median wall time over the runs) and writes it to Benchmarks/out/latest.md
#    (or DIR/latest.md), with latest.json, selection.json and timings.jsonl beside it.
#
# Needs: ffmpeg (with libopus), ffprobe, python3 with numpy, scipy and pesq; swift only to build nokchwi.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
bin=""
runs=3
seed=4242
hours=1
keep=0
out_dir=""
complexities=(0 3 5 6 8 10)
jobs="$(nproc)"

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "ingest-vs-ffmpeg: error: $*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --bin) bin="${2:?--bin needs a path}"; shift 2 ;;
        --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
        --seed) seed="${2:?--seed needs a number}"; shift 2 ;;
        --hours) hours="${2:?--hours needs a number}"; shift 2 ;;
        --complexities) read -r -a complexities <<< "${2:?--complexities needs a list like \"0 3 5 6 8 10\"}"; shift 2 ;;
        --out-dir) out_dir="${2:?--out-dir needs a folder}"; shift 2 ;;
        --keep) keep=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer"
[[ "$hours" =~ ^[0-9]*\.?[0-9]+$ ]] || die "--hours must be a number"
for c in "${complexities[@]}"; do [[ "$c" =~ ^([0-9]|10)$ ]] || die "complexity $c is not 0-10"; done
out_dir="${out_dir:-$here/out}"

# --- tools ---------------------------------------------------------------------------------------------
for tool in ffmpeg ffprobe python3 xargs; do
    command -v "$tool" >/dev/null || die "$tool not found (Debian: apt-get install ffmpeg python3 findutils)"
done
encoders="$(ffmpeg -hide_banner -encoders 2>/dev/null)" || die "ffmpeg -encoders failed"
[[ "$encoders" == *" libopus "* ]] || die "this ffmpeg has no libopus encoder"
python3 -c 'import numpy, scipy, pesq' 2>/dev/null \
    || die "python3 needs numpy, scipy and pesq (pip install numpy scipy pesq)"

# shellcheck source=lib.sh
source "$here/lib.sh"
bin="$(resolve_nokchwi "$bin")"
helper=(python3 "$here/ingest_vs_ffmpeg.py")

# --- temp folder -------------------------------------------------------------------------------------------
tmp="$(mktemp -d "${TMPDIR:-/tmp}/nokchwi-bench.XXXXXX")"
cleanup() { if [[ $keep == 1 ]]; then echo "kept $tmp"; else rm -rf "$tmp"; fi; }
trap cleanup EXIT
drop="$tmp/drop"
timings="$tmp/timings.jsonl"
: > "$timings"
echo "== $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p "$tmp/reports" "$tmp/homes" "$tmp/ffmpeg" "$tmp/pipelines"

# --- 1. the calls --------------------------------------------------------------------------------------------
target_s="$(python3 -c "print(float('$hours') * 3600)")"
calls="$(python3 -c "import math; print(max(8, math.ceil(float('$hours') * 60)))")"   # ~50% are stereo 8 kHz
echo "== generating $calls calls (seed $seed) and keeping the stereo 8 kHz ones"
"$bin" demo-data "$tmp/gen" --calls "$calls" --seed "$seed" --no-bad-inputs --json > "$tmp/demo-data.json"
"${helper[@]}" select "$tmp/gen" "$drop" --target-seconds "$target_s" --sample 10 --out "$tmp/selection.json"
rm -rf "$tmp/gen/drop"   # the selection is copied; keep only the ground truth
nfiles="$(find "$drop" -type f | wc -l)"

for c in "${complexities[@]}"; do
    printf 'name: c%s\nencoding:\n  complexity: %s\n' "$c" "$c" > "$tmp/pipelines/c$c.yaml"
done

# --- 2. timed runs (interleaved, so slow drifts of a shared machine hit every variant alike) ------------------
timeit() { "${helper[@]}" timeit --timings "$timings" --run "$run" "$@"; }

nokchwi_ingest() {  # label settings [pipeline.yaml]
    local label="$1" settings="$2" pipeline="${3:-}"
    local args=(ingest "$drop" --home "$tmp/homes/$label-r$run" --json)
    setup_home "$bin" "$tmp/homes/$label-r$run"  # users and keys, outside the timed run
    [[ -n "$pipeline" ]] && args+=(--pipeline "$pipeline")
    timeit --label "$label" --tool nokchwi --settings "$settings" --stdout "$tmp/reports/$label-r$run.json" \
        -- "$bin" "${args[@]}"
}

# One ffmpeg process per file (ffmpeg's libopus encoder is single-threaded), PROCS of them at once:
# the command timed is this script, so the clock covers every ffmpeg start-up too.
cat > "$tmp/ffmpeg-encode-all.sh" <<'SH'
#!/usr/bin/env bash
# ffmpeg-encode-all.sh DROP PROCS OUT: DROP/NAME -> OUT/NAME.opus, PROCS ffmpeg processes at once.
set -euo pipefail
cd "$1"
find . -maxdepth 1 -type f -printf '%f\n' | sort | xargs -P "$2" -I{} \
    ffmpeg -nostdin -hide_banner -loglevel error -i {} -c:a libopus -mapping_family 255 -b:a 24k "$3/{}.opus"
SH
chmod +x "$tmp/ffmpeg-encode-all.sh"

ffmpeg_encode() {  # label procs
    local label="$1" procs="$2" out="$tmp/ffmpeg/$1-r$run" plural="es"
    [[ $procs == 1 ]] && plural=""
    mkdir -p "$out"
    timeit --label "$label" --tool ffmpeg --settings "libopus, -b:a 24k (2x12k), family 255, $procs process$plural" \
        --opus-dir "$out" --expect-files "$nfiles" -- "$tmp/ffmpeg-encode-all.sh" "$drop" "$procs" "$out"
    [[ $run == 1 ]] || rm -rf "$out"
}

load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq 1 "$runs"); do
    echo "== run $run/$runs ($nfiles files, $jobs cores)"
    nokchwi_ingest default "built-in defaults, $jobs jobs"
    ffmpeg_encode ffmpeg-par "$jobs"
    ffmpeg_encode ffmpeg-seq 1
    for c in "${complexities[@]}"; do
        nokchwi_ingest "c$c" "complexity $c, $jobs jobs" "$tmp/pipelines/c$c.yaml"
    done
    if [[ $run != 1 ]]; then rm -rf "$tmp"/homes/*-r"$run"; fi
done
load_end="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- 3. quality ---------------------------------------------------------------------------------------------------
echo "== PESQ (narrowband, per channel)"
variants=(--variant "default=nokchwi:$tmp/homes/default-r1" --variant "ffmpeg-seq=ffmpeg:$tmp/ffmpeg/ffmpeg-seq-r1"
          --variant "ffmpeg-par=ffmpeg:$tmp/ffmpeg/ffmpeg-par-r1")
for c in "${complexities[@]}"; do variants+=(--variant "c$c=nokchwi:$tmp/homes/c$c-r1"); done
"${helper[@]}" quality --selection "$tmp/selection.json" --drop "$drop" --work "$tmp/quality" --bin "$bin" \
    "${variants[@]}" --jobs "$jobs" --out "$tmp/quality.json"

# --- 4. table -------------------------------------------------------------------------------------------------------
echo "== results"
mkdir -p "$out_dir"
"${helper[@]}" report --selection "$tmp/selection.json" --timings "$timings" --quality "$tmp/quality.json" \
    --load "$load_start / $load_end" --out "$out_dir/latest.md"
cp "$tmp/selection.json" "$out_dir/selection.json"
cp "$timings" "$out_dir/timings.jsonl"
echo "written: $out_dir/latest.md (and latest.json, selection.json, timings.jsonl)"
