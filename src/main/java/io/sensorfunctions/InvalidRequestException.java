package io.sensorfunctions;

/**
 * A request body field that is missing or wrong. Every endpoint answers it with its {@link #status()} (400 unless a
 * subclass says otherwise) and an {@link ErrorBody}, and acts on nothing of the request.
 */
public class InvalidRequestException extends RuntimeException {

    private final String field;

    /**
     * @param field  the JSON field at fault, or null when the body as a whole is
     * @param reason why, naming the rule and the value received
     */
    public InvalidRequestException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    /** @return the JSON field at fault, or null when the body as a whole is */
    public String field() {
        return field;
    }

    /** @return the HTTP status to answer with: 400 */
    public int status() {
        return 400;
    }
}
