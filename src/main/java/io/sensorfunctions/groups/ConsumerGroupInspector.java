package io.sensorfunctions.groups;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.sensorfunctions.topics.TopicPartitions;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A consumer group as the broker sees it, through Kafka's {@link AdminClient}: what
 * {@code kafka-consumer-groups --describe --members} and {@code --offsets} print together.
 */
@Singleton
public class ConsumerGroupInspector {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** One member: its id, client id, host, and the partitions it owns ({@code topic-partition}). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Member(String memberId, String clientId, String host, List<String> partitions) {
    }

    /** One partition the group reads or has offsets for; {@code lag} is log-end minus committed, null without a commit. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PartitionLag(String topic, int partition, @Nullable Long committedOffset, long logEndOffset, @Nullable Long lag,
                        @Nullable String memberId, @Nullable String clientId) {
    }

    /** {@code GET /groups/{groupId}}: state, assignor, coordinator, members, and per-partition offsets and lag. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Group(String groupId, String state, String assignor, String coordinator, List<Member> members,
                 List<PartitionLag> partitions, long totalLag) {
    }

    private final AdminClient admin;

    ConsumerGroupInspector(AdminClient admin) {
        this.admin = admin;
    }

    /**
     * @throws GroupNotFoundException when the broker knows no such group (no members, no committed offsets)
     * @throws GroupUnavailableException when the cluster does not answer within 10 s, or refuses
     */
    public Group describe(String groupId) {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(groupId)).describedGroups()
                .get(groupId).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (description.state() == ConsumerGroupState.DEAD && committed.isEmpty()) {
                throw new GroupNotFoundException(groupId);
            }
            Map<TopicPartition, MemberDescription> owners = new HashMap<>();
            description.members().forEach(m -> m.assignment().topicPartitions().forEach(tp -> owners.put(tp, m)));
            Set<TopicPartition> partitions = new HashSet<>(committed.keySet());
            partitions.addAll(owners.keySet());
            Map<TopicPartition, Long> logEnd = logEndOffsets(partitions);

            List<PartitionLag> rows = new ArrayList<>();
            long totalLag = 0;
            for (TopicPartition tp : partitions.stream().sorted(TopicPartitions.ORDER).toList()) {
                OffsetAndMetadata commit = committed.get(tp);
                Long committedOffset = commit == null ? null : commit.offset();
                Long lag = committedOffset == null ? null : Math.max(0, logEnd.get(tp) - committedOffset);
                totalLag += lag == null ? 0 : lag;
                MemberDescription owner = owners.get(tp);
                rows.add(new PartitionLag(tp.topic(), tp.partition(), committedOffset, logEnd.get(tp), lag,
                    owner == null ? null : owner.consumerId(), owner == null ? null : owner.clientId()));
            }
            List<Member> members = description.members().stream()
                .map(m -> new Member(m.consumerId(), m.clientId(), m.host(),
                    m.assignment().topicPartitions().stream().sorted(TopicPartitions.ORDER).map(TopicPartition::toString).toList()))
                .sorted(Comparator.comparing(Member::clientId).thenComparing(Member::memberId))
                .toList();
            return new Group(groupId, description.state().toString(), description.partitionAssignor(),
                description.coordinator() == null ? "none" : description.coordinator().host() + ":" + description.coordinator().port(),
                members, rows, totalLag);
        } catch (ExecutionException e) {
            throw new GroupUnavailableException("Kafka could not describe consumer group '" + groupId + "': " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new GroupUnavailableException("Kafka did not describe consumer group '" + groupId + "' within " + TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GroupUnavailableException("Interrupted describing consumer group '" + groupId + "'");
        }
    }

    private Map<TopicPartition, Long> logEndOffsets(Set<TopicPartition> partitions)
        throws ExecutionException, InterruptedException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
            .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** The broker has no members and no committed offsets for the group. */
    public static final class GroupNotFoundException extends RuntimeException {
        GroupNotFoundException(String groupId) {
            super("Consumer group '" + groupId + "' does not exist: the broker has no members and no committed offsets for it");
        }
    }

    /** The cluster did not describe the group in time, or refused to. */
    public static final class GroupUnavailableException extends RuntimeException {
        GroupUnavailableException(String reason) {
            super(reason);
        }
    }
}
