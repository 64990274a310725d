#!/usr/bin/env bash
# Start time, memory and start-up CPU of every function, as deployed, in four packagings: the JVM image's container
# (-m 384m), the README's `java -jar target/sensor-functions.jar` (the default java, -Xmx256m), the native image's
# container (-m 384m) and the native executable (target/sensor-functions, -Xmx256m). See docs/performance.md.
#
#   infra/bench/startup.sh                            # every function and packaging, 5 runs each after a warm-up
#   FUNCS=reader PACKAGINGS="container native-container" RUNS=3 infra/bench/startup.sh
#   PROFILE=true FUNCS=reader infra/bench/startup.sh  # where each container's start goes (async-profiler, below)
#
# Needs a Docker engine, the images (SENSOR_FUNCTIONS_IMAGE, default sensor-functions; SENSOR_FUNCTIONS_NATIVE_IMAGE,
# default sensor-functions:native), the executable (EXECUTABLE) for the packagings asked for, and a Kafka image (KAFKA_IMAGE,
# default the local stand-in sensor-functions-base/kafka:3.9.1 when present, else apache/kafka:3.9.1). It starts, on a
# network of its own, one broker (group.initial.rebalance.delay.ms=0, as in infra/compose.yaml) and a hub container
# (registry and emitter) that keeps readings coming, then each function alone, and reads from outside:
#   start   `docker run` (or the `java` command, or the executable) to the "Started functions" log line
#   ready   the same to the first 200 of /health/readiness, asked every 20 ms
#   first   the same to the function's first record: the reader's first reading at /readings, the first alert at
#           /alerts, the dashboard's first reading in /dashboard/snapshot, the emitter's first step in its log, the
#           first record of a trigger burst asked for when it is ready; "-" for the registry, which has none
#   memory  after STEADY seconds (30): `docker stats` memory for a container, VmRSS for a process, in MiB
#   cpu     the CPU time the process had used, all its threads together (/proc/<pid>/stat), when the "Started functions"
#           line was first seen, in ms: what the start costs, beside how long it took; read by a poll every 20 ms or
#           so, so it counts up to some tens of ms past the line
# and prints the median and range of RUNS runs per function and packaging. Everything it starts it stops by name/pid.
# PROFILE=true runs each function's container once more under async-profiler (wall clock, every 5 ms, per thread;
# tools.profiler:async-profiler from Maven Central), stops it gracefully so that the profile is written, and prints
# where its main thread spent the start, frame by frame down to PROFILE_MIN_MS (20) (infra/bench/startup-profile.py);
# target/bench/startup/<function>-<event>.txt holds every thread's collapsed stacks, for a flame graph.
# PROFILE_EVENT=itimer samples CPU time instead of the wall clock: the main thread's figure is then the CPU it used,
# and the other threads' (the JIT's C1 and C2 above all) show what it shared the two cores with.
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS=${RUNS:-5}
STEADY=${STEADY:-30}
FUNCS=${FUNCS:-"reader emitter trigger alerts registry dashboard"}
PACKAGINGS=${PACKAGINGS:-"container jar native-container native"}
IMAGE=${SENSOR_FUNCTIONS_IMAGE:-sensor-functions}
NATIVE_IMAGE=${SENSOR_FUNCTIONS_NATIVE_IMAGE:-sensor-functions:native}
JAR=${JAR:-target/sensor-functions.jar}
JAR_FLAGS=${JAR_FLAGS:-"-Xmx256m"}
EXECUTABLE=${EXECUTABLE:-target/sensor-functions}
NATIVE_FLAGS=${NATIVE_FLAGS:-"-Xmx256m"}
if [ -z "${KAFKA_IMAGE:-}" ]; then
  KAFKA_IMAGE=apache/kafka:3.9.1
  docker image inspect sensor-functions-base/kafka:3.9.1 >/dev/null 2>&1 && KAFKA_IMAGE=sensor-functions-base/kafka:3.9.1
