package io.sensorfunctions.serde;

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
     * @return the {@link #HEADER_BYTES} that precede the Avro datum: the magic byte and {@code schemaId} big-endian
     */
    public static byte[] header(int schemaId) {
        return new byte[] {MAGIC_BYTE, (byte) (schemaId >>> 24), (byte) (schemaId >>> 16), (byte) (schemaId >>> 8), (byte) schemaId};
    }

    /**
     * Reads the header; the datum starts at {@link #HEADER_BYTES}.
     *
     * @param topic topic the bytes came from, named in errors
     * @param data  the record's value or key bytes
     * @return the writer schema's id
     * @throws AvroDecodeException {@code TOO_SHORT} when the bytes are shorter than the header,
     *                             {@code WRONG_MAGIC_BYTE} when the first byte is not 0x00
     */
    public static int readSchemaId(String topic, byte[] data) {
        if (data.length < HEADER_BYTES) {
            throw new AvroDecodeException(AvroDecodeException.Problem.TOO_SHORT, "Record on topic " + topic + " has "
                + data.length + " bytes; the Confluent wire format needs at least " + HEADER_BYTES
                + " (magic byte and schema id)", null);
        }
        if (data[0] != MAGIC_BYTE) {
            throw new AvroDecodeException(AvroDecodeException.Problem.WRONG_MAGIC_BYTE, String.format(
                "Record on topic %s starts with magic byte 0x%02x; the Confluent wire format starts with 0x00 "
                    + "(was it written without a schema registry serializer?)", topic, data[0]), null);
        }
        return (data[1] & 0xff) << 24 | (data[2] & 0xff) << 16 | (data[3] & 0xff) << 8 | data[4] & 0xff;
    }
}
