package io.sensorfunctions.bench;

import io.sensorfunctions.avro.SensorReading;
import io.sensorfunctions.serde.AvroValueDecoder;
import io.sensorfunctions.serde.KafkaAvroSerializer;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * ns per record of our Confluent-framed serde against plain Avro with no framing and no registry, as a user of Avro
 * alone would write it: one {@code SpecificDatumWriter}/{@code Reader} and a reused encoder and decoder. Ours runs as
 * the functions run it: {@link KafkaAvroSerializer} as the producers' {@code value.serializer}, and the listeners'
 * {@link AvroValueDecoder}, both against the registry at system property {@code bench.registry} (schema id cached
 * after the first record, as in production).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SerdeBenchmark {

    static final String TOPIC = "bench-serde";

    private SensorReading reading;
    private KafkaAvroSerializer serializer;
    private AvroValueDecoder<SensorReading> decoder;
    private byte[] framed;
    private final SpecificDatumWriter<SensorReading> writer = new SpecificDatumWriter<>(SensorReading.class);
    private final SpecificDatumReader<SensorReading> reader = new SpecificDatumReader<>(SensorReading.class);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    private BinaryEncoder encoder;
    private BinaryDecoder binaryDecoder;
    private byte[] plain;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Map<String, Object> configs = Map.of("schema.registry.url", System.getProperty("bench.registry"));
        reading = new SensorReading(Instant.ofEpochMilli(1_700_000_000_000L), "sensor3", 42.125);
        serializer = new KafkaAvroSerializer();
        serializer.configure(configs, false);
        decoder = new AvroValueDecoder<>(configs, SensorReading.class);
        framed = serializer.serialize(TOPIC, reading);
        decoder.decode(TOPIC, framed);
        plain = plainSerialize();
    }

    @Benchmark
    public byte[] oursSerialize() {
        return serializer.serialize(TOPIC, reading);
    }

    @Benchmark
    public SensorReading oursDeserialize() {
        return decoder.decode(TOPIC, framed);
    }

    @Benchmark
    public byte[] plainSerialize() throws IOException {
        out.reset();
        encoder = EncoderFactory.get().directBinaryEncoder(out, encoder);
        writer.write(reading, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    @Benchmark
    public SensorReading plainDeserialize() throws IOException {
        binaryDecoder = DecoderFactory.get().binaryDecoder(plain, binaryDecoder);
        return reader.read(null, binaryDecoder);
    }
}
