package io.sensorfunctions.restproxy;

import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.RestClient;
import io.sensorfunctions.testkit.TestKafka;
import org.apache.kafka.clients.admin.AdminClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many clients at once: producers whose records all land, each at an offset of its own, and consumer instances
 * created, used and deleted at once, after which none is left open (the gauge
 * {@code sensor_rest_proxy_consumer_instances} is 0) and no group keeps a member. And shutdown: the process closes
 * its instances, each leaving its group at once rather than after a session timeout.
 */
@IntegrationTest
class RestProxyConcurrencyTest {

    private static final Pattern OFFSET = Pattern.compile("\\{\"partition\":(\\d+),\"offset\":(\\d+),\"error_code\":null,\"error\":null}");
    private static final int CLIENTS = 8;

    @Test
    void manyProducersAndInstancesAtOnceLeaveNothingBehind() throws Exception {
        Map<String, Object> props = TestKafka.isolated("rest-concurrency");
        props.put("functions", "rest-proxy");
        String topic = topic(4);
        int requests = 25;
        int batch = 40;
        List<String> groups = new ArrayList<>();
        try (FunctionsInstance proxy = FunctionsInstance.start(props)) {
            RestClient rest = new RestClient(proxy.url());
            String body = "{\"records\":[" + String.join(",", java.util.Collections.nCopies(batch, "{\"value\":\"AA==\"}")) + "]}";
            List<String> offsets = runAtOnce(CLIENTS, client -> {
                List<String> written = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    RestClient.Answer answer = rest.post("/topics/" + topic, RestClient.BINARY, body);
                    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                    Matcher matcher = OFFSET.matcher(answer.body());
                    while (matcher.find()) {
                        written.add(matcher.group(1) + "@" + matcher.group(2));
                    }
                }
                return written;
            });
            assertThat(offsets).as("every record written, each at its own offset").hasSize(CLIENTS * requests * batch).doesNotHaveDuplicates();
            assertThat(TestKafka.endOffsets(topic)).isEqualTo((long) CLIENTS * requests * batch);

            for (int client = 0; client < CLIENTS; client++) {
                groups.add("rest-concurrency-" + UUID.randomUUID());
            }
            List<String> read = runAtOnce(CLIENTS, client -> {
                List<String> done = new ArrayList<>();
                String group = groups.get(client);
                for (int round = 0; round < 4; round++) {
                    RestClient.Answer created = rest.post("/consumers/" + group, RestClient.V2, "{\"auto.offset.reset\":\"earliest\"}");
                    assertThat(created.status()).as(created.body()).isEqualTo(200);
                    String base = "/consumers/" + group + "/instances/" + created.body().replaceAll(".*\"instance_id\":\"([^\"]+)\".*", "$1");
                    String partition = "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":" + (client % 4) + "}]}";
                    assertThat(rest.post(base + "/assignments", RestClient.V2, partition).status()).isEqualTo(204);
                    RestClient.Answer records = rest.get(base + "/records?timeout=3000&max_bytes=100", RestClient.BINARY);
                    assertThat(records.status()).as(records.body()).isEqualTo(200);
                    assertThat(rest.delete(base).status()).isEqualTo(204);
                    done.add(base);
                }
                return done;
            });
            assertThat(read).hasSize(CLIENTS * 4).doesNotHaveDuplicates();
            assertThat(instancesOpen(rest)).as("every instance closed").isZero();
        }
        try (AdminClient admin = TestKafka.admin()) {
            admin.describeConsumerGroups(groups).all().get().values()
                .forEach(group -> assertThat(group.members()).as(group.groupId()).isEmpty());
        }
    }

    @Test
    void shutdownClosesInstancesAndTheyLeaveTheirGroups() throws Exception {
        Map<String, Object> props = TestKafka.isolated("rest-shutdown");
        props.put("functions", "rest-proxy");
        String topic = topic(1);
        String group = "rest-shutdown-" + UUID.randomUUID();
        FunctionsInstance proxy = FunctionsInstance.start(props);
        try {
            RestClient rest = new RestClient(proxy.url());
            assertThat(rest.post("/consumers/" + group, RestClient.V2, "{\"name\":\"c\"}").status()).isEqualTo(200);
            String base = "/consumers/" + group + "/instances/c";
            assertThat(rest.post(base + "/subscription", RestClient.V2, "{\"topics\":[\"" + topic + "\"]}").status()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                rest.get(base + "/records?timeout=500", RestClient.BINARY);
                return members(group) == 1;
            });
        } finally {
            proxy.close();
        }
        // Kafka's session.timeout.ms for these consumers is 45 s: a member gone sooner left the group itself.
        await().atMost(Duration.ofSeconds(10)).until(() -> members(group) == 0);
    }

    private static <T> List<T> runAtOnce(int clients, ClientWork<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<T>>> futures = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                int id = client;
                futures.add(pool.submit((Callable<List<T>>) () -> work.run(id)));
            }
            List<T> all = new ArrayList<>();
            for (Future<List<T>> future : futures) {
                all.addAll(future.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface ClientWork<T> {
        List<T> run(int client) throws Exception;
    }

    private static double instancesOpen(RestClient rest) {
        String scrape = rest.get("/prometheus", null).body();
        Matcher matcher = Pattern.compile("(?m)^sensor_rest_proxy_consumer_instances(?:\\{[^}]*})? (\\S+)$").matcher(scrape);
        assertThat(matcher.find()).as("the gauge is published").isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private static String topic(int partitions) {
        return TestKafka.createTopic("rest-concurrency-" + UUID.randomUUID(), partitions);
    }

    private static int members(String group) throws Exception {
        try (AdminClient admin = TestKafka.admin()) {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().size();
        }
    }
}
