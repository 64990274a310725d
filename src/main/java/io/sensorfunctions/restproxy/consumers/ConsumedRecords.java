package io.sensorfunctions.restproxy.consumers;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import io.sensorfunctions.kafka.Failures;
import io.sensorfunctions.kafka.KafkaSettings;
import io.sensorfunctions.restproxy.KafkaMediaTypes.EmbeddedFormat;
import io.sensorfunctions.restproxy.RestProxyException;
import io.sensorfunctions.serde.AvroDecodeException;
import io.sensorfunctions.serde.KafkaAvroDeserializer;
import jakarta.inject.Singleton;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Records read by a consumer instance, in the shape {@code GET records} answers (Confluent docs, "Confluent REST
 * Proxy API Reference", GET /consumers/.../records; Karapace adds {@code timestamp}): key and value in the instance's
 * embedded format. Binary is base64; json is the bytes read as JSON; avro is the Confluent wire format read through
 * the registry at {@code schema.registry.url} (the proxy producer's, {@code kafka.producers.rest-proxy}) and written
 * in Avro's JSON encoding, the same encoding a produce request's Avro records are read in.
 */
@Singleton
@RequiresFunction(EventFunction.REST_PROXY)
class ConsumedRecords {

    /**
     * One record.
     *
     * @param timestamp the record's timestamp, ms since the epoch
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ConsumedRecord(String topic, @Nullable JsonNode key, @Nullable JsonNode value, int partition, long offset, long timestamp) {
    }

    private final JsonMapper json;
    private final Map<String, Object> serdeSettings = new HashMap<>();
    private volatile KafkaAvroDeserializer avro;

    ConsumedRecords(JsonMapper json, Environment environment) {
        this.json = json;
        serdeSettings.putAll(KafkaSettings.of(environment, "kafka", "kafka.producers.rest-proxy"));
        // Generic records: the proxy reads any topic's schemas, not the generated classes.
        serdeSettings.put("specific.avro.reader", false);
    }

    /**
     * @return the record with its key and value in {@code format}; null bytes stay null
     * @throws RestProxyException 422 naming the record's topic, partition and offset when its key or value does not
     *                            read in the format (not JSON, or not Avro in the wire format); 500 with 50002 when
     *                            the registry cannot be asked
     */
    ConsumedRecord convert(ConsumerRecord<byte[], byte[]> record, EmbeddedFormat format) {
        return new ConsumedRecord(record.topic(), convert(record, record.key(), format, true),
            convert(record, record.value(), format, false), record.partition(), record.offset(), record.timestamp());
    }

    private @Nullable JsonNode convert(ConsumerRecord<?, ?> record, byte[] data, EmbeddedFormat format, boolean isKey) {
        if (data == null) {
            return null;
        }
        try {
            return switch (format) {
                case BINARY -> JsonNode.createStringNode(Base64.getEncoder().encodeToString(data));
                case JSON -> json.readValue(data, Argument.of(JsonNode.class));
                case AVRO -> json.readValue(avroJson(record.topic(), data, isKey), Argument.of(JsonNode.class));
            };
        } catch (IOException | RuntimeException e) {
            if (e instanceof AvroDecodeException decode && decode.dependencyFailed()) {
                throw new RestProxyException(HttpStatus.INTERNAL_SERVER_ERROR, RestProxyException.KAFKA_ERROR,
                    "Cannot read the schema of " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": "
                        + Failures.rootMessage(e));
            }
            throw new RestProxyException(HttpStatus.UNPROCESSABLE_ENTITY, 422, "The " + (isKey ? "key" : "value")
                + " of " + record.topic() + "-" + record.partition() + "@" + record.offset() + " does not read as " + format.id()
                + ": " + Failures.rootMessage(e) + ". Nothing past it was answered; read it as binary, or seek past it");
        }
    }

    private byte[] avroJson(String topic, byte[] data, boolean isKey) throws IOException {
        Object datum = deserializer().deserialize(topic, data);
        Schema schema = datum instanceof GenericContainer container ? container.getSchema() : GenericData.get().induce(datum);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonEncoder encoder = EncoderFactory.get().jsonEncoder(schema, out);
        new GenericDatumWriter<>(schema).write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private KafkaAvroDeserializer deserializer() {
        KafkaAvroDeserializer current = avro;
        if (current == null) {
            current = new KafkaAvroDeserializer();
            // Keys and values share one deserializer: with the topic name strategy the schema id alone selects the schema.
            current.configure(serdeSettings, false);
            avro = current;
        }
        return current;
    }
}
