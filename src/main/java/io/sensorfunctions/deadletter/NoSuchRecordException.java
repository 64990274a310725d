package io.sensorfunctions.deadletter;

/** A replay names a dead-letter partition or offset that holds no record: nothing of the replay was written. */
class NoSuchRecordException extends RuntimeException {

    private final String field;

    /**
     * @param field  the request field at fault: {@code partition} or {@code offsets}
     * @param reason what holds no record, and what the partition holds
     */
    NoSuchRecordException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    String field() {
        return field;
    }
}
