#!/usr/bin/env bash
# Benchmark of the shared answer queue, through the gateway, the public entry, with the rate limits raised so that none
# refuses the load (as bench/booking.sh does). ADVISORS (50) advisors race to claim from QUESTIONS (1000) open
# questions of one village; each loops GET /api/v1/queue -> POST /questions/{id}/claim (409 ALREADY_CLAIMED: the next
# item) -> POST /questions/{id}/answer (QuestionBench, in api's test sources). Two parts, each on a stack of its own
# started from the built jars (embedded MongoDB-protocol server with its H2 file backend, a real redis-server, a
# throw-away data directory), the api and the gateway as separate processes:
#
# 1. race:  RUNS (10) runs, each on a fresh village. Counts the answers to claims and answers, times them (p50, p90,
#           p99, max), then checks through the API that every question was claimed by exactly one advisor and
#           answered by them, that nobody holds anything, and that no request got an unexpected answer.
# 2. crash: one run; once half the claims (KILL_AFTER) have succeeded the api is killed with SIGKILL and started again
#           on the same data directory (the redis-server it had started lives on, as a separate Redis would). With the
#           advisors held, the benchmark checks that every question is there and is open, held by exactly one advisor,
#           or answered by its one claimant; then the advisors take up what /queue/mine says they hold, finish, and
#           the full check runs again.
#
# Knobs: PARTS (race,crash), RUNS (10), ADVISORS (50), QUESTIONS (1000), RESIDENTS (100), HOLD (1: questions an
# advisor claims before answering), PICK (first | random item of the queue page), QUEUE_LIMIT (20), KILL_AFTER
# (QUESTIONS/2), NOTIFICATIONS_DISPATCH_INTERVAL (24h, see below), DRAIN_SECONDS (0: how long to wait for the
# "asked" notices to be dispatched before a race),
# VC_QUESTIONS_MAX_CLAIMS (passed to the api), MAX_LOAD / LOAD_WAIT (wait up to LOAD_WAIT s, default 0, for the
# 1-minute load average to fall below MAX_LOAD, default 4, before each part), BENCH_PORT (28280), BENCH_API_PORT
# (28281), BENCH_REDIS_PORT (36479), BENCH_MANAGEMENT_PORT (28290), MVN_ARGS (e.g. -o).
#
# Results are printed as Markdown and saved to bench/results/questions-*.md. Exits non-zero if any check fails.
# Needs the build (make build): the jars, and api's compiled test classes.
set -euo pipefail
cd "$(dirname "$0")/.."

PARTS="${PARTS:-race,crash}"
export RUNS="${RUNS:-10}" ADVISORS="${ADVISORS:-50}" QUESTIONS="${QUESTIONS:-1000}" RESIDENTS="${RESIDENTS:-100}"
# Every question is announced to each of the village's advisors: 50,000 notifications a run. The embedded stack's
# dispatcher cannot drain them in 10 minutes (each batch is a full scan in the in-process server, ADR 11) and takes the
# CPU the race is measured on, so it is paused by default (the outbox has its own benchmark, bench/outbox.sh):
# NOTIFICATIONS_DISPATCH_INTERVAL=1s DRAIN_SECONDS=600 runs it as in production and waits for it before each race.
export VC_NOTIFICATIONS_DISPATCH_INTERVAL="${NOTIFICATIONS_DISPATCH_INTERVAL:-24h}"
export DRAIN_SECONDS="${DRAIN_SECONDS:-0}"
MAX_LOAD="${MAX_LOAD:-4}"
LOAD_WAIT="${LOAD_WAIT:-0}"
MVN="./mvnw -B -q ${MVN_ARGS:-}"

$MVN -pl api -am -DskipTests test-compile
$MVN -pl api dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
classpath="api/target/test-classes:api/target/classes:$(cat api/target/bench.classpath)"

jar_of() {
  local jar
  jar=$(ls "$1"/target/"$1"-*.jar 2>/dev/null | grep -v -E '(sources|plain)\.jar$' | head -n 1 || true)
  if [ -z "$jar" ]; then
    echo "No $1 jar in $1/target: run 'make build' first." >&2
    exit 1
  fi
  echo "$jar"
}
api_jar=$(jar_of api)
gateway_jar=$(jar_of gateway)

PORT="${BENCH_PORT:-28280}"
API_PORT="${BENCH_API_PORT:-28281}"
REDIS_PORT="${BENCH_REDIS_PORT:-36479}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-28290}"
export RATE_LIMIT_AUTHENTICATED_RATE=1000000 RATE_LIMIT_AUTHENTICATED_BURST=1000000
export RATE_LIMIT_ANONYMOUS_RATE=1000000 RATE_LIMIT_ANONYMOUS_BURST=1000000
JAVA_OPTS="${JAVA_OPTS:--Xms256m -Xmx512m}"
export BASE_URL="http://127.0.0.1:$PORT"

