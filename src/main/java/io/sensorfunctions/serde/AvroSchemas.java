package io.sensorfunctions.serde;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.errors.SerializationException;

import java.nio.ByteBuffer;

/** The Avro schema of a value to serialize, as Confluent's serializer derives it. */
final class AvroSchemas {

    private AvroSchemas() {
    }

    /**
     * @param value a generated or generic record (any {@link GenericContainer}), or a primitive: String, Integer,
     *              Long, Float, Double, Boolean, byte[] or ByteBuffer
     * @return its schema
     * @throws SerializationException for any other type
     */
    static Schema of(Object value) {
        if (value instanceof GenericContainer container) {
            return container.getSchema();
        }
        Schema.Type type;
        if (value instanceof CharSequence) {
            type = Schema.Type.STRING;
        } else if (value instanceof Integer) {
            type = Schema.Type.INT;
        } else if (value instanceof Long) {
            type = Schema.Type.LONG;
        } else if (value instanceof Float) {
            type = Schema.Type.FLOAT;
        } else if (value instanceof Double) {
            type = Schema.Type.DOUBLE;
        } else if (value instanceof Boolean) {
            type = Schema.Type.BOOLEAN;
        } else if (value instanceof byte[] || value instanceof ByteBuffer) {
            type = Schema.Type.BYTES;
        } else {
            throw new SerializationException("Cannot serialize " + value.getClass().getName()
                + " as Avro: use a generated class, a GenericRecord or a primitive");
        }
        return Schema.create(type);
    }
}
