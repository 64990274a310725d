package io.sensorfunctions.restproxy;

import io.sensorfunctions.serde.WireFormat;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonDecoder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Turns a produce request's Avro records, in Avro's JSON encoding as the v2 API takes them, into the Confluent wire
 * format of one schema: the 5-byte header with the schema id, then the binary datum. One serves one request, from one
 * thread: its JSON decoder's grammar is built once and reused for each record, which is most of the cost of reading
 * a small record with a fresh decoder.
 */
final class AvroJsonWriter {

    private final byte[] header;
    private final GenericDatumReader<Object> reader;
    private final GenericDatumWriter<Object> writer;
    private final JsonDecoder decoder;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private BinaryEncoder encoder;

    /** @throws IOException when Avro cannot build the schema's JSON grammar */
    AvroJsonWriter(int schemaId, Schema schema) throws IOException {
        this.header = WireFormat.header(schemaId);
        this.reader = new GenericDatumReader<>(schema);
        this.writer = new GenericDatumWriter<>(schema);
        this.decoder = DecoderFactory.get().jsonDecoder(schema, "");
    }

    /**
     * @param avroJson one record in Avro's JSON encoding (a union's branch named, bytes as ISO-8859-1 text)
     * @return its bytes in the Confluent wire format
     * @throws IOException or {@link org.apache.avro.AvroRuntimeException} when the record does not fit the schema
     */
    byte[] write(String avroJson) throws IOException {
        decoder.configure(avroJson);
        Object datum = reader.read(null, decoder);
        out.reset();
        out.write(header);
        encoder = EncoderFactory.get().binaryEncoder(out, encoder);
        writer.write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
