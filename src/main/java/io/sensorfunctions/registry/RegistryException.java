package io.sensorfunctions.registry;

import io.micronaut.http.HttpStatus;

/**
 * An error answered in Confluent's shape, {@code {"error_code": N, "message": "..."}}, with Confluent's codes
 * (Schema Registry API reference, "Errors").
 */
class RegistryException extends RuntimeException {

    private final HttpStatus status;
    private final int errorCode;

    RegistryException(HttpStatus status, int errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    HttpStatus status() {
        return status;
    }

    int errorCode() {
        return errorCode;
    }

    static RegistryException subjectNotFound(String subject) {
        return new RegistryException(HttpStatus.NOT_FOUND, 40401, "Subject '" + subject + "' not found.");
    }

    static RegistryException versionNotFound(String subject, Object version) {
        return new RegistryException(HttpStatus.NOT_FOUND, 40402, "Version " + version + " not found for subject '" + subject + "'.");
    }

    static RegistryException schemaNotFound(String detail) {
        return new RegistryException(HttpStatus.NOT_FOUND, 40403, "Schema not found: " + detail);
    }

    static RegistryException invalidSchema(String detail) {
        return new RegistryException(HttpStatus.UNPROCESSABLE_ENTITY, 42201, "Invalid schema: " + detail);
    }

    static RegistryException invalidVersion(String version) {
        return new RegistryException(HttpStatus.UNPROCESSABLE_ENTITY, 42202,
            "The specified version '" + version + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryException storeUnavailable(String detail) {
        return new RegistryException(HttpStatus.INTERNAL_SERVER_ERROR, 50002, "Error in the backend data store: " + detail);
    }
}
