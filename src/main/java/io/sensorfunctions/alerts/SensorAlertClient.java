package io.sensorfunctions.alerts;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.sensorfunctions.avro.SensorAlert;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Producer of the alerts topic; settings under {@code kafka.producers.sensor-alerter} (acks=all, idempotence, Avro). */
@KafkaClient(id = SensorAlertClient.ID)
interface SensorAlertClient {

    String ID = "sensor-alerter";

    /**
     * Blocks until the broker acknowledged the alert, so the reading's offset is committed only after its alerts are
     * stored.
     *
     * @param topic the alerts topic ({@code topics.alerts}), resolved once by the caller rather than per send from a
     *              placeholder (see {@code SensorReadingClient})
     * @throws org.apache.kafka.common.KafkaException when the alert cannot be written
     */
    RecordMetadata send(@Topic String topic, @KafkaKey String sensorId, SensorAlert alert);
}
