#!/usr/bin/env bash
# Startup figures per function and per packaging, on this machine, against one running broker.
#
#   infra/bench/startup.sh                       # every function, 5 runs after a warm-up, 30 s of steady work each
#   FUNCS="reader emitter" RUNS=3 infra/bench/startup.sh
#
# Variants: jar (plain), aot (Micronaut AOT), aot-appcds (AOT + JDK 17 AppCDS archive), aot-cache25 (AOT + JDK 25's
# AOT cache, JEP 483/514/515). For each run it prints, from /proc and the log:
#   start   process start (/proc/<pid>/stat) to the "Started functions" line
#   first   process start to the first record produced (emitter) or consumed (reader, alerts)
#   rss     resident set size (/proc/<pid>/status VmRSS) after STEADY seconds of work, with the container's heap cap
# and then median and min-max per function and variant. KAFKA_BOOTSTRAP_SERVERS set: that broker is used; unset: a
# dev broker is started from the project's own classpath. A hub (emitter + registry, plain jar) keeps readings coming.
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS=${RUNS:-5}
STEADY=${STEADY:-30}
FUNCS=${FUNCS:-"emitter trigger reader alerts registry dashboard"}
VARIANTS=${VARIANTS:-"jar aot aot-appcds aot-cache25"}
# The container's flags: serial GC, heap from the memory limit (75 % of 256 MiB).
JVM_FLAGS=${JVM_FLAGS:-"-XX:+UseSerialGC -Xmx192m"}
JAVA17=${JAVA17:-java}
JAVA25=${JAVA25:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -n 1)/bin/java}
OUT=target/bench
mkdir -p "$OUT"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

echo "building the plain and the AOT jar" >&2
./mvnw -q -B package -DskipTests -Dmicronaut.aot.enabled=false
cp target/sensor-functions.jar "$OUT/plain.jar"
./mvnw -q -B package -DskipTests
cp target/sensor-functions.jar "$OUT/aot.jar"

if [ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]; then
  ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=compile -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
  java -cp "target/classes:$(cat "$OUT/classpath.txt")" io.sensorfunctions.devkafka.DevKafka 19092 > "$OUT/broker.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 120); do grep -q READY "$OUT/broker.log" && break; sleep 0.5; done
  export KAFKA_BOOTSTRAP_SERVERS=localhost:19092
fi
HUB=http://localhost:18100
FUNCTIONS=emitter,registry MICRONAUT_SERVER_PORT=18100 java -jar "$OUT/plain.jar" > "$OUT/hub.log" 2>&1 &
pids+=($!)
for _ in $(seq 120); do curl -sf "$HUB/health" >/dev/null && break; sleep 0.5; done

btime=$(awk '/^btime/ {print $2}' /proc/stat)
ticks=$(getconf CLK_TCK)
started_ms() { local since_boot; since_boot=$(awk '{print $22}' "/proc/$1/stat"); echo $(( btime * 1000 + since_boot * 1000 / ticks )); }
log_ms() { date -d "$(date +%F) $1" +%s%3N; }
# The log line that marks a function's first record: the emitter's first step sent, an alert written (every change
# is one, with ALERTS_JUMP below); the reader's first processed reading is the first line of its audit file.
first_pattern() {
  case $1 in
    emitter) echo "Emitter at step" ;;
    alerts) echo "Alert .* for sensor" ;;
    *) echo "" ;;
  esac
}

# java command for a variant; the archives are made by a training run first (see train).
command_for() {
  case $1 in
    jar) echo "$JAVA17 $JVM_FLAGS -jar $OUT/plain.jar" ;;
    aot) echo "$JAVA17 $JVM_FLAGS -jar $OUT/aot.jar" ;;
    aot-appcds) echo "$JAVA17 $JVM_FLAGS -XX:SharedArchiveFile=$OUT/$2-17.jsa -jar $OUT/aot.jar" ;;
    aot-cache25) echo "$JAVA25 $JVM_FLAGS -XX:AOTCache=$OUT/$2-25.aot -jar $OUT/aot.jar" ;;
  esac
}

