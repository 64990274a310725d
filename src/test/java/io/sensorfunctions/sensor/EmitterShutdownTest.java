package io.sensorfunctions.sensor;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stop leaves the emitter stopped: no tick after shutdown begins, so none re-creates the job (Micronaut's scheduler
 * fetches a job's bean at each tick), which would send through a producer being closed, or an open one, a step again.
 */
@IntegrationTest
class EmitterShutdownTest {

    @Test
    void noTickAfterTheStopBeginsSendsThroughAClosingProducer() throws Exception {
        Map<String, Object> props = TestKafka.isolated("emitter-shutdown");
        props.put("functions", "emitter,registry");
        props.put("sensors.interval", "2ms");
        props.put("sensors.initial-delay", "0s");
        String topic = props.get("topics.readings").toString();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(SensorEmitterJob.class);
        FunctionsInstance instance = FunctionsInstance.start(props);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> TestKafka.endOffsets(topic) >= 800);
            appender.start();
            logger.addAppender(appender);
            // As the application's shutdown hook stops it (Application.closeWithin): the context, not only the server.
            instance.context().close();
        } finally {
            instance.close();
            logger.detachAppender(appender);
        }
        List<String> duringStop = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(duringStop).as("what the emitter logged while the instance stopped")
            .noneMatch(line -> line.contains("sends failed"));
    }
}
