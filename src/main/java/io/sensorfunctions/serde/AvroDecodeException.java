package io.sensorfunctions.serde;

import io.sensorfunctions.listener.DecodeFailure;
import org.apache.kafka.common.errors.SerializationException;

import java.util.Locale;

/**
 * A record's bytes that did not decode, with the {@link Problem} that decides what a consumer does about it: wait
 * for the registry and try again ({@link Problem#retriable()}), or set the record aside in a dead-letter topic. As a
 * {@link DecodeFailure}, it tells the listener runtime which.
 */
public class AvroDecodeException extends SerializationException implements DecodeFailure {

    /** Why a record did not decode. {@link #id()} names the kind in dead-letter counts and headers. */
    public enum Problem {
        /** A null value (tombstone) where a datum is expected. */
        TOMBSTONE,
        /** Fewer than the wire format's 5 header bytes. */
        TOO_SHORT,
        /** A first byte other than Confluent's magic byte 0x00. */
        WRONG_MAGIC_BYTE,
        /** A schema id the registry answered 404 (error code 40403) for. */
        UNKNOWN_SCHEMA_ID,
        /** The datum ends before the writer schema is fully read. */
        TRUNCATED,
        /** A string, bytes or collection length above Avro's limits ({@code org.apache.avro.limits.*}). */
        OVER_LIMIT,
        /** The datum does not decode with its writer schema, or not into the expected type. */
        UNDECODABLE,
        /** The registry could not be reached or refused to answer (connection, timeout, 5xx, 401, 403, 429). */
        REGISTRY_UNAVAILABLE;

        /** @return true when the record itself is fine and only the registry failed, so trying later can succeed */
        public boolean retriable() {
            return this == REGISTRY_UNAVAILABLE;
        }

        /** @return the kind in lower-case kebab form, e.g. {@code wrong-magic-byte} */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Problem problem;

    /**
     * @param problem why the record did not decode
     * @param message what failed, naming the topic
     * @param cause   the underlying error, or null
     */
    public AvroDecodeException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    /** @return why the record did not decode */
    public Problem problem() {
        return problem;
    }

    /** @return the problem's id, e.g. {@code wrong-magic-byte} */
    @Override
    public String kind() {
        return problem.id();
    }

    /** @return whether only the registry failed: {@link Problem#retriable()} */
    @Override
    public boolean dependencyFailed() {
        return problem.retriable();
    }
}
