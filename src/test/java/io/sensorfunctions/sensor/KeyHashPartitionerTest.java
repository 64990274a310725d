package io.sensorfunctions.sensor;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyHashPartitionerTest {

    private static int[] spread(int partitions, boolean crc32) {
        int[] counts = new int[partitions];
        for (int i = 0; i < 8; i++) {
            byte[] key = ("sensor" + i).getBytes(StandardCharsets.UTF_8);
            counts[crc32 ? KeyHashPartitioner.crc32Partition(key, partitions) : Utils.toPositive(Utils.murmur2(key)) % partitions]++;
        }
        return counts;
    }

    @Test
    void crc32PutsTheGuidesSensorsWhereLibrdkafkaDoes() {
        // The producer output printed in Hopsworks' Kafka guide (2021): sensor0-3 on partition 0, sensor4-7 on partition 1 of 2.
        int[] partitions = IntStream.range(0, 8)
            .map(i -> KeyHashPartitioner.crc32Partition(("sensor" + i).getBytes(StandardCharsets.UTF_8), 2)).toArray();
        assertThat(partitions).containsExactly(0, 0, 0, 0, 1, 1, 1, 1);
    }

    @Test
    void crc32SpreadsTheDefaultFleetTwoPerPartitionOnFour() {
        assertThat(spread(4, true)).containsExactly(2, 2, 2, 2);
    }

    @Test
    void murmur2IsKafkasJavaDefaultAndSpreadsTheFleetUnevenly() {
        assertThat(spread(2, false)).containsExactly(8, 0);
        assertThat(spread(4, false)).containsExactly(6, 0, 2, 0);
    }

    @Test
    void unknownHashIsAConfigError() {
        KeyHashPartitioner partitioner = new KeyHashPartitioner();
        assertThatThrownBy(() -> partitioner.configure(Map.of(KeyHashPartitioner.HASH_CONFIG, "fnv1a")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("partitioner.hash")
            .hasMessageContaining("crc32 or murmur2");
    }
}
