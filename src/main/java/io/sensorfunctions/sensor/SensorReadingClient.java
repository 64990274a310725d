package io.sensorfunctions.sensor;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.sensorfunctions.avro.SensorReading;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.concurrent.CompletableFuture;

/**
 * Producer of the readings topic. Its settings (acks=all, idempotence, compression, the Avro serializer and the
 * partitioner) live under {@code kafka.producers.sensor-emitter} in {@code application.yml}.
 */
@KafkaClient(id = SensorReadingClient.ID)
public interface SensorReadingClient {

    String ID = "sensor-emitter";

    /**
     * @param topic    the readings topic ({@code topics.readings}), resolved once by the caller: a placeholder in
     *                 {@code @Topic} on the method is resolved again by micronaut-kafka 5.9 on every send, by regular
     *                 expression (docs/performance.md, "Why the hot paths look as they do")
     * @param sensorId record key; keeps each sensor on one partition
     * @param reading  the value, serialized in Confluent's Avro wire format
     * @return completes with the record's partition and offset once the broker acknowledged it
     */
    CompletableFuture<RecordMetadata> send(@Topic String topic, @KafkaKey String sensorId, SensorReading reading);
}
