package io.sensorfunctions.trigger;

/** A request field that is missing or wrong; answered with 400 and nothing produced. */
class InvalidRequestException extends RuntimeException {

    private final String field;

    /**
     * @param field  the JSON field at fault, or null when the body as a whole is
     * @param reason why, naming the rule and the value received
     */
    InvalidRequestException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    String field() {
        return field;
    }
}
