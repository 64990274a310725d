#!/usr/bin/env bash
# Where our reader and trigger spend their time under load, with JDK Flight Recorder (no agent to install):
#
#   infra/bench/profile.sh reader     # drains RECORDS readings with FUNCTIONS=reader
#   infra/bench/profile.sh trigger    # one POST /produce burst of RECORDS readings
#
# It starts a broker and a registry as run.sh does, records the function with -XX:StartFlightRecording (settings
# "profile"), and prints JDK 25's `jfr view hot-methods` and `allocation-by-class` of the recording, written to
# target/bench/<function>.jfr for JDK Mission Control.
set -euo pipefail
cd "$(dirname "$0")/../.."
FUNCTION=${1:?usage: infra/bench/profile.sh reader|trigger}
RECORDS=${RECORDS:-2400000}
OUT=${BENCH_OUT:-target/bench}
PORT=19592
REGISTRY_PORT=18590
JFR=$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -n 1)/bin/jfr
mkdir -p "$OUT"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

./mvnw -q -B package test-compile -DskipTests
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CP="target/test-classes:target/classes:$(cat "$OUT/classpath.txt")"
java -Xmx1g -cp "$CP" io.sensorfunctions.devkafka.DevKafka "$PORT" > "$OUT/profile-broker.log" 2>&1 &
pids+=($!)
for _ in $(seq 240); do grep -q READY "$OUT/profile-broker.log" && break; sleep 0.5; done
export KAFKA_BOOTSTRAP_SERVERS=localhost:$PORT SCHEMA_REGISTRY_URL=http://localhost:$REGISTRY_PORT
FUNCTIONS=registry MICRONAUT_SERVER_PORT=$REGISTRY_PORT java -Xmx256m -jar target/sensor-functions.jar > "$OUT/profile-registry.log" 2>&1 &
pids+=($!)
for _ in $(seq 240); do curl -sf "$SCHEMA_REGISTRY_URL/health" >/dev/null && break; sleep 0.5; done

TOPIC=profile-readings-$$
RECORDING="-XX:StartFlightRecording=settings=profile,filename=$OUT/$FUNCTION.jfr,dumponexit=true"
if [ "$FUNCTION" = reader ]; then
  java -cp "$CP" io.sensorfunctions.bench.RawClients produce "$KAFKA_BOOTSTRAP_SERVERS" "$TOPIC" "$RECORDS" "$SCHEMA_REGISTRY_URL" 2>/dev/null | grep RESULT
  FUNCTIONS=reader MICRONAUT_SERVER_PORT=18591 TOPICS_READINGS=$TOPIC READER_GROUP_ID=profile-$$ \
    java -Xmx512m "$RECORDING" -jar target/sensor-functions.jar > "$OUT/profile-reader.log" 2>&1 &
  pid=$!
  until curl -s "localhost:18591/groups/profile-$$" 2>/dev/null | grep -q '"totalLag":0'; do sleep 1; done
else
  FUNCTIONS=trigger MICRONAUT_SERVER_PORT=18591 TOPICS_READINGS=$TOPIC TRIGGER_MAX_EVENTS=$((RECORDS / 8)) \
    java -Xmx512m "$RECORDING" -jar target/sensor-functions.jar > "$OUT/profile-trigger.log" 2>&1 &
  pid=$!
  until curl -sf localhost:18591/health >/dev/null; do sleep 0.5; done
  id=$(curl -s -H 'Content-Type: application/json' -d "{\"events\": $((RECORDS / 8)), \"delayMs\": 0}" localhost:18591/produce \
    | sed 's/.*"id":"\([^"]*\)".*/\1/')
  until curl -s "localhost:18591/produce/$id" | grep -q '"done":true'; do sleep 0.5; done
fi
kill "$pid"; wait "$pid" 2>/dev/null || true
"$JFR" view --width 160 hot-methods "$OUT/$FUNCTION.jfr"
"$JFR" view --width 160 allocation-by-class "$OUT/$FUNCTION.jfr"
