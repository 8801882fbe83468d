#!/usr/bin/env bash
# HTTP benchmark of GET /api/v1/locate: `hrkit serve --workers 2` driven by wrk
# for 60 s with varied ZIP codes, coordinates and service filters.
#
#   HRKIT_DATA_DIR=/tmp/hrkit-bench bench/http_locate.sh            # SQLite
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/db bench/http_locate.sh
#
# The database should hold a directory (`hrkit demo`, or bench/locate.py's).
# Only 127.0.0.1 is used. Options through the environment: DURATION (60s),
# PORT (8765), CONNECTIONS (16), THREADS (2).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-60s}
PORT=${PORT:-8765}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Request paths: ZIP centres and points near them across the lower 48, half
# with one service-type filter, a few with two. Fixed seed: the same run each time.
.venv/bin/python - "$work/paths.lua" <<'PY'
import random
import sys

import zipcodes

rng = random.Random(7)
types = ["naloxone", "syringe-services", "fentanyl-test-strips", "buprenorphine",
         "methadone", "hiv-testing", "drug-checking", "wound-care", "food", "housing"]
zips = [z for z in zipcodes.list_all()
        if z.get("lat") and z["state"] not in {"AK", "HI", "PR", "GU", "VI", "AS", "MP"}]
paths = []
for n in range(500):
    place = rng.choice(zips)
    if n % 2:
        query = f"zip={place['zip_code']}"
    else:
        lat = float(place["lat"]) + rng.gauss(0, 0.05)
        lon = float(place["long"]) + rng.gauss(0, 0.05)
        query = f"lat={lat:.5f}&lon={lon:.5f}"
    if n % 4 in (1, 2):
        query += f"&service={rng.choice(types)}"
    elif n % 10 == 3:
        query += f"&service={rng.choice(types)},{rng.choice(types)}"
    paths.append(f'"/api/v1/locate?{query}"')
with open(sys.argv[1], "w") as out:
    out.write("paths = {" + ",\n".join(paths) + "}\n")
    out.write("math.randomseed(11)\n")
    out.write("request = function()\n  return wrk.format('GET', paths[math.random(#paths)])\nend\n")
PY

.venv/bin/hrkit migrate --verbosity 0
.venv/bin/hrkit serve --host 127.0.0.1 --port "$PORT" --workers 2 >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 60); do
  if curl -fs -o /dev/null "http://127.0.0.1:$PORT/api/v1/taxonomy"; then break; fi
  sleep 0.5
done
curl -fs -o /dev/null "http://127.0.0.1:$PORT/api/v1/locate?zip=10001" || {
  echo "the server did not answer; its log:" >&2; cat "$work/server.log" >&2; exit 1; }
# Warm every worker (each loads the ZIP code index once) so the run measures
# the steady state, not the first request of each process.
warmers=()
for _ in $(seq 1 24); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/api/v1/locate?lat=41.88&lon=-87.63" &
  warmers+=($!)
done
wait "${warmers[@]}"

# CPU seconds of the server and its workers: req/s on a shared machine moves
# with its neighbours, CPU per request much less.
server_cpu() {
  local total=0 pid
  for pid in "$server_pid" $(pgrep -P "$server_pid"); do
    total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat") ))
  done
  echo "$total"
}
cpu_before=$(server_cpu)
echo "wrk: $DURATION, $THREADS threads, $CONNECTIONS connections, hrkit serve --workers 2"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$work/paths.lua" \
  "http://127.0.0.1:$PORT" | tee "$work/wrk.txt"
cpu_after=$(server_cpu)

requests=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt")
socket=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$work/wrk.txt")
echo
total_requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
echo "requests/s: $requests"
echo "server CPU per request: $(awk -v t=$(( cpu_after - cpu_before )) -v n="$total_requests" -v hz="$(getconf CLK_TCK)" \
  'BEGIN { printf "%.2f ms", t * 1000 / hz / n }')"
echo "non-2xx responses: ${non2xx:-0}"
echo "socket errors: ${socket:-0}"
echo "target >= 500 req/s with 0 errors: $(awk -v r="$requests" -v n="${non2xx:-0}" -v s="${socket:-0}" \
  'BEGIN { print (r >= 500 && n == 0 && s == 0) ? "met" : "NOT met" }')"
