package io.sensorfunctions.function;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventFunctionTest {

    @Test
    void unsetOrBlankSelectsEveryFunction() {
        assertThat(EventFunction.parse(null)).isEqualTo(EnumSet.allOf(EventFunction.class));
        assertThat(EventFunction.parse(" ")).isEqualTo(EnumSet.allOf(EventFunction.class));
    }

    @Test
    void commaListSelectsNamedFunctionsIgnoringCaseAndSpaces() {
        assertThat(EventFunction.parse("Reader, registry")).containsExactlyInAnyOrder(EventFunction.READER, EventFunction.REGISTRY);
    }

    @Test
    void unknownFunctionIsNamedInTheError() {
        assertThatThrownBy(() -> EventFunction.parse("reader,reeder"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'reeder'")
            .hasMessageContaining("emitter,trigger,reader,alerts,registry,dashboard");
    }
}
