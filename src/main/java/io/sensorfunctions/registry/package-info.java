/**
 * The registry function: the subset of Confluent Schema Registry's REST API that serializers and the common tools use
 * (subjects, versions, ids, compatibility levels and checks, soft and permanent deletes), Avro only: no Protobuf, no
 * JSON Schema, no schema references, no contexts. Schemas are stored in the compacted single-partition topic
 * {@code _schemas} in the records Confluent's registry writes, through a transactional producer, so that instances
 * agree on ids. Compatibility is Avro's own checker. Its edge: the HTTP API, in Confluent's paths and error shape.
 */
package io.sensorfunctions.registry;
