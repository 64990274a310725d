package io.sensorfunctions.function;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FunctionTest {

    @Test
    void unsetOrBlankSelectsEveryFunction() {
        assertThat(Function.parse(null)).isEqualTo(EnumSet.allOf(Function.class));
        assertThat(Function.parse(" ")).isEqualTo(EnumSet.allOf(Function.class));
    }

    @Test
    void commaListSelectsNamedFunctionsIgnoringCaseAndSpaces() {
        assertThat(Function.parse("Reader, registry")).containsExactlyInAnyOrder(Function.READER, Function.REGISTRY);
    }

    @Test
    void unknownFunctionIsNamedInTheError() {
        assertThatThrownBy(() -> Function.parse("reader,reeder"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'reeder'")
            .hasMessageContaining("emitter,trigger,reader,alerts,registry,dashboard");
    }
}