fi
OUT=target/bench/startup
NET=sf-startup
PASSWORD=startup-bench
mkdir -p "$OUT"
containers=()
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for name in "${containers[@]}"; do docker rm -f "$name" >/dev/null 2>&1 || true; done
  docker network rm "$NET" >/dev/null 2>&1 || true
}
trap cleanup EXIT
docker image inspect "$IMAGE" >/dev/null || { echo "no image $IMAGE: build it as docs/deploy.md says" >&2; exit 1; }
for packaging in $PACKAGINGS; do
  case $packaging in
    jar) [ -f "$JAR" ] || { echo "no $JAR: ./mvnw -B package -DskipTests" >&2; exit 1; } ;;
    native) [ -x "$EXECUTABLE" ] || { echo "no $EXECUTABLE: ./mvnw -B -Pnative package -DskipTests" >&2; exit 1; } ;;
    native-container) docker image inspect "$NATIVE_IMAGE" >/dev/null || { echo "no image $NATIVE_IMAGE: build it as docs/deploy.md says" >&2; exit 1; } ;;
    container) ;;
    *) echo "unknown packaging $packaging: container, jar, native-container or native" >&2; exit 1 ;;
  esac
done
docker network rm "$NET" >/dev/null 2>&1 || true
docker network create "$NET" >/dev/null

now_ms() { date +%s%3N; }
wait_for() { local deadline=$((SECONDS + $1)); shift; until "$@"; do [ $SECONDS -lt $deadline ] || return 1; sleep 0.02; done; }

# The broker: one listener for the containers (kafka:9092) and one for the jar on this host (localhost:19092).
containers+=(sf-startup-kafka)
docker run -d --name sf-startup-kafka --network "$NET" --network-alias kafka -p 127.0.0.1:19092:19092 \
  -e KAFKA_NODE_ID=1 -e KAFKA_PROCESS_ROLES=broker,controller \
  -e KAFKA_LISTENERS=PLAINTEXT://:9092,HOST://:19092,CONTROLLER://:9093 \
  -e KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://kafka:9092,HOST://localhost:19092 \
  -e KAFKA_LISTENER_SECURITY_PROTOCOL_MAP=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,HOST:PLAINTEXT \
  -e KAFKA_CONTROLLER_LISTENER_NAMES=CONTROLLER -e KAFKA_CONTROLLER_QUORUM_VOTERS=1@kafka:9093 \
  -e KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR=1 -e KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR=1 \
  -e KAFKA_TRANSACTION_STATE_LOG_MIN_ISR=1 -e KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS=0 \
  "$KAFKA_IMAGE" >/dev/null
broker_up() { docker exec sf-startup-kafka /opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server localhost:9092 >/dev/null 2>&1; }
wait_for 120 broker_up || { docker logs sf-startup-kafka 2>&1 | tail -20 >&2; exit 1; }

# What every function is given: the broker, the hub's registry, an operator (the serde registers schemas), an alert
# on every change, readings from the first step on.
common=(KAFKA_BASIC_AUTH_CREDENTIALS_SOURCE=USER_INFO "KAFKA_BASIC_AUTH_USER_INFO=operator:$PASSWORD"
  "SECURITY_USERS_OPERATOR_PASSWORD=$PASSWORD" SECURITY_USERS_OPERATOR_ROLES=operator
  ALERTS_JUMP=0.000001 SENSORS_INITIAL_DELAY=0s)
env_flags() { for setting in "${common[@]}" "$@"; do printf -- '-e\n%s\n' "$setting"; done; }

containers+=(sf-startup-hub)
mapfile -t flags < <(env_flags FUNCTIONS=emitter,registry KAFKA_BOOTSTRAP_SERVERS=kafka:9092 SCHEMA_REGISTRY_URL=http://localhost:8080)
docker run -d --name sf-startup-hub --network "$NET" --network-alias hub -p 127.0.0.1:18100:8080 -m 384m "${flags[@]}" \
  "$IMAGE" >/dev/null
wait_for 120 curl -sf -o /dev/null http://localhost:18100/health/readiness || { docker logs sf-startup-hub 2>&1 | tail -20 >&2; exit 1; }

# The first record of each function, as seen from outside; true once it is there.
first_seen() {
  local function=$1 port=$2 log=$3
  case $function in
    reader) curl -sf "http://localhost:$port/readings" | grep -q '"count"' ;;
    alerts) curl -sf "http://localhost:$port/alerts" | grep -q '"kind"' ;;
    dashboard) curl -sf "http://localhost:$port/dashboard/snapshot" | grep -q '"v"' ;;
    emitter) grep -q "Emitter at step" "$log" ;;
    trigger)
      [ -n "${burst:-}" ] || burst=$(curl -sf -D - -o /dev/null -u "operator:$PASSWORD" -H 'Content-Type: application/json' \
        -d '{"events": 8, "delayMs": 0, "start": 0}' "http://localhost:$port/produce" | tr -d '\r' | awk 'tolower($1) == "location:" {print $2}')
      [ -n "$burst" ] && curl -sf "http://localhost:$port$burst" | grep -qv '"produced":0[,}]' ;;
  esac
}

