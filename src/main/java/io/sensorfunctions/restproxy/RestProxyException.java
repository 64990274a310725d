package io.sensorfunctions.restproxy;

import io.micronaut.http.HttpStatus;

/**
 * A request the REST proxy refuses, with Confluent's error code (Confluent docs, "Confluent REST Proxy API Reference",
 * Errors; Karapace's {@code RESTErrorCodes}): 40401 topic not found, 40402 partition not found, 40403 consumer
 * instance not found, 40601 format mismatch, 40902 consumer instance exists, 40903 conflicting subscription or
 * assignment, 42201/42202 key/value schema missing, 42204 invalid consumer settings, 42205 data that does not fit its
 * format or schema, or the HTTP status itself (400, 406, 413, 415, 422, 429).
 */
public final class RestProxyException extends RuntimeException {

    public static final int TOPIC_NOT_FOUND = 40401;
    public static final int PARTITION_NOT_FOUND = 40402;
    public static final int CONSUMER_NOT_FOUND = 40403;
    public static final int UNSUPPORTED_FORMAT = 40601;
    public static final int CONSUMER_ALREADY_EXISTS = 40902;
    public static final int ILLEGAL_STATE = 40903;
    public static final int KEY_SCHEMA_MISSING = 42201;
    public static final int VALUE_SCHEMA_MISSING = 42202;
    public static final int INVALID_CONSUMER_SETTINGS = 42204;
    public static final int INVALID_DATA = 42205;
    /** Kafka failed a request that was right: not the client's mistake (Confluent's 50002, "Kafka error"). */
    public static final int KAFKA_ERROR = 50002;

    private final HttpStatus status;
    private final int errorCode;

    public RestProxyException(HttpStatus status, int errorCode, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
    }

    public static RestProxyException topicNotFound(String topic) {
        return new RestProxyException(HttpStatus.NOT_FOUND, TOPIC_NOT_FOUND, "Topic " + topic + " not found.");
    }

    public static RestProxyException partitionNotFound(String topic, Object partition) {
        return new RestProxyException(HttpStatus.NOT_FOUND, PARTITION_NOT_FOUND, "Partition " + partition + " of topic "
            + topic + " not found.");
    }

    /** @return 422 with {@link #INVALID_DATA}: the records do not fit their embedded format or schema */
    public static RestProxyException invalidData(String message) {
        return new RestProxyException(HttpStatus.UNPROCESSABLE_ENTITY, INVALID_DATA, message);
    }

    /** @return 422 with code 422: the request body is not the records a produce takes */
    public static RestProxyException malformed(String message) {
        return new RestProxyException(HttpStatus.UNPROCESSABLE_ENTITY, HttpStatus.UNPROCESSABLE_ENTITY.getCode(), message);
    }

    /** @return 409 with {@link #ILLEGAL_STATE}: the request conflicts with the instance's subscription or assignment */
    public static RestProxyException illegalState(String message) {
        return new RestProxyException(HttpStatus.CONFLICT, ILLEGAL_STATE, message);
    }

    /** @return the HTTP status */
    public HttpStatus status() {
        return status;
    }

    /** @return Confluent's error code */
    public int errorCode() {
        return errorCode;
    }
}
