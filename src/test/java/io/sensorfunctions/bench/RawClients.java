package io.sensorfunctions.bench;

import io.sensorfunctions.avro.SensorReading;
import io.sensorfunctions.serde.KafkaAvroSerializer;
import io.sensorfunctions.serde.WireFormat;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The raw Kafka clients the benchmark holds ours against, each run in its own JVM by {@link Bench}, with the settings
 * of {@code application.yml}'s {@code kafka.producers.sensor-emitter} and {@code kafka.consumers.default}:
 * <ul>
 *   <li>{@code produce}: a {@code KafkaProducer<byte[],byte[]>} sending pre-serialized readings (our wire format, so
 *       the same bytes and keys as the trigger's) as fast as it can, then {@code flush()}, twice (cold, then warm); it
 *       creates the topic with 4 partitions if it is missing;</li>
 *   <li>{@code consume} (then optional {@code key=value} consumer settings over the reader's): a
 *       {@code KafkaConsumer<byte[],byte[]>} that decodes each value with a plain Avro
 *       {@code SpecificDatumReader}, keeps per-sensor figures (count, last value, rolling window) and commits
 *       synchronously after each poll, the points where our reader commits;</li>
 *   <li>{@code rate}: readings at fixed rates, stamped with their send time, for the latency runs;</li>
 *   <li>{@code latency}: a consumer as {@code consume}, from the latest offset, that appends what the reader's
 *       {@code reader.audit-file} appends per record.</li>
 * </ul>
 * Each prints {@code RESULT key=value ...} lines on stdout for the driver.
 */
public final class RawClients {

    private static final List<String> SENSORS = List.of("sensor0", "sensor1", "sensor2", "sensor3", "sensor4", "sensor5",
        "sensor6", "sensor7");

    private RawClients() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[1];
        String topic = args[2];
        switch (args[0]) {
            case "produce" -> produce(bootstrap, topic, Long.parseLong(args[3]), args[4]);
            case "consume" -> consume(bootstrap, topic, args[3], Long.parseLong(args[4]), null, settings(args, 5));
            case "latency" -> consume(bootstrap, topic, args[3], Long.MAX_VALUE, Path.of(args[4]), Map.of());
            case "rate" -> rate(bootstrap, topic, args[3], args[4].split(","), Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    /** @return the {@code key=value} arguments from {@code from} on, as consumer settings */
    private static Map<String, String> settings(String[] args, int from) {
        Map<String, String> settings = new HashMap<>();
        for (int i = from; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            settings.put(pair[0], pair[1]);
        }
        return settings;
    }

    /**
     * The reader's consumer settings ({@code kafka.consumers.default}, for byte[] keys and values), then
     * {@code overrides}, which {@link Bench} gives the reader too.
     */
    static Properties consumerSettings(String bootstrap, String group, String offsetReset, Map<String, String> overrides) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "500");
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        props.putAll(overrides);
        return props;
    }

    /** The emitter's producer settings ({@code kafka.producers.sensor-emitter}), for byte[] values. */
    static Properties producerSettings(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "16384");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        props.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, "io.sensorfunctions.sensor.KeyHashPartitioner");
        props.put("partitioner.hash", "crc32");
        return props;
    }

    private static void produce(String bootstrap, String topic, long count, String registry) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get();
            }
        }
        int distinct = 8_000;
        byte[][] keys = new byte[distinct][];
        byte[][] values = new byte[distinct][];
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer(); StringSerializer keySerializer = new StringSerializer()) {
            serializer.configure(Map.of("schema.registry.url", registry), false);
            Instant now = Instant.now();
            for (int i = 0; i < distinct; i++) {
                String id = SENSORS.get(i % SENSORS.size());
                keys[i] = keySerializer.serialize(topic, id);
                values[i] = serializer.serialize(topic, new SensorReading(now, id, i * 0.5));
            }
        }
        AtomicLong failed = new AtomicLong();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerSettings(bootstrap), new ByteArraySerializer(),
            new ByteArraySerializer())) {
            producer.partitionsFor(topic);
            // Two rounds, as the trigger gets two bursts: the first pays for JIT compilation, the second runs warm.
            for (String round : List.of("cold", "warm")) {
                long started = System.nanoTime();
                for (long i = 0; i < count; i++) {
                    int k = (int) (i % distinct);
                    producer.send(new ProducerRecord<>(topic, keys[k], values[k]), (metadata, error) -> {
                        if (error != null) {
                            failed.incrementAndGet();
                        }
                    });
                }
                producer.flush();
                long elapsed = System.nanoTime() - started;
                System.out.printf("RESULT round=%s records=%d failed=%d ns=%d bytes=%d%n", round, count, failed.get(), elapsed,
                    values[0].length);
            }
        }
    }

    /** What the raw consumer keeps per sensor: the work our reader's {@code SensorReadings} does, in primitives. */
    private static final class SensorFigures {
        private final double[] window = new double[1000];
        private long count;
        private double last;

        void add(double value) {
            window[(int) (count % window.length)] = value;
            last = value;
            count++;
        }
    }

    private static void consume(String bootstrap, String topic, String group, long count, Path audit, Map<String, String> overrides)
        throws IOException {
        Properties props = consumerSettings(bootstrap, group, audit == null ? "earliest" : "latest", overrides);
        SpecificDatumReader<SensorReading> reader = new SpecificDatumReader<>(SensorReading.class);
        Map<String, SensorFigures> sensors = new HashMap<>();
        BinaryDecoder decoder = null;
        long consumed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             BufferedWriter out = audit == null ? null : Files.newBufferedWriter(audit, StandardCharsets.UTF_8)) {
            consumer.subscribe(List.of(topic));
            while (consumed < count) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    byte[] value = record.value();
                    decoder = DecoderFactory.get().binaryDecoder(value, WireFormat.HEADER_BYTES, value.length - WireFormat.HEADER_BYTES, decoder);
                    SensorReading reading = reader.read(null, decoder);
                    sensors.computeIfAbsent(reading.getId(), id -> new SensorFigures()).add(reading.getValue());
                    if (out != null) {
                        out.write(reading.getId() + " " + reading.getTimestamp().toEpochMilli() + " " + record.partition() + " "
                            + record.offset() + " " + System.currentTimeMillis() + "\n");
                    }
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                    consumed += records.count();
                    if (out != null) {
                        out.flush();
                    }
                }
            }
        }
        System.out.printf("RESULT records=%d%n", consumed);
    }

    /**
     * Sends at each {@code rate:seconds} segment's rate (records/s), one second apart, paced by the nanosecond clock;
     * prints {@code SEGMENT rate first-ms last-ms} per segment, the send times its records carry.
     */
    private static void rate(String bootstrap, String topic, String registry, String[] segments, int seconds) throws Exception {
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer(); StringSerializer keySerializer = new StringSerializer();
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerSettings(bootstrap), new ByteArraySerializer(),
                 new ByteArraySerializer())) {
            serializer.configure(Map.of("schema.registry.url", registry), false);
            producer.partitionsFor(topic);
            for (String segment : segments) {
                int perSecond = Integer.parseInt(segment);
                long total = (long) perSecond * seconds;
                long interval = 1_000_000_000L / perSecond;
                long started = System.nanoTime();
                long first = System.currentTimeMillis();
                long last = first;
                for (long i = 0; i < total; i++) {
                    long due = started + i * interval;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    String id = SENSORS.get((int) (i % SENSORS.size()));
                    last = System.currentTimeMillis();
                    byte[] value = serializer.serialize(topic, new SensorReading(Instant.ofEpochMilli(last), id, (double) i));
                    producer.send(new ProducerRecord<>(topic, null, last, keySerializer.serialize(topic, id), value));
                }
                producer.flush();
                System.out.printf("SEGMENT %d %d %d%n", perSecond, first, last);
                LockSupport.parkNanos(1_000_000_000L);
            }
        }
        System.out.println("RESULT done=true");
    }
}
