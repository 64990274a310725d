package io.sensorfunctions.security;

import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.StartupFailure;
import io.sensorfunctions.testkit.TestKafka;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Security configurations that would lock our doors badly stop startup, with a message naming the setting. */
@IntegrationTest
class SecurityPolicyTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no request filter          | security.users.ann.password=pw,security.users.ann.roles=operator,micronaut.security.filter.enabled=false"
            + " | request filter is not loaded",
        "tokens without a signature | micronaut.security.token.jwt.enabled=true | unsigned tokens would be accepted",
        "no way to sign in          | micronaut.security.token.jwt.enabled=false | no one can sign in",
        "unknown role               | security.users.ann.password=pw,security.users.ann.roles=admin | security.users.ann.roles is [admin]",
        "user without a password    | security.users.ann.roles=operator | SECURITY_USERS_ANN_PASSWORD",
    })
    void aBadSecurityConfigurationFailsStartup(String name, String settings, String message) {
        Map<String, Object> props = TestKafka.isolated("security-policy");
        props.put("functions", "registry");
        props.put("micronaut.security.enabled", "true");
        for (String setting : settings.split(",")) {
            String[] pair = setting.split("=", 2);
            props.put(pair[0], pair[1]);
        }

        assertThat(StartupFailure.messages(props)).contains(message);
    }
}
