package io.sensorfunctions.restproxy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.configuration.kafka.ProducerRegistry;
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
import io.sensorfunctions.serde.SchemaRegistryClient;
import io.sensorfunctions.serde.SchemaRegistryException;
import jakarta.inject.Singleton;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * {@code POST /topics/{topic}} and {@code POST /topics/{topic}/partitions/{partition}}: the records of a v2 produce
 * request encoded in their embedded format and written through one idempotent producer with {@code acks=all}
 * ({@code kafka.producers.rest-proxy}). Nothing is written unless every record of the request encodes: a request is
 * refused whole, or sent whole. Avro goes through the registry at {@code schema.registry.url} under the topic name
 * strategy ({@code <topic>-key}, {@code <topic>-value}), in the Confluent wire format.
 */
@Singleton
@RequiresFunction(EventFunction.REST_PROXY)
class RestProducer {

    /** Producer id, and so its settings under {@code kafka.producers.rest-proxy}. */
    static final String PRODUCER_ID = "rest-proxy";
    /** Confluent's per-record error codes: 1 a Kafka error that will not pass on retry, 2 one that may. */
    private static final int NON_RETRIABLE = 1;
    private static final int RETRIABLE = 2;

    /**
     * One record's outcome, in the request's order: where it was written, or why not.
     *
     * @param partition the partition written to, or null
     * @param offset    its offset, or null
     * @param errorCode null, or 1 (non-retriable) or 2 (retriable) when the write failed
     * @param error     null, or the failure
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record RecordOffset(@Nullable Integer partition, @Nullable Long offset, @JsonProperty("error_code") @Nullable Integer errorCode,
                        @Nullable String error) {
    }

    /** The v2 produce response: the schema ids used (Avro), and each record's outcome. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ProduceResponse(@JsonProperty("key_schema_id") @Nullable Integer keySchemaId,
                           @JsonProperty("value_schema_id") @Nullable Integer valueSchemaId, List<RecordOffset> offsets) {
    }

    /** A record encoded and ready to send. */
    private record Encoded(byte[] key, byte[] value, Integer partition) {
    }

    private final ProducerRegistry producers;
    private final KafkaMetadata metadata;
    private final JsonMapper json;
    private final int maxRequestSize;
    private final Map<String, Object> serdeSettings = new HashMap<>();
    private volatile SchemaRegistryClient registry;
    private volatile Producer<byte[], byte[]> producer;

    RestProducer(ProducerRegistry producers, KafkaMetadata metadata, JsonMapper json, RestProxyConfiguration configuration,
                 Environment environment) {
        this.producers = producers;
        this.metadata = metadata;
        this.json = json;
        this.maxRequestSize = configuration.maxRequestSize();
        serdeSettings.putAll(KafkaSettings.of(environment, "kafka", "kafka.producers." + PRODUCER_ID));
    }