# Milliseconds from $2 (epoch ms) to the log's "Started functions" line; docker logs -t stamps each line.
# (The log is read into a file first: grep -m1 stopping early would end docker logs by SIGPIPE, a failure here.)
started_in_container() {
  docker logs -t "$1" > "$OUT/stamped.log" 2>&1
  grep -m1 "Started functions" "$OUT/stamped.log" | cut -d' ' -f1 | xargs -I{} date -d {} +%s%3N
}
started_in_log() { grep -m1 "Started functions" "$1" | cut -c1-12 | xargs -I{} date -d "$(date +%F) {}" +%s%3N; }

# CPU time of process $1 so far, all threads, in ms (utime + stime; the fields after the command's parentheses).
cpu_ms() { awk -v tick="$(getconf CLK_TCK)" '{sub(/.*\) /, ""); printf "%d", ($12 + $13) * 1000 / tick}' "/proc/$1/stat"; }

# One run; prints "start ready first memory cpu" (ms ms ms MiB ms).
run() {
  local function=$1 packaging=$2 n=$3 port=$((18200 + $3 % 500)) t0 ready="" first="" started memory cpu="" pid burst=""
  local name="sf-startup-$function-$n" log="$OUT/$function-$packaging-$n.log"
  local per_run=(FUNCTIONS="$function" READER_GROUP_ID="startup-reader-$n-$$" ALERTS_GROUP_ID="startup-alerts-$n-$$")
  [ "$function" != registry ] || first="-"
  local image=$IMAGE command=(java $JAR_FLAGS -jar "$JAR")
  [ "$packaging" != native-container ] || image=$NATIVE_IMAGE
  [ "$packaging" != native ] || command=("$EXECUTABLE" $NATIVE_FLAGS)
  if [[ $packaging == *container ]]; then
    mapfile -t flags < <(env_flags "${per_run[@]}" KAFKA_BOOTSTRAP_SERVERS=kafka:9092 SCHEMA_REGISTRY_URL=http://hub:8080)
    containers+=("$name")
    t0=$(now_ms)
    docker run -d --name "$name" --network "$NET" -p "127.0.0.1:$port:8080" -m 384m "${flags[@]}" "$image" >/dev/null
    docker logs -f "$name" > "$log" 2>&1 &
    # The JVM image's entrypoint is java itself; the native image's shell entrypoint execs the executable.
    pid=$(docker inspect -f '{{.State.Pid}}' "$name")
  else
    t0=$(now_ms)
    env "${common[@]}" "${per_run[@]}" KAFKA_BOOTSTRAP_SERVERS=localhost:19092 SCHEMA_REGISTRY_URL=http://localhost:18100 \
      MICRONAUT_SERVER_PORT=$port MICRONAUT_SECURITY_ENABLED=true "${command[@]}" > "$log" 2>&1 &
    pid=$!
    pids+=("$pid")
  fi
  local deadline=$((SECONDS + 60))
  while { [ -z "$ready" ] || [ -z "$first" ] || [ -z "$cpu" ]; } && [ $SECONDS -lt $deadline ]; do
    [ -n "$cpu" ] || ! grep -qs "Started functions" "$log" || cpu=$(cpu_ms "$pid")
    [ -n "$ready" ] || ! curl -sf -o /dev/null "http://localhost:$port/health/readiness" || ready=$(( $(now_ms) - t0 ))
    [ -n "$first" ] || ! first_seen "$function" "$port" "$log" || first=$(( $(now_ms) - t0 ))
    sleep 0.02
  done
  while [ $(( $(now_ms) - t0 )) -lt $((STEADY * 1000)) ]; do sleep 0.5; done
  if [[ $packaging == *container ]]; then
    started=$(( $(started_in_container "$name") - t0 ))
    memory=$(docker stats --no-stream --format '{{.MemUsage}}' "$name" | awk '{v=$1; u=v; gsub(/[0-9.]/, "", u); sub(/[A-Za-z]+$/, "", v);
      printf "%d", (u == "GiB" ? v * 1024 : u == "KiB" ? v / 1024 : v)}')
    docker rm -f "$name" >/dev/null
  else
    started=$(( $(started_in_log "$log") - t0 ))
    memory=$(awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$pid/status")
    kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  fi
  echo "$started ${ready:-timeout} ${first:-timeout} $memory ${cpu:-timeout}"
}

stats() { sort -n | awk '{a[NR]=$1} END {if (a[1]=="-") {print "-"; exit} printf "%s (%s-%s)", a[int((NR+1)/2)], a[1], a[NR]}'; }

if [ "${PROFILE:-false}" = true ]; then
  version=4.0
  ./mvnw -B -q dependency:get -Dartifact="tools.profiler:async-profiler:$version:jar:linux-x64" >/dev/null
  profiler="$OUT/async-profiler"
  rm -rf "$profiler"; mkdir -p "$profiler"
  unzip -q -j -o "$HOME/.m2/repository/tools/profiler/async-profiler/$version/async-profiler-$version-linux-x64.jar" \
    linux-x64/libasyncProfiler.so -d "$profiler"
  chmod -R a+rwX "$profiler"   # the image runs as uid 10001, which writes the profile here
  event=${PROFILE_EVENT:-wall}
  for function in $FUNCS; do
    name="sf-startup-profile-$function" port=18199
    rm -f "$profiler/$event.txt"
    mapfile -t flags < <(env_flags FUNCTIONS="$function" READER_GROUP_ID="profile-reader-$$" ALERTS_GROUP_ID="profile-alerts-$$" \
      KAFKA_BOOTSTRAP_SERVERS=kafka:9092 SCHEMA_REGISTRY_URL=http://hub:8080 \
      "JAVA_TOOL_OPTIONS=-agentpath:/profiler/libasyncProfiler.so=start,event=$event,interval=5ms,threads,collapsed,file=/profiler/$event.txt")
    containers+=("$name")
    docker run -d --name "$name" --network "$NET" -p "127.0.0.1:$port:8080" -m 384m -v "$(pwd)/$profiler:/profiler" \
      "${flags[@]}" "$IMAGE" >/dev/null
    wait_for 60 curl -sf -o /dev/null "http://localhost:$port/health/readiness" || { docker logs "$name" 2>&1 | tail -20 >&2; exit 1; }
    docker stop -t 30 "$name" >/dev/null
    docker logs "$name" > "$OUT/$function-profiled.log" 2>&1
    docker rm -f "$name" >/dev/null
    cp "$profiler/$event.txt" "$OUT/$function-$event.txt"
    echo "== $function ($event): $(grep -o 'Started functions.*' "$OUT/$function-profiled.log")"
    python3 infra/bench/startup-profile.py "$OUT/$function-$event.txt" "${PROFILE_MIN_MS:-20}"
    [ "$event" = wall ] || python3 infra/bench/startup-profile.py --threads "$OUT/$function-$event.txt"
  done
  exit 0
fi

printf "| %-9s | %-16s | %-18s | %-18s | %-18s | %-14s | %-18s |\n" function packaging "start ms" "ready ms" "first record ms" \
  "memory MiB" "CPU to start ms"
printf "|%s|\n" "-----------|------------------|--------------------|--------------------|--------------------|----------------|--------------------"
n=0
for function in $FUNCS; do
  for packaging in $PACKAGINGS; do
    n=$((n + 1)); run "$function" "$packaging" $((n * 10)) >/dev/null   # warm-up: page cache, the broker's group code
    : > "$OUT/runs.txt"
    for i in $(seq "$RUNS"); do run "$function" "$packaging" $((n * 10 + i)) >> "$OUT/runs.txt"; done
    printf "| %-9s | %-16s | %-18s | %-18s | %-18s | %-14s | %-18s |\n" "$function" "$packaging" \
      "$(cut -d' ' -f1 "$OUT/runs.txt" | stats)" "$(cut -d' ' -f2 "$OUT/runs.txt" | stats)" \
      "$(cut -d' ' -f3 "$OUT/runs.txt" | stats)" "$(cut -d' ' -f4 "$OUT/runs.txt" | stats)" \
      "$(cut -d' ' -f5 "$OUT/runs.txt" | stats)"
  done
done
