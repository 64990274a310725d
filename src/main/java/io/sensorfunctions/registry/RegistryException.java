package io.sensorfunctions.registry;

import java.util.List;

/**
 * A registry operation refused or failed, with Confluent's error code (Schema Registry API reference, "Errors"): the
 * HTTP status times 100 plus a detail (40401 subject not found, 42201 invalid schema, 50002 store unavailable), or the
 * status alone (409). The controller answers it in Confluent's shape, {@code {"error_code": N, "message": "..."}},
 * with the status the code names ({@link #httpStatusCode()}).
 */
class RegistryException extends RuntimeException {

    private final int errorCode;

    RegistryException(int errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    /** @return the HTTP status Confluent's error code stands for: 40401 is 404, 409 is 409 */
    int httpStatusCode() {
        return errorCode < 1000 ? errorCode : errorCode / 100;
    }

    int errorCode() {
        return errorCode;
    }

    static RegistryException subjectNotFound(String subject) {
        return new RegistryException(40401, "Subject '" + subject + "' not found.");
    }

    static RegistryException versionNotFound(String subject, Object version) {
        return new RegistryException(40402, "Version " + version + " not found for subject '" + subject + "'.");
    }

    static RegistryException schemaNotFound(String detail) {
        return new RegistryException(40403, "Schema not found: " + detail);
    }

    static RegistryException subjectSoftDeleted(String subject) {
        return new RegistryException(40404,
            "Subject '" + subject + "' was soft deleted. Set permanent=true to delete permanently");
    }

    static RegistryException subjectNotSoftDeleted(String subject) {
        return new RegistryException(40405,
            "Subject '" + subject + "' was not deleted first before being permanently deleted");
    }

    static RegistryException versionSoftDeleted(String subject, int version) {
        return new RegistryException(40406,
            "Subject '" + subject + "' Version " + version + " was soft deleted. Set permanent=true to delete permanently");
    }

    static RegistryException versionNotSoftDeleted(String subject, int version) {
        return new RegistryException(40407,
            "Subject '" + subject + "' Version " + version + " was not deleted first before being permanently deleted");
    }

    static RegistryException subjectConfigNotFound(String subject) {
        return new RegistryException(40408,
            "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    /** 409 carries the HTTP status as its error code, as in Confluent's registry. */
    static RegistryException incompatible(String subject, CompatibilityLevel level, List<String> violations) {
        return new RegistryException(409, "Schema being registered is incompatible with an earlier "
            + "schema for subject \"" + subject + "\" under compatibility level " + level + ", details: " + violations);
    }

    static RegistryException invalidSchema(String detail) {
        return new RegistryException(42201, "Invalid schema: " + detail);
    }

    static RegistryException invalidVersion(String version) {
        return new RegistryException(42202,
            "The specified version '" + version + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryException invalidCompatibility(String level) {
        return new RegistryException(42203, "Invalid compatibility level '" + level
            + "'. Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive");
    }

    static RegistryException storeUnavailable(String detail) {
        return new RegistryException(50002, "Error in the backend data store: " + detail);
    }
}
