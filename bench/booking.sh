#!/usr/bin/env bash
# Benchmark of booking (issue 5), through the gateway, the public entry, with the rate limits raised so that none
# refuses the load (as bench/run.sh does). Two parts, each on a stack of its own started from the built jars
# (embedded MongoDB-protocol server with its H2 file backend, a real redis-server, a throw-away data directory):
#
# 1. The race (BookingBench race, in api's test sources): RUNS (20) times a fresh one-slot session with PLACES (5)
#    places, RESIDENTS (1000) residents signed in beforehand, then one POST /api/v1/bookings each, all sent at once.
#    Counts 201, 409 SLOT_FULL and anything else, then checks through the API that exactly PLACES bookings exist,
#    held by as many people, and that the slot shows remaining 0. Fails unless every run is exactly
#    PLACES / RESIDENTS-PLACES / 0 errors / 0 duplicates.
# 2. The mixed load (wrk with bench/booking-mix.lua, as many threads as CONNECTIONS (64), one connection each):
#    80 % GET /api/v1/villages/{code}/slots (a week of slots), 15 % POST /api/v1/bookings, 5 % cancel of one's own
#    booking, against a village with MIXED_DAYS (21) sessions of 6 slots × 50 places and MIXED_RESIDENTS (1500)
#    residents (MIXED_WARM_RESIDENTS (500) others for the warm-up); the listing alone, and the constant
#    GET /oauth2/jwks through the same script before and after, for the ratio. WARMUP (20s) of the mix first, then
#    DURATION (30s) per measured scenario. Afterwards every slot's places taken must equal the village's confirmed
#    bookings, once the booking sweep has finished the steps that wrk's closing its connections cut off (it waits up
#    to CHECK_SECONDS, 180).
#
# PARTS (race,mixed) chooses the parts. Results are printed as Markdown and saved to bench/results/booking-*.md.
# Exits non-zero if a race run is not exact or the mixed load left places and bookings inconsistent.
# Needs the build (make build): the jars, and api's compiled test classes.
set -euo pipefail
cd "$(dirname "$0")/.."

PARTS="${PARTS:-race,mixed}"
CONNECTIONS="${CONNECTIONS:-64}"
DURATION="${DURATION:-30s}"
WARMUP="${WARMUP:-20s}"
export RUNS="${RUNS:-20}" RESIDENTS="${RESIDENTS:-1000}" PLACES="${PLACES:-5}"
export MIXED_DAYS="${MIXED_DAYS:-21}" MIXED_PLACES="${MIXED_PLACES:-50}"
export MIXED_RESIDENTS="${MIXED_RESIDENTS:-1500}" MIXED_WARM_RESIDENTS="${MIXED_WARM_RESIDENTS:-500}"

if ! command -v wrk >/dev/null 2>&1; then
  echo "wrk is not installed: apt-get install -y wrk" >&2
  exit 1
fi

./mvnw -B -q -pl api -am -DskipTests test-compile
./mvnw -B -q -pl api dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
classpath="api/target/test-classes:api/target/classes:$(cat api/target/bench.classpath)"

export PORT="${BENCH_PORT:-28080}" API_PORT="${BENCH_API_PORT:-28081}"
export EMBEDDED_REDIS_PORT="${BENCH_REDIS_PORT:-36379}" GATEWAY_MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-28090}"
export RATE_LIMIT_AUTHENTICATED_RATE=1000000 RATE_LIMIT_AUTHENTICATED_BURST=1000000
export RATE_LIMIT_ANONYMOUS_RATE=1000000 RATE_LIMIT_ANONYMOUS_BURST=1000000
export JAVA_OPTS="${JAVA_OPTS:--Xms256m -Xmx512m}"
export BASE_URL="http://127.0.0.1:$PORT"

work=$(mktemp -d "${TMPDIR:-/tmp}/village-counsel-booking.XXXXXX")
stack=""
stop_stack() {
  if [ -n "$stack" ]; then
    kill "$stack" 2>/dev/null || true
    wait "$stack" 2>/dev/null || true
    stack=""
  fi
}
trap 'stop_stack; rm -rf "$work"' EXIT

# A stack of its own for each part, so that neither measures the other's data.
start_stack() {
  export DATA_DIR="$work/$1"
  mkdir -p "$DATA_DIR"
  scripts/run-stack.sh > "$DATA_DIR/stack.log" 2>&1 &
  stack=$!
  local waited=0
  # the gateway's health is the api's, so both are up once it answers
  until curl -fsS -o /dev/null "$BASE_URL/actuator/health" 2>/dev/null; do
    if ! kill -0 "$stack" 2>/dev/null || [ "$waited" -ge 300 ]; then
      cat "$DATA_DIR/stack.log" >&2
      exit 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

bench() {
  java -Xmx1g -cp "$classpath" cn.villagecounsel.api.booking.BookingBench "$@"
}

mkdir -p bench/results
out="bench/results/booking-$(date -u +%Y%m%dT%H%M%SZ).md"
echo "# Booking benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')" > "$out"
status=0
started=$(date +%s)

if [[ ",$PARTS," == *",race,"* ]]; then
  start_stack race
  {
    echo
    echo "## The race: $RUNS runs, $RESIDENTS residents at once for $PLACES places, through the gateway"
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
  } | tee -a "$out"
  bench race | tee -a "$out" || status=1
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); race part took $(( $(date +%s) - started )) s" | tee -a "$out"
  stop_stack
