package io.sensorfunctions.serde;

import io.micronaut.core.annotation.ReflectiveAccess;
import io.sensorfunctions.serde.AvroDecodeException.Problem;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.SystemLimitException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Avro deserializer for Confluent's wire format. It fetches each writer schema once by id and, with
 * {@code specific.avro.reader=true}, returns generated classes resolved against the writer schema (so a reader on
 * one version reads records written with another compatible version); otherwise GenericRecords.
 *
 * <p>Bad bytes raise an {@link AvroDecodeException} (a {@link SerializationException}) naming the topic and its
 * {@link AvroDecodeException.Problem}: wrong magic byte, unknown schema id, truncated datum, a length over Avro's
 * limits, or a registry that cannot be reached, the one problem that trying again can cure. Used as a Kafka
 * consumer's deserializer, the consumer wraps it in a {@code RecordDeserializationException} that adds the partition
 * and offset.
 *
 * <p>Avro allocates a string or bytes value at the length the datum claims before reading it, so a 19-byte record
 * that claims 2 GiB ends in an {@link OutOfMemoryError}. Avro 1.11.3+ guards against that with its own limits, the
 * system properties {@value SystemLimitException#MAX_STRING_LENGTH_PROPERTY},
 * {@value SystemLimitException#MAX_BYTES_LENGTH_PROPERTY} and
 * {@value SystemLimitException#MAX_COLLECTION_LENGTH_PROPERTY}; their default is the JVM's array limit. Loading this
 * class sets each one that is still unset to {@link #DEFAULT_MAX_LENGTH}, far above any record Kafka accepts by
 * default ({@code message.max.bytes}, 1 MiB), so that such a record is refused as {@code OVER_LIMIT} instead.
 */
@ReflectiveAccess
public class KafkaAvroDeserializer implements Deserializer<Object> {

    /** Length limit, in bytes or items, applied to Avro's limits that are not set already: 16 MiB. */
    public static final int DEFAULT_MAX_LENGTH = 16 * 1024 * 1024;

    static {
        // Must run before Avro's SystemLimitException class initialises, which reads the properties once.
        for (String limit : new String[] {SystemLimitException.MAX_STRING_LENGTH_PROPERTY,
            SystemLimitException.MAX_BYTES_LENGTH_PROPERTY, SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY}) {
            if (System.getProperty(limit) == null) {
                System.setProperty(limit, Integer.toString(DEFAULT_MAX_LENGTH));
            }
        }
    }

    private AvroSerdeConfig config;
    private SchemaRegistryClient registry;
    private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();
    /** A decoder wraps the record's bytes without copying them; reusing it per thread saves an object per record. */
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

    /** Kafka's constructor: settings arrive through {@link #configure}. */
    public KafkaAvroDeserializer() {
    }

    /**
     * @param registry the registry client to share
     * @param configs  Confluent-named settings
     * @param isKey    whether this deserializes keys
     */
    public KafkaAvroDeserializer(SchemaRegistryClient registry, Map<String, ?> configs, boolean isKey) {
        this.config = AvroSerdeConfig.from(configs, isKey);
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = AvroSerdeConfig.from(configs, isKey);
        this.registry = new SchemaRegistryClient(config.registryUrls(), config.userInfo(), config.sslContext());
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        return deserialize(topic, data, null);
    }

    /**
     * As {@link #deserialize(String, byte[])}, decoding into {@code reuse} where Avro can (a specific or generic
     * record of the same schema), as Avro's {@code DatumReader.read(reuse, decoder)} does.
     *
     * @param topic the record's topic, named in errors
     * @param data  the framed bytes: magic byte 0, 4-byte schema id, Avro binary datum
     * @param reuse a value to decode into, or null for a new one; its fields are overwritten even when decoding fails
     * @return the value, {@code reuse} itself when it was reused; null for null data
     * @throws AvroDecodeException naming the {@link Problem} when the bytes, their schema id or the registry fail
     */
    public Object deserialize(String topic, byte[] data, Object reuse) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("KafkaAvroDeserializer used before configure()");
        }
        int id = WireFormat.readSchemaId(topic, data);
        int datumBytes = data.length - WireFormat.HEADER_BYTES;
        DatumReader<Object> reader = readers.get(id);
        if (reader == null) {
            reader = readers.computeIfAbsent(id, key -> datumReader(topic, key));
        }
        try {
            // Each thread reuses its decoder, as Avro allows, rather than making one per record.
            BinaryDecoder previous = decoders.get();
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_BYTES, datumBytes, previous);
            if (previous == null) {
                decoders.set(decoder);
            }
            Object value = reader.read(reuse, decoder);
            // A primitive string (typically a key) comes back as a String, as from Confluent's deserializer.
            return value instanceof Utf8 text ? text.toString() : value;
        } catch (EOFException e) {
            throw new AvroDecodeException(Problem.TRUNCATED, "Record on topic " + topic + " is truncated: "
                + datumBytes + " datum bytes end before schema id " + id + " is fully read", e);
        } catch (SystemLimitException e) {
            throw new AvroDecodeException(Problem.OVER_LIMIT, "Record on topic " + topic + " claims a length over "
                + "Avro's limit (org.apache.avro.limits.*) in its " + datumBytes + " datum bytes: " + e.getMessage(), e);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | ClassCastException e) {
            throw new AvroDecodeException(Problem.UNDECODABLE, "Record on topic " + topic + " does not decode with schema id "
                + id + ": " + e.getMessage(), e);
        }
    }

    private DatumReader<Object> datumReader(String topic, int id) {
        Schema writer;
        try {
            writer = registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            if (e.retriable()) {
                throw new AvroDecodeException(Problem.REGISTRY_UNAVAILABLE, "Record on topic " + topic + " names schema id "
                    + id + ", which the registry could not be asked for: " + e.getMessage(), e);
            }
            Problem problem = e.errorCode() == 40403 ? Problem.UNKNOWN_SCHEMA_ID : Problem.UNDECODABLE;
            throw new AvroDecodeException(problem, "Record on topic " + topic + " names schema id " + id
                + ", which the registry does not know: " + e.getMessage(), e);
        } catch (SchemaParseException e) {
            throw new AvroDecodeException(Problem.UNDECODABLE, "Record on topic " + topic + " names schema id " + id
                + ", whose schema does not parse: " + e.getMessage(), e);
        }
        if (!config.specificReader() || !isNamed(writer)) {
            return new GenericDatumReader<>(writer, writer, GenericData.get());
        }
        Class<?> type = readerClass(writer);
        SpecificData model = SpecificData.getForClass(type);
        return new SpecificDatumReader<>(writer, model.getSchema(type), model);
    }

    private Class<?> readerClass(Schema writer) {
        String name = config.specificType() != null ? config.specificType() : writer.getFullName();
        try {
            return Class.forName(name, true, Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AvroDecodeException(Problem.UNDECODABLE, "specific.avro.reader=true but no generated class " + name
                + " is on the classpath; set specific.avro.value.type to the reader class", e);
        }
    }

    private static boolean isNamed(Schema schema) {
        return schema.getType() == Schema.Type.RECORD || schema.getType() == Schema.Type.ENUM
            || schema.getType() == Schema.Type.FIXED;
    }
}
