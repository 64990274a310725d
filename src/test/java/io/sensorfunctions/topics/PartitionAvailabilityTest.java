package io.sensorfunctions.topics;

import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code /health} says of partitions that cannot take a write while the cluster answers. */
class PartitionAvailabilityTest {

    private static final Node ONE = new Node(1, "b1", 9092);
    private static final Node TWO = new Node(2, "b2", 9092);
    private static final Node THREE = new Node(3, "b3", 9092);
    private static final List<Node> ALL = List.of(ONE, TWO, THREE);

    private static TopicPartitionInfo partition(int number, Node leader, List<Node> isr) {
        return new TopicPartitionInfo(number, leader, ALL, isr);
    }

    @Test
    void partitionsUnderMinInsyncReplicasAreNamedWithTheirCountsAndTheError() {
        TopicDescription readings = new TopicDescription("sensor-readings", false, List.of(
            partition(0, THREE, List.of(THREE)), partition(1, THREE, List.of(THREE)), partition(2, ONE, ALL)));
        assertThat(PartitionAvailability.problems(List.of(readings), Map.of("sensor-readings", 2))).containsExactly(
            "sensor-readings: partitions 0, 1 have 1 in-sync replica of 3, fewer than min.insync.replicas=2; acks=all writes fail "
                + "(NOT_ENOUGH_REPLICAS) until a broker returns");
    }

    @Test
    void aPartitionWithoutLeaderIsNamedEvenWhenMinInsyncReplicasIsUnknown() {
        TopicDescription schemas = new TopicDescription("_schemas", false, List.of(partition(0, null, List.of())));
        assertThat(PartitionAvailability.problems(List.of(schemas), Map.of())).containsExactly(
            "_schemas: partition 0 has no leader; reads and writes wait for a replica's broker");
    }

    @Test
    void enoughInSyncReplicasGiveNothing() {
        TopicDescription readings = new TopicDescription("sensor-readings", false, List.of(
            partition(0, ONE, List.of(ONE, TWO)), partition(1, TWO, ALL)));
        assertThat(PartitionAvailability.problems(List.of(readings), Map.of("sensor-readings", 2))).isEmpty();
    }
}
