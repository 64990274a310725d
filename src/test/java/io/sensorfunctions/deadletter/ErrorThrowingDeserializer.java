package io.sensorfunctions.deadletter;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;

/**
 * A value deserializer that throws an {@link OutOfMemoryError} for the value {@code error}, as a real one does when a
 * record claims more memory than there is: an {@code Error} inside the consumer's {@code poll()}. For the guard's
 * tests; Kafka instantiates it by name.
 */
public class ErrorThrowingDeserializer extends ByteArrayDeserializer {

    @Override
    public byte[] deserialize(String topic, byte[] data) {
        if (data != null && "error".equals(new String(data, StandardCharsets.UTF_8))) {
            throw new OutOfMemoryError("scripted inside poll()");
        }
        return data;
    }
}