# One run: prints "start first rss" in ms, ms and MB ("-" where the function has no record of its own).
run() {
  local function=$1 command=$2 n=$3
  local log="$OUT/$function-$n.log" pattern
  pattern=$(first_pattern "$function")
  env FUNCTIONS="$function" MICRONAUT_SERVER_PORT=$((18200 + n % 500)) SCHEMA_REGISTRY_URL=$HUB \
    READER_GROUP_ID="bench-reader-$n-$$" ALERTS_GROUP_ID="bench-alerts-$n-$$" TOPICS_SCHEMAS=_schemas \
    READER_AUDIT_FILE="$OUT/$function-$n.audit" ALERTS_JUMP=0.000001 SENSORS_INITIAL_DELAY=0s \
    $command > "$log" 2>&1 &
  local pid=$!
  local start_ms; start_ms=$(started_ms "$pid")
  local started="" first="" line deadline=$((SECONDS + 60))
  [ "$function" = reader ] || [ -n "$pattern" ] || first="-"
  while { [ -z "$started" ] || [ -z "$first" ]; } && [ $SECONDS -lt $deadline ]; do
    [ -n "$started" ] || started=$(grep -m1 "Started functions" "$log" | cut -c1-12 || true)
    if [ -z "$first" ] && [ "$function" = reader ]; then
      [ -s "$OUT/$function-$n.audit" ] && first=$(( $(date +%s%3N) - start_ms ))
    elif [ -z "$first" ]; then
      line=$(grep -m1 -E "$pattern" "$log" | cut -c1-12 || true)
      [ -n "$line" ] && first=$(( $(log_ms "$line") - start_ms ))
    fi
    sleep 0.02
  done
  first=${first:--}
  local until=$(( start_ms / 1000 + STEADY ))
  while [ "$(date +%s)" -lt $until ]; do sleep 0.5; done
  local rss; rss=$(awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$pid/status")
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  echo "$(( $(log_ms "$started") - start_ms )) $first $rss"
}

# Training runs write the class-data archives at exit.
train() {
  local function=$1
  [ -f "$OUT/$function-17.jsa" ] || { STEADY=10 run "$function" "$JAVA17 $JVM_FLAGS -XX:ArchiveClassesAtExit=$OUT/$function-17.jsa -jar $OUT/aot.jar" 9000 >/dev/null; }
  [ -f "$OUT/$function-25.aot" ] || { STEADY=10 run "$function" "$JAVA25 $JVM_FLAGS -XX:AOTCacheOutput=$OUT/$function-25.aot -jar $OUT/aot.jar" 9001 >/dev/null; }
}

stats() { sort -n | awk '{a[NR]=$1} END {if (a[1]=="-") {print "-"; exit} printf "%s (%s-%s)", a[int((NR+1)/2)], a[1], a[NR]}'; }

printf "%-10s %-12s %-22s %-22s %-16s\n" function variant "start ms" "first record ms" "RSS MB"
n=0
for function in $FUNCS; do
  train "$function"
  for variant in $VARIANTS; do
    command=$(command_for "$variant" "$function")
    n=$((n + 1)); run "$function" "$command" $((n * 10)) >/dev/null
    : > "$OUT/runs.txt"
    for i in $(seq "$RUNS"); do
      run "$function" "$command" $((n * 10 + i)) >> "$OUT/runs.txt"
    done
    printf "%-10s %-12s %-22s %-22s %-16s\n" "$function" "$variant" \
      "$(cut -d' ' -f1 "$OUT/runs.txt" | stats)" "$(cut -d' ' -f2 "$OUT/runs.txt" | stats)" "$(cut -d' ' -f3 "$OUT/runs.txt" | stats)"
  done
done
