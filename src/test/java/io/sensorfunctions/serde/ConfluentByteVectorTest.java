package io.sensorfunctions.serde;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import static io.sensorfunctions.serde.OrderVector.CONFLUENT_BYTES;
import static io.sensorfunctions.serde.OrderVector.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pins the Confluent wire format with a reference vector ({@link OrderVector}), against the real registry function on a fresh
 * store, so the Order schema is id 1 as in Confluent's example.
 */
@IntegrationTest
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfluentByteVectorTest implements TestPropertyProvider {


    private Map<String, Object> props;

    @Override
    public Map<String, String> getProperties() {
        props = TestKafka.isolated("bytevector");
        props.put("functions", "registry");
        return TestKafka.strings(props);
    }

    private Map<String, Object> serdeConfig() {
        return Map.of("schema.registry.url", props.get("schema.registry.url"));
    }

    @Test
    void serializesOrderToConfluentsBytesAndReadsThemBack() {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(serdeConfig(), false);
        byte[] ours = serializer.serialize("orders", order());
        assertThat(HexFormat.of().formatHex(ours)).isEqualTo(CONFLUENT_BYTES);

        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(serdeConfig(), false);
        GenericRecord decoded = (GenericRecord) deserializer.deserialize("orders", HexFormat.of().parseHex(CONFLUENT_BYTES));
        assertThat(decoded.get("orderId").toString()).isEqualTo("o-1");
        assertThat(decoded.get("amountCents")).isEqualTo(1234);
        assertThat(decoded.get("note")).isNull();
    }

    @Test
    void deserializerNamesUnknownIdsAndTruncatedData() {
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(serdeConfig(), false);
        assertThatThrownBy(() -> deserializer.deserialize("orders", HexFormat.of().parseHex("00000003e7" + "06")))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("schema id 999");
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(serdeConfig(), false);
        serializer.serialize("orders", order());
        assertThatThrownBy(() -> deserializer.deserialize("orders", HexFormat.of().parseHex("00000000010a6f2d")))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("truncated");
    }

    @Test
    void lookupWithoutAutoRegisterRefusesAnUnregisteredSchema() {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        Map<String, Object> config = new HashMap<>(serdeConfig());
        config.put("auto.register.schemas", "false");
        serializer.configure(config, false);
        assertThatThrownBy(() -> serializer.serialize("unregistered", order()))
            .isInstanceOf(SerializationException.class)
            .hasMessageContaining("unregistered-value")
            .hasMessageContaining("40401");
    }
}