    /**
     * @param topic     the topic
     * @param partition the path's partition, or null to take each record's (or the producer's partitioner)
     * @param format    the embedded format named by the Content-Type
     * @param body      the request body, a v2 produce request, as UTF-8 JSON
     * @return each record's outcome; 200 even when some failed, as Confluent's proxy answers
     * @throws RestProxyException 413 over {@code rest-proxy.max-request-size}; 422 (code 422) for a body that is not
     *                            a produce request; 40401/40402 for a topic or partition that does not exist;
     *                            42201/42202 for Avro keys/values without a schema; 42205 for data that does not fit its
     *                            format or schema; 409 for a schema the subject's compatibility refuses; 408 (40801) when
     *                            the registry cannot be asked. Nothing is written then.
     */
    ProduceResponse produce(String topic, @Nullable Integer partition, EmbeddedFormat format, byte[] body) {
        RequestBodies.checkSize(body.length, maxRequestSize);
        JsonNode request = ProduceRequests.parse(json, body);
        int partitions = metadata.partitionCount(topic, false);
        if (partition != null) {
            partitions = checkPartition(topic, partition, partitions);
        }
        JsonNode records = request.get("records");
        Integer keySchemaId = null;
        Integer valueSchemaId = null;
        AvroJsonWriter keys = null;
        AvroJsonWriter values = null;
        if (format == EmbeddedFormat.AVRO) {
            if (ProduceRequests.anyPresent(records, "key")) {
                keySchemaId = schemaId(request, topic, "key", RestProxyException.KEY_SCHEMA_MISSING);
                keys = avroWriter(keySchemaId, "key");
            }
            if (ProduceRequests.anyPresent(records, "value")) {
                valueSchemaId = schemaId(request, topic, "value", RestProxyException.VALUE_SCHEMA_MISSING);
                values = avroWriter(valueSchemaId, "value");
            }
        }
        List<Encoded> encoded = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            Integer target = partition;
            JsonNode field = record.get("partition");
            if (field != null && !field.isNull()) {
                target = field.getIntValue();
                partitions = checkPartition(topic, target, partitions);
            }
            encoded.add(new Encoded(encode(record.get("key"), format, keySchemaId, keys, i, "key"),
                encode(record.get("value"), format, valueSchemaId, values, i, "value"), target));
        }
        return new ProduceResponse(keySchemaId, valueSchemaId, send(topic, encoded));
    }

    /**
     * @return the topic's partition count, read again when {@code partition} is beyond the count known
     * @throws RestProxyException 40402 when the partition does not exist
     */
    private int checkPartition(String topic, int partition, int known) {
        int partitions = partition >= known ? metadata.partitionCount(topic, true) : known;
        if (partition < 0 || partition >= partitions) {
            throw RestProxyException.partitionNotFound(topic, partition);
        }
        return partitions;
    }

    private List<RecordOffset> send(String topic, List<Encoded> records) {
        Producer<byte[], byte[]> out = producer();
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        for (Encoded record : records) {
            sent.add(out.send(new ProducerRecord<>(topic, record.partition(), record.key(), record.value())));
        }
        List<RecordOffset> offsets = new ArrayList<>(records.size());
        for (Future<RecordMetadata> future : sent) {
            try {
                RecordMetadata written = future.get();
                offsets.add(new RecordOffset(written.partition(), written.offset(), null, null));
            } catch (ExecutionException e) {
                offsets.add(new RecordOffset(null, null, e.getCause() instanceof RetriableException ? RETRIABLE : NON_RETRIABLE,
                    Failures.rootMessage(e)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                offsets.add(new RecordOffset(null, null, RETRIABLE, "interrupted"));
            }
        }
        return offsets;
    }

    /** The request's schema id for keys or values: the one given, or the given schema's, registered under its subject. */
    private int schemaId(JsonNode request, String topic, String side, int missing) {
        JsonNode id = request.get(side + "_schema_id");
        JsonNode schema = request.get(side + "_schema");
        try {
            if (id != null && !id.isNull()) {
                if (!id.isNumber() || !ProduceRequests.isInt(id)) {
                    throw RestProxyException.malformed(side + "_schema_id must be an integer");
                }
                return id.getIntValue();
            }
            if (schema != null && schema.isString()) {
                return registry().register(topic + "-" + side, new Schema.Parser().parse(schema.getStringValue()));
            }
        } catch (SchemaParseException e) {
            throw RestProxyException.invalidData("Invalid " + side + " schema: " + e.getMessage());
        } catch (SchemaRegistryException e) {
            throw registryFailure(side, e);
        }
        throw new RestProxyException(HttpStatus.UNPROCESSABLE_ENTITY, missing, "Request includes " + side + "s but no "
            + side + "_schema or " + side + "_schema_id");
    }

    private AvroJsonWriter avroWriter(int id, String side) {
        try {
            return new AvroJsonWriter(id, registry().schemaById(id));
        } catch (SchemaRegistryException e) {
            throw registryFailure(side, e);
        } catch (IOException | AvroRuntimeException e) {
            throw RestProxyException.invalidData("Schema " + id + " cannot read Avro's JSON encoding: " + Failures.rootMessage(e));
        }
    }

    private static RestProxyException registryFailure(String side, SchemaRegistryException e) {
        if (e.status() == HttpStatus.CONFLICT.getCode()) {
            return new RestProxyException(HttpStatus.CONFLICT, HttpStatus.CONFLICT.getCode(), "The " + side
                + " schema is incompatible with its subject: " + e.getMessage());
        }
        if (e.status() == HttpStatus.NOT_FOUND.getCode() || e.status() == HttpStatus.UNPROCESSABLE_ENTITY.getCode()) {
            return RestProxyException.invalidData("Invalid " + side + " schema: " + e.getMessage());
        }
        return new RestProxyException(HttpStatus.REQUEST_TIMEOUT, 40801, "Cannot get the " + side
            + " schema from the schema registry: " + e.getMessage());
    }

    private byte[] encode(@Nullable JsonNode data, EmbeddedFormat format, Integer schemaId, AvroJsonWriter avro, int index, String side) {
        if (data == null || data.isNull()) {
            return null;
        }
        try {
            return switch (format) {
                case BINARY -> {
                    if (!data.isString()) {
                        throw new IllegalArgumentException("not a base64 string");
                    }
                    yield Base64.getDecoder().decode(data.getStringValue());
                }
                case JSON -> json.writeValueAsBytes(data);
                case AVRO -> avro.write(json.writeValueAsString(data));
            };
        } catch (IllegalArgumentException | IOException | AvroRuntimeException e) {
            throw RestProxyException.invalidData("records[" + index + "]." + side + " does not fit the " + format.name().toLowerCase()
                + " format" + (avro == null ? "" : " of schema " + schemaId) + ": " + Failures.rootMessage(e));
        }
    }

    private SchemaRegistryClient registry() {
        SchemaRegistryClient current = registry;
        if (current == null) {
            current = SchemaRegistryClient.fromConfigs(serdeSettings);
            registry = current;
        }
        return current;
    }

    private Producer<byte[], byte[]> producer() {
        Producer<byte[], byte[]> current = producer;
        if (current == null) {
            current = producers.getProducer(PRODUCER_ID, Argument.of(byte[].class), Argument.of(byte[].class));
            producer = current;
        }
        return current;
    }
}
