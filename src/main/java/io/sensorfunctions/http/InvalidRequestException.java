package io.sensorfunctions.http;

/** A request body field or parameter that is missing or wrong: answered 400 naming it (see {@link RequestRefusedException}). */
public class InvalidRequestException extends RequestRefusedException {

    /**
     * @param field  the JSON field at fault, or null when the body as a whole is
     * @param reason why, naming the rule and the value received
     */
    public InvalidRequestException(String field, String reason) {
        super(400, field, reason);
    }
}
