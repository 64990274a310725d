package io.sensorfunctions.registry;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Confluent's compatibility levels (Schema Registry docs, "Schema Evolution and Compatibility"). The reader/writer
 * decision itself is Avro's ({@link SchemaCompatibility#checkReaderWriterCompatibility}); this enum only says which
 * pairs to check:
 * <ul>
 *   <li>BACKWARD: the new schema reads data written with the old one (consumers upgrade first);</li>
 *   <li>FORWARD: the old schema reads data written with the new one (producers upgrade first);</li>
 *   <li>FULL: both;</li>
 *   <li>{@code _TRANSITIVE}: against every live version, not only the latest;</li>
 *   <li>NONE: no check.</li>
 * </ul>
 */
enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    /**
     * Parses a level as clients send it, in any letter case.
     *
     * @throws RegistryException 42203 when {@code text} is missing or names no level
     */
    static CompatibilityLevel parse(String text) {
        if (text != null) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // falls through to the 42203 below, which names the text
            }
        }
        throw RegistryException.invalidCompatibility(text);
    }

    /**
     * Checks a candidate schema against a subject's live versions.
     *
     * @param candidate the schema to register or test
     * @param existing  the subject's live versions by version number; empty when the subject is new
     * @return the reasons the candidate is incompatible, in Confluent's verbose-message shape; empty when compatible
     */
    List<String> violations(Schema candidate, NavigableMap<Integer, Schema> existing) {
        if (existing.isEmpty() || this == NONE) {
            return List.of();
        }
        Map<Integer, Schema> checked = transitive ? existing : Map.of(existing.lastKey(), existing.lastEntry().getValue());
        List<String> messages = new ArrayList<>();
        checked.forEach((version, old) -> {
            if (newReadsOld) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, old),
                    "the new schema cannot read data written with version " + version, messages);
            }
            if (oldReadsNew) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(old, candidate),
                    "version " + version + " cannot read data written with the new schema", messages);
            }
        });
        return messages;
    }

    private static void describe(SchemaCompatibility.SchemaPairCompatibility pair, String direction, List<String> messages) {
        if (pair.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (Incompatibility incompatibility : pair.getResult().getIncompatibilities()) {
            messages.add("{errorType:'" + incompatibility.getType() + "', description:'" + direction + ": "
                + incompatibility.getMessage() + "', location:'" + incompatibility.getLocation() + "'}");
        }
    }
}
