#!/bin/sh
# The AOT cache's training run (JEP 483/514/515), inside the image build: the classes it loads and links, and the
# methods it profiles, are what the cache holds. So it runs the work a function does, not a failed start: a KRaft
# broker from the Kafka image's own jars (in this build stage only), then every function with security on against
# it, producing, consuming, alerting, serving its endpoints and a burst, until SIGTERM makes the JVM write the cache.
# The JVM's flags are the ENTRYPOINT's (the same argument file, class path and main class), or the cache is refused.
set -eu
cd /app
cat > /tmp/kraft.properties <<'PROPERTIES'
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:9093
listeners=PLAINTEXT://localhost:9092,CONTROLLER://localhost:9093
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=/tmp/kraft-data
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES
kafka() { java -Xmx384m -cp '/opt/kafka-libs/*' "$@"; }
kafka kafka.tools.StorageTool format -t "$(kafka kafka.tools.StorageTool random-uuid)" -c /tmp/kraft.properties > /dev/null
kafka kafka.Kafka /tmp/kraft.properties > /tmp/kafka.log 2>&1 &
broker=$!

user=trainer:training-only
FUNCTIONS=emitter,trigger,reader,alerts,registry,dashboard KAFKA_BOOTSTRAP_SERVERS=localhost:9092 \
  MICRONAUT_SECURITY_ENABLED=true SECURITY_USERS_TRAINER_PASSWORD=training-only SECURITY_USERS_TRAINER_ROLES=operator \
  KAFKA_BASIC_AUTH_CREDENTIALS_SOURCE=USER_INFO KAFKA_BASIC_AUTH_USER_INFO=$user SENSORS_INITIAL_DELAY=0s \
  java @jvm.args -XX:AOTCacheOutput=sensor-functions.aot -cp "sensor-functions.jar:lib/*" io.sensorfunctions.Application \
  > /tmp/training.log 2>&1 &
app=$!
fail() { echo "training run: $1" >&2; tail -30 /tmp/training.log >&2; kill "$app" "$broker" 2>/dev/null || true; exit 1; }
i=0
# A burst, once the trigger takes one (it answers 503 until its producer has reached the broker).
until curl -fs -o /dev/null -u $user -H 'Content-Type: application/json' -d '{"events": 200, "delayMs": 0, "start": 0}' http://localhost:8080/produce; do
  i=$((i + 1)); [ $i -lt 300 ] || fail "no burst accepted within 60 s"; sleep 0.2
done
# The reads every function serves, asked a few times so that their paths are profiled too, whatever they answer
# while the run warms up (/health is 503 until every listener has its partitions).
for round in 1 2 3 4 5 6 7 8 9 10; do
  for path in /readings /alerts /assignments /dashboard/snapshot /groups/sensor-readers /subjects /dlt /prometheus \
              /health /health/liveness /; do
    curl -sS -o /dev/null -u $user "http://localhost:8080$path" || fail "GET $path failed"
  done
  sleep 1
done
grep -q "Emitter at step" /tmp/training.log || fail "the emitter sent nothing"
kill -TERM "$app"
wait "$app" || true
kill -TERM "$broker"
wait "$broker" || true
test -s sensor-functions.aot || fail "no AOT cache written"
