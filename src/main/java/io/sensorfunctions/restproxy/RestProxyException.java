package io.sensorfunctions.restproxy;

import io.micronaut.http.HttpStatus;

/**
 * A request the REST proxy refuses, with Confluent's error code (Confluent docs, "Confluent REST Proxy API Reference",
 * Errors; Karapace's {@code RESTErrorCodes}): 40401 topic not found, 40402 partition not found, 40601 format
 * mismatch, 42201/42202 key/value schema missing, 42205 data that does not fit its format or schema, or the HTTP
 * status itself (400, 406, 413, 415, 422).
 */
final class RestProxyException extends RuntimeException {

    static final int TOPIC_NOT_FOUND = 40401;
    static final int PARTITION_NOT_FOUND = 40402;
    static final int UNSUPPORTED_FORMAT = 40601;
    static final int KEY_SCHEMA_MISSING = 42201;
    static final int VALUE_SCHEMA_MISSING = 42202;
    static final int INVALID_DATA = 42205;

    private final HttpStatus status;
    private final int errorCode;

    RestProxyException(HttpStatus status, int errorCode, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
    }

    static RestProxyException topicNotFound(String topic) {
        return new RestProxyException(HttpStatus.NOT_FOUND, TOPIC_NOT_FOUND, "Topic " + topic + " not found.");
    }

    static RestProxyException partitionNotFound(String topic, Object partition) {
        return new RestProxyException(HttpStatus.NOT_FOUND, PARTITION_NOT_FOUND, "Partition " + partition + " of topic "
            + topic + " not found.");
    }

    /** @return 422 with {@link #INVALID_DATA}: the records do not fit their embedded format or schema */
    static RestProxyException invalidData(String message) {
        return new RestProxyException(HttpStatus.UNPROCESSABLE_ENTITY, INVALID_DATA, message);
    }

    /** @return 422 with code 422: the request body is not the records a produce takes */
    static RestProxyException malformed(String message) {
        return new RestProxyException(HttpStatus.UNPROCESSABLE_ENTITY, HttpStatus.UNPROCESSABLE_ENTITY.getCode(), message);
    }

    /** @return the HTTP status */
    HttpStatus status() {
        return status;
    }

    /** @return Confluent's error code */
    int errorCode() {
        return errorCode;
    }
}
