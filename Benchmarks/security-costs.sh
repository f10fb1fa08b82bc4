#!/usr/bin/env bash
# What encryption at rest, sign-in and the audit trail cost: ingests N generated calls into a fresh home, then times
# scrub (SHA-256 + every AES-GCM tag of every archive), scrub --decode, export --format opus of every call
# (decrypting reads), audit verify, and a password sign-in (scrypt). Prints MB/s and the share of ingest time
# that sealing can take.
# Usage: Benchmarks/security-costs.sh [--bin PATH] [--calls N] [--seed S]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
bin=""; calls=40; seed=4242
# shellcheck source=lib.sh
source "$here/lib.sh"
start_on_generated_calls security-costs "$@"
now() { date +%s.%N; }
t0=$(now); "$bin" ingest "$work/input/drop" --home "$work/home" --json > "$work/ingest.json"; t1=$(now)
t2=$(now); "$bin" scrub --home "$work/home" --json > "$work/scrub.json"; t3=$(now)
t4=$(now); "$bin" scrub --decode --home "$work/home" --json > /dev/null; t5=$(now)
mkdir -p "$work/export"
"$bin" calls list --home "$work/home" --json --limit 100000 > "$work/calls.json"
t6=$(now)
python3 - "$bin" "$work" <<'PY'
import json, subprocess, sys
bin_path, work = sys.argv[1], sys.argv[2]
for c in json.load(open(f"{work}/calls.json")):
    subprocess.run([bin_path, "export", c["id"], "--home", f"{work}/home", "--format", "opus", "--out",
                    f"{work}/export/{c['id']}.opus", "--reason", "benchmark"], check=True, capture_output=True)
PY
t7=$(now)
t8=$(now); NOKCHWI_TOKEN="$NK_ADMIN" "$bin" audit verify --home "$work/home" --json > "$work/audit.json"; t9=$(now)
t10=$(now); NOKCHWI_PASSWORD="demo retention passphrase" "$bin" login --user archivist --home "$work/home" > /dev/null; t11=$(now)
t12=$(now); "$bin" status --home "$work/home" --json > /dev/null; t13=$(now)
python3 - "$work" "$t0" "$t1" "$t2" "$t3" "$t4" "$t5" "$t6" "$t7" "$t8" "$t9" "$t10" "$t11" "$t12" "$t13" <<'PY'
import json, sys
work = sys.argv[1]
t = [float(x) for x in sys.argv[2:]]
ingest = json.load(open(f"{work}/ingest.json"))
scrub = json.load(open(f"{work}/scrub.json"))
audit = json.load(open(f"{work}/audit.json"))
mb = ingest["archive_bytes"] / 1e6
hours = ingest["audio_seconds"] / 3600
ingest_s, scrub_s, decode_s, export_s = t[1]-t[0], t[3]-t[2], t[5]-t[4], t[7]-t[6]
token_cmd = t[13]-t[12]
print(f"{ingest['archived']} calls, {hours:.2f} h of audio, {mb:.1f} MB of sealed archives")
print(f"| step | wall | rate |")
print(f"|---|---:|---:|")
print(f"| ingest (decode, analyse, encode, seal, commit; {ingest['jobs']} jobs) | {ingest_s:.1f} s | {ingest['audio_seconds']/ingest_s:.0f}x realtime, {mb/ingest_s:.2f} MB/s of archive written |")
print(f"| scrub: SHA-256 + every AES-GCM tag + Ogg headers | {scrub_s:.2f} s | {mb/scrub_s:.0f} MB/s |")
print(f"| scrub --decode (also decode all audio) | {decode_s:.1f} s | {hours*3600/decode_s:.0f}x realtime |")
print(f"| export --format opus, one process per call (sign-in by token, authorise, audit, verify, decrypt) | {export_s:.1f} s | {export_s/ingest['archived']*1000:.0f} ms per call |")
print(f"| audit verify ({audit['entries_checked']} entries, {audit['checkpoints_checked']} checkpoints) | {t[9]-t[8]:.2f} s | |")
print(f"| login with a password (scrypt N=2^17, r=8, p=1) | {t[11]-t[10]:.2f} s | |")
print(f"| a command signed in by token (status) | {token_cmd:.2f} s | |")
share = (mb / (mb/scrub_s)) / ingest_s * 100
print(f"Sealing writes {mb/ingest_s:.2f} MB/s during ingest; authenticating runs at {mb/scrub_s:.0f} MB/s here (hashing included), "
      f"so the AES-GCM work is at most {share:.2f}% of ingest time.")
PY
