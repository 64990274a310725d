package io.sensorfunctions.restproxy.consumers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import io.sensorfunctions.restproxy.KafkaMediaTypes;
import io.sensorfunctions.restproxy.RequestBodies;
import io.sensorfunctions.restproxy.RestProxyConfiguration;
import io.sensorfunctions.restproxy.RestProxyErrors;
import io.sensorfunctions.restproxy.RestProxyException;
import io.sensorfunctions.security.Roles;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Confluent REST Proxy v2's consumers ({@code /consumers/{group}/...}): stateful instances, each a Kafka consumer
 * held by this process (see {@link ConsumerInstances}). All of it needs role operator with security on: reading a
 * group's records moves its offsets. Answers in {@code application/vnd.kafka.v2+json}, records in the instance's
 * {@code application/vnd.kafka.<format>.v2+json}; a refused request in Confluent's {@code {"error_code", "message"}}.
 */
@Controller("/consumers/{group}")
@Secured(Roles.OPERATOR)
@RequiresFunction(EventFunction.REST_PROXY)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces({KafkaMediaTypes.V2_JSON, MediaType.ALL})
@Consumes(MediaType.ALL)
class ConsumerInstancesController {

    /** {@code POST /consumers/{group}}'s answer: the instance's name and where to reach it. */
    @Serdeable
    record Created(@JsonProperty("instance_id") String instanceId, @JsonProperty("base_uri") String baseUri) {
    }

    /** The topics an instance is subscribed to. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Topics(List<String> topics) {
    }

    /** A partition, as requests and answers name it. */
    @Serdeable
    record PartitionRef(String topic, int partition) {
    }

    /** The partitions assigned to an instance. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Partitions(List<PartitionRef> partitions) {
    }

    /** A committed offset: the next offset the group reads in that partition, and its metadata ("" for none). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CommittedOffset(String topic, int partition, long offset, String metadata) {
    }

    /** {@code GET offsets}' answer. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Offsets(List<CommittedOffset> offsets) {
    }

    private final ConsumerInstances instances;
    private final ConsumedRecords converter;
    private final JsonMapper json;
    private final RestProxyConfiguration configuration;
    private final HttpHostResolver hosts;

    ConsumerInstancesController(ConsumerInstances instances, ConsumedRecords converter, JsonMapper json,
                                RestProxyConfiguration configuration, HttpHostResolver hosts) {
        this.instances = instances;
        this.converter = converter;
        this.json = json;
        this.configuration = configuration;
        this.hosts = hosts;
    }

    @Post
    Created create(HttpRequest<?> request, String group, @Nullable @Body String body,
                   @Header(value = "Content-Type", defaultValue = "") String contentType,
                   @Header(value = "Accept", defaultValue = "") String accept) {
        ConsumerRequests.Create create = ConsumerRequests.create(json, checked(body, contentType, accept));
        ConsumerInstance instance = instances.create(group, create);
        String base = configuration.baseUri() == null ? hosts.resolve(request) : configuration.baseUri();
        return new Created(instance.name(), UriBuilder.of(base).path("consumers").path(group).path("instances")
            .path(instance.name()).toString());
    }

    @Delete("/instances/{name}")
    HttpResponse<?> delete(String group, String name, @Header(value = "Accept", defaultValue = "") String accept) {
        KafkaMediaTypes.checkAccept(accept);
        instances.delete(group, name);
        return HttpResponse.noContent();
    }

    @Post("/instances/{name}/subscription")
    HttpResponse<?> subscribe(String group, String name, @Nullable @Body String body,
                              @Header(value = "Content-Type", defaultValue = "") String contentType,
                              @Header(value = "Accept", defaultValue = "") String accept) {
        ConsumerRequests.Subscription subscription = ConsumerRequests.subscription(json, checked(body, contentType, accept));
        instances.get(group, name).call(consumer -> {
            if (subscription.pattern() != null) {
                consumer.subscribe(subscription.pattern());
            } else {
                consumer.subscribe(subscription.topics());
            }
            return null;
        });
        return HttpResponse.noContent();
    }

    @Get("/instances/{name}/subscription")
    Topics subscription(String group, String name, @Header(value = "Accept", defaultValue = "") String accept) {
        KafkaMediaTypes.checkAccept(accept);
        return new Topics(instances.get(group, name).call(consumer -> consumer.subscription().stream().sorted().toList()));
    }

    @Delete("/instances/{name}/subscription")
    HttpResponse<?> unsubscribe(String group, String name, @Header(value = "Accept", defaultValue = "") String accept) {
        KafkaMediaTypes.checkAccept(accept);
        instances.get(group, name).call(consumer -> {
            consumer.unsubscribe();
            return null;
        });
        return HttpResponse.noContent();
    }

    @Post("/instances/{name}/assignments")
    HttpResponse<?> assign(String group, String name, @Nullable @Body String body,
                           @Header(value = "Content-Type", defaultValue = "") String contentType,
                           @Header(value = "Accept", defaultValue = "") String accept) {
        List<TopicPartition> partitions = ConsumerRequests.partitions(json, checked(body, contentType, accept));
        instances.get(group, name).assign(partitions);
        return HttpResponse.noContent();
    }

    @Get("/instances/{name}/assignments")
    Partitions assignments(String group, String name, @Header(value = "Accept", defaultValue = "") String accept) {
        KafkaMediaTypes.checkAccept(accept);
        return new Partitions(instances.get(group, name).call(consumer -> consumer.assignment().stream()
            .map(tp -> new PartitionRef(tp.topic(), tp.partition())).sorted(ConsumerInstancesController::order).toList()));
    }

    @Post("/instances/{name}/positions")
    HttpResponse<?> seek(String group, String name, @Nullable @Body String body,
                         @Header(value = "Content-Type", defaultValue = "") String contentType,
                         @Header(value = "Accept", defaultValue = "") String accept) {
        Map<TopicPartition, Long> offsets = ConsumerRequests.offsets(json, checked(body, contentType, accept));
        instances.get(group, name).seek(offsets);
        return HttpResponse.noContent();
    }

    @Post("/instances/{name}/positions/beginning")
    HttpResponse<?> seekToBeginning(String group, String name, @Nullable @Body String body,
                                    @Header(value = "Content-Type", defaultValue = "") String contentType,
                                    @Header(value = "Accept", defaultValue = "") String accept) {
        List<TopicPartition> partitions = ConsumerRequests.partitions(json, checked(body, contentType, accept));
        instances.get(group, name).seekToBeginning(partitions);
        return HttpResponse.noContent();
    }

    @Post("/instances/{name}/positions/end")
    HttpResponse<?> seekToEnd(String group, String name, @Nullable @Body String body,
                              @Header(value = "Content-Type", defaultValue = "") String contentType,
                              @Header(value = "Accept", defaultValue = "") String accept) {
        List<TopicPartition> partitions = ConsumerRequests.partitions(json, checked(body, contentType, accept));
        instances.get(group, name).seekToEnd(partitions);
        return HttpResponse.noContent();
    }

    /**
     * {@code GET records}: what the instance reads within {@code timeout} ms (default: the instance's
     * {@code consumer.request.timeout.ms}), at most {@code max_bytes} of keys and values (capped by
     * {@code rest-proxy.consumer-request-max-bytes}).
     */
    @Get("/instances/{name}/records")
    HttpResponse<?> records(String group, String name, @Nullable @QueryValue String timeout,
                            @Nullable @QueryValue("max_bytes") String maxBytes,
                            @Header(value = "Accept", defaultValue = "") String accept) {
        ConsumerInstance instance = instances.get(group, name);
        KafkaMediaTypes.checkRecordsAccept(accept, instance.format());
        Long timeoutMs = parameter("timeout", timeout, 0);
        Long max = parameter("max_bytes", maxBytes, 1);
        long bytes = max == null ? configuration.consumerRequestMaxBytes() : Math.min(max, configuration.consumerRequestMaxBytes());
        List<ConsumedRecords.ConsumedRecord> records = instance.poll(timeoutMs == null ? instance.requestTimeout()
            : Duration.ofMillis(timeoutMs), bytes, converter);
        return HttpResponse.ok(records).contentType(instance.format().mediaType());
    }

