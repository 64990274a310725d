package io.sensorfunctions.kafka;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class GroupProtocolConfigurerTest {

    private static Properties classicDefaults(String protocol) {
        Properties config = new Properties();
        config.put("group.protocol", protocol);
        config.put("partition.assignment.strategy", "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
        config.put("heartbeat.interval.ms", "500");
        config.put("session.timeout.ms", "10000");
        config.put("auto.offset.reset", "earliest");
        return config;
    }

    @Test
    void theConsumerProtocolDropsTheKeysKafkaRefusesThere() {
        Properties config = classicDefaults("CONSUMER");
        GroupProtocolConfigurer.apply(config);
        assertThat(config).containsOnlyKeys("group.protocol", "auto.offset.reset").containsEntry("group.protocol", "consumer");
    }

    @Test
    void theClassicProtocolKeepsThem() {
        Properties config = classicDefaults("classic");
        GroupProtocolConfigurer.apply(config);
        assertThat(config).hasSize(5);
    }
}
