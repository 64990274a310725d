#!/usr/bin/env bash
# Ours against the raw Kafka clients on this machine, in one command (see docs/performance.md):
#
#   infra/bench/run.sh                  # 3 interleaved repetitions of every case, about 10 minutes on 2 cores
#   BENCH_SMOKE=true infra/bench/run.sh # one short repetition: checks the benchmark works (CI), not the figures
#   BENCH_SECTIONS=produce,consume infra/bench/run.sh   # only those sections (consume and alerts need produce's records)
#   BENCH_SECTIONS=settings infra/bench/run.sh          # the consumer settings sweep (not in the default run)
#
# It builds the jar, starts one Kafka broker (in-process KRaft, from the project's own classpath, in a JVM of its own)
# and a registry function, then runs io.sensorfunctions.bench.Bench: produce, consume, alerts (exactly_once_v2 against
# at_least_once), latency, serde (JMH), rebalance and rest (the REST proxy); where ./mvnw -Pnative package has made target/sensor-functions, consume drains with its reader too. The
# table is printed and written to target/bench/results.txt, results.json and ratios.png.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${BENCH_OUT:-target/bench}
export BENCH_OUT=$OUT
PORT=${BENCH_BROKER_PORT:-19392}
KIP848_PORT=$((PORT + 1))
REGISTRY_PORT=${BENCH_REGISTRY_PORT:-18290}
mkdir -p "$OUT"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

echo "building the jar and the benchmark classes" >&2
./mvnw -q -B package test-compile -DskipTests
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CP="target/test-classes:target/classes:$(cat "$OUT/classpath.txt")"

# Two brokers. The first is a 3.9 broker as it comes (classic group coordinator), for produce, consume, latency and
# the classic rebalance rows. The second enables KIP-848's consumer protocol, which on 3.9 also switches to the new
# group coordinator: it batches offset commits (group.coordinator.append.linger.ms, 10 ms), which would bound both
# ours and the raw consumer by commit latency. Its session and heartbeat bounds are set to application.yml's classic
# settings (10 s, 500 ms), so the rebalance rows compare like with like.
start_broker() {
  local port=$1; shift
  java -Xmx1g -cp "$CP" io.sensorfunctions.devkafka.DevKafka "$port" "$@" > "$OUT/broker-$port.log" 2>&1 &
  pids+=($!)
}
start_broker "$PORT"
start_broker "$KIP848_PORT" group.coordinator.rebalance.protocols=classic,consumer \
  group.consumer.min.session.timeout.ms=10000 group.consumer.session.timeout.ms=10000 \
  group.consumer.min.heartbeat.interval.ms=500 group.consumer.heartbeat.interval.ms=500
for port in "$PORT" "$KIP848_PORT"; do
  for _ in $(seq 240); do grep -q READY "$OUT/broker-$port.log" && break; sleep 0.5; done
  grep -q READY "$OUT/broker-$port.log" || { cat "$OUT/broker-$port.log" >&2; exit 1; }
done

FUNCTIONS=registry MICRONAUT_SERVER_PORT=$REGISTRY_PORT KAFKA_BOOTSTRAP_SERVERS=localhost:$PORT \
  java -Xmx256m -jar target/sensor-functions.jar > "$OUT/registry.log" 2>&1 &
pids+=($!)
for _ in $(seq 240); do curl -sf "http://localhost:$REGISTRY_PORT/health" >/dev/null && break; sleep 0.5; done

# The native executable's reader drains too, when ./mvnw -Pnative package has made one (or BENCH_EXECUTABLE names one).
if [ -z "${BENCH_EXECUTABLE:-}" ] && [ -x target/sensor-functions ]; then
  export BENCH_EXECUTABLE=target/sensor-functions
fi
BENCH_BOOTSTRAP=localhost:$PORT BENCH_BOOTSTRAP_KIP848=localhost:$KIP848_PORT BENCH_REGISTRY=http://localhost:$REGISTRY_PORT \
  java -Xmx512m -cp "$CP" io.sensorfunctions.bench.Bench
