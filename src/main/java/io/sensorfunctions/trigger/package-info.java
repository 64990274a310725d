/**
 * The trigger function: {@code POST /produce} starts a burst of readings (the HTTP form of the Avro producer in
 * Hopsworks' guide to external Python Kafka clients (2021), {@code avro_producer.py -e EVENTS -d DELAY -t START})
 * written to {@code sensor-readings} through the emitter's publisher, and {@code GET /produce/{id}} reports its
 * progress. Bursts are bounded ({@code trigger.max-events}, {@code trigger.max-running}), and refused up front while no
 * broker answers.
 */
package io.sensorfunctions.trigger;
