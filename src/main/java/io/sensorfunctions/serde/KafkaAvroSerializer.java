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

    /** A thread's buffer grows to its largest record; one grown past this is dropped rather than kept. */
    private static final int KEPT_BUFFER_BYTES = 64 * 1024;

    private final Map<WriterKey, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
    /**
     * Each sending thread writes into its own buffer and encoder, so a record costs one array, the result (the
     * benchmark's serde row measures this against plain Avro).
     */
    private final ThreadLocal<Buffer> buffers = ThreadLocal.withInitial(Buffer::new);
    /**
     * The last topic and schema serialized, and what they resolved to. A producer nearly always sends one type to one
     * topic, so the subject name, the registry caches and the writer lookup are skipped per record. Immutable, so a
     * racing thread sees an old or a new entry, both valid.
     */
    private volatile Resolved last;
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

    /** @param header the wire format's header for {@code id}, written ahead of every datum */
    private record Resolved(String topic, Schema schema, boolean specific, int id, byte[] header, DatumWriter<Object> writer) {
    }

    private static final class Buffer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        private BinaryEncoder encoder;
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
        boolean specific = value instanceof SpecificRecord;
        Resolved resolved = last;
        if (resolved == null || resolved.schema() != schema || resolved.specific() != specific || !resolved.topic().equals(topic)) {
            resolved = resolve(topic, schema, specific);
            last = resolved;
        }
        return encode(resolved, value);
    }

    private Resolved resolve(String topic, Schema schema, boolean specific) {
        String subject = config.subjectStrategy().subject(topic, isKey, schema);
        int id;
        try {
            id = schemaId(subject, schema);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Cannot serialize to topic " + topic + ": schema for subject " + subject
                + " was refused or not found: " + e.getMessage(), e);
        }
        // A writer depends only on the schema (and whether the record is generated), so one serves every record.
        DatumWriter<Object> writer = writers.computeIfAbsent(new WriterKey(schema, specific), k -> k.specific()
            ? new SpecificDatumWriter<>(k.schema(), SpecificData.getForSchema(k.schema()))
            : new GenericDatumWriter<>(k.schema(), GenericData.get()));
        return new Resolved(topic, schema, specific, id, WireFormat.header(id), writer);
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

    private byte[] encode(Resolved resolved, Object value) {
        Object datum = value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
        Buffer buffer = buffers.get();
        buffer.out.reset();
        buffer.out.write(resolved.header(), 0, WireFormat.HEADER_BYTES);
        buffer.encoder = EncoderFactory.get().directBinaryEncoder(buffer.out, buffer.encoder);
        try {
            resolved.writer().write(datum, buffer.encoder);
            buffer.encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Value does not match its Avro schema " + resolved.schema().getFullName() + ": "
                + e.getMessage(), e);
        }
        byte[] framed = buffer.out.toByteArray();
        if (framed.length > KEPT_BUFFER_BYTES) {
            buffers.remove();
        }
        return framed;
    }
}
