#!/usr/bin/env bash
# A small data home ready for QA, for the web tests (router and browser): demo calls ingested, the demo users of
# demo-home.sh plus a qa-lead, the municipal rubric imported and November's sample drawn (so an evaluator can claim).
#   bash .ci/qa-home.sh path/to/nokchwi WORKDIR [CALLS]   → WORKDIR/home; prints the demo-home.sh export line
set -euo pipefail
BIN=${1:?usage: qa-home.sh NOKCHWI_BINARY WORKDIR [CALLS]}
WORK=${2:?usage: qa-home.sh NOKCHWI_BINARY WORKDIR [CALLS]}
CALLS=${3:-8}
HERE=$(cd "$(dirname "$0")/.." && pwd)
"$BIN" demo-data "$WORK/input" --calls "$CALLS" >/dev/null
exports=$(bash "$HERE/.ci/demo-home.sh" "$BIN" "$WORK/home" 2>/dev/null)
eval "$exports"
NOKCHWI_TOKEN=$NOKCHWI_TOKEN "$BIN" ingest "$WORK/input/drop" --pipeline "$HERE/Pipelines/default.yaml" --home "$WORK/home" >/dev/null 2>&1
NOKCHWI_TOKEN=$NK_ADMIN NOKCHWI_NEW_PASSWORD='demo qa lead passphrase' "$BIN" users add qalead --role qa-lead --home "$WORK/home" >/dev/null
lead=$(NOKCHWI_PASSWORD='demo qa lead passphrase' "$BIN" login --user qalead --home "$WORK/home")
NOKCHWI_TOKEN=$lead "$BIN" rubrics import "$HERE/Pipelines/rubrics/municipal-call.yaml" --home "$WORK/home" >/dev/null
NOKCHWI_TOKEN=$lead "$BIN" qa sample --plan monthly --period 2026-11 --pipeline "$HERE/Pipelines/default.yaml" --home "$WORK/home" >/dev/null
echo "$exports"
