#!/usr/bin/env bash
# Archives stay analysable: ingests N generated calls, re-analyses every archive (decoded Ogg Opus) with
# `nokchwi analyze`, and compares each party's talk time, silence and hold with the metrics stored at ingest
# (computed from the source in the same pass as the encoding). The issue's bound: the same metrics within 2%.
# Usage: Benchmarks/archive-reanalysis.sh [--bin PATH] [--calls N] [--seed S]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
bin=""; calls=30; seed=99
# shellcheck source=lib.sh
source "$here/lib.sh"
start_on_generated_calls archive-reanalysis "$@"
"$bin" ingest "$work/input/drop" --home "$work/home" --json >/dev/null
export NOKCHWI_TOKEN="$NK_SUPERVISOR"  # metrics and re-analysis are the supervisor's
python3 - "$bin" "$work/home" <<'PY'
import json, subprocess, sys
bin_path, home = sys.argv[1], sys.argv[2]
calls = json.loads(subprocess.run([bin_path, "calls", "list", "--home", home, "--json", "--limit", "10000"],
                                  capture_output=True, text=True, check=True).stdout)
rows, worst = [], {}
def rel(a, b):
    return abs(a - b) / max(a, 1e-9) if a > 1.0 else abs(a - b) / 1.0  # under 1 s: relative to 1 s
for c in calls:
    shown = json.loads(subprocess.run([bin_path, "calls", "show", c["id"], "--home", home, "--json"],
                                      capture_output=True, text=True, check=True).stdout)
    stored = shown.get("analysis")
    if not stored or "parties" not in stored:
        continue
    again = json.loads(subprocess.run([bin_path, "calls", "analyze", c["id"], "--home", home, "--json"],
                                      capture_output=True, text=True, check=True).stdout)
    # Stored metrics used the metadata's hold when it had any (authoritative, nothing searched in the audio);
    # `analyze` has no metadata. Compare like with like: only calls whose metadata says nothing about hold.
    if any(e["kind"] == "hold" for e in shown["events"]) or shown.get("reported_hold_s") is not None:
        continue
    d = {
        "agent talk": rel(stored["parties"]["agent"]["talk_s"], again["parties"]["agent"]["talk_s"]),
        "caller talk": rel(stored["parties"]["caller"]["talk_s"], again["parties"]["caller"]["talk_s"]),
    }
    d["hold"] = rel(stored["hold"]["total_s"], again["hold"]["total_s"])
    d["silence"] = rel(stored["silence"]["total_s"], again["silence"]["total_s"])
    rows.append(d)
    for k, v in d.items():
        worst[k] = max(worst.get(k, 0), v)
print(f"{len(rows)} calls (of {len(calls)}; those whose metadata gives no hold) re-analysed from their Ogg Opus archives")
print("| metric | mean difference | worst call | calls over 2% |")
print("|---|---:|---:|---:|")
ok = True
for k in ["agent talk", "caller talk", "hold", "silence"]:
    vals = [r[k] for r in rows if k in r]
    if not vals:
        continue
    over = sum(v > 0.02 for v in vals)
    ok &= over == 0
    print(f"| {k} | {100*sum(vals)/len(vals):.2f}% | {100*max(vals):.2f}% | {over} of {len(vals)} |")
sys.exit(0 if ok else 1)
PY
