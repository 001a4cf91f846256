#!/usr/bin/env bash
# Benchmark: an authenticated GET /api/v1/me and the village notice board GET /api/v1/villages/{code}
# through the gateway vs. straight to the api vs. a constant endpoint (GET /oauth2/jwks), all in one run
# against one stack (with the demo county), with wrk on loopback. Results are printed as a Markdown table
# (and saved under bench/results/) as absolute numbers and as ratios to the constant endpoint measured in
# the same run, straight on the api and through the gateway.
#
# Environment: DURATION (20s), CONNECTIONS (64), THREADS (2), WARMUP (20s per scenario: the JIT needs it;
# with 5 s the first scenario measured at a quarter of its warm speed), VILLAGE (621025100201).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-64}"
VILLAGE="${VILLAGE:-621025100201}"
THREADS="${THREADS:-2}"
WARMUP="${WARMUP:-20s}"

if ! command -v wrk >/dev/null 2>&1; then
  echo "wrk is not installed: apt-get install -y wrk" >&2
  exit 1
fi

export PORT="${BENCH_PORT:-28080}" API_PORT="${BENCH_API_PORT:-28081}"
export EMBEDDED_REDIS_PORT="${BENCH_REDIS_PORT:-36379}" GATEWAY_MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-28090}"
# Rate limits stay on (their Redis round trip is part of the cost) but high enough not to reject the load.
export RATE_LIMIT_AUTHENTICATED_RATE=1000000 RATE_LIMIT_AUTHENTICATED_BURST=1000000
export RATE_LIMIT_ANONYMOUS_RATE=1000000 RATE_LIMIT_ANONYMOUS_BURST=1000000
export DATA_DIR
DATA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/village-counsel-bench.XXXXXX")
export JAVA_OPTS="${JAVA_OPTS:--Xms256m -Xmx512m}"

scripts/run-stack.sh > "$DATA_DIR/stack.log" 2>&1 &
stack=$!
trap 'kill $stack 2>/dev/null || true; wait $stack 2>/dev/null || true; rm -rf "$DATA_DIR"' EXIT
waited=0
until curl -fsS -o /dev/null "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null; do
  if ! kill -0 "$stack" 2>/dev/null || [ "$waited" -ge 180 ]; then
    cat "$DATA_DIR/stack.log" >&2
    exit 1
  fi
  sleep 1
  waited=$((waited + 1))
done

TOKEN=$(curl -fsS -H 'Content-Type: application/json' -d '{"code":"sandbox:压测用户"}' \
  "http://127.0.0.1:$PORT/api/v1/auth/wechat" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
export TOKEN

gateway="http://127.0.0.1:$PORT"
api="http://127.0.0.1:$API_PORT"
declare -a names=("constant: GET /oauth2/jwks, api direct" "constant: GET /oauth2/jwks, via gateway"
  "GET /api/v1/me, api direct" "GET /api/v1/me, via gateway"
  "GET /api/v1/villages/{code}, api direct" "GET /api/v1/villages/{code}, via gateway")
declare -a urls=("$api/oauth2/jwks" "$gateway/oauth2/jwks" "$api/api/v1/me" "$gateway/api/v1/me"
  "$api/api/v1/villages/$VILLAGE" "$gateway/api/v1/villages/$VILLAGE")
# The board must be a real one (advisors, sessions, team), not an error page measured fast.
curl -fsS "$gateway/api/v1/villages/$VILLAGE" | grep -q '"sessions":\[{' \
  || { echo "The board of $VILLAGE has no sessions: is the demo data loaded?" >&2; exit 1; }

for url in "${urls[@]}"; do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s bench/auth-header.lua "$url" > /dev/null
done

mkdir -p bench/results
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "| scenario | req/s | p50 ms | p99 ms | errors | ratio to constant (api direct) | ratio to constant (via gateway) |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
} > "$out"
baseline=""
gateway_baseline=""
for i in "${!urls[@]}"; do
  line=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s bench/auth-header.lua "${urls[$i]}" | grep '^RESULT')
  eval "$(echo "$line" | sed -E 's/^RESULT //')"
  rps=$(awk -v r="$requests" -v d="$duration_us" 'BEGIN { printf "%.0f", r / (d / 1e6) }')
  [ -n "$baseline" ] || baseline="$rps"
  [ "$i" -ne 1 ] || gateway_baseline="$rps"
  ratio=$(awk -v r="$rps" -v b="$baseline" 'BEGIN { printf "%.2f", r / b }')
  gateway_ratio=$(awk -v r="$rps" -v b="${gateway_baseline:-0}" 'BEGIN { if (b > 0) printf "%.2f", r / b; else printf "—" }')
  p50=$(awk -v v="$p50_us" 'BEGIN { printf "%.1f", v / 1000 }')
  p99=$(awk -v v="$p99_us" 'BEGIN { printf "%.1f", v / 1000 }')
  echo "| ${names[$i]} | $rps | $p50 | $p99 | $((errors)) | $ratio | $gateway_ratio |" >> "$out"
done
echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION on $(nproc) cores, $(date -u +%Y-%m-%d):"
cat "$out"
