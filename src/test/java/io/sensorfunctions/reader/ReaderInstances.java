package io.sensorfunctions.reader;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.sensorfunctions.testkit.FunctionsHttp;
import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.TestKafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Instances of the application on the test broker, as the scale-out lessons need them: one hub running the trigger
 * and the registry, and any number of readers that join the hub's topic through a group of their choice.
 */
final class ReaderInstances implements AutoCloseable {

    /** One running instance and an HTTP client for it. */
    record Instance(FunctionsInstance server, BlockingHttpClient http) {

        /** Readings this instance's reader has consumed, summed over sensors. */
        long consumed() {
            return FunctionsHttp.consumed(http);
        }

        /** The partitions this reader owns now, as {@code topic-partition}. */
        @SuppressWarnings("unchecked")
        List<String> partitions() {
            return (List<String>) assignments().get("partitions");
        }

        Map<String, Object> assignments() {
            return http.retrieve(HttpRequest.GET("/assignments"), Argument.mapOf(String.class, Object.class));
        }

        Map<String, Object> group(String groupId) {
            return http.retrieve(HttpRequest.GET("/groups/" + groupId), Argument.mapOf(String.class, Object.class));
        }

        /** A burst of {@code events} per sensor, produced at once. */
        void produce(int events) {
            FunctionsHttp.produce(http, events);
        }

        void stop() {
            server.close();
        }
    }

    private final Map<String, Object> base;
    private final List<Instance> started = new ArrayList<>();
    final Instance hub;

    /** Starts the hub; its topic, registry and default group are unique to {@code name}. */
    ReaderInstances(String name) {
        base = TestKafka.isolated(name);
        Map<String, Object> hubProps = new HashMap<>(base);
        hubProps.put("functions", "trigger,registry");
        hub = start(hubProps);
    }

    String topic() {
        return base.get("topics.readings").toString();
    }

    String groupId() {
        return base.get("reader.group-id").toString();
    }

    /** A reader in the default group. */
    Instance reader() {
        return reader(Map.of());
    }

    /** A reader with its own HTTP port, the hub's topic and registry, and these overrides (e.g. {@code reader.group-id}). */
    Instance reader(Map<String, Object> overrides) {
        Map<String, Object> props = new HashMap<>(base);
        props.put("functions", "reader");
        props.put("micronaut.server.port", TestKafka.isolated("port").get("micronaut.server.port"));
        props.putAll(overrides);
        return start(props);
    }

    private Instance start(Map<String, Object> props) {
        FunctionsInstance server = FunctionsInstance.start(props);
        Instance instance = new Instance(server, server.http());
        started.add(instance);
        return instance;
    }

    @Override
    public void close() {
        started.forEach(instance -> {
            if (instance.server().isRunning()) {
                instance.stop();
            }
        });
    }
}
