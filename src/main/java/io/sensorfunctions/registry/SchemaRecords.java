package io.sensorfunctions.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Keys and values of {@code _schemas} records; a schema record's value is a {@link SchemaStoreView.Entry} as it is. Schema
 * and config records use the JSON that Confluent Schema Registry
 * itself writes, so the topic stays readable by both:
 * <ul>
 *   <li>{@code {"keytype":"SCHEMA","subject":..,"version":..,"magic":1}} with
 *       {@code {"subject":..,"version":..,"id":..,"schema":..,"deleted":false}}; a soft delete rewrites the value with
 *       {@code "deleted":true}, a permanent delete writes a tombstone;</li>
 *   <li>{@code {"keytype":"CONFIG","subject":..,"magic":0}} (no subject: the global default) with
 *       {@code {"compatibilityLevel":..}}; a tombstone clears a subject's level.</li>
 * </ul>
 * {@code MAX_ID} is ours: Confluent's registry has no record that survives compaction of a permanently deleted
 * schema, so without it a restarted registry could hand that schema's id to another schema.
 */
final class SchemaRecords {

    static final String SCHEMA = "SCHEMA";
    static final String CONFIG = "CONFIG";
    static final String MAX_ID = "MAX_ID";

    private SchemaRecords() {
    }

    @Serdeable
    record Key(String keytype, @Nullable String subject, @Nullable Integer version, int magic) {
        static Key schema(String subject, int version) {
            return new Key(SCHEMA, subject, version, 1);
        }

        static Key config(@Nullable String subject) {
            return new Key(CONFIG, subject, null, 0);
        }

        static Key maxId() {
            return new Key(MAX_ID, null, null, 0);
        }
    }

    @Serdeable
    record ConfigValue(String compatibilityLevel) {
    }

    @Serdeable
    record MaxIdValue(int maxId) {
    }

    /** One record to append: {@code value} null is a tombstone. */
    record Append(Key key, @Nullable Object value) {
    }
}
