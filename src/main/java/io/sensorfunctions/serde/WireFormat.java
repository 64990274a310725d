package io.sensorfunctions.serde;

import java.nio.ByteBuffer;

/**
 * Confluent's wire format: magic byte {@code 0x00}, the schema id as a 4-byte big-endian int, then the Avro binary
 * datum (Confluent Schema Registry docs, "Wire format").
 */
public final class WireFormat {

    /** The only magic byte Confluent has defined. */
    public static final byte MAGIC_BYTE = 0x0;
    /** Magic byte plus schema id. */
    public static final int HEADER_BYTES = 5;

    private WireFormat() {
    }

    /**
     * @param schemaId registry id of the writer schema
     * @param datum    Avro binary encoding of the value
     * @return header followed by the datum
     */
    public static byte[] frame(int schemaId, byte[] datum) {
        return ByteBuffer.allocate(HEADER_BYTES + datum.length).put(MAGIC_BYTE).putInt(schemaId).put(datum).array();
    }

    /**
     * Reads the header and leaves {@code buffer} positioned at the datum.
     *
     * @param topic  topic the bytes came from, named in errors
     * @param buffer the record's value or key bytes
     * @return the writer schema's id
     * @throws AvroDecodeException {@code TOO_SHORT} when the bytes are shorter than the header,
     *                             {@code WRONG_MAGIC_BYTE} when the first byte is not 0x00
     */
    public static int readSchemaId(String topic, ByteBuffer buffer) {
        if (buffer.remaining() < HEADER_BYTES) {
            throw new AvroDecodeException(AvroDecodeException.Problem.TOO_SHORT, "Record on topic " + topic + " has "
                + buffer.remaining() + " bytes; the Confluent wire format needs at least " + HEADER_BYTES
                + " (magic byte and schema id)", null);
        }
        byte magic = buffer.get();
        if (magic != MAGIC_BYTE) {
            throw new AvroDecodeException(AvroDecodeException.Problem.WRONG_MAGIC_BYTE, String.format(
                "Record on topic %s starts with magic byte 0x%02x; the Confluent wire format starts with 0x00 "
                    + "(was it written without a schema registry serializer?)", topic, magic), null);
        }
        return buffer.getInt();
    }
}
