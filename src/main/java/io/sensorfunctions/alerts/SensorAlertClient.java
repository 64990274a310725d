package io.sensorfunctions.alerts;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.sensorfunctions.avro.SensorAlert;
import io.sensorfunctions.topics.Topics;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Producer of the alerts topic; settings under {@code kafka.producers.sensor-alerts} (acks=all, idempotence, Avro). */
@KafkaClient(id = SensorAlertClient.ID)
interface SensorAlertClient {

    String ID = "sensor-alerts";

    /**
     * Blocks until the broker acknowledged the alert, so the reading's offset is committed only after its alerts are
     * stored.
     *
     * @throws org.apache.kafka.common.KafkaException when the alert cannot be written
     */
    @Topic(Topics.ALERTS)
    RecordMetadata send(@KafkaKey String sensorId, SensorAlert alert);
}
