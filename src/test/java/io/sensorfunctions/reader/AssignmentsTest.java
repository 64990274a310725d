package io.sensorfunctions.reader;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AssignmentsTest {

    private Instant now = Instant.parse("2026-11-21T20:00:00Z");
    private final Assignments assignments = new Assignments(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    private static List<TopicPartition> partitions(int... numbers) {
        return Arrays.stream(numbers).mapToObj(n -> new TopicPartition("readings", n)).toList();
    }

    @Test
    void tracksOwnedPartitionsInOrderAndTimesRevokeToReassignment() {
        assignments.assigned(partitions(3, 1, 0, 2));
        assertThat(assignments.current()).containsExactly("readings-0", "readings-1", "readings-2", "readings-3");

        assignments.revoked(partitions(2, 3));
        now = now.plus(Duration.ofMillis(420));
        assignments.assigned(partitions());
        assignments.assigned(partitions(2));

        Assignments.View view = assignments.view("group", "client");
        assertThat(view.partitions()).containsExactly("readings-0", "readings-1", "readings-2");
        assertThat(view.history()).extracting(Assignments.Event::kind).containsExactly("assigned", "assigned", "revoked", "assigned");
        assertThat(view.history().get(0).sinceRevokeMs()).as("the first non-empty assignment after the revoke").isEqualTo(420);
        assertThat(view.history().get(1).sinceRevokeMs()).as("an empty assignment is not a handover").isNull();
        assertThat(assignments.ownedPartitions()).containsExactly(0, 1, 2);
    }

    @Test
    void lostPartitionsLeaveAndHistoryIsBounded() {
        assignments.assigned(partitions(0, 1));
        assignments.lost(partitions(1));
        assertThat(assignments.current()).containsExactly("readings-0");
        for (int i = 0; i < Assignments.HISTORY + 10; i++) {
            assignments.assigned(partitions());
        }
        assertThat(assignments.view("g", "c").history()).hasSize(Assignments.HISTORY);
    }
}
