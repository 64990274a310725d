/**
 * The rest-proxy function: Kafka over HTTP in the Confluent REST Proxy API v2, as Karapace's REST proxy answers it
 * (Confluent docs, "Confluent REST Proxy API Reference", v2), so that existing clients and scripts work unchanged.
 * Metadata ({@code GET /brokers}, {@code /topics}, a topic, its partitions and their offsets) through the shared
 * AdminClient, and produce ({@code POST /topics/{topic}} and {@code /topics/{topic}/partitions/{partition}}) in the
 * {@code binary}, {@code json} and {@code avro} embedded formats, Avro through the schema registry and the Confluent
 * wire format of the {@code serde} package, with the topic name strategy. Errors answer in Confluent's
 * {@code {"error_code", "message"}} shape ({@link io.sensorfunctions.restproxy.RestProxyErrors}), for the paths no route
 * serves as well. Its edges: the Kafka cluster, the registry at {@code schema.registry.url}, and the {@code http}
 * package's path-error SPI.
 */
package io.sensorfunctions.restproxy;