work=$(mktemp -d "${TMPDIR:-/tmp}/village-counsel-questions.XXXXXX")
api_pid="" gateway_pid="" redis_pid=""
stop_stack() {
  local pid
  for pid in "$gateway_pid" "$api_pid"; do
    if [ -n "$pid" ]; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  # the redis-server an api started lives on after that api was killed with SIGKILL
  if [ -n "$redis_pid" ] && kill -0 "$redis_pid" 2>/dev/null; then
    kill "$redis_pid" 2>/dev/null || true
  fi
  api_pid="" gateway_pid="" redis_pid=""
}
trap 'stop_stack; rm -rf "$work"' EXIT

port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_healthy() { # url, pid, log
  local waited=0
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    if ! kill -0 "$2" 2>/dev/null || [ "$waited" -ge 300 ]; then
      echo "Not healthy: $1" >&2
      tail -n 50 "$3" >&2
      exit 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

# The api alone (its own redis-server unless REDIS_URL is set), on DATA_DIR; sets api_pid.
start_api() {
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$api_jar" --server.port="$API_PORT" --vc.embedded.redis-port="$REDIS_PORT" \
    >> "$DATA_DIR/api.log" 2>&1 &
  api_pid=$!
  wait_healthy "http://127.0.0.1:$API_PORT/actuator/health" "$api_pid" "$DATA_DIR/api.log"
}

# A stack of its own for each part, so that neither measures the other's data.
start_stack() {
  export DATA_DIR="$work/$1"
  mkdir -p "$DATA_DIR"
  for port in "$PORT" "$API_PORT" "$MANAGEMENT_PORT" "$REDIS_PORT"; do
    if port_busy "$port"; then
      echo "Port $port is in use: choose others with BENCH_PORT, BENCH_API_PORT, BENCH_MANAGEMENT_PORT, BENCH_REDIS_PORT." >&2
      exit 1
    fi
  done
  start_api
  redis_pid=$(pgrep -P "$api_pid" redis-server || true)
  # shellcheck disable=SC2086
  REDIS_URL="redis://127.0.0.1:$REDIS_PORT" API_URL="http://127.0.0.1:$API_PORT" \
    java $JAVA_OPTS -jar "$gateway_jar" --server.port="$PORT" --management.server.port="$MANAGEMENT_PORT" \
    >> "$DATA_DIR/gateway.log" 2>&1 &
  gateway_pid=$!
  wait_healthy "$BASE_URL/actuator/health" "$gateway_pid" "$DATA_DIR/gateway.log"
}

quiet() {
  local waited=0
  while [ "$waited" -lt "$LOAD_WAIT" ] && awk -v max="$MAX_LOAD" '{ exit !($1 >= max) }' /proc/loadavg; do
    sleep 10
    waited=$((waited + 10))
  done
}

bench() {
  java -Xmx512m -cp "$classpath" cn.villagecounsel.api.question.QuestionBench "$@"
}

conditions() {
  echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

mkdir -p bench/results
out="bench/results/questions-$(date -u +%Y%m%dT%H%M%SZ).md"
echo "# Question benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')" > "$out"
status=0
started=$(date +%s)

if [[ ",$PARTS," == *",race,"* ]]; then
  quiet
  start_stack race
  {
    echo
    echo "## The race: $RUNS runs, $ADVISORS advisors claiming from $QUESTIONS open questions, through the gateway"
    echo "$(conditions) before"
    echo
  } | tee -a "$out"
  bench race | tee -a "$out" || status=1
  echo "$(conditions) after; race part took $(( $(date +%s) - started )) s" | tee -a "$out"
  stop_stack
fi

if [[ ",$PARTS," == *",crash,"* ]]; then
  crash_started=$(date +%s)
  quiet
  start_stack crash
  signals="$work/crash-signals"
  mkdir -p "$signals"
  {
    echo
    echo "## kill -9 of the api mid-run: $ADVISORS advisors, $QUESTIONS questions, through the gateway"
    echo "$(conditions) before"
    echo
  } | tee -a "$out"
  bench crash "$signals" > >(tee -a "$out") 2>&1 &
  bench_pid=$!
  while [ ! -f "$signals/kill-now" ] && kill -0 "$bench_pid" 2>/dev/null; do
    sleep 0.05
  done
  if [ -f "$signals/kill-now" ]; then
    kill -9 "$api_pid"
    wait "$api_pid" 2>/dev/null || true
    killed=$(date +%s%N)
    echo "[questions.sh] api (pid $api_pid) killed with SIGKILL; restarting it on the same data directory" >&2
    # the redis-server the first api started is still running: the new api uses it, as it would a separate Redis
    REDIS_URL="redis://127.0.0.1:$REDIS_PORT" start_api
    echo "[questions.sh] api up again after $(( ($(date +%s%N) - killed) / 1000000 )) ms (pid $api_pid)" >&2
    touch "$signals/restarted"
  fi
  wait "$bench_pid" || status=1
  echo "$(conditions) after; crash part took $(( $(date +%s) - crash_started )) s" | tee -a "$out"
  stop_stack
fi

echo
echo "Total $(( $(date +%s) - started )) s. Saved to $out"
exit "$status"
