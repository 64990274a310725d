#!/usr/bin/env bash
# Starts and stops extra reader instances against the dev run's broker and registry (./mvnw mn:run), each on its own
# HTTP port, so the partitions of sensor-readings can be watched moving between them.
#
#   infra/local/readers.sh start N [FIRST_PORT]   start N readers on ports FIRST_PORT.. (default 8081)
#   infra/local/readers.sh status                 list the running ones and their partitions
#   infra/local/readers.sh stop                   SIGTERM them all: each commits, leaves the group, and exits
#
# Uses KAFKA_BOOTSTRAP_SERVERS (default localhost:9092) and SCHEMA_REGISTRY_URL (default http://localhost:8080).
# Pids and logs live in target/local-readers/. The jar is built first if it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

state=target/local-readers
mkdir -p "$state"

jar() {
  if [ ! -f target/sensor-functions.jar ]; then
    echo "building the jar (./mvnw -q -B package -DskipTests) ..." >&2
    ./mvnw -q -B package -DskipTests >&2
  fi
  echo target/sensor-functions.jar
}

start() {
  local count=${1:?usage: readers.sh start N [FIRST_PORT]} first=${2:-8081} jarfile port
  jarfile=$(jar)
  for ((i = 0; i < count; i++)); do
    port=$((first + i))
    if [ -f "$state/reader-$port.pid" ] && kill -0 "$(cat "$state/reader-$port.pid")" 2>/dev/null; then
      echo "reader on :$port is already running (pid $(cat "$state/reader-$port.pid"))"
      continue
    fi
    FUNCTIONS=reader MICRONAUT_SERVER_PORT=$port \
      KAFKA_BOOTSTRAP_SERVERS=${KAFKA_BOOTSTRAP_SERVERS:-localhost:9092} \
      SCHEMA_REGISTRY_URL=${SCHEMA_REGISTRY_URL:-http://localhost:8080} \
      nohup java -jar "$jarfile" >"$state/reader-$port.log" 2>&1 &
    echo $! >"$state/reader-$port.pid"
    echo "reader on :$port started (pid $!, log $state/reader-$port.log)"
  done
  for ((i = 0; i < count; i++)); do
    port=$((first + i))
    for _ in $(seq 1 60); do
      curl -fs "localhost:$port/health" >/dev/null 2>&1 && break
      kill -0 "$(cat "$state/reader-$port.pid")" 2>/dev/null || { echo "reader on :$port exited; see $state/reader-$port.log" >&2; exit 1; }
      sleep 0.5
    done
  done
  status
}

status() {
  local pidfile port
  for pidfile in "$state"/reader-*.pid; do
    [ -e "$pidfile" ] || { echo "no readers started"; return; }
    port=${pidfile##*/reader-}; port=${port%.pid}
    if kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo ":$port pid $(cat "$pidfile") partitions $(curl -fs "localhost:$port/assignments" | sed -E 's/.*"partitions":(\[[^]]*\]).*/\1/' || echo '?')"
    else
      echo ":$port not running (stale pid file)"
    fi
  done
}

stop() {
  local pidfile pid
  for pidfile in "$state"/reader-*.pid; do
    [ -e "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && { echo "pid $pid did not stop within 15 s; sending SIGKILL"; kill -KILL "$pid"; }
    fi
    rm -f "$pidfile"
    echo "stopped ${pidfile##*/}"
  done
}

case "${1:-}" in
  start) shift; start "$@" ;;
  status) status ;;
  stop) stop ;;
  *) sed -n '2,11p' "$0"; exit 2 ;;
esac
