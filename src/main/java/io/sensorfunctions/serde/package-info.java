/**
 * Confluent's wire format (magic byte, 4-byte schema id, Avro binary) as a Kafka serializer and deserializer, with a
 * client of the Confluent Schema Registry API, reading Confluent's own config keys. Written here because Confluent's
 * serde and client are not on Maven Central; it works against any Confluent-compatible registry, ours included.
 * No topic of its own; used by every producer and listener of Avro records.
 */
package io.sensorfunctions.serde;
