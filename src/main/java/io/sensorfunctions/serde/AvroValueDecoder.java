package io.sensorfunctions.serde;

import io.sensorfunctions.serde.AvroDecodeException.Problem;

import java.util.HashMap;
import java.util.Map;

/**
 * Decodes record values of one Avro type for a listener that consumes raw bytes. The listeners decode themselves,
 * rather than through the consumer's {@code value.deserializer}, so that a record that does not decode is still in
 * hand, with its exact bytes, to be retried or dead-lettered; a deserializer that throws inside {@code poll()}
 * leaves only its offset, and micronaut-kafka 5.9 then seeks past it.
 *
 * @param <T> the generated Avro class, e.g. {@code SensorReading}
 */
public final class AvroValueDecoder<T> {

    private final KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
    private final Class<T> type;

    /**
     * @param configs the Avro serde's Confluent-named settings ({@code schema.registry.url}, {@code basic.auth.*});
     *                {@code specific.avro.reader} and {@code specific.avro.value.type} are set here
     * @param type    the class every value must decode into
     * @throws org.apache.kafka.common.config.ConfigException naming the key when a setting is missing or invalid
     */
    public AvroValueDecoder(Map<String, ?> configs, Class<T> type) {
        Map<String, Object> settings = new HashMap<>(configs);
        settings.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        settings.put("specific.avro.value.type", type.getName());
        deserializer.configure(settings, false);
        this.type = type;
    }

    /**
     * @param topic the record's topic, named in errors
     * @param value the record's value bytes; null for a tombstone
     * @return the decoded value, never null
     * @throws AvroDecodeException with the {@link Problem}: {@code TOMBSTONE} for null, {@code REGISTRY_UNAVAILABLE}
     *                             when only the registry failed, otherwise a problem of the bytes themselves
     */
    public T decode(String topic, byte[] value) {
        return decode(topic, value, null);
    }

    /**
     * As {@link #decode(String, byte[])}, into {@code reuse}: for a caller that keeps nothing of the value past its
     * use, one object per listener instead of one per record.
     *
     * @param topic the record's topic, named in errors
     * @param value the record's value bytes; null for a tombstone
     * @param reuse the value to decode into, or null for a new one; overwritten even when decoding fails
     * @return the decoded value, {@code reuse} when it was reused; never null
     * @throws AvroDecodeException as {@link #decode(String, byte[])}
     */
    public T decode(String topic, byte[] value, T reuse) {
        if (value == null) {
            throw new AvroDecodeException(Problem.TOMBSTONE, "Record on topic " + topic + " has no value (a tombstone); "
                + "the topic carries " + type.getSimpleName() + " records only", null);
        }
        Object decoded = deserializer.deserialize(topic, value, reuse);
        if (!type.isInstance(decoded)) {
            throw new AvroDecodeException(Problem.UNDECODABLE, "Record on topic " + topic + " decodes to "
                + decoded.getClass().getName() + ", not " + type.getName(), null);
        }
        return type.cast(decoded);
    }
}
