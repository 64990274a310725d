package io.sensorfunctions.serde;

/**
 * An error answer from a schema registry, or no answer at all.
 */
public class SchemaRegistryException extends RuntimeException {

    private final int status;
    private final int errorCode;

    /**
     * @param status    HTTP status, 0 when the registry could not be reached
     * @param errorCode Confluent's {@code error_code} (e.g. 40401 subject not found, 40403 schema not found, 409
     *                  incompatible), or the HTTP status when the body had none
     * @param message   what failed, with the URL
     */
    public SchemaRegistryException(int status, int errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    public int errorCode() {
        return errorCode;
    }

    /**
     * Whether the registry, not the request, is at fault, so the same call can succeed later: no answer (connection
     * refused, timeout), 5xx, 408, 429, or 401/403 (credentials are rotated on the registry side; a consumer must
     * wait rather than drop records it cannot read yet).
     */
    public boolean retriable() {
        return status == 0 || status >= 500 || status == 401 || status == 403 || status == 408 || status == 429;
    }
}
