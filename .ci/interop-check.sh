#!/usr/bin/env bash
# Real clients must accept every archive: opusinfo validates it, ffmpeg decodes it to the source's duration.
# Archives are encrypted at rest; each is exported (`nokchwi export --format opus`: the decrypted Ogg Opus
# stream, bit-exact) and the export is checked.
# Usage: .ci/interop-check.sh path/to/nokchwi
set -euo pipefail
BIN=${1:?usage: interop-check.sh NOKCHWI_BINARY}
command -v opusinfo >/dev/null || { echo "interop: opusinfo not installed, skipped"; exit 0; }
command -v ffmpeg >/dev/null || { echo "interop: ffmpeg not installed, skipped"; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$BIN" demo-data "$work/input" --calls 8 --seed 7 --no-bad-inputs >/dev/null 2>&1
eval "$(bash "$(dirname "$0")/demo-home.sh" "$BIN" "$work/home" 2>/dev/null)"
"$BIN" ingest "$work/input/drop" --home "$work/home" --json > "$work/report.json"
python3 - "$work" "$BIN" <<'PY'
import json, subprocess, sys, pathlib
work = pathlib.Path(sys.argv[1])
home = work / "home"
bin_path = sys.argv[2]
listed = json.loads(subprocess.run([bin_path, "calls", "list", "--home", str(home), "--json", "--limit", "1000"],
                                   capture_output=True, text=True, check=True).stdout)
calls = [{"id": c["id"], "archive_path": c["archive"]["relativePath"], "duration_s": c["duration_s"]} for c in listed]
if not calls:
    sys.exit("interop: no calls archived")
bad = 0
for c in calls:
    path = work / f'{c["id"]}.opus'
    subprocess.run([bin_path, "export", c["id"], "--home", str(home), "--format", "opus", "--out", str(path),
                    "--reason", "interoperability check"], capture_output=True, text=True, check=True)
    info = subprocess.run(["opusinfo", str(path)], capture_output=True, text=True)
    text = info.stdout + info.stderr
    if info.returncode != 0 or "WARNING" in text.upper() or "error" in text.lower():
        print(f"interop: opusinfo rejects {c['id']}:\n{text}"); bad += 1; continue
    probe = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration:stream=channels",
                            "-of", "json", str(path)], capture_output=True, text=True)
    dec = subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-f", "null", "-"], capture_output=True, text=True)
    if dec.returncode != 0 or dec.stderr.strip():
        print(f"interop: ffmpeg fails to decode {c['id']}: {dec.stderr.strip()}"); bad += 1; continue
    meta = json.loads(probe.stdout)
    duration = float(meta["format"]["duration"])
    if abs(duration - c["duration_s"]) > 0.020:
        print(f"interop: {c['id']} ffmpeg duration {duration:.3f}s vs catalog {c['duration_s']:.3f}s"); bad += 1
print(f"interop: {len(calls) - bad}/{len(calls)} archives accepted by opusinfo and ffmpeg with matching duration")
sys.exit(1 if bad else 0)
PY
