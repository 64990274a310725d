package io.sensorfunctions.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sensorfunctions.listener.RecordLogContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shipped logging configuration ({@link LogbackConfiguration}), switched by {@code LOG_FORMAT=json} ({@link LogFormat}): one JSON object per line,
 * the formatted message as a field, and a consumed record's coordinates as MDC fields; with the default, the text
 * pattern. An unknown format is refused by name.
 */
class JsonLogsTest {

    @Test
    void jsonLinesCarryTheRecordsTopicPartitionOffsetAndGroup() throws Exception {
        String out = logOneLine("json");
        JsonNode line = new ObjectMapper().readTree(out.lines().filter(l -> l.contains("dead-lettered")).findFirst().orElseThrow());
        assertThat(line.path("level").asText()).isEqualTo("WARN");
        assertThat(line.path("loggerName").asText()).isEqualTo("io.sensorfunctions.listener.RecordGuard");
        assertThat(line.path("formattedMessage").asText()).isEqualTo("reader: dead-lettered sensor-readings-2 offset 17");
        JsonNode mdc = line.path("mdc");
        assertThat(mdc.path("topic").asText()).isEqualTo("sensor-readings");
        assertThat(mdc.path("partition").asText()).isEqualTo("2");
        assertThat(mdc.path("offset").asText()).isEqualTo("17");
        assertThat(mdc.path("group").asText()).isEqualTo("sensor-readers");
    }

    @Test
    void textIsTheDefault() throws Exception {
        String out = logOneLine(null);
        assertThat(out).containsPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  \\[.*] RecordGuard - reader: dead-lettered sensor-readings-2 offset 17");
        assertThat(out).doesNotContain("{\"");
    }

    @Test
    void anUnknownFormatIsRefusedByName() {
        assertThatThrownBy(() -> LogFormat.apply("yaml")).hasMessage("LOG_FORMAT is 'yaml'; use json or text");
    }

    /** Configures a fresh logger context as the functions do and encodes one line with its root appender's encoder. */
    private static String logOneLine(String format) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        try {
            assertThat(new LogbackConfiguration().configure(context)).as("no logback file given, so it configures")
                .isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
            if ("json".equals(format)) {
                LogFormat.useJson(context);
            }
            Logger logger = context.getLogger("io.sensorfunctions.listener.RecordGuard");
            Iterator<Appender<ILoggingEvent>> appenders = context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
            Encoder<ILoggingEvent> encoder = ((ConsoleAppender<ILoggingEvent>) appenders.next()).getEncoder();
            assertThat(appenders.hasNext()).as("one console appender").isFalse();
            ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("sensor-readings", 2, 17, null, null);
            try (RecordLogContext ignored = RecordLogContext.of(record, "sensor-readers")) {
                LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN,
                    "reader: dead-lettered {}-{} offset {}", null, new Object[] {record.topic(), record.partition(), record.offset()});
                event.getMDCPropertyMap();
                return new String(encoder.encode(event), StandardCharsets.UTF_8);
            }
        } finally {
            context.stop();
        }
    }
}