fi

if [[ ",$PARTS," == *",mixed,"* ]]; then
  mixed_started=$(date +%s)
  start_stack mixed
  {
    echo
    echo "## Mixed load through the gateway: wrk -t$CONNECTIONS -c$CONNECTIONS -d$DURATION (one connection per thread), warm-up $WARMUP"
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
  } | tee -a "$out"
  bench prepare-mixed "$work/mix" | tee -a "$out"
  export MIX_DIR="$work/mix" THREADS="$CONNECTIONS"

  mix() { # name, MIX, duration, tokens file, run tag
    MIX="$2" TOKENS="$4" RUN_TAG="$5" wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"$3" --timeout 30s -s bench/booking-mix.lua "$BASE_URL" \
      > "$work/$1.txt"
  }
  mix warm-jwks jwks 10s tokens.txt warmjwks
  mix warm-mixed mixed "$WARMUP" warm-tokens.txt warm
  mix jwks-before jwks "$DURATION" tokens.txt jwks1
  mix list list "$DURATION" tokens.txt list
  mix mixed mixed "$DURATION" tokens.txt run
  mix jwks-after jwks "$DURATION" tokens.txt jwks2

  field() { # file, type, key: a value from wrk's RESULT lines (empty when absent)
    awk -v type="type=$2" -v key="$3=" '$1 == "RESULT" && $2 == type {
      for (i = 3; i <= NF; i++) if (index($i, key) == 1) print substr($i, length(key) + 1) }' "$work/$1.txt"
  }
  seconds() {
    awk -v d="$(field "$1" all duration_us)" 'BEGIN { printf "%.3f", d / 1e6 }'
  }
  ms() {
    awk -v v="$1" 'BEGIN { printf "%.1f", v / 1000 }'
  }
  rate() { # requests, seconds
    awk -v r="$1" -v s="$2" 'BEGIN { printf "%.0f", r / s }'
  }
  # the constant endpoint before and after: the one before tends to run slower (the api is still finishing what the
  # warm-up's closed connections left), so both ratios are shown
  baseline=$(rate "$(field jwks-before all requests)" "$(seconds jwks-before)")
  baseline_after=$(rate "$(field jwks-after all requests)" "$(seconds jwks-after)")
  row() { # label, file, type, errors, with a ratio (1) or not
    local requests
    requests=$(field "$2" "$3" requests)
    [ -n "$requests" ] || return 0
    local rps
    rps=$(rate "$requests" "$(seconds "$2")")
    local ratio="" ratio_after=""
    if [ "${5:-1}" = 1 ]; then
      ratio=$(awk -v r="$rps" -v b="$baseline" 'BEGIN { printf "%.2f", r / b }')
      ratio_after=$(awk -v r="$rps" -v b="$baseline_after" 'BEGIN { printf "%.2f", r / b }')
    fi
    echo "| $1 | $requests | $rps | $(ms "$(field "$2" "$3" p50_us)") | $(ms "$(field "$2" "$3" p99_us)") | $4 | $ratio | $ratio_after |"
  }
  socket_errors() {
    echo "$(field "$1" all socket_errors)"
  }
  # unexpected answers of the mix: a listing not 200, a booking neither 201 nor 409, a cancel not 200
  unexpected=$(awk -F'[ =]' '$1 == "ANSWER" && $2 !~ /^(list_200|book_201|book_409_[A-Z_]+|cancel_200)$/ { s += $3 }
    END { print s + 0 }' "$work/mixed.txt")
  {
    echo
    echo "| scenario | requests | req/s | p50 ms | p99 ms | errors | ratio to constant (before) | ratio to constant (after) |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    row "constant: GET /oauth2/jwks (before)" jwks-before all "$(socket_errors jwks-before)/$(field jwks-before all non2xx)"
    row "GET /api/v1/villages/{code}/slots alone" list all "$(socket_errors list)/$(field list all non2xx)"
    row "**mixed load, all requests**" mixed all "$(( $(socket_errors mixed) + unexpected ))"
    row "… of which GET /api/v1/villages/{code}/slots" mixed list "" 0
    row "… of which POST /api/v1/bookings" mixed book "" 0
    row "… of which POST /api/v1/bookings/{id}/cancel" mixed cancel "" 0
    row "constant: GET /oauth2/jwks (after)" jwks-after all "$(socket_errors jwks-after)/$(field jwks-after all non2xx)"
    echo
    echo "Answers in the measured mix: $(grep '^ANSWER ' "$work/mixed.txt" | sed 's/^ANSWER //' | tr '\n' ' ')"
    echo "Answers in the warm-up: $(grep '^ANSWER ' "$work/warm-mixed.txt" | sed 's/^ANSWER //' | tr '\n' ' ')"
  } | tee -a "$out"
  bench check-mixed "$work/mix" | tee -a "$out" || status=1
  [ "$unexpected" -eq 0 ] || status=1
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); mixed part took $(( $(date +%s) - mixed_started )) s" | tee -a "$out"
  stop_stack
fi

echo
echo "Total $(( $(date +%s) - started )) s. Saved to $out"
exit "$status"
