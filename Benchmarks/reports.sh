#!/usr/bin/env bash
# Supervisor-report benchmark (issue #19): import a year of queue log for a 400,000-call center, and answer a
# year's `report talk` and `report queue` on a catalog of 10 million calls. Prints wall times (median of RUNS).
#   Benchmarks/reports.sh [BINARY] [WORKDIR]      (BINARY default .build/release/nokchwi)
# Environment: QUEUE_CALLS (400000), CATALOG_CALLS (10000000), RUNS (3), SKIP_IMPORT=1 (only the 10M-call reports).
set -euo pipefail
BIN=${1:-.build/release/nokchwi}
WORK=${2:-$(mktemp -d /tmp/nokchwi-reports-bench.XXXXXX)}
QUEUE_CALLS=${QUEUE_CALLS:-400000}
CATALOG_CALLS=${CATALOG_CALLS:-10000000}
RUNS=${RUNS:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
pw="benchmark keys passphrase"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now() { date +%s.%N; }
home() {  # makes a home with an archivist and a supervisor of every team; prints tokens
    local h=$1
    NOKCHWI_TOKEN="" NOKCHWI_PASSWORD="$pw" "$BIN" init --admin admin --home "$h" >/dev/null 2>&1
    local admin; admin=$(NOKCHWI_PASSWORD="$pw" "$BIN" login --user admin --home "$h")
    local teams=(); for t in 1 2 3 4 5 6 7 8; do teams+=(--team "team-$t"); done
    NOKCHWI_TOKEN=$admin NOKCHWI_NEW_PASSWORD="records clerk passphrase" "$BIN" users add keeper --role archivist --home "$h" >/dev/null
    NOKCHWI_TOKEN=$admin NOKCHWI_NEW_PASSWORD="team lead passphrase" "$BIN" users add floor --role supervisor "${teams[@]}" --home "$h" >/dev/null
    echo "$(NOKCHWI_PASSWORD="records clerk passphrase" "$BIN" login --user keeper --home "$h") $(NOKCHWI_PASSWORD="team lead passphrase" "$BIN" login --user floor --home "$h")"
}
echo "machine: $(nproc) cores, $(uname -sr); binary $BIN"
if [ -z "${SKIP_IMPORT:-}" ]; then
python3 "$HERE/reports_bench.py" queue-log "$WORK/queue_log" "$QUEUE_CALLS"
echo "queue log: $QUEUE_CALLS calls, $(wc -l < "$WORK/queue_log") lines, $(du -h "$WORK/queue_log" | cut -f1)"
times=()
for r in $(seq "$RUNS"); do
    rm -rf "$WORK/q$r"; read -r arch sup < <(home "$WORK/q$r")
    t0=$(now); NOKCHWI_TOKEN=$arch "$BIN" import queue-log "$WORK/queue_log" --home "$WORK/q$r" --json > "$WORK/import.json"; t1=$(now)
    times+=("$(echo "$t1 - $t0" | bc)")
done
echo "import queue-log (year, $QUEUE_CALLS calls): median $(printf '%s\n' "${times[@]}" | median) s of ${times[*]}"
t0=$(now); NOKCHWI_TOKEN=$arch "$BIN" import queue-log "$WORK/queue_log" --home "$WORK/q$RUNS" --json > /dev/null; t1=$(now)
echo "import again (nothing new): $(echo "$t1 - $t0" | bc) s"
t0=$(now); NOKCHWI_TOKEN=$sup "$BIN" report queue --by month --from 2026-01-01 --to 2026-12-31 --home "$WORK/q$RUNS" --json > /dev/null; t1=$(now)
echo "report queue --by month on the imported year: $(echo "$t1 - $t0" | bc) s"
fi

rm -rf "$WORK/big"; read -r arch sup < <(home "$WORK/big")
t0=$(now); python3 "$HERE/reports_fill.py" "$WORK/big/catalog.sqlite" "$CATALOG_CALLS" | tail -1; t1=$(now)
echo "catalog of $CATALOG_CALLS calls filled in bulk SQL in $(echo "$t1 - $t0" | bc) s ($(du -h "$WORK/big/catalog.sqlite" | cut -f1))"
# The fill dropped the summary tables: the first command migrates, rebuilding them from the rows.
t0=$(now); NOKCHWI_TOKEN=$sup "$BIN" report talk --by total --from 2026-01-01 --to 2026-01-01 --home "$WORK/big" --json > /dev/null; t1=$(now)
echo "summary migration (rebuild from $CATALOG_CALLS calls): $(echo "$t1 - $t0" | bc) s"
for args in "talk --by team" "talk --by agent" "talk --by category" "talk --by hour" "talk --by month" "queue --by month" "queue --by total"; do
    times=()
    for r in $(seq "$RUNS"); do
        t0=$(now); NOKCHWI_TOKEN=$sup "$BIN" report $args --from 2026-01-01 --to 2026-12-31 --home "$WORK/big" --json > /dev/null; t1=$(now)
        times+=("$(echo "$t1 - $t0" | bc)")
    done
    echo "report $args (year, $CATALOG_CALLS calls): median $(printf '%s\n' "${times[@]}" | median) s of ${times[*]}"
done

# The supervisor dashboard (issue #20) on the same catalog: server time of /api/dashboard for a month and a year.
"$BIN" serve --port 0 --home "$WORK/big" --json > "$WORK/serve.out" 2>"$WORK/serve.err" & SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$WORK/serve.out" ] && break; sleep 0.1; done
URL=$(python3 -c "import json;print(json.load(open('$WORK/serve.out'))['url'].rstrip('/'))")
JAR="$WORK/floor.jar"
curl -s -c "$JAR" -b "$JAR" "$URL/login" -o "$WORK/login.html"
CSRF=$(grep -o 'name="_csrf" value="[^"]*"' "$WORK/login.html" | head -1 | sed 's/.*value="//;s/"//')
curl -s -c "$JAR" -b "$JAR" -o /dev/null --data-urlencode "_csrf=$CSRF" --data-urlencode "username=floor" \
    --data-urlencode "password=team lead passphrase" "$URL/login"
for range in "from=2026-11-01&to=2026-11-30" "from=2026-01-01&to=2026-12-31"; do
    ms=$(for _ in $(seq "$RUNS"); do curl -s -o /dev/null -b "$JAR" -w "%{time_total}\n" "$URL/api/dashboard?$range"; done | awk '{printf "%.1f\n", $1*1000}')
    echo "dashboard ($range): median $(echo "$ms" | median) ms of $(echo $ms)"
done
kill $SERVER
