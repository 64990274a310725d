package io.sensorfunctions.reader;

import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.configuration.kafka.exceptions.DefaultKafkaListenerExceptionHandler;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerException;
import io.micronaut.configuration.kafka.exceptions.KafkaListenerExceptionHandler;
import io.micronaut.context.annotation.Property;
import io.sensorfunctions.Function;
import io.sensorfunctions.RequiresFunction;
import io.sensorfunctions.avro.SensorReading;
import io.sensorfunctions.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.NoOffsetForPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader function: consumes every reading of its group's partitions and commits synchronously once a polled
 * batch is processed ({@link OffsetStrategy#SYNC}), never before. Group id and {@code auto.offset.reset} come from
 * {@link ReaderConfiguration}.
 */
@KafkaListener(
    groupId = "${reader.group-id}",
    clientId = "sensor-reader",
    offsetStrategy = OffsetStrategy.SYNC,
    properties = @Property(name = ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, value = "${reader.auto-offset-reset}"))
@RequiresFunction(Function.READER)
class SensorReadingListener implements KafkaListenerExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SensorReadingListener.class);

    private final SensorReadings readings;
    private final ReaderStatus status;
    private final ReaderConfiguration configuration;
    private final DefaultKafkaListenerExceptionHandler fallback;

    SensorReadingListener(SensorReadings readings, ReaderStatus status, ReaderConfiguration configuration,
                          DefaultKafkaListenerExceptionHandler fallback) {
        this.readings = readings;
        this.status = status;
        this.configuration = configuration;
        this.fallback = fallback;
    }

    @Topic(Topics.READINGS)
    void receive(ConsumerRecord<String, SensorReading> record) {
        SensorReading reading = record.value();
        readings.record(reading);
        LOG.info("Consumed {} = {} at {} from {} [{}] offset {}", reading.getId(), reading.getValue(),
            reading.getTimestamp(), record.topic(), record.partition(), record.offset());
    }

    /**
     * With {@code auto.offset.reset=none} and no committed offset, every poll throws. Rather than spin on that, the
     * consumer is woken up, which makes micronaut-kafka close it; the reason stays visible in the log and in
     * {@code /health}.
     */
    @Override
    public void handle(KafkaListenerException exception) {
        if (exception.getCause() instanceof NoOffsetForPartitionException noOffset) {
            String reason = "consumer group '" + configuration.groupId() + "' has no committed offset for "
                + noOffset.partitions() + " and auto.offset.reset=none, so the reader stopped. Set "
                + "READER_AUTO_OFFSET_RESET=earliest or latest, or commit offsets first (kafka-consumer-groups "
                + "--reset-offsets --group " + configuration.groupId() + ").";
            if (status.fail(reason)) {
                LOG.error("Reader stopped: {}", reason);
            }
            exception.getKafkaConsumer().wakeup();
            return;
        }
        fallback.handle(exception);
    }
}
