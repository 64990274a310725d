package io.sensorfunctions.dashboard;

import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.sensorfunctions.avro.SensorAlert;
import io.sensorfunctions.avro.SensorReading;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import io.sensorfunctions.serde.AvroDecodeException;
import io.sensorfunctions.serde.AvroDecoders;
import io.sensorfunctions.serde.AvroValueDecoder;
import io.sensorfunctions.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Feeds the dashboard from the topics themselves, in a consumer group of its own per instance
 * ({@code uniqueGroupId}): it sees every sensor, whichever reader owns which partition, starts at the live end, and
 * commits nothing. Two listeners, because readings and alerts need different Avro reader classes.
 *
 * <p>A view, not a processor: a record it cannot decode is left out of the charts with a DEBUG line; the
 * reader and alerts functions dead-letter such records.
 */
final class DashboardListener {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardListener.class);

    private DashboardListener() {
    }

    private static <T> Optional<T> decode(AvroValueDecoder<T> decoder, ConsumerRecord<byte[], byte[]> record) {
        try {
            return Optional.of(decoder.decode(record.topic(), record.value()));
        } catch (AvroDecodeException e) {
            LOG.debug("Dashboard leaves out {} [{}] offset {}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return Optional.empty();
        }
    }

    @KafkaListener(groupId = "sensor-dashboard", uniqueGroupId = true, clientId = "sensor-dashboard-readings",
        offsetReset = OffsetReset.LATEST, offsetStrategy = OffsetStrategy.DISABLED)
    @RequiresFunction(EventFunction.DASHBOARD)
    static class Readings {
        private final LiveFeed feed;
        private final AvroValueDecoder<SensorReading> decoder;

        Readings(LiveFeed feed, AvroDecoders decoders) {
            this.feed = feed;
            this.decoder = decoders.forType(SensorReading.class);
        }

        @Topic(Topics.READINGS)
        void receive(ConsumerRecord<byte[], byte[]> record) {
            decode(decoder, record).ifPresent(feed::add);
        }
    }

    /** Reads {@code read_committed}: an alert shows once the alerts function's transaction commits it, and only then. */
    @KafkaListener(groupId = "sensor-dashboard-alerts", uniqueGroupId = true, clientId = "sensor-dashboard-alerts",
        offsetReset = OffsetReset.LATEST, offsetStrategy = OffsetStrategy.DISABLED, isolation = IsolationLevel.READ_COMMITTED)
    @RequiresFunction(EventFunction.DASHBOARD)
    static class Alerts {
        private final LiveFeed feed;
        private final AvroValueDecoder<SensorAlert> decoder;

        Alerts(LiveFeed feed, AvroDecoders decoders) {
            this.feed = feed;
            this.decoder = decoders.forType(SensorAlert.class);
        }

        @Topic(Topics.ALERTS)
        void receive(ConsumerRecord<byte[], byte[]> record) {
            decode(decoder, record).ifPresent(feed::add);
        }
    }
}
