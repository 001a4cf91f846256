#!/usr/bin/env bash
# Browser tests against the real stack: starts api + gateway from the built jars on spare ports
# with a throw-away data directory, runs admin-web's Playwright tests, and stops the stack.
set -euo pipefail
cd "$(dirname "$0")/.."

export PORT="${E2E_PORT:-18080}"
export API_PORT="${E2E_API_PORT:-18081}"
export EMBEDDED_REDIS_PORT="${E2E_REDIS_PORT:-26379}"
export GATEWAY_MANAGEMENT_PORT="${E2E_MANAGEMENT_PORT:-18090}"
export DATA_DIR
DATA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/village-counsel-e2e.XXXXXX")
log="$DATA_DIR/stack.log"

scripts/run-stack.sh > "$log" 2>&1 &
stack=$!
cleanup() {
  kill "$stack" 2>/dev/null || true
  wait "$stack" 2>/dev/null || true
  rm -rf "$DATA_DIR"
}
trap cleanup EXIT

waited=0
until curl -fsS -o /dev/null "http://127.0.0.1:$PORT/admin/" 2>/dev/null; do
  if ! kill -0 "$stack" 2>/dev/null || [ "$waited" -ge 180 ]; then
    echo "The stack did not start; its log:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 1
  waited=$((waited + 1))
done

status=0
(cd admin-web && E2E_BASE_URL="http://localhost:$PORT/admin/" npm run --silent test:e2e) || status=$?
if [ "$status" -ne 0 ]; then
  echo "Browser tests failed; the stack's log:" >&2
  tail -n 200 "$log" >&2
fi
exit "$status"
