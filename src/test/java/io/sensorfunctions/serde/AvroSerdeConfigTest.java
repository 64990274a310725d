package io.sensorfunctions.serde;

import io.micronaut.configuration.kafka.config.KafkaConsumerConfiguration;
import io.micronaut.configuration.kafka.config.KafkaProducerConfiguration;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class AvroSerdeConfigTest {

    @Test
    void defaultsFollowConfluent() {
        AvroSerdeConfig config = AvroSerdeConfig.from(Map.of("schema.registry.url", "http://r:8081/"), false);
        assertThat(config.registryUrls()).containsExactly("http://r:8081");
        assertThat(config.autoRegister()).isTrue();
        assertThat(config.useLatestVersion()).isFalse();
        assertThat(config.specificReader()).isFalse();
        assertThat(config.subjectStrategy()).isEqualTo(SubjectNameStrategy.TOPIC_NAME);
        assertThat(config.userInfo()).isNull();
    }

    @Test
    void acceptsConfluentStrategyClassNames() {
        AvroSerdeConfig config = AvroSerdeConfig.from(Map.of("schema.registry.url", "http://r",
            "key.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"), true);
        assertThat(config.subjectStrategy()).isEqualTo(SubjectNameStrategy.TOPIC_RECORD_NAME);
    }

    @Test
    void takesCredentialsFromTheUrlOrFromUserInfo() {
        AvroSerdeConfig fromUrl = AvroSerdeConfig.from(Map.of("schema.registry.url", "https://avnadmin:p%40ss@sr.example:12346"), false);
        assertThat(fromUrl.userInfo()).isEqualTo("avnadmin:p@ss");
        assertThat(fromUrl.registryUrls()).containsExactly("https://sr.example:12346");
        assertThat(AvroSerdeConfig.from(Map.of("schema.registry.url", "https://u:a+b@sr.example"), false).userInfo())
            .as("a plus in user info is a plus, not a space").isEqualTo("u:a+b");

        AvroSerdeConfig userInfo = AvroSerdeConfig.from(Map.of("schema.registry.url", "https://sr.example",
            "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "key:secret"), false);
        assertThat(userInfo.userInfo()).isEqualTo("key:secret");
    }

    @Test
    void badSettingsNameTheirKey() {
        assertThatThrownBy(() -> AvroSerdeConfig.from(Map.of(), false)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> AvroSerdeConfig.from(Map.of("schema.registry.url", "http://r", "auto.register.schemas", "yes"), false))
            .isInstanceOf(ConfigException.class).hasMessageContaining("auto.register.schemas");
        assertThatThrownBy(() -> AvroSerdeConfig.from(Map.of("schema.registry.url", "http://r", "value.subject.name.strategy", "Nope"), false))
            .isInstanceOf(ConfigException.class).hasMessageContaining("value.subject.name.strategy");
        assertThatThrownBy(() -> AvroSerdeConfig.from(Map.of("schema.registry.url", "http://r", "basic.auth.credentials.source", "USER_INFO"), false))
            .isInstanceOf(ConfigException.class).hasMessageContaining("basic.auth.user.info");
    }

    /**
     * The README's swap to Confluent's serializer is one setting for both Avro producers, and serde settings under
     * {@code kafka.*} reach every client: the two producers and the listeners' consumers.
     */
    @Test
    void theDocumentedSwapReachesBothAvroProducersAndSharedSettingsReachEveryClient() {
        Map<String, Object> props = TestKafka.isolated("serializer-swap");
        props.put("functions", "registry");
        props.put("kafka.producers.sensor-emitter.value.serializer", "io.confluent.kafka.serializers.KafkaAvroSerializer");
        props.put("kafka.basic.auth.credentials.source", "USER_INFO");
        props.put("kafka.basic.auth.user.info", "key:secret");
        try (ApplicationContext context = ApplicationContext.run(props)) {
            for (String producer : new String[]{"sensor-emitter", "sensor-alerter"}) {
                Map<Object, Object> config = context.getBean(KafkaProducerConfiguration.class, Qualifiers.byName(producer)).getConfig();
                assertThat(config).as(producer)
                    .containsEntry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "io.confluent.kafka.serializers.KafkaAvroSerializer")
                    .containsEntry("basic.auth.user.info", "key:secret")
                    .containsEntry(ProducerConfig.ACKS_CONFIG, "all");
            }
            Map<Object, Object> consumers = context.getBean(KafkaConsumerConfiguration.class, Qualifiers.byName("default")).getConfig();
            assertThat(consumers).containsEntry("basic.auth.user.info", "key:secret");
        }
    }
}
