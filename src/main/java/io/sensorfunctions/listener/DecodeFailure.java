package io.sensorfunctions.listener;

/**
 * What a failure to decode a record's bytes says about the record, for the rules {@link RecordGuard} applies:
 * implemented by a deserializer's exception (the Avro serde's {@code AvroDecodeException}), found anywhere in the
 * cause chain of what a listener's handler threw. Either the record is poison and is dead-lettered at once under
 * {@link #kind()}, or a dependency failed ({@link #dependencyFailed()}: the schema registry did not answer) and the
 * partition waits at the record until it answers. Declared here so that the listener runtime does not depend on a
 * serde.
 */
public interface DecodeFailure {

    /** @return the failure's kind in lower-case kebab form, e.g. {@code wrong-magic-byte}: the dead-letter kind */
    String kind();

    /** @return true when the record is fine and only a dependency failed, so that trying later can succeed */
    boolean dependencyFailed();
}
