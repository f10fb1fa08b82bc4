#!/usr/bin/env bash
# The analysis, fingerprinted: a refactoring that claims "no behaviour change" shows it by printing the same
# digests before and after. Generates demo calls (fixed seed), ingests them, and prints one line per stored
# analysis (the catalog's analysis_json, which the player and the reports read), one per Fixtures/ recording
# (`nokchwi analyze --json`) and one per decoded archive re-analysis, each with the SHA-256 of its JSON.
# Usage: Benchmarks/analysis-digest.sh [--bin PATH] [--calls N] [--seed S] > digests.txt
#        diff before.txt after.txt   # no output: byte for byte the same analysis
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
die() { echo "analysis-digest: $*" >&2; exit 1; }
bin=""; calls=40; seed=20261123
# shellcheck source=lib.sh
source "$here/lib.sh"
start_on_generated_calls analysis-digest "$@"
"$bin" ingest "$work/input/drop" --home "$work/home" --json >/dev/null 2>&1
sqlite3 "$work/home/catalog.sqlite" "SELECT call_id, analysis_json FROM call_metrics ORDER BY call_id" |
    while IFS='|' read -r id json; do
        printf 'stored  %s %s\n' "$id" "$(printf '%s' "$json" | sha256sum | cut -c1-16)"
    done
for f in "$root"/Fixtures/audio-*; do
    printf 'fixture %s %s\n' "$(basename "$f")" "$("$bin" analyze "$f" --json | sha256sum | cut -c1-16)"
done
export NOKCHWI_TOKEN="$NK_SUPERVISOR"
sqlite3 "$work/home/catalog.sqlite" "SELECT m.call_id FROM call_metrics m JOIN call c ON c.id = m.call_id WHERE c.team IS NOT NULL ORDER BY m.call_id LIMIT 8" |
    while read -r id; do
        printf 'archive %s %s\n' "$id" "$("$bin" calls analyze "$id" --home "$work/home" --json | sha256sum | cut -c1-16)"
    done
