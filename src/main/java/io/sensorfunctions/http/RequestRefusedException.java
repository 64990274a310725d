package io.sensorfunctions.http;

/**
 * A request that one of our endpoints refuses, acting on nothing of it. Every endpoint answers it with
 * {@link #status()} and an {@link ErrorBody}: 400 for an {@link InvalidRequestException}, 404 for a missing record,
 * 429 when too many bursts run, 503 when Kafka is unavailable.
 */
public class RequestRefusedException extends RuntimeException {

    private final int status;
    private final String field;

    /**
     * @param status the HTTP status to answer with
     * @param field  the JSON field or query parameter at fault, or null when the request as a whole is
     * @param reason why, naming the rule and the value received
     */
    public RequestRefusedException(int status, String field, String reason) {
        super(reason);
        this.status = status;
        this.field = field;
    }

    /** @return the JSON field at fault, or null when the request as a whole is */
    public String field() {
        return field;
    }

    /** @return the HTTP status to answer with */
    public int status() {
        return status;
    }
}
