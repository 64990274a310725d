package io.sensorfunctions.topics;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On a real broker: topics we create follow the broker's {@code default.replication.factor} (-1, the default), and a
 * topic that exists with another cleanup.policy than we ask for is named in one WARN at startup, while the instance
 * starts all the same. The replica check on a three-broker cluster is in {@code chaos.ClusterChaosIT}.
 */
@IntegrationTest
class ExistingTopicsTest {

    @Test
    void anExistingTopicWithAnotherCleanupPolicyIsNamedOnceAndNewTopicsFollowTheBrokerDefault() throws Exception {
        Map<String, Object> props = TestKafka.isolated("topic-layout");
        props.put("functions", "registry");
        String readings = props.get("topics.readings").toString();
        try (AdminClient admin = TestKafka.admin()) {
            admin.createTopics(List.of(new NewTopic(readings, 4, (short) 1).configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Logger logger = (Logger) LoggerFactory.getLogger(TopicLayoutCheck.class);
        logger.addAppender(appender);
        try (FunctionsInstance instance = FunctionsInstance.start(props)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> appender.list.stream().anyMatch(e -> e.getLevel() == Level.WARN));
            assertThat(appender.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage))
                .containsExactly("Topic " + readings + " has cleanup.policy=compact, but we create it with cleanup.policy=delete; "
                    + "compaction keeps only each key's last record. Fix it with kafka-configs --alter --entity-type topics "
                    + "--entity-name " + readings + " --add-config cleanup.policy=delete");
            assertThat(instance.isRunning()).isTrue();
            try (AdminClient admin = TestKafka.admin()) {
                String deadLetters = Topics.deadLetterOf(readings);
                TopicDescription created = admin.describeTopics(List.of(deadLetters)).allTopicNames().get().get(deadLetters);
                assertThat(created.partitions()).as("created by the instance, with the broker's default of 1 replica").hasSize(4)
                    .allSatisfy(p -> assertThat(p.replicas()).hasSize(1));
            }
        } finally {
            logger.detachAppender(appender);
        }
    }
}
