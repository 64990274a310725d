package io.sensorfunctions.deadletter;

import io.sensorfunctions.InvalidRequestException;

/** A replay names a dead-letter partition or offset that holds no record; answered 404 naming the field. */
class NoSuchRecordException extends InvalidRequestException {

    NoSuchRecordException(String field, String reason) {
        super(field, reason);
    }

    @Override
    public int status() {
        return 404;
    }
}
