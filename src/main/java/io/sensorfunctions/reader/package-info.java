/**
 * The reader function, the Avro consumer of Hopsworks' guide to external Python Kafka clients (2021) as a service: a
 * {@code @KafkaListener} in the consumer group {@code reader.group-id} (default {@code sensor-readers}) reads {@code
 * sensor-readings}, keeps a rolling window per sensor ({@code GET /readings}: min, max, mean), and commits after
 * processing. It shows its partitions and rebalances ({@code GET /assignments}) and moves them on request ({@code POST
 * /readers/seek}: beginning, end, a time, offsets). Instances with the same group id split the partitions. It writes
 * only to {@code sensor-readings.DLT}, through the {@code listener} runtime, which hands it to {@code deadletter}.
 */
package io.sensorfunctions.reader;
