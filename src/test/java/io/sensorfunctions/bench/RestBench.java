package io.sensorfunctions.bench;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST proxy's cases of {@link Bench}: records/s through {@code POST /topics/{t}} in 1,000-record batches
 * (binary, and Avro by schema id) from {@link #CLIENTS} HTTP clients at once, against one raw {@code KafkaProducer}
 * with the same settings and record sizes; and records/s read through a consumer instance's {@code GET records}
 * against a raw {@code KafkaConsumer} draining the same topic.
 */
final class RestBench {

    /** Concurrent HTTP clients: a proxy is used by many; one client would measure its own round trips. */
    static final int CLIENTS = 4;
    static final int BATCH = 1000;
    private static final Pattern RECORD = Pattern.compile("\"offset\":");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** @return records/s of {@code total} records posted as {@code body}, a {@link #BATCH}-record produce request */
    double produceOverRest(String base, String topic, long total, String contentType, String body) throws Exception {
        long requests = total / BATCH;
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long started = System.nanoTime();
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                clients.add(pool.submit(() -> {
                    while (next.getAndIncrement() < requests) {
                        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/topics/" + topic))
                            .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() != 200 || answer.body().contains("\"error_code\":1") || answer.body().contains("\"error_code\":2")) {
                            throw new IllegalStateException("POST /topics/" + topic + " answered " + answer.statusCode() + ": "
                                + answer.body().substring(0, Math.min(300, answer.body().length())));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return requests * BATCH * 1e9 / (System.nanoTime() - started);
    }

    /** @return records/s of {@code total} records of {@code value} sent by one raw producer and all acknowledged */
    static double produceRaw(String bootstrap, String topic, long total, byte[] value) {
        java.util.Properties settings = RawClients.producerSettings(bootstrap);
        // Keyless records, partitioned as the proxy's producer does: Kafka's default partitioner.
        settings.remove(org.apache.kafka.clients.producer.ProducerConfig.PARTITIONER_CLASS_CONFIG);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer())) {
            long started = System.nanoTime();
            for (long i = 0; i < total; i++) {
                producer.send(new ProducerRecord<>(topic, value));
            }
            producer.flush();
            return total * 1e9 / (System.nanoTime() - started);
        }
    }

    /** @return records/s of {@code total} records read from the beginning of {@code topic} through a binary instance */
    double readOverRest(String base, String topic, int partitions, long total, String group) throws Exception {
        String instance = base + "/consumers/" + group + "/instances/bench";
        send("POST", base + "/consumers/" + group, "{\"name\":\"bench\",\"format\":\"binary\",\"auto.offset.reset\":\"earliest\"}");
        StringBuilder assigned = new StringBuilder("{\"partitions\":[");
        for (int p = 0; p < partitions; p++) {
            assigned.append(p == 0 ? "" : ",").append("{\"topic\":\"").append(topic).append("\",\"partition\":").append(p).append('}');
        }
        send("POST", instance + "/assignments", assigned.append("]}").toString());
        long read = 0;
        long started = System.nanoTime();
        while (read < total) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(instance + "/records?timeout=1000"))
                .header("Accept", "application/vnd.kafka.binary.v2+json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("GET records answered " + answer.statusCode() + ": " + answer.body());
            }
            Matcher records = RECORD.matcher(answer.body());
            while (records.find()) {
                read++;
            }
        }
        double rate = read * 1e9 / (System.nanoTime() - started);
        send("DELETE", instance, null);
        return rate;
    }

    /** @return records/s of {@code total} records read from the beginning of {@code topic} by one raw consumer */
    static double readRaw(String bootstrap, String topic, long total, String group) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(RawClients.consumerSettings(bootstrap, group, "earliest", Map.of()),
            new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long read = 0;
            long started = System.nanoTime();
            while (read < total) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofSeconds(1));
                read += records.count();
            }
            return read * 1e9 / (System.nanoTime() - started);
        }
    }

    /** @return a produce request of {@link #BATCH} records of {@code value}, base64 for binary */
    static String binaryBatch(byte[] value) {
        String record = "{\"value\":\"" + Base64.getEncoder().encodeToString(value) + "\"}";
        return "{\"records\":[" + String.join(",", java.util.Collections.nCopies(BATCH, record)) + "]}";
    }

    private void send(String method, String url, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/vnd.kafka.v2+json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }
}