    @Post("/instances/{name}/offsets")
    HttpResponse<?> commit(String group, String name, @Nullable @Body String body,
                           @Header(value = "Content-Type", defaultValue = "") String contentType,
                           @Header(value = "Accept", defaultValue = "") String accept) {
        String request = checked(body, contentType, accept);
        Map<TopicPartition, Long> offsets = ConsumerRequests.isEmpty(json, request) ? Map.of() : ConsumerRequests.offsets(json, request);
        instances.get(group, name).commit(offsets);
        return HttpResponse.noContent();
    }

    /**
     * {@code GET offsets}: the body names the partitions, as Confluent's v2 takes it. Micronaut binds no body to a
     * GET: {@link RequestBodies#read} reads it.
     */
    @Get("/instances/{name}/offsets")
    Offsets committed(HttpRequest<?> request, String group, String name,
                      @Header(value = "Content-Type", defaultValue = "") String contentType,
                      @Header(value = "Accept", defaultValue = "") String accept) {
        String body = RequestBodies.read(request, configuration.maxRequestSize());
        List<TopicPartition> partitions = ConsumerRequests.partitions(json, checked(body, contentType, accept));
        return new Offsets(instances.get(group, name).committed(partitions).entrySet().stream()
            .map(e -> new CommittedOffset(e.getKey().topic(), e.getKey().partition(), e.getValue().offset(),
                e.getValue().metadata() == null ? "" : e.getValue().metadata()))
            .toList());
    }

    private String checked(@Nullable String body, String contentType, String accept) {
        KafkaMediaTypes.checkAccept(accept);
        return RequestBodies.checked(body, contentType, configuration.maxRequestSize());
    }

    private static @Nullable Long parameter(String name, @Nullable String value, long least) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long number = Long.parseLong(value.trim());
            if (number >= least) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below, naming the parameter
        }
        throw RestProxyException.malformed(name + " must be a whole number, " + least + " or more; got " + value);
    }

    private static int order(PartitionRef a, PartitionRef b) {
        int topic = a.topic().compareTo(b.topic());
        return topic != 0 ? topic : Integer.compare(a.partition(), b.partition());
    }

    @Error(RestProxyException.class)
    HttpResponse<?> refused(HttpRequest<?> request, RestProxyException e) {
        return RestProxyErrors.answer(e);
    }
}
