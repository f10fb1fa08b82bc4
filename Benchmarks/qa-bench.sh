#!/usr/bin/env bash
# QA benchmark (Benchmarks/QA.md): a catalog of generated rows (10 million calls over two years, 400,000 of them in
# November 2026 with stored metrics, 100,000 submitted evaluations in 2026 with 16 item results each, 20,000 queued
# samples), then: 8 processes claiming from the queue at once (p99 per claim), November's sample of the 400,000-call
# month, and a year's QA report.  Usage: Benchmarks/qa-bench.sh [WORKDIR] (needs ~8 GB free; takes 10-20 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${1:-/tmp/nokchwi-qa-bench}
CALLS=${CALLS:-9600001}
swift build -c release --product qa-bench >&2
BIN=.build/release/qa-bench
if [ ! -f "$WORK/catalog.sqlite" ]; then
    mkdir -p "$WORK"
    "$BIN" fill "$WORK/catalog.sqlite" --calls "$CALLS" --dense 400000 --evaluations 100000 --queued 20000 | tail -3
fi
ls -l "$WORK/catalog.sqlite"
# Claims as the commands make them (SQLite's busy timeout, synchronous=FULL), then waiting for the lock in short
# steps (--busy-polling), then without an fsync per commit (--synchronous-normal, not used by any command).
for run in 1 2 3; do "$BIN" claim "$WORK/catalog.sqlite" --workers 8 --claims 250; done
for run in 1 2; do "$BIN" claim "$WORK/catalog.sqlite" --workers 8 --claims 250 --busy-polling; done
"$BIN" claim "$WORK/catalog.sqlite" --workers 8 --claims 250 --synchronous-normal
# Each sample run queues the month's picks; a rerun finds them sampled and adds nothing, so time the first and a rerun.
"$BIN" sample "$WORK/catalog.sqlite"
"$BIN" sample "$WORK/catalog.sqlite"
# The report from the monthly summaries, then from every evaluation (the code before, for comparison).
for run in 1 2 3; do "$BIN" report "$WORK/catalog.sqlite"; done
"$BIN" report "$WORK/catalog.sqlite" --no-summaries
