#!/usr/bin/env bash
# Hold detection on music the detector never heard: leave-one-source-out over Debian music packages.
#
#   Benchmarks/hold-music.sh [--bin PATH] [--calls N] [--seed S] [--hold-fraction F] [--cache DIR] [--out-dir DIR]
#                            [--sources "opsound wesnoth ..."] [--keep]
#
# 1. Fetches the music packages (`apt-get download`, unpacked with `dpkg -x` into the cache: nothing is installed)
#    and converts up to 6 tracks of each (spread over its sorted files, the first 120 s) to 8 kHz mono WAV with
#    ffmpeg; opsound comes from /usr/share/asterisk/moh (asterisk-moh-opsound-wav);
# 2. per source: `nokchwi demo-data --music WAVS_OF_SOURCE --calls N --seed S --hold-fraction F --no-bad-inputs`
#    (every hold of the set plays that source's music; the speech, noise and lines are the usual generator's);
# 3. `nokchwi-dev accuracy --json` on each set at each value of the detector's fitted threshold
#    (`music_score_min`, through a pipeline file), on the source audio;
# 4. `hold_music.py`: for each source held out, picks the threshold on the OTHER sources and reports the held-out
#    source's hold recall, holds under half found, music counted as talk and agent talk error (signed) at that
#    threshold, beside the built-in default's. Writes Benchmarks/out/hold-music/latest.md and latest.json;
# 5. `hold_music_blocks.py`: the same split on the music model's 8 s windows, and a refit of its coefficients
#    (blocks.txt); `hold_music_probe.py`: candidate features the detector lacks (probe.txt). About 5 minutes with the packages cached (the first run downloads about 400 MB).
#
# Needs: apt-get and dpkg (Debian), ffmpeg, python3; nokchwi and nokchwi-dev release builds side by side
# (swift build -c release --product nokchwi; ... --product nokchwi-dev).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
bin=""; calls=30; seed=7707; hold_fraction=0.6; keep=0
cache="${NOKCHWI_MUSIC_CACHE:-/var/tmp/nokchwi-music}"
out_dir="$here/out/hold-music"
sources="opsound wesnoth warzone2100 hyperrogue planetblupi drascula singularity"
thresholds="-6 -4 -3 -2 -1 0 0.5 1 1.5 2 3"

usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "hold-music: error: $*" >&2; exit 1; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --bin) bin="${2:?}"; shift 2 ;;
        --calls) calls="${2:?}"; shift 2 ;;
        --seed) seed="${2:?}"; shift 2 ;;
        --hold-fraction) hold_fraction="${2:?}"; shift 2 ;;
        --cache) cache="${2:?}"; shift 2 ;;
        --out-dir) out_dir="${2:?}"; shift 2 ;;
        --sources) sources="${2:?}"; shift 2 ;;
        --keep) keep=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
command -v ffmpeg >/dev/null || die "ffmpeg not found (apt-get install ffmpeg)"
command -v python3 >/dev/null || die "python3 not found"
# shellcheck source=lib.sh
source "$here/lib.sh"
bin="$(resolve_nokchwi "$bin")"
dev="$(dirname "$bin")/nokchwi-dev"
[[ -x "$dev" ]] || die "no $dev (swift build -c release --product nokchwi-dev)"

# package and folder inside it, per source
declare -A pkg=(
    [wesnoth]="wesnoth-1.16-music usr/share/games/wesnoth/1.16/data/core/music"
    [warzone2100]="warzone2100-music usr/share/games/warzone2100/music/albums/aftermath_soundtrack"
    [hyperrogue]="hyperrogue-music usr/share/hyperrogue/music"
    [planetblupi]="planetblupi-music-ogg usr/share/planetblupi/music"
    [drascula]="drascula-music usr/share/scummvm/drascula/audio"
    [singularity]="singularity-music usr/share/games/singularity/music"
    [nexuiz]="nexuiz-music -"
)

# wavs SOURCE: prints the folder of the source's 8 kHz WAVs, fetching and converting them once.
wavs() {
    local s=$1 dir="$cache/wav/$1"
    if [[ $s == opsound ]]; then
        [[ -n "$(ls /usr/share/asterisk/moh/*.wav 2>/dev/null)" ]] || die "install asterisk-moh-opsound-wav"
        echo /usr/share/asterisk/moh; return
    fi
    if [[ ! -f "$dir/.done" ]]; then
        read -r name folder <<<"${pkg[$s]:?unknown source $s}"
        mkdir -p "$cache/debs" "$cache/root" "$dir"
        if ! ls "$cache/debs/${name}_"*.deb >/dev/null 2>&1; then
            (cd "$cache/debs" && apt-get download "$name" >&2) || die "apt-get download $name failed"
        fi
        dpkg -x "$(ls "$cache/debs/${name}_"*.deb | head -1)" "$cache/root"
        mapfile -t files < <(find "$cache/root/$folder" -maxdepth 1 -type f \
            \( -iname '*.ogg' -o -iname '*.opus' -o -iname '*.mp3' -o -iname '*.flac' -o -iname '*.wav' \) | sort)
        (( ${#files[@]} > 0 )) || die "no audio in $cache/root/$folder"
        local n=${#files[@]} k=6 i
        (( n < k )) && k=$n
        for ((i = 0; i < k; i++)); do
            local f="${files[$((i * n / k))]}"
            ffmpeg -nostdin -loglevel error -y -t 120 -i "$f" -ac 1 -ar 8000 -c:a pcm_s16le \
                "$dir/$(printf '%02d' "$i")-$(basename "${f%.*}" | tr -c 'A-Za-z0-9_\n-' '_').wav" || echo "hold-music: $f not decoded, skipped" >&2
        done
        touch "$dir/.done"
    fi
    echo "$dir"
}

tmp="$(mktemp -d "${TMPDIR:-/tmp}/nokchwi-hold-music.XXXXXX")"
cleanup() { if [[ $keep == 1 ]]; then echo "kept $tmp"; else rm -rf "$tmp"; fi; }
trap cleanup EXIT
mkdir -p "$out_dir" "$tmp/results"

echo "== $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $calls calls per source, seed $seed, hold fraction $hold_fraction"
for t in $thresholds; do
    printf 'analysis:\n  music_score_min: %s\n' "$t" > "$tmp/t$t.yaml"
done
for s in $sources; do
    d="$(wavs "$s")"
    echo "== $s: $(ls "$d"/*.wav | wc -l) tracks"
    "$bin" demo-data "$tmp/$s" --music "$d" --calls "$calls" --seed "$seed" --hold-fraction "$hold_fraction" \
        --no-bad-inputs >/dev/null 2>&1
    "$dev" accuracy "$tmp/$s" --json --dump-music-features "$tmp/results/$s.features.csv" \
        > "$tmp/results/$s.default.json" 2>/dev/null
    for t in $thresholds; do
        "$dev" accuracy "$tmp/$s" --pipeline "$tmp/t$t.yaml" --json > "$tmp/results/$s.t$t.json" 2>/dev/null
    done
done
python3 "$here/hold_music.py" --results "$tmp/results" --sources "$sources" --thresholds "$thresholds" \
    --out "$out_dir"
echo "== windows of the music model, leave-one-source-out (hold_music_blocks.py)"
(cd "$tmp/results" && python3 "$here/hold_music_blocks.py" $sources) | tee "$out_dir/blocks.txt"
echo "== candidate features (hold_music_probe.py)"
python3 "$here/hold_music_probe.py" "$tmp" $sources | tee "$out_dir/probe.txt"
echo "== written $out_dir/latest.md"
