package io.sensorfunctions.sensor;

import io.micronaut.core.annotation.ReflectiveAccess;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Utils;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;

/**
 * Chooses a record's partition from its key with a configurable hash ({@code partitioner.hash}):
 * <ul>
 *   <li>{@code crc32}: CRC-32 of the key bytes modulo the partition count, as librdkafka's default
 *       {@code consistent_random} partitioner does. librdkafka sits under Confluent's Python, Go and .NET clients, so
 *       this puts every key where the Python producer of Hopsworks' guide to external Python Kafka clients puts it
 *       (sensor0-3 on partition 0, sensor4-7 on 1 of 2).</li>
 *   <li>{@code murmur2}: Kafka's Java default, {@code toPositive(murmur2(key)) % partitions}.</li>
 * </ul>
 * Records without a key go to a random partition, as in librdkafka.
 */
@ReflectiveAccess
public class KeyHashPartitioner implements Partitioner {

    /** Producer property choosing the hash: {@code crc32} (default) or {@code murmur2}. */
    public static final String HASH_CONFIG = "partitioner.hash";

    private boolean crc32 = true;

    @Override
    public void configure(Map<String, ?> configs) {
        Object hash = configs.get(HASH_CONFIG);
        if (hash == null) {
            return;
        }
        switch (hash.toString().trim().toLowerCase(Locale.ROOT)) {
            case "crc32", "consistent_random" -> crc32 = true;
            case "murmur2", "murmur2_random" -> crc32 = false;
            default -> throw new ConfigException(HASH_CONFIG, hash, "must be crc32 or murmur2");
        }
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        int partitions = cluster.partitionCountForTopic(topic);
        if (keyBytes == null || keyBytes.length == 0) {
            return ThreadLocalRandom.current().nextInt(partitions);
        }
        return crc32 ? crc32Partition(keyBytes, partitions) : Utils.toPositive(Utils.murmur2(keyBytes)) % partitions;
    }

    /**
     * @param keyBytes   serialized key
     * @param partitions partition count, at least 1
     * @return {@code crc32(keyBytes) mod partitions}, the partition librdkafka picks
     */
    static int crc32Partition(byte[] keyBytes, int partitions) {
        CRC32 crc = new CRC32();
        crc.update(keyBytes);
        return (int) (crc.getValue() % partitions);
    }

    @Override
    public void close() {
        // Holds no resources.
    }
}
