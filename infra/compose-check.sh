#!/usr/bin/env bash
# infra/compose.yaml run for real on a Docker engine, as a deployer runs it: the broker, our registry, the emitter, the
# trigger, the alerts and the dashboard, one reader scaled to three, then one reader killed with SIGKILL.
#   docker build -f infra/docker/Dockerfile -t sensor-functions . && infra/compose-check.sh
# It checks that the three readers share the partitions, that the killed one's partitions move to the others, and
# that no reading is lost: once the emitter stops, the group's committed offsets reach the log end and every reading
# in the topic is in some reader's audit file. It prints one summary line and exits 0 only when all of that holds.
# CLUSTER=true runs it on infra/compose.cluster.yaml's three brokers instead: the readers scaled to three, the emitter
# stopped, then a burst of 16,000 readings through the trigger, and mid-burst the container of the broker that leads
# sensor-readings partition 0 (asked of our REST proxy) killed with SIGKILL and started again. Every reading of the
# burst must be acknowledged, none failed, and the topic must hold each reading once, every one processed.
# COMPOSE picks the command (default: "docker compose" if the engine's client has it, else Debian's docker-compose
# 1.29); KAFKA_IMAGE and SENSOR_FUNCTIONS_IMAGE pick the images, as in compose.yaml. It stops all it started.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${COMPOSE:-}" ]; then
  if docker compose version > /dev/null 2>&1; then COMPOSE="docker compose"; else COMPOSE=docker-compose; fi
fi
project=sensor-functions-check
dir=$PWD/target/compose-check
files=(-f infra/compose.yaml)
if [ "${CLUSTER:-false}" = true ]; then
  project=sensor-functions-cluster-check
  dir=$PWD/target/compose-cluster-check
  files+=(-f infra/compose.cluster.yaml)
fi
TIMEOUT=${TIMEOUT:-120}
rm -rf "$dir"
mkdir -p "$dir/audit"
chmod 777 "$dir/audit"
export OPERATOR_PASSWORD=${OPERATOR_PASSWORD:-compose-check-$$}

# What the check adds to compose.yaml: each reader appends what it processed to a file on the host, which survives
# the kill ($$ is compose's escape: the container sees ${HOSTNAME}, which Micronaut resolves).
cat > "$dir/override.yaml" <<EOF
services:
  reader:
    environment:
      READER_AUDIT_FILE: /audit/\$\${HOSTNAME}.audit
    volumes: ["$dir/audit:/audit"]
EOF

compose() { $COMPOSE -p "$project" "${files[@]}" -f "$dir/override.yaml" "$@"; }
cleanup() {
  compose logs --no-color > "$dir/compose.log" 2>&1 || true
  compose down -v --remove-orphans > /dev/null 2>&1 || true
}
trap cleanup EXIT
fail() { echo "compose-check FAILED: $*; logs in $dir/compose.log" >&2; exit 1; }

