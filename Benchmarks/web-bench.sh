#!/usr/bin/env bash
# Times `nokchwi serve` on a demo home (docs/web.md): server time of the queue page and the dashboard, time to the
# first audio bytes of a call, and 50 concurrent evaluators streaming and seeking (wrk, random 64 KiB ranges) with
# the server's peak memory. Every audio request writes its audit entry (synchronous=FULL), as in production.
#   bash Benchmarks/web-bench.sh [BIN] [CALLS] [SECONDS]      (BIN default .build/release/nokchwi)
#   FILL=800000 bash Benchmarks/web-bench.sh ...  also adds that many generated calls (with evaluations) to the
#   catalog first, with qa-bench fill (release build of the qa-bench product), to time the pages at scale.
set -euo pipefail
BIN=${1:-.build/release/nokchwi}; CALLS=${2:-40}; SECONDS_=${3:-20}
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 2; }
WORK=$(mktemp -d); trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
bash .ci/qa-home.sh "$BIN" "$WORK" "$CALLS" >/dev/null
if [ -n "${FILL:-}" ]; then
  swift build -c release --product qa-bench >&2
  .build/release/qa-bench fill "$WORK/home/catalog.sqlite" --calls "$FILL" --dense $((FILL / 8)) --evaluations $((FILL / 40)) --queued 5000 | tail -1
fi
"$BIN" serve --port 0 --home "$WORK/home" --json > "$WORK/serve.out" 2>"$WORK/serve.err" & SERVER=$!
for _ in $(seq 50); do [ -s "$WORK/serve.out" ] && break; sleep 0.1; done
URL=$(python3 -c "import json,sys;print(json.load(open('$WORK/serve.out'))['url'].rstrip('/'))")
signin() {  # user password → cookie jar file
  local jar="$WORK/$1.jar"
  curl -s -c "$jar" -b "$jar" "$URL/login" -o "$WORK/login.html"
  local token; token=$(grep -o 'name="_csrf" value="[^"]*"' "$WORK/login.html" | head -1 | sed 's/.*value="//;s/"//')
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "_csrf=$token" --data-urlencode "username=$1" --data-urlencode "password=$2" "$URL/login"
  echo "$jar"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
p95() { sort -n | awk '{a[NR]=$1} END {print a[int(NR*0.95+0.5)]}'; }
EVAL=$(signin evaluator "demo rubric passphrase"); SUP=$(signin supervisor "demo team lead passphrase")
CSRF=$(curl -s -b "$EVAL" "$URL/api/me" | python3 -c "import json,sys;print(json.load(sys.stdin)['csrf'])")
CALL=$(curl -s -b "$EVAL" -H "X-CSRF-Token: $CSRF" -X POST "$URL/api/qa/next" | python3 -c "import json,sys;print(json.load(sys.stdin)['call_id'])")
SIZE=$(curl -s -b "$EVAL" -H "Range: bytes=0-0" -D - -o /dev/null "$URL/calls/$CALL/audio" | tr -d '\r' | sed -n 's/^Content-Range: bytes 0-0\///p')
time_of() {  # jar url → 21 timings in ms
  for _ in $(seq 21); do curl -s -o /dev/null -b "$1" -w "%{time_total}\n" "$2"; done | awk '{printf "%.1f\n", $1*1000}'
}
ttfb() { for _ in $(seq 21); do curl -s -o /dev/null -b "$EVAL" -H "Range: bytes=0-65535" -w "%{time_starttransfer}\n" "$URL/calls/$CALL/audio"; done | awk '{printf "%.1f\n", $1*1000}'; }
Q=$(time_of "$EVAL" "$URL/qa"); D=$(time_of "$SUP" "$URL/dashboard?from=2026-11-01&to=2026-11-30"); A=$(ttfb)
echo "calls in catalog: $(sqlite3 "$WORK/home/catalog.sqlite" 'SELECT COUNT(*) FROM call'); archive of call $CALL: $SIZE bytes"
echo "queue page:        median $(echo "$Q" | median) ms, p95 $(echo "$Q" | p95) ms (21 requests, curl total time on loopback)"
echo "dashboard:         median $(echo "$D" | median) ms, p95 $(echo "$D" | p95) ms"
echo "first audio bytes: median $(echo "$A" | median) ms, p95 $(echo "$A" | p95) ms (64 KiB range, decrypt + audit)"
COOKIE=$(awk '$6=="nokchwi_session"{print "nokchwi_session="$7}' "$EVAL")
cat > "$WORK/seek.lua" <<LUA
math.randomseed(os.time())
request = function()
  local start = math.random(0, $SIZE - 65537)
  return wrk.format("GET", "/calls/$CALL/audio", {["Cookie"] = "$COOKIE", ["Range"] = "bytes=" .. start .. "-" .. (start + 65535)})
end
LUA
echo "50 evaluators streaming and seeking (wrk -c50 -t2 -d${SECONDS_}s, random 64 KiB ranges):"
wrk -c50 -t2 -d"${SECONDS_}s" --latency -s "$WORK/seek.lua" "$URL" | sed -n '/Latency Distribution/,/Requests\/sec/p'
echo "server peak memory: $(awk '/VmHWM/{printf "%.0f MB", $2/1024}' /proc/$SERVER/status)"
