package io.sensorfunctions.registry;

import io.sensorfunctions.Function;
import io.sensorfunctions.RequiresFunction;
import jakarta.inject.Singleton;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import java.util.List;

/**
 * The registry's rules, between the HTTP edge and the log: schemas are parsed and compared in canonical form (Avro's
 * rendering of the parsed schema), so whitespace and key order never make a second id.
 */
@Singleton
@RequiresFunction(Function.REGISTRY)
class SchemaRegistryService {

    private static final String LATEST = "latest";
    private final SchemaLog log;

    SchemaRegistryService(SchemaLog log) {
        this.log = log;
    }

    /** {@code POST /subjects/{subject}/versions}: the existing version when the subject has the schema, else a new one. */
    SchemaStore.Entry register(String subject, SchemaRegistryApi.SchemaRequest request) {
        return log.register(subject, canonical(request));
    }

    /** {@code POST /subjects/{subject}}: 40401 when the subject is unknown, 40403 when it lacks the schema. */
    SchemaStore.Entry lookup(String subject, SchemaRegistryApi.SchemaRequest request) {
        String schema = canonical(request);
        SchemaStore store = log.current();
        if (store.versions(subject).isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return store.find(subject, schema).orElseThrow(() -> RegistryException.schemaNotFound("subject '" + subject + "' has no such schema"));
    }

    String schema(int id) {
        return log.current().schema(id).orElseThrow(() -> RegistryException.schemaNotFound("no schema has id " + id));
    }

    List<String> subjects() {
        return log.current().subjects();
    }

    List<Integer> versions(String subject) {
        return log.current().versions(subject).orElseThrow(() -> RegistryException.subjectNotFound(subject));
    }

    /** {@code version} is a number from 1 to 2^31-1, or {@code latest}; anything else is 42202. */
    SchemaStore.Entry version(String subject, String version) {
        SchemaStore store = log.current();
        if (store.versions(subject).isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        if (LATEST.equals(version) || "-1".equals(version)) {
            return store.latest(subject).orElseThrow(() -> RegistryException.subjectNotFound(subject));
        }
        int number;
        try {
            number = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw RegistryException.invalidVersion(version);
        }
        if (number < 1) {
            throw RegistryException.invalidVersion(version);
        }
        return store.version(subject, number).orElseThrow(() -> RegistryException.versionNotFound(subject, version));
    }

    private static String canonical(SchemaRegistryApi.SchemaRequest request) {
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
            return new Schema.Parser().parse(request.schema()).toString();
        } catch (SchemaParseException | NullPointerException e) {
            throw RegistryException.invalidSchema(e.getMessage());
        }
    }
}
