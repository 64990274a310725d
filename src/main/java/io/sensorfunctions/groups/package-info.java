/**
 * {@code GET /groups/{groupId}}: any consumer group as the broker sees it (members, assignment, committed and log-end
 * offsets, lag), read with Kafka's AdminClient, as Kafka's {@code kafka-consumer-groups --describe} shows it. Used by
 * the dashboard and the lag gauge too. It reads no topic's records.
 */
package io.sensorfunctions.groups;
