package io.sensorfunctions.reader;

import io.sensorfunctions.testkit.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Static membership (KIP-345), opt-in per group with Kafka's own key, {@code kafka.consumers.<group>.group.instance.id}
 * (env {@code KAFKA_CONSUMERS_SENSOR_READERS_GROUP_INSTANCE_ID}, from the pod name or StatefulSet ordinal): a reader
 * restarted with the same instance id within {@code session.timeout.ms} gets its own partitions back, and the other
 * members of the group see no rebalance at all.
 */
@IntegrationTest
class StaticMembershipTest {

    @Test
    void aReaderRestartedWithItsInstanceIdGetsItsPartitionsBackWithoutRebalancingTheOthers() {
        try (ReaderInstances instances = new ReaderInstances("static-members")) {
            String key = "kafka.consumers." + instances.groupId() + ".group.instance.id";
            ReaderInstances.Instance first = instances.reader(Map.of(key, "reader-0"));
            await().atMost(Duration.ofSeconds(30)).until(() -> first.partitions().size() == 4);
            ReaderInstances.Instance second = instances.reader(Map.of(key, "reader-1"));
            await().atMost(Duration.ofSeconds(30)).until(() -> first.partitions().size() == 2 && second.partitions().size() == 2);
            List<String> secondsPartitions = second.partitions();
            Object firstsHistory = first.assignments().get("history");

            second.stop();
            ReaderInstances.Instance restarted = instances.reader(Map.of(key, "reader-1"));
            await().atMost(Duration.ofSeconds(30)).until(() -> restarted.partitions().size() == 2);

            assertThat(restarted.partitions()).as("the same partitions come back").containsExactlyInAnyOrderElementsOf(secondsPartitions);
            assertThat(first.assignments().get("history")).as("the other member saw no rebalance").isEqualTo(firstsHistory);
            assertThat(first.partitions()).hasSize(2);

            instances.hub.produce(5);
            await().atMost(Duration.ofSeconds(30)).until(() -> first.consumed() + restarted.consumed() == 40);
        }
    }
}
