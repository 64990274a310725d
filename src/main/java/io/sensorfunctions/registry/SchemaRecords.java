package io.sensorfunctions.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Key and value of a {@code _schemas} record, in the JSON that Confluent Schema Registry itself writes
 * ({@code {"keytype":"SCHEMA","subject":..,"version":..,"magic":1}} and
 * {@code {"subject":..,"version":..,"id":..,"schema":..,"deleted":false}}), so the topic stays readable by both.
 */
final class SchemaRecords {

    static final String SCHEMA_KEYTYPE = "SCHEMA";

    private SchemaRecords() {
    }

    @Serdeable
    record Key(String keytype, @Nullable String subject, @Nullable Integer version, int magic) {
        static Key schema(String subject, int version) {
            return new Key(SCHEMA_KEYTYPE, subject, version, 1);
        }
    }

    @Serdeable
    record Value(String subject, int version, int id, String schema, boolean deleted) {
    }
}
