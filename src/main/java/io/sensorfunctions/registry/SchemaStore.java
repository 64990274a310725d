package io.sensorfunctions.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry's state, rebuilt by applying the {@code _schemas} log in order. Every instance applies the same
 * records in the same order, so every instance holds the same subjects, versions and ids. Not thread-confined:
 * the methods synchronize.
 */
final class SchemaStore {

    /** One version of a subject. {@code schema} is the canonical text, Avro's own rendering of the parsed schema. */
    record Entry(String subject, int version, int id, String schema) {
    }

    private final Map<String, NavigableMap<Integer, Entry>> subjects = new TreeMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private int maxId;

    synchronized void apply(Entry entry) {
        subjects.computeIfAbsent(entry.subject(), s -> new TreeMap<>()).put(entry.version(), entry);
        schemasById.putIfAbsent(entry.id(), entry.schema());
        idsBySchema.putIfAbsent(entry.schema(), entry.id());
        maxId = Math.max(maxId, entry.id());
    }

    /** Applies a tombstone: the version is gone, its id still resolves (as in Confluent's registry). */
    synchronized void remove(String subject, int version) {
        NavigableMap<Integer, Entry> versions = subjects.get(subject);
        if (versions != null) {
            versions.remove(version);
            if (versions.isEmpty()) {
                subjects.remove(subject);
            }
        }
    }

    /** The subject's version holding this canonical schema, if any. */
    synchronized Optional<Entry> find(String subject, String canonicalSchema) {
        NavigableMap<Integer, Entry> versions = subjects.get(subject);
        if (versions == null) {
            return Optional.empty();
        }
        return versions.values().stream().filter(e -> e.schema().equals(canonicalSchema)).findFirst();
    }

    /**
     * The entry a registration would append: the schema keeps its global id if any subject has it already, otherwise
     * it gets the next id; the version follows the subject's last.
     */
    synchronized Entry next(String subject, String canonicalSchema) {
        NavigableMap<Integer, Entry> versions = subjects.get(subject);
        int version = versions == null ? 1 : versions.lastKey() + 1;
        int id = idsBySchema.getOrDefault(canonicalSchema, maxId + 1);
        return new Entry(subject, version, id, canonicalSchema);
    }

    synchronized Optional<String> schema(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    synchronized List<String> subjects() {
        return new ArrayList<>(subjects.keySet());
    }

    synchronized Optional<List<Integer>> versions(String subject) {
        NavigableMap<Integer, Entry> versions = subjects.get(subject);
        return versions == null ? Optional.empty() : Optional.of(new ArrayList<>(versions.keySet()));
    }

    synchronized Optional<Entry> version(String subject, int version) {
        NavigableMap<Integer, Entry> versions = subjects.get(subject);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

    synchronized Optional<Entry> latest(String subject) {
        NavigableMap<Integer, Entry> versions = subjects.get(subject);
        return versions == null ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
    }
}
