/**
 * The rest-proxy function's consumer instances: Confluent REST Proxy v2's {@code /consumers/{group}} resources
 * (create and delete an instance, its subscription, assignments, positions, records and offsets), as Karapace's
 * REST proxy answers them. An instance is a {@code KafkaConsumer} held by this process under a lock, closed when
 * deleted, when unused for {@code rest-proxy.consumer-instance-timeout}, and at shutdown. Records are answered in the
 * instance's embedded format: binary, json, or avro read through the schema registry. Its edges: the Kafka cluster,
 * the registry at {@code schema.registry.url}, and the {@code restproxy} package's media types, errors and settings;
 * that package knows nothing of this one.
 */
package io.sensorfunctions.restproxy.consumers;
