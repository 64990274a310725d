package io.sensorfunctions.serde;

import io.micronaut.core.annotation.ReflectiveAccess;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Avro serializer that writes Confluent's wire format and registers or looks up schemas in a Confluent-compatible
 * registry. It reads Confluent's config names ({@link AvroSerdeConfig}), so switching to
 * {@code io.confluent.kafka.serializers.KafkaAvroSerializer} is a change of {@code value.serializer} only.
 *
 * <p>Serialization errors are {@link SerializationException}s naming the topic and subject; the record is not sent.
 */
@ReflectiveAccess
public class KafkaAvroSerializer implements Serializer<Object> {

    private final Map<WriterKey, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> latestIds = new ConcurrentHashMap<>();
    private AvroSerdeConfig config;
    private SchemaRegistryClient registry;
    private boolean isKey;

    /** Kafka's constructor: settings arrive through {@link #configure}. */
    public KafkaAvroSerializer() {
    }

    /**
     * @param registry the registry client to share, e.g. with a deserializer
     * @param configs  Confluent-named settings; {@code schema.registry.url} is still required for validation
     * @param isKey    whether this serializes keys
     */
    public KafkaAvroSerializer(SchemaRegistryClient registry, Map<String, ?> configs, boolean isKey) {
        this.config = AvroSerdeConfig.from(configs, isKey);
        this.registry = registry;
        this.isKey = isKey;
    }

    private record SubjectSchema(String subject, Schema schema) {
    }

    /** Generated and generic records of one schema need different data models (logical-type conversions). */
    private record WriterKey(Schema schema, boolean specific) {
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = AvroSerdeConfig.from(configs, isKey);
        this.registry = new SchemaRegistryClient(config.registryUrls(), config.userInfo(), config.sslContext());
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, Object value) {
        if (value == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("KafkaAvroSerializer used before configure()");
        }
        Schema schema = AvroSchemas.of(value);
        String subject = config.subjectStrategy().subject(topic, isKey, schema);
        int id;
        try {
            id = schemaId(subject, schema);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Cannot serialize to topic " + topic + ": schema for subject " + subject
                + " was refused or not found: " + e.getMessage(), e);
        }
        return WireFormat.frame(id, encode(schema, value));
    }

    private int schemaId(String subject, Schema schema) {
        if (config.autoRegister()) {
            return registry.register(subject, schema);
        }
        if (config.useLatestVersion()) {
            // Checked once per subject and record schema, not per record.
            return latestIds.computeIfAbsent(new SubjectSchema(subject, schema), key -> latestId(subject, schema));
        }
        return registry.lookup(subject, schema);
    }

    private int latestId(String subject, Schema schema) {
        SchemaRegistryClient.SchemaVersion latest = registry.latestVersion(subject);
        // Parsing Canonical Form keeps only what shapes the bytes, so a latest version registered by another
        // client (without avro.java.string, docs or defaults) still matches the record it encodes identically.
        if (!SchemaNormalization.toParsingForm(latest.schema()).equals(SchemaNormalization.toParsingForm(schema))) {
            throw new SerializationException("Record schema " + schema.getFullName() + " differs from version "
                + latest.version() + " (id " + latest.id() + ") of subject " + subject
                + ", the latest; with use.latest.version=true the record must be written in that schema");
        }
        return latest.id();
    }

    private byte[] encode(Schema schema, Object value) {
        // A writer depends only on the schema (and whether the record is generated), so one serves every record.
        WriterKey key = new WriterKey(schema, value instanceof SpecificRecord);
        DatumWriter<Object> writer = writers.computeIfAbsent(key, k -> k.specific()
            ? new SpecificDatumWriter<>(k.schema(), SpecificData.getForSchema(k.schema()))
            : new GenericDatumWriter<>(k.schema(), GenericData.get()));
        Object datum = value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(datum, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Value does not match its Avro schema " + schema.getFullName() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
