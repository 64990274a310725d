package io.sensorfunctions.reader;

import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicReference;

/** Whether the reader's consumer is consuming, or why it stopped. */
@Singleton
class ReaderStatus {

    private final AtomicReference<String> failure = new AtomicReference<>();

    /** Records the first reason the consumer stopped. @return true if this call recorded it */
    boolean fail(String reason) {
        return failure.compareAndSet(null, reason);
    }

    /** The reason the consumer stopped, or null while it runs. */
    String failure() {
        return failure.get();
    }
}
