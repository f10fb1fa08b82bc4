#!/usr/bin/env bash
# Memory of one very long call: writes a HOURS-hour stereo 8 kHz recording (default 24 h, G.711 mu-law, 1.4 GB),
# ingests it, and reports nokchwi's peak resident memory (the issue's bound: under 100 MB for 24 hours) and the
# decoded archive's duration. Complexity 0 keeps the run short; memory does not depend on complexity.
# Usage: Benchmarks/long-call-memory.sh [HOURS] [path/to/nokchwi]
set -euo pipefail
HOURS=${1:-24}
BIN=${2:-.build/release/nokchwi}
[ -x "$BIN" ] || { echo "build first: swift build -c release --product nokchwi (or pass the binary)"; exit 1; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
die() { echo "long-call-memory: error: $*" >&2; exit 1; }
# shellcheck source=lib.sh
source "$root/Benchmarks/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/drop"
python3 - "$work/drop/long-call.wav" "$HOURS" <<'PY'
# A stereo mu-law WAV written block by block (never the whole call in memory): a tone burst pattern on each
# channel so the archive is not trivially silent.
import struct, sys, math
path, hours = sys.argv[1], float(sys.argv[2])
rate, channels = 8000, 2
frames = int(hours * 3600 * rate)
def ulaw(sample):  # 16-bit linear -> G.711 mu-law byte
    BIAS, CLIP = 0x84, 32635
    sign = 0x80 if sample < 0 else 0
    sample = min(abs(sample), CLIP) + BIAS
    exponent = 7
    for e in range(7, -1, -1):
        if sample & (0x4000 >> (7 - e)):
            exponent = e; break
    mantissa = (sample >> (exponent + 3)) & 0x0F
    return ~(sign | (exponent << 4) | mantissa) & 0xFF
block = bytearray()
period = rate * 4  # 4 s pattern: agent speaks 0-2 s, caller 2-4 s
for i in range(period):
    a = int(8000 * math.sin(2 * math.pi * 300 * i / rate)) if i < period // 2 else 0
    c = int(8000 * math.sin(2 * math.pi * 500 * i / rate)) if i >= period // 2 else 0
    block += bytes((ulaw(a), ulaw(c)))
data_bytes = frames * channels
with open(path, "wb") as f:
    # WAVE_FORMAT_MULAW (7) needs the extended fmt chunk (cbSize = 0) and a fact chunk.
    f.write(b"RIFF" + struct.pack("<I", 4 + 26 + 12 + 8 + data_bytes) + b"WAVE")
    f.write(b"fmt " + struct.pack("<IHHIIHHH", 18, 7, channels, rate, rate * channels, channels, 8, 0))
    f.write(b"fact" + struct.pack("<II", 4, frames))
    f.write(b"data" + struct.pack("<I", data_bytes))
    written = 0
    while written < frames:
        n = min(period, frames - written)
        f.write(block[: n * channels])
        written += n
PY
printf 'name: long\nencoding:\n  complexity: 0\n' > "$work/long.yaml"
setup_home "$BIN" "$work/home"
ls -l "$work/drop/long-call.wav" | awk '{printf "source: %.2f GB\n", $5/1e9}'
python3 - "$BIN" "$work" <<'PY'
import json, resource, subprocess, sys, time
bin_path, work = sys.argv[1], sys.argv[2]
start = time.monotonic()
out = subprocess.run([bin_path, "ingest", f"{work}/drop", "--home", f"{work}/home", "--pipeline", f"{work}/long.yaml",
                      "--jobs", "1", "--json"], capture_output=True, text=True, check=True).stdout
wall = time.monotonic() - start
peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
report = json.loads(out)
print(f"ingest: {report['archived']} call, {report['audio_seconds']/3600:.2f} h of audio in {wall:.0f} s "
      f"({report['audio_seconds']/wall:.0f}x realtime on one core), archive {report['archive_bytes']/1e6:.1f} MB")
print(f"peak RSS of nokchwi ingest: {peak_mb:.1f} MB (bound: 100 MB)")
sys.exit(0 if peak_mb < 100 else 1)
PY