# GET /groups/sensor-readers through the trigger's published port: members, their partitions, offsets and lag.
group() { curl -fsS --max-time 5 http://localhost:8082/groups/sensor-readers; }
# Applies a jq filter to the group's JSON; prints its value, or nothing when the call fails.
ask() { group 2>/dev/null | jq -r "$1" 2>/dev/null || true; }
members_owning_all() {
  ask 'if ([.members[].partitions | length] | add) == 4 and all(.members[]; (.partitions | length) > 0) then (.members | length) else 0 end'
}
# Waits up to TIMEOUT seconds for a command to print the expected value.
wait_for() {
  local expected=$1 what=$2; shift 2
  local deadline=$((SECONDS + TIMEOUT))
  until [ "$("$@")" = "$expected" ]; do
    [ $SECONDS -lt $deadline ] || fail "$what: not within $TIMEOUT s (last: $("$@"))"
    sleep 0.5
  done
}

# On three brokers, the functions the check needs and no more: a 2-core machine that also runs the alerts and the
# dashboard starves the KRaft controller, which then fences every broker at once.
services=()
[ "${CLUSTER:-false}" = true ] && services=(registry emitter trigger reader rest-proxy)
compose up -d "${services[@]}" > "$dir/up.log" 2>&1 || { cat "$dir/up.log" >&2; fail "compose up"; }
wait_for 1 "one reader owns all 4 partitions" members_owning_all

compose up -d --no-recreate --scale reader=3 reader > "$dir/scale.log" 2>&1 || { cat "$dir/scale.log" >&2; fail "scale to 3"; }
wait_for 3 "three readers share the 4 partitions" members_owning_all
shares=$(ask '[.members[].partitions | length] | sort | reverse | map(tostring) | join("/")')

if [ "${CLUSTER:-false}" = true ]; then
  # The emitter stops first, so that the burst's readings are all that is written from here on.
  compose stop emitter > /dev/null 2>&1
  wait_for 0 "the readers catch up with the emitter" ask 'if all(.partitions[]; .committedOffset != null) then .totalLag else -1 end'
  before=$(ask '[.partitions[].logEndOffset] | add')
  operator=(-u "operator:$OPERATOR_PASSWORD")
  burst=$(curl -fsS --max-time 10 "${operator[@]}" -H 'Content-Type: application/json' -d '{"events": 2000, "delayMs": 5}' \
    http://localhost:8082/produce | jq -r .id)
  progress() { curl -fsS --max-time 5 "${operator[@]}" "http://localhost:8082/produce/$burst" 2>/dev/null | jq -r "$1" 2>/dev/null || true; }
  at_least() { [ "$(progress .produced)" -ge "$1" ] 2>/dev/null && echo yes || echo no; }
  wait_for yes "a quarter of the burst acknowledged" at_least 4000
  # Our REST proxy says which broker leads the partition (GET /topics/{topic}/partitions/{partition}, Confluent v2).
  leader=$(curl -fsS --max-time 5 http://localhost:8086/topics/sensor-readings/partitions/0 | jq -r .leader)
  case "$leader" in 1) broker=kafka ;; 2|3) broker=kafka-$leader ;; *) fail "no leader for sensor-readings-0: $leader" ;; esac
  killed_at=$(date +%s%N)
  compose kill -s KILL "$broker" > /dev/null 2>&1
  wait_for yes "half the burst acknowledged with broker $leader down" at_least 8000
  compose start "$broker" > /dev/null 2>&1
  back_ms=$(( ($(date +%s%N) - killed_at) / 1000000 ))
  wait_for true "the burst done" progress .done
  produced=$(progress .produced)
  failed=$(progress .failed)
  [ "$failed" -eq 0 ] || fail "$failed readings of the burst failed: $(progress .lastError)"
  [ "$produced" -eq 16000 ] || fail "the burst acknowledged $produced of 16000 readings"
else
  # SIGKILL the reader that owns the most partitions: no revoke, no commit, no leave; the group notices after
  # session.timeout.ms (10 s, application.yml).
  victim=$(ask '.members | max_by(.partitions | length) | .clientId | ltrimstr("sensor-reader-")')
  container=$(docker ps -q --no-trunc | grep "^$victim" | head -n 1)
  [ -n "$container" ] || fail "no container for reader $victim"
  killed_at=$(date +%s%N)
  docker kill --signal KILL "$container" > /dev/null
  wait_for 2 "the killed reader's partitions move to the other two" members_owning_all
  moved_ms=$(( ($(date +%s%N) - killed_at) / 1000000 ))

  # A finite stream: stop the emitter (it flushes what it has), then every acknowledged reading must be processed.
  compose stop emitter > /dev/null 2>&1
fi
wait_for 0 "committed offsets reach the log end" ask 'if all(.partitions[]; .committedOffset != null) then .totalLag else -1 end'
records=$(ask '[.partitions[].logEndOffset] | add')
[ "${records:-0}" -gt 0 ] || fail "no readings in the topic"
lines=$(cat "$dir"/audit/*.audit | wc -l)
distinct=$(cut -d' ' -f1,2 "$dir"/audit/*.audit | sort -u | wc -l)
lost=$((records - distinct))
duplicates=$((lines - distinct))

if [ "${CLUSTER:-false}" = true ]; then
  printf 'compose-check (3 brokers): readers 3, broker %s (leader of sensor-readings-0) killed mid-burst and back after %d.%01d s, ' \
    "$leader" $((back_ms / 1000)) $((back_ms % 1000 / 100))
  printf 'burst acknowledged %d failed %d, records %d (%d before the burst), lost %d, duplicates in the topic %d\n' \
    "$produced" "$failed" "$records" "$before" "$lost" $((records - before - produced))
  [ $((records - before)) -eq "$produced" ] || fail "the topic gained $((records - before)) records for $produced acknowledged"
else
  printf 'compose-check: readers 1->3, partitions per reader %s, moved %d.%01d s after kill -9, records %d, lost %d, duplicates %d\n' \
    "$shares" $((moved_ms / 1000)) $((moved_ms % 1000 / 100)) "$records" "$lost" "$duplicates"
fi
[ "$lost" -eq 0 ] || fail "$lost readings were never processed"
