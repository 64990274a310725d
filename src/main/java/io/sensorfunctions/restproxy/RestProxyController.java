package io.sensorfunctions.restproxy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import io.sensorfunctions.security.Roles;

import java.util.List;

/**
 * Confluent REST Proxy v2's topics and brokers: metadata reads, open as {@code security.read-access} says (listed
 * in {@code micronaut.security.intercept-url-map}), and produce, which needs role operator with security on. Answers
 * in {@code application/vnd.kafka.v2+json}; a refused request in Confluent's {@code {"error_code", "message"}}.
 */
@Controller
@RequiresFunction(EventFunction.REST_PROXY)
@ExecuteOn(TaskExecutors.BLOCKING)
// Any Accept reaches the methods, which answer 406 in Confluent's shape themselves (KafkaMediaTypes.checkAccept).
@Produces({KafkaMediaTypes.V2_JSON, MediaType.ALL})
class RestProxyController {

    private final KafkaMetadata metadata;
    private final RestProducer producer;

    RestProxyController(KafkaMetadata metadata, RestProducer producer) {
        this.metadata = metadata;
        this.producer = producer;
    }

    @Get("/brokers")
    KafkaMetadata.Brokers brokers(@Header(value = "Accept", defaultValue = "") String accept) {
        KafkaMediaTypes.checkAccept(accept);
        return metadata.brokers();
    }

    @Get("/topics")
    List<String> topics(@Header(value = "Accept", defaultValue = "") String accept) {
        KafkaMediaTypes.checkAccept(accept);
        return metadata.topics();
    }

    @Get("/topics/{topic}")
    KafkaMetadata.Topic topic(String topic, @Header(value = "Accept", defaultValue = "") String accept) {
        KafkaMediaTypes.checkAccept(accept);
        return metadata.topic(topic);
    }

    @Get("/topics/{topic}/partitions")
    List<KafkaMetadata.Partition> partitions(String topic, @Header(value = "Accept", defaultValue = "") String accept) {
        KafkaMediaTypes.checkAccept(accept);
        return metadata.partitions(topic);
    }

    @Get("/topics/{topic}/partitions/{partition}")
    KafkaMetadata.Partition partition(String topic, String partition, @Header(value = "Accept", defaultValue = "") String accept) {
        KafkaMediaTypes.checkAccept(accept);
        return metadata.partition(topic, partitionNumber(topic, partition));
    }

    @Get("/topics/{topic}/partitions/{partition}/offsets")
    KafkaMetadata.Offsets offsets(String topic, String partition, @Header(value = "Accept", defaultValue = "") String accept) {
        KafkaMediaTypes.checkAccept(accept);
        return metadata.offsets(topic, partitionNumber(topic, partition));
    }

    @Post("/topics/{topic}")
    @Secured(Roles.OPERATOR)
    @Consumes(MediaType.ALL)
    RestProducer.ProduceResponse produce(String topic, @Header(value = "Content-Type", defaultValue = "") String contentType,
                                         @Header(value = "Accept", defaultValue = "") String accept, @Nullable @Body byte[] body) {
        return produce(topic, null, contentType, accept, body);
    }

    @Post("/topics/{topic}/partitions/{partition}")
    @Secured(Roles.OPERATOR)
    @Consumes(MediaType.ALL)
    RestProducer.ProduceResponse produceToPartition(String topic, String partition,
                                                    @Header(value = "Content-Type", defaultValue = "") String contentType,
                                                    @Header(value = "Accept", defaultValue = "") String accept,
                                                    @Nullable @Body byte[] body) {
        return produce(topic, partitionNumber(topic, partition), contentType, accept, body);
    }

    private RestProducer.ProduceResponse produce(String topic, @Nullable Integer partition, String contentType, String accept,
                                                 @Nullable byte[] body) {
        KafkaMediaTypes.EmbeddedFormat format = KafkaMediaTypes.embeddedFormat(contentType);
        KafkaMediaTypes.checkAccept(accept);
        // Bytes, not a String: the size limit counts bytes, and the JSON parser reads them without a decoded copy.
        return producer.produce(topic, partition, format, body == null ? new byte[0] : body);
    }

    /** A partition in a path: a number, or the partition does not exist (Confluent answers 404 to {@code /partitions/x}). */
    private static int partitionNumber(String topic, String partition) {
        try {
            return Integer.parseInt(partition);
        } catch (NumberFormatException e) {
            throw RestProxyException.partitionNotFound(topic, partition);
        }
    }

    @Error(RestProxyException.class)
    HttpResponse<?> refused(HttpRequest<?> request, RestProxyException e) {
        return RestProxyErrors.answer(e);
    }
}
