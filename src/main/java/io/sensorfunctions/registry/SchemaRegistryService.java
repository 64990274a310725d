package io.sensorfunctions.registry;

import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import io.sensorfunctions.registry.SchemaLogWriter.Decision;
import io.sensorfunctions.registry.SchemaRecords.Append;
import io.sensorfunctions.registry.SchemaRecords.Key;
import jakarta.inject.Singleton;
import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry's rules, between the HTTP edge and the log, as Confluent's API reference states them. Schemas are
 * parsed and compared in canonical form (Avro's rendering of the parsed schema), so whitespace and key order never
 * make a second id. Every change is decided inside {@link SchemaLogWriter#write}, so checks such as compatibility hold
 * across registry instances.
 */
@Singleton
@RequiresFunction(EventFunction.REGISTRY)
class SchemaRegistryService {

    private static final String LATEST = "latest";
    private final SchemaLogTail tail;
    private final SchemaLogWriter writer;
    private final CompatibilityLevel defaultLevel;

    SchemaRegistryService(SchemaLogTail tail, SchemaLogWriter writer, RegistryConfiguration configuration) {
        this.tail = tail;
        this.writer = writer;
        this.defaultLevel = configuration.compatibilityLevel();
    }

    /** The answer of a compatibility test: {@code messages} lists what breaks. */
    record Compatibility(boolean compatible, List<String> messages) {
    }

    /**
     * {@code POST /subjects/{subject}/versions}: the existing version when the subject has the schema live, else a
     * new version, after the subject's compatibility level allows it.
     *
     * @throws RegistryException 42201 for an invalid schema, 409 when the level refuses it
     */
    SchemaStoreView.Entry register(String subject, SchemaRegistryApi.SchemaRequest request) {
        Schema schema = SchemaRegistryApi.SchemaRequest.parse(request);
        String canonical = schema.toString();
        return writer.write(store -> {
            var existing = store.find(subject, canonical, false);
            if (existing.isPresent()) {
                return Decision.unchanged(existing.get());
            }
            CompatibilityLevel level = level(store, subject);
            List<String> violations = level.violations(schema, liveSchemas(store, subject));
            if (!violations.isEmpty()) {
                throw RegistryException.incompatible(subject, level, violations);
            }
            SchemaStoreView.Entry entry = store.next(subject, canonical);
            return new Decision<>(List.of(new Append(Key.schema(subject, entry.version()), entry)), entry);
        });
    }

    /**
     * {@code POST /subjects/{subject}}: the version holding the schema.
     *
     * @throws RegistryException 40401 when the subject is unknown, 40403 when it lacks the schema
     */
    SchemaStoreView.Entry lookup(String subject, SchemaRegistryApi.SchemaRequest request, boolean includeDeleted) {
        String schema = SchemaRegistryApi.SchemaRequest.parse(request).toString();
        SchemaStoreView store = tail.view();
        if (store.entries(subject, includeDeleted).isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return store.find(subject, schema, includeDeleted)
            .orElseThrow(() -> RegistryException.schemaNotFound("subject '" + subject + "' has no such schema"));
    }

    /** @throws RegistryException 40403 when no version holds schema {@code id} */
    String schema(int id) {
        return tail.view().schema(id).orElseThrow(() -> RegistryException.schemaNotFound("no schema has id " + id));
    }

    /** {@code GET /schemas/ids/{id}/versions}. @throws RegistryException 40403 for an unknown id */
    List<SchemaStoreView.SubjectVersion> versionsOf(int id, boolean includeDeleted) {
        SchemaStoreView store = tail.view();
        store.schema(id).orElseThrow(() -> RegistryException.schemaNotFound("no schema has id " + id));
        return store.versionsOf(id, includeDeleted);
    }

    List<String> subjects(boolean includeDeleted) {
        return tail.view().subjects(includeDeleted);
    }

    /** @throws RegistryException 40401 when the subject has no version */
    List<Integer> versions(String subject, boolean includeDeleted) {
        List<SchemaStoreView.Entry> entries = tail.view().entries(subject, includeDeleted);
        if (entries.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return entries.stream().map(SchemaStoreView.Entry::version).toList();
    }

    /**
     * {@code GET /subjects/{subject}/versions/{version}}.
     *
     * @param version a number from 1 to 2^31-1, {@code latest} or {@code -1}
     * @throws RegistryException 42202 for any other version text, 40401 for an unknown subject, 40402 for an unknown
     *                           or (without {@code includeDeleted}) soft-deleted version
     */
    SchemaStoreView.Entry version(String subject, String version, boolean includeDeleted) {
        return version(tail.view(), subject, version, includeDeleted);
    }

    /**
     * {@code DELETE /subjects/{subject}}: soft-deletes every live version, or with {@code permanent} removes a
     * subject whose versions are all soft-deleted.
     *
     * @return the deleted version numbers
     * @throws RegistryException 40401 unknown subject, 40404 already soft-deleted, 40405 permanent before soft
     */
    List<Integer> deleteSubject(String subject, boolean permanent) {
        return writer.write(store -> {
            List<SchemaStoreView.Entry> all = store.entries(subject, true);
            if (all.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            boolean live = !store.entries(subject, false).isEmpty();
            List<Append> appends = new ArrayList<>();
            if (permanent) {
                if (live) {
                    throw RegistryException.subjectNotSoftDeleted(subject);
                }
                appends.add(maxIdFloor(store));
                all.forEach(entry -> appends.add(new Append(Key.schema(subject, entry.version()), null)));
                return new Decision<>(appends, all.stream().map(SchemaStoreView.Entry::version).toList());
            }
            if (!live) {
                throw RegistryException.subjectSoftDeleted(subject);
            }
            List<SchemaStoreView.Entry> liveEntries = store.entries(subject, false);
            liveEntries.forEach(entry -> appends.add(softDelete(entry)));
            return new Decision<>(appends, liveEntries.stream().map(SchemaStoreView.Entry::version).toList());
        });
    }

    /**
     * {@code DELETE /subjects/{subject}/versions/{version}}: soft, or with {@code permanent} after a soft delete.
     *
     * @return the deleted version number
     * @throws RegistryException 40401, 40402, 42202 as for reads; 40406 already soft-deleted, 40407 permanent
     *                           before soft
     */
    int deleteVersion(String subject, String version, boolean permanent) {
        return writer.write(store -> {
            // A number may name a soft-deleted version (40406 below); "latest" means the latest live one unless permanent.
            SchemaStoreView.Entry entry = version(store, subject, version, permanent || parseVersion(version) != -1);
            if (permanent) {
                if (!entry.deleted()) {
                    throw RegistryException.versionNotSoftDeleted(subject, entry.version());
                }
                return new Decision<>(List.of(maxIdFloor(store), new Append(Key.schema(subject, entry.version()), null)), entry.version());
            }
            if (entry.deleted()) {
                throw RegistryException.versionSoftDeleted(subject, entry.version());
            }
            return new Decision<>(List.of(softDelete(entry)), entry.version());
        });
    }

    /**
     * {@code POST /compatibility/subjects/{subject}/versions[/{version}]}: tests a schema without registering it.
     *
     * @param version one version to test against in the direction(s) of the subject's level, or null for every live
     *                version
     * @throws RegistryException 42201 invalid schema; 40401, 40402, 42202 for the version as in reads
     */
    Compatibility testCompatibility(String subject, String version, SchemaRegistryApi.SchemaRequest request) {
        Schema schema = SchemaRegistryApi.SchemaRequest.parse(request);
        SchemaStoreView store = tail.view();
        CompatibilityLevel level = level(store, subject);
        List<String> messages = new ArrayList<>();
        if (version == null) {
            liveSchemas(store, subject).forEach((number, old) -> messages.addAll(level.violations(schema, new TreeMap<>(Map.of(number, old)))));
        } else {
            SchemaStoreView.Entry against = version(store, subject, version, false);
            messages.addAll(level.violations(schema, new TreeMap<>(Map.of(against.version(), new Schema.Parser().parse(against.schema())))));
        }
        return new Compatibility(messages.isEmpty(), messages);
    }

    /** The global level: set by {@code PUT /config}, else {@code registry.compatibility-level}. */
    CompatibilityLevel globalCompatibility() {
        return tail.view().globalCompatibility().orElse(defaultLevel);
    }

    /**
     * {@code GET /config/{subject}}.
     *
     * @throws RegistryException 40408 when the subject has no level of its own and {@code defaultToGlobal} is false
     */
    CompatibilityLevel subjectCompatibility(String subject, boolean defaultToGlobal) {
        SchemaStoreView store = tail.view();
        return store.subjectCompatibility(subject).or(() -> defaultToGlobal ? Optional.of(level(store, subject))
            : Optional.empty()).orElseThrow(() -> RegistryException.subjectConfigNotFound(subject));
    }

    /**
     * {@code PUT /config} ({@code subject} null) or {@code PUT /config/{subject}}.
     *
     * @throws RegistryException 42203 when {@code level} names no compatibility level
     */
    CompatibilityLevel configure(String subject, String level) {
        CompatibilityLevel parsed = CompatibilityLevel.parse(level);
        return writer.write(store -> new Decision<>(List.of(new Append(Key.config(subject), new SchemaRecords.ConfigValue(parsed.name()))), parsed));
    }

    /**
     * {@code DELETE /config/{subject}}: the subject falls back to the global level.
     *
     * @return the level it had
     * @throws RegistryException 40408 when it had none of its own
     */
    CompatibilityLevel deleteSubjectCompatibility(String subject) {
        return writer.write(store -> {
            CompatibilityLevel current = store.subjectCompatibility(subject).orElseThrow(() -> RegistryException.subjectConfigNotFound(subject));
            return new Decision<>(List.of(new Append(Key.config(subject), null)), current);
        });
    }

    private CompatibilityLevel level(SchemaStoreView store, String subject) {
        return store.subjectCompatibility(subject).or(store::globalCompatibility).orElse(defaultLevel);
    }

    private static NavigableMap<Integer, Schema> liveSchemas(SchemaStoreView store, String subject) {
        NavigableMap<Integer, Schema> schemas = new TreeMap<>();
        store.entries(subject, false).forEach(entry -> schemas.put(entry.version(), new Schema.Parser().parse(entry.schema())));
        return schemas;
    }

    private static Append softDelete(SchemaStoreView.Entry entry) {
        return new Append(Key.schema(entry.subject(), entry.version()), entry.softDeleted());
    }

    /** Written with every permanent delete: the ids in use stay used after compaction drops the tombstoned records. */
    private static Append maxIdFloor(SchemaStoreView store) {
        return new Append(Key.maxId(), new SchemaRecords.MaxIdValue(store.maxId()));
    }

    private static SchemaStoreView.Entry version(SchemaStoreView store, String subject, String version, boolean includeDeleted) {
        int number = parseVersion(version);
        if (store.entries(subject, includeDeleted).isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        if (number == -1) {
            List<SchemaStoreView.Entry> entries = store.entries(subject, includeDeleted);
            return entries.get(entries.size() - 1);
        }
        return store.version(subject, number).filter(entry -> includeDeleted || !entry.deleted())
            .orElseThrow(() -> RegistryException.versionNotFound(subject, version));
    }

    /** {@code latest} and {@code -1} are -1; otherwise 1 to 2^31-1. @throws RegistryException 42202 */
    private static int parseVersion(String version) {
        if (LATEST.equals(version) || "-1".equals(version)) {
            return -1;
        }
        try {
            int number = Integer.parseInt(version);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // falls through to the 42202 below, which names the text
        }
        throw RegistryException.invalidVersion(version);
    }
}
