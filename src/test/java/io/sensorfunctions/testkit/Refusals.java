package io.sensorfunctions.testkit;

import io.sensorfunctions.http.InvalidRequestException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Assertions on the request parsers' refusals, shared by their tests. */
public final class Refusals {

    private Refusals() {
    }

    /** Asserts that {@code parse} refuses the request naming {@code field}, with a message that contains {@code reason}. */
    public static void assertRefused(ThrowingCallable parse, String field, String reason) {
        assertThatThrownBy(parse).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(reason);
        });
    }
}
