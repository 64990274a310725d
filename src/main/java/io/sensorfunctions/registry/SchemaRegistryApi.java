package io.sensorfunctions.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/** Request and response bodies of the Confluent Schema Registry REST API, field names as Confluent spells them. */
final class SchemaRegistryApi {

    /** Confluent's media type; clients also send {@code application/vnd.schemaregistry+json} or {@code application/json}. */
    static final String V1_JSON = "application/vnd.schemaregistry.v1+json";
    static final String JSON = "application/vnd.schemaregistry+json";

    private SchemaRegistryApi() {
    }

    /** Body of register and lookup. {@code schemaType} absent means AVRO. */
    @Serdeable
    record SchemaRequest(@Nullable String schema, @Nullable String schemaType,
                         @Nullable List<Map<String, Object>> references) {
    }

    @Serdeable
    record IdResponse(int id) {
    }

    @Serdeable
    record SchemaResponse(String schema) {
    }

    /** A subject's version; Avro answers leave {@code schemaType} out, as Confluent does. */
    @Serdeable
    record VersionResponse(String subject, int version, int id, String schema) {
        static VersionResponse of(SchemaStore.Entry entry) {
            return new VersionResponse(entry.subject(), entry.version(), entry.id(), entry.schema());
        }
    }

    @Serdeable
    record ErrorResponse(@JsonProperty("error_code") int errorCode, String message) {
    }
}
