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
 * records in the same order, so every instance holds the same subjects, versions, ids and compatibility settings.
 * The methods synchronize: one thread applies the log while request threads read.
 *
 * <p>A soft-deleted version stays here, flagged: its id still resolves and its number is not reused, as in
 * Confluent's registry. A permanently deleted version is gone; its id resolves only while another version holds
 * the same schema, and it is never handed out again ({@link #maxId()}).
 */
final class SchemaStore implements SchemaStoreView {

    private final Map<String, NavigableMap<Integer, Entry>> subjects = new TreeMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectCompatibility = new HashMap<>();
    private CompatibilityLevel globalCompatibility;
    private int maxId;

    synchronized void apply(Entry entry) {
        subjects.computeIfAbsent(entry.subject(), s -> new TreeMap<>()).put(entry.version(), entry);
        schemasById.putIfAbsent(entry.id(), entry.schema());
        idsBySchema.putIfAbsent(entry.schema(), entry.id());
        maxId = Math.max(maxId, entry.id());
    }

    /** Applies a tombstone (permanent delete). The id is forgotten once no other version holds it. */
    synchronized void remove(String subject, int version) {
        NavigableMap<Integer, Entry> versions = subjects.get(subject);
        if (versions == null) {
            return;
        }
        Entry removed = versions.remove(version);
        if (versions.isEmpty()) {
            subjects.remove(subject);
        }
        if (removed != null && subjects.values().stream().flatMap(v -> v.values().stream()).noneMatch(e -> e.id() == removed.id())) {
            schemasById.remove(removed.id());
            idsBySchema.remove(removed.schema());
        }
    }

    /** Raises the id floor; written before permanent deletes so compaction cannot make an id reusable. */
    synchronized void raiseMaxId(int id) {
        maxId = Math.max(maxId, id);
    }

    @Override
    public synchronized int maxId() {
        return maxId;
    }

    /** Sets ({@code level} non-null) or clears a subject's level; {@code subject} null is the global default. */
    synchronized void configure(String subject, CompatibilityLevel level) {
        if (subject == null) {
            globalCompatibility = level;
        } else if (level == null) {
            subjectCompatibility.remove(subject);
        } else {
            subjectCompatibility.put(subject, level);
        }
    }

    @Override
    public synchronized Optional<CompatibilityLevel> globalCompatibility() {
        return Optional.ofNullable(globalCompatibility);
    }

    @Override
    public synchronized Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        return Optional.ofNullable(subjectCompatibility.get(subject));
    }

    @Override
    public synchronized Optional<Entry> find(String subject, String canonicalSchema, boolean includeDeleted) {
        return entries(subject, includeDeleted).stream().filter(e -> e.schema().equals(canonicalSchema)).findFirst();
    }

    @Override
    public synchronized Entry next(String subject, String canonicalSchema) {
        NavigableMap<Integer, Entry> versions = subjects.get(subject);
        int version = versions == null ? 1 : versions.lastKey() + 1;
        int id = idsBySchema.getOrDefault(canonicalSchema, maxId + 1);
        return new Entry(subject, version, id, canonicalSchema, false);
    }

    @Override
    public synchronized Optional<String> schema(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    @Override
    public synchronized List<SubjectVersion> versionsOf(int id, boolean includeDeleted) {
        return subjects.values().stream().flatMap(v -> v.values().stream())
            .filter(e -> e.id() == id && (includeDeleted || !e.deleted()))
            .map(e -> new SubjectVersion(e.subject(), e.version()))
            .toList();
    }

    @Override
    public synchronized List<String> subjects(boolean includeDeleted) {
        return subjects.keySet().stream().filter(s -> !entries(s, includeDeleted).isEmpty()).toList();
    }

    @Override
    public synchronized List<Entry> entries(String subject, boolean includeDeleted) {
        NavigableMap<Integer, Entry> versions = subjects.get(subject);
        if (versions == null) {
            return List.of();
        }
        List<Entry> result = new ArrayList<>();
        for (Entry entry : versions.values()) {
            if (includeDeleted || !entry.deleted()) {
                result.add(entry);
            }
        }
        return result;
    }

    @Override
    public synchronized Optional<Entry> version(String subject, int version) {
        NavigableMap<Integer, Entry> versions = subjects.get(subject);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }
}
