package io.sensorfunctions.registry;

import io.micronaut.http.HttpStatus;

import java.util.List;

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

    static RegistryException subjectSoftDeleted(String subject) {
        return new RegistryException(HttpStatus.NOT_FOUND, 40404,
            "Subject '" + subject + "' was soft deleted. Set permanent=true to delete permanently");
    }

    static RegistryException subjectNotSoftDeleted(String subject) {
        return new RegistryException(HttpStatus.NOT_FOUND, 40405,
            "Subject '" + subject + "' was not deleted first before being permanently deleted");
    }

    static RegistryException versionSoftDeleted(String subject, int version) {
        return new RegistryException(HttpStatus.NOT_FOUND, 40406,
            "Subject '" + subject + "' Version " + version + " was soft deleted. Set permanent=true to delete permanently");
    }

    static RegistryException versionNotSoftDeleted(String subject, int version) {
        return new RegistryException(HttpStatus.NOT_FOUND, 40407,
            "Subject '" + subject + "' Version " + version + " was not deleted first before being permanently deleted");
    }

    static RegistryException subjectConfigNotFound(String subject) {
        return new RegistryException(HttpStatus.NOT_FOUND, 40408,
            "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    /** 409 carries the HTTP status as its error code, as in Confluent's registry. */
    static RegistryException incompatible(String subject, CompatibilityLevel level, List<String> violations) {
        return new RegistryException(HttpStatus.CONFLICT, 409, "Schema being registered is incompatible with an earlier "
            + "schema for subject \"" + subject + "\" under compatibility level " + level + ", details: " + violations);
    }

    static RegistryException invalidSchema(String detail) {
        return new RegistryException(HttpStatus.UNPROCESSABLE_ENTITY, 42201, "Invalid schema: " + detail);
    }

    static RegistryException invalidVersion(String version) {
        return new RegistryException(HttpStatus.UNPROCESSABLE_ENTITY, 42202,
            "The specified version '" + version + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryException invalidCompatibility(String level) {
        return new RegistryException(HttpStatus.UNPROCESSABLE_ENTITY, 42203, "Invalid compatibility level '" + level
            + "'. Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive");
    }

    static RegistryException storeUnavailable(String detail) {
        return new RegistryException(HttpStatus.INTERNAL_SERVER_ERROR, 50002, "Error in the backend data store: " + detail);
    }
}
