package io.sensorfunctions.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.sensorfunctions.serde.SchemaRegistryClient;
import org.apache.avro.Schema;

import java.util.List;
import java.util.Map;

/**
 * Request and response bodies of the Confluent Schema Registry REST API (Confluent docs, "Schema Registry API
 * Reference"), field names as Confluent spells them. Unknown request fields (metadata, ruleSet, ...) are ignored.
 */
final class SchemaRegistryApi {

    /** Confluent's media type; clients also send the unversioned form or {@code application/json}. */
    static final String V1_JSON = SchemaRegistryClient.CONTENT_TYPE;
    static final String JSON = SchemaRegistryClient.CONTENT_TYPE_UNVERSIONED;

    private SchemaRegistryApi() {
    }

    /** Body of register, lookup and compatibility tests. {@code schemaType} absent means AVRO. */
    @Serdeable
    record SchemaRequest(@Nullable String schema, @Nullable String schemaType,
                         @Nullable List<Map<String, Object>> references) {

        /**
         * @return the request's schema, parsed by Avro
         * @throws RegistryException 42201 for no schema, a {@code schemaType} other than AVRO, schema references, or
         *                           a schema Avro refuses (Confluent's invalid-schema error)
         */
        static Schema parse(SchemaRequest request) {
            if (request == null || request.schema() == null || request.schema().isBlank()) {
                throw RegistryException.invalidSchema("the body must carry a non-empty \"schema\" string");
            }
            if (request.schemaType() != null && !"AVRO".equalsIgnoreCase(request.schemaType())) {
                throw RegistryException.invalidSchema("schemaType " + request.schemaType() + " is not supported; this registry serves AVRO");
            }
            if (request.references() != null && !request.references().isEmpty()) {
                throw RegistryException.invalidSchema("schema references are not supported");
            }
            try {
                return new Schema.Parser().parse(request.schema());
            } catch (RuntimeException e) {
                // Avro reports invalid schemas through several types: SchemaParseException, AvroTypeException (a default
                // of the wrong type), AvroRuntimeException (nested or duplicate unions), IllegalArgumentException (a
                // negative fixed size, an unknown order), NullPointerException (a missing name). All are the schema's fault.
                throw RegistryException.invalidSchema(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
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
        static VersionResponse of(SchemaStoreView.Entry entry) {
            return new VersionResponse(entry.subject(), entry.version(), entry.id(), entry.schema());
        }
    }

    @Serdeable
    record SubjectVersionResponse(String subject, int version) {
        static SubjectVersionResponse of(SchemaStoreView.SubjectVersion version) {
            return new SubjectVersionResponse(version.subject(), version.version());
        }
    }

    /** {@code messages} only with {@code ?verbose=true}. */
    @Serdeable
    record CompatibilityResponse(@JsonProperty("is_compatible") boolean compatible,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<String> messages) {
    }

    /** Body of {@code PUT /config[/{subject}]}, and its answer. */
    @Serdeable
    record ConfigUpdate(@Nullable String compatibility) {
    }

    /** Answer of {@code GET /config[/{subject}]} and {@code DELETE /config/{subject}}. */
    @Serdeable
    record ConfigResponse(String compatibilityLevel) {
    }

    @Serdeable
    record ModeResponse(String mode) {
    }

    @Serdeable
    record ErrorResponse(@JsonProperty("error_code") int errorCode, String message) {
    }
}
