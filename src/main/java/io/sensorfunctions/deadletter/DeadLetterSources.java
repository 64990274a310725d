package io.sensorfunctions.deadletter;

import java.util.Map;

/**
 * The listener functions that dead-letter records, as {@code GET /dlt} shows them beside the topics: implemented by
 * the listener runtime, which writes through {@link DeadLetterPublisher}, so that this package does not depend on it.
 */
public interface DeadLetterSources {

    /**
     * @return each listener function's counts (dead-lettered per kind, retried, waited) and state, by function name,
     *         as serializable snapshots
     */
    Map<String, ?> snapshots();
}
