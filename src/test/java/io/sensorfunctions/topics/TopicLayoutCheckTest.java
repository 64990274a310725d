package io.sensorfunctions.topics;

import io.sensorfunctions.topics.TopicLayoutCheck.Layout;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the startup check says about topics that exist with fewer replicas or another cleanup.policy than we ask for. */
class TopicLayoutCheckTest {

    private static final NewTopic READINGS = new NewTopic("sensor-readings", Optional.of(4), Optional.empty());
    private static final NewTopic CHANGELOG = new NewTopic("sensor-alerters-detector-changelog", Optional.of(4), Optional.empty())
        .configs(Map.of("cleanup.policy", "compact"));

    @Test
    void aTopicWithFewerReplicasThanTheClusterDefaultIsNamedWithWhatItHasAndWhatWeWant() {
        List<String> lines = TopicLayoutCheck.differences(List.of(READINGS), Map.of("sensor-readings", new Layout(1, "delete")), 3);
        assertThat(lines).singleElement().asString()
            .startsWith("Topic sensor-readings has 1 replica per partition, fewer than the 3 asked for "
                + "(topics.replication-factor=-1: the cluster's default.replication.factor)")
            .contains("kafka-reassign-partitions");
    }

    @Test
    void anExplicitReplicationFactorIsComparedEvenWhenTheClusterDefaultIsUnknown() {
        NewTopic asked = new NewTopic("sensor-readings", Optional.of(4), Optional.of((short) 3));
        assertThat(TopicLayoutCheck.differences(List.of(asked), Map.of("sensor-readings", new Layout(2, "delete")), null))
            .singleElement().asString().startsWith("Topic sensor-readings has 2 replicas per partition, fewer than the 3 asked for "
                + "(topics.replication-factor=3)");
        assertThat(TopicLayoutCheck.differences(List.of(READINGS), Map.of("sensor-readings", new Layout(1, "delete")), null))
            .as("-1 on a cluster whose default may not be read: nothing to compare with").isEmpty();
    }

    @Test
    void anotherCleanupPolicyIsNamedWithTheCommandThatFixesIt() {
        List<String> lines = TopicLayoutCheck.differences(List.of(READINGS, CHANGELOG), Map.of(
            "sensor-readings", new Layout(3, "compact"),
            "sensor-alerters-detector-changelog", new Layout(3, "delete")), 3);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("Topic sensor-readings has cleanup.policy=compact, but we create it with cleanup.policy=delete;"
            + " compaction keeps only each key's last record. Fix it with kafka-configs --alter --entity-type topics --entity-name "
            + "sensor-readings --add-config cleanup.policy=delete");
        assertThat(lines.get(1)).startsWith("Topic sensor-alerters-detector-changelog has cleanup.policy=delete, but we create it with "
            + "cleanup.policy=compact; retention may drop state that is still needed");
    }

    @Test
    void topicsAsAskedOrNotDescribedGiveNoLine() {
        assertThat(TopicLayoutCheck.differences(List.of(READINGS, CHANGELOG), Map.of(
            "sensor-readings", new Layout(3, "delete"),
            "sensor-alerters-detector-changelog", new Layout(4, "compact")), 3)).isEmpty();
        assertThat(TopicLayoutCheck.differences(List.of(READINGS), Map.of(), 3)).as("not described (ACLs)").isEmpty();
        assertThat(TopicLayoutCheck.differences(List.of(READINGS), Map.of("sensor-readings", new Layout(3, null)), 3))
            .as("configs not readable").isEmpty();
    }

    @Test
    void aReplicationFactorOfZeroIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new TopicsConfiguration("r", 4, "a", 4, "c", "_schemas", (short) 0))
            .hasMessageContaining("topics.replication-factor (TOPICS_REPLICATION_FACTOR) is 0");
        assertThat(new TopicsConfiguration("r", 4, "a", 4, "c", "_schemas", (short) -1).replication()).isEmpty();
        assertThat(new TopicsConfiguration("r", 4, "a", 4, "c", "_schemas", (short) 3).replication()).contains((short) 3);
    }
}
