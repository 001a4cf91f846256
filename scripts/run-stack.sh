#!/usr/bin/env bash
# Starts the api (with its embedded MongoDB-protocol server and redis-server unless MONGODB_URI /
# REDIS_URL are set) and the gateway in front of it, from the jars the build made. Ctrl-C stops both.
#
# Environment: PORT (gateway, 8080), API_PORT (8081), EMBEDDED_REDIS_PORT (16379),
# GATEWAY_MANAGEMENT_PORT (8090), DATA_DIR (./data),
# plus everything the api and gateway read themselves (MONGODB_URI, REDIS_URL, JWT_SIGNING_KEY, ...).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-8080}"
API_PORT="${API_PORT:-8081}"
EMBEDDED_REDIS_PORT="${EMBEDDED_REDIS_PORT:-16379}"
GATEWAY_MANAGEMENT_PORT="${GATEWAY_MANAGEMENT_PORT:-8090}"
export DATA_DIR="${DATA_DIR:-data}"
START_TIMEOUT="${START_TIMEOUT:-120}"
JAVA_OPTS="${JAVA_OPTS:--Xms128m -Xmx512m}"

jar_of() {
  local jar
  jar=$(ls "$1"/target/"$1"-*.jar 2>/dev/null | grep -v -E '(sources|plain)\.jar$' | head -n 1 || true)
  if [ -z "$jar" ]; then
    echo "No $1 jar in $1/target: run 'make build' first." >&2
    exit 1
  fi
  echo "$jar"
}

wait_for() {
  local url="$1" name="$2" pid="$3" waited=0
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name exited during startup." >&2
      exit 1
    fi
    if [ "$waited" -ge "$START_TIMEOUT" ]; then
      echo "$name did not become healthy within ${START_TIMEOUT}s ($url)." >&2
      exit 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

for port in "$PORT" "$API_PORT" "$GATEWAY_MANAGEMENT_PORT"; do
  if port_busy "$port"; then
    echo "Port $port is already in use (another 'make run'?). Stop it, or choose other ports: PORT, API_PORT, GATEWAY_MANAGEMENT_PORT." >&2
    exit 1
  fi
done
if [ -z "${REDIS_URL:-}" ] && port_busy "$EMBEDDED_REDIS_PORT"; then
  echo "Port $EMBEDDED_REDIS_PORT, for the embedded redis-server, is already in use: a redis-server left over from a" >&2
  echo "run that was killed with SIGKILL? (pkill -f 'redis-server.*:$EMBEDDED_REDIS_PORT'), or set EMBEDDED_REDIS_PORT." >&2
  exit 1
fi

api_jar=$(jar_of api)
gateway_jar=$(jar_of gateway)
mkdir -p "$DATA_DIR"

pids=()
stop() {
  trap - INT TERM EXIT
  if [ ${#pids[@]} -gt 0 ]; then
    kill "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap stop INT TERM EXIT

# Job control puts each java in its own process group: Ctrl-C reaches only this script, whose trap stops
# them in order (a SIGINT straight to the api's redis-server child would kill it before the api shut down).
set -m
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$api_jar" --server.port="$API_PORT" --vc.embedded.redis-port="$EMBEDDED_REDIS_PORT" \
  > >(sed -u 's/^/[api] /') 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$API_PORT/actuator/health" "api" "${pids[0]}"

# shellcheck disable=SC2086
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:$EMBEDDED_REDIS_PORT}" API_URL="http://127.0.0.1:$API_PORT" \
  java $JAVA_OPTS -jar "$gateway_jar" --server.port="$PORT" --management.server.port="$GATEWAY_MANAGEMENT_PORT" \
  > >(sed -u 's/^/[gateway] /') 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$PORT/actuator/health" "gateway" "${pids[1]}"

cat <<MSG

村居法律顾问服务平台 is running:
  admin console   http://localhost:$PORT/admin/   (demo accounts: see README)
  Swagger UI      http://localhost:$PORT/swagger-ui.html
  health          http://localhost:$PORT/actuator/health
Press Ctrl-C to stop.

MSG
# Either process exiting ends the run (and the trap stops the other).
wait -n "${pids[@]}"
