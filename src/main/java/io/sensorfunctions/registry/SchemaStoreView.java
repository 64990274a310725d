package io.sensorfunctions.registry;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Optional;

/**
 * The registry's state as read from {@code _schemas}, read-only: what the service answers and decides on. Only
 * {@link SchemaLogTail} changes the {@link SchemaStore} behind it, as it reads the topic.
 */
interface SchemaStoreView {

    /**
     * One version of a subject. {@code schema} is the canonical text, Avro's own rendering of the parsed schema. As JSON,
     * the value of its {@code _schemas} record, in the fields Confluent's registry writes.
     */
    @Serdeable
    record Entry(String subject, int version, int id, String schema, boolean deleted) {
        Entry softDeleted() {
            return new Entry(subject, version, id, schema, true);
        }
    }

    /** A subject and version, as {@code GET /schemas/ids/{id}/versions} lists them. */
    record SubjectVersion(String subject, int version) {
    }

    /** @return the highest schema id ever handed out, deleted ones included; 0 before the first */
    int maxId();

    /** @return the global compatibility level set by {@code PUT /config}, if any */
    Optional<CompatibilityLevel> globalCompatibility();

    /** @return the subject's own compatibility level, if any */
    Optional<CompatibilityLevel> subjectCompatibility(String subject);

    /** @return the subject's version holding this canonical schema, if any */
    Optional<Entry> find(String subject, String canonicalSchema, boolean includeDeleted);

    /**
     * @return the entry a registration would append: the schema keeps its global id if any version has it already,
     *         otherwise it gets the next id; the version follows the subject's last, soft-deleted ones included
     */
    Entry next(String subject, String canonicalSchema);

    /** @return the canonical schema with this id, if any version still holds it */
    Optional<String> schema(int id);

    /** @return every subject and version holding schema {@code id} */
    List<SubjectVersion> versionsOf(int id, boolean includeDeleted);

    /** @return subjects with at least one version; with {@code includeDeleted}, also those whose versions are all soft-deleted */
    List<String> subjects(boolean includeDeleted);

    /** @return the subject's versions, oldest first; soft-deleted ones only with {@code includeDeleted} */
    List<Entry> entries(String subject, boolean includeDeleted);

    /** @return a version, soft-deleted or not */
    Optional<Entry> version(String subject, int version);
}
