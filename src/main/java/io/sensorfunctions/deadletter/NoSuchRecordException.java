package io.sensorfunctions.deadletter;

import io.sensorfunctions.http.RequestRefusedException;

/** A replay names a dead-letter partition or offset that holds no record; answered 404 naming the field. */
class NoSuchRecordException extends RequestRefusedException {

    NoSuchRecordException(String field, String reason) {
        super(404, field, reason);
    }
}
