package io.sensorfunctions.reader;

import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer-group lessons of the tutorials in docs/background.md (Aiven's, the consumer-groups article, the
 * kafka-python notes, Hopsworks'), each proven with reader instances of this project
 * on a real broker: readers in one group split the partitions, an extra reader idles, a crashed consumer's partitions
 * resume from the last committed offset, two groups each read everything, and {@code auto.offset.reset} decides
 * where a new group starts. The default topic has 4 partitions, and crc32 puts 2 of the 8 sensors on each.
 */
@IntegrationTest
class ConsumerGroupLessonsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static List<Integer> sizes(List<ReaderInstances.Instance> readers) {
        return readers.stream().map(r -> r.partitions().size()).sorted().toList();
    }

    @Test
    void readersInOneGroupSplitThePartitionsAndAFifthIdles() {
        try (ReaderInstances instances = new ReaderInstances("split")) {
            List<ReaderInstances.Instance> readers = new ArrayList<>();
            readers.add(instances.reader());
            readers.add(instances.reader());
            await().atMost(WAIT).untilAsserted(() -> assertThat(sizes(readers)).containsExactly(2, 2));

            readers.add(instances.reader());
            await().atMost(WAIT).untilAsserted(() -> assertThat(sizes(readers)).containsExactly(1, 1, 2));

            readers.add(instances.reader());
            readers.add(instances.reader());
            await().atMost(WAIT).untilAsserted(() -> assertThat(sizes(readers)).containsExactly(0, 1, 1, 1, 1));

            instances.hub.produce(2);
            await().atMost(WAIT).untilAsserted(() -> assertThat(readers.stream().mapToLong(ReaderInstances.Instance::consumed).sum()).isEqualTo(16));
            readers.stream().filter(r -> r.partitions().isEmpty()).forEach(idle -> assertThat(idle.consumed()).as("the idle reader").isZero());
            readers.stream().filter(r -> !r.partitions().isEmpty()).forEach(busy -> assertThat(busy.consumed()).as("two sensors per partition").isEqualTo(4));

            Map<String, Object> group = instances.hub.group(instances.groupId());
            assertThat(group).containsEntry("state", "Stable").containsEntry("assignor", "cooperative-sticky");
            assertThat((List<?>) group.get("members")).hasSize(5);
            await().atMost(WAIT).untilAsserted(() -> assertThat(instances.hub.group(instances.groupId())).containsEntry("totalLag", 0));
        }
    }

    @Test
    void aGracefulStopHandsPartitionsOverAtOnceAndCommitsFirst() {
        try (ReaderInstances instances = new ReaderInstances("handover")) {
            ReaderInstances.Instance first = instances.reader();
            await().atMost(WAIT).until(() -> first.partitions().size() == 4);
            ReaderInstances.Instance second = instances.reader();
            await().atMost(WAIT).until(() -> first.partitions().size() == 2 && second.partitions().size() == 2);

            instances.hub.produce(3);
            await().atMost(WAIT).until(() -> first.consumed() + second.consumed() == 24);
            // How fast partitions move after a graceful leave is a figure the benchmark prints (infra/bench/run.sh).
            second.stop();
            await().atMost(WAIT).until(() -> first.partitions().size() == 4);

            instances.hub.produce(1);
            await().atMost(WAIT).until(() -> TestKafka.committed(instances.groupId()) == TestKafka.endOffsets(instances.topic()));
            assertThat(first.consumed()).as("the committed offsets reached the log end; nothing was read twice").isEqualTo(12 + 8);
            assertThat(first.assignments().get("history").toString()).contains("revoked").contains("sinceRevokeMs");
        }
    }

    /**
     * A consumer reads everything but commits only the first half, then dies without committing (close with
     * auto-commit off): the reader that takes over resumes from the last commit and re-reads only the second half.
     */
    @Test
    void aCrashedConsumersPartitionsResumeFromTheLastCommittedOffset() throws Exception {
        try (ReaderInstances instances = new ReaderInstances("crash")) {
            instances.hub.produce(4);
            Map<TopicPartition, OffsetAndMetadata> half = new HashMap<>();
            try (KafkaConsumer<byte[], byte[]> crashing = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, instances.groupId(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                crashing.subscribe(List.of(instances.topic()));
                List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
                await().atMost(WAIT).until(() -> {
                    crashing.poll(Duration.ofMillis(100)).forEach(read::add);
                    return read.size() == 32;
                });
                read.stream().filter(r -> r.offset() < 4)
                    .forEach(r -> half.merge(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1),
                        (a, b) -> a.offset() > b.offset() ? a : b));
                crashing.commitSync(half);
            }
            assertThat(half.values().stream().mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(16);

            ReaderInstances.Instance survivor = instances.reader();
            await().atMost(WAIT).until(() -> TestKafka.committed(instances.groupId()) == 32);
            assertThat(survivor.consumed()).as("only the uncommitted half is read again").isEqualTo(16);
        }
    }

    @Test
    void twoGroupsEachReadEverythingWithTheirOwnOffsets() throws Exception {
        try (ReaderInstances instances = new ReaderInstances("two-groups")) {
            instances.hub.produce(2);
            ReaderInstances.Instance readers = instances.reader();
            ReaderInstances.Instance auditors = instances.reader(Map.of("reader.group-id", instances.groupId() + "-audit"));

            await().atMost(WAIT).until(() -> readers.consumed() == 16 && auditors.consumed() == 16);
            await().atMost(WAIT).until(() -> TestKafka.committed(instances.groupId()) == 16 && TestKafka.committed(instances.groupId() + "-audit") == 16);
            assertThat(readers.partitions()).hasSize(4);
            assertThat(auditors.partitions()).hasSize(4);
        }
    }

    @Test
    void aNewGroupOnLatestSkipsWhatCameBeforeAndEarliestReadsIt() {
        try (ReaderInstances instances = new ReaderInstances("reset")) {
            instances.hub.produce(2);
            await().atMost(WAIT).until(() -> TestKafka.endOffsets(instances.topic()) == 16);
            ReaderInstances.Instance earliest = instances.reader(Map.of("reader.group-id", instances.groupId() + "-earliest"));
            ReaderInstances.Instance latest = instances.reader(Map.of("reader.group-id", instances.groupId() + "-latest",
                "reader.auto-offset-reset", "latest"));
            // latest positions at the log end once the group has assigned the partitions; produce only after that.
            await().atMost(WAIT).until(() -> earliest.consumed() == 16 && latest.partitions().size() == 4);

            instances.hub.produce(1);
            await().atMost(WAIT).until(() -> earliest.consumed() == 24
                && TestKafka.committed(instances.groupId() + "-latest") == TestKafka.endOffsets(instances.topic()));
            assertThat(latest.consumed()).as("latest read only what came after it joined").isEqualTo(8);
        }
    }
}
