package io.sensorfunctions.trigger;

/**
 * A validated burst: the HTTP form of the seed's {@code avro_producer.py -e EVENTS -d DELAY -t START}.
 *
 * @param events  steps to produce; each step is one reading per sensor
 * @param delayMs pause between steps, ms
 * @param start   first step, or null to continue the fleet's step
 */
record ProduceRequest(long events, long delayMs, Long start) {
}
