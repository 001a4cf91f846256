#!/usr/bin/env bash
# Benchmark of the notification outbox: real api processes dispatching queued messages to WireMock playing
# WeChat's subscription-message API, with MongoDB (the in-process server), Redis and WireMock in a harness JVM
# (OutboxBench, in api's test sources). Two scenarios, printed as a Markdown table (and saved under
# bench/results/):
#   rate  - RATE_MESSAGES (1500) messages with the channel limited to RATE (50) per second: the rate WeChat sees;
#   drain - DRAIN_MESSAGES (100000) queued messages, no limit, INSTANCES (1) api processes: first to last send.
# WECHAT_DELAY_MS (5) is WireMock's answer time. Needs the build (make build) for api's compiled test classes.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -B -q -pl api -am -DskipTests test-compile
./mvnw -B -q -pl api dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
mkdir -p bench/results
out="bench/results/outbox-$(date -u +%Y%m%dT%H%M%SZ).md"
java -Xmx2g -cp "api/target/test-classes:api/target/classes:$(cat api/target/bench.classpath)" \
  cn.villagecounsel.api.notification.OutboxBench | tee "$out"
echo "Saved to $out"
