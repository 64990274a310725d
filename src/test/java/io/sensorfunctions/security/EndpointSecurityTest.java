package io.sensorfunctions.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our own doors with {@code micronaut.security.enabled=true}: every state-changing endpoint answers 401 without
 * credentials and 403 to a viewer, and lets an operator through, by basic auth or a signed JWT bearer token. Unsigned
 * and wrongly signed tokens are refused. Management endpoints other than /health are never anonymous, and /health
 * shows details only to authenticated callers. Reads stay open, as {@code security.read-access} says by default.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointSecurityTest {

    static final String JWT_SECRET = "test-only-jwt-secret-of-at-least-256-bits!";
    private static final String OPERATOR_PASSWORD = "test-only-operator-password";
    private static final String VIEWER_PASSWORD = "test-only-viewer-password";
    private static final String SCHEMA = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Door\\\","
        + "\\\"fields\\\":[{\\\"name\\\":\\\"f\\\",\\\"type\\\":\\\"int\\\"}]}\"}";

    /** Each state-changing endpoint, with a body that an operator gets past the door with. */
    private static final List<Call> STATE_CHANGING = List.of(
        new Call("POST", "/produce", "{\"events\":1,\"delayMs\":0}"),
        new Call("POST", "/readers/seek", "{\"to\":\"earliest\"}"),
        new Call("POST", "/dlt/replay", "{}"),
        new Call("POST", "/subjects/doors-value/versions", SCHEMA),
        new Call("PUT", "/config", "{\"compatibility\":\"BACKWARD\"}"),
        new Call("PUT", "/config/doors-value", "{\"compatibility\":\"FULL\"}"),
        new Call("DELETE", "/config/doors-value", null),
        new Call("DELETE", "/subjects/doors-value/versions/1", null),
        new Call("DELETE", "/subjects/doors-value", null));

    private static final List<Call> MANAGEMENT = List.of(new Call("GET", "/beans", null), new Call("GET", "/routes", null),
        new Call("GET", "/loggers", null), new Call("POST", "/loggers/io.sensorfunctions", "{\"configuredLevel\":\"TRACE\"}"),
        new Call("GET", "/threaddump", null), new Call("POST", "/refresh", "{}"), new Call("GET", "/info", null),
        new Call("GET", "/env", null), new Call("POST", "/stop", "{}"), new Call("GET", "/caches", null));

    private static final List<String> READS = List.of("/", "/readings", "/alerts", "/assignments", "/dlt", "/subjects",
        "/config", "/mode", "/schemas/types", "/dashboard/snapshot", "/health");

    private FunctionsInstance server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() {
        Map<String, Object> props = TestKafka.isolated("doors");
        props.put("functions", "trigger,reader,alerts,registry,dashboard");
        props.putAll(securedProperties());
        // The trigger's serde registers the readings' schema, a state-changing call like any other.
        props.put("kafka.basic.auth.credentials.source", "USER_INFO");
        props.put("kafka.basic.auth.user.info", "olga:" + OPERATOR_PASSWORD);
        server = FunctionsInstance.start(props);
    }

    static Map<String, Object> securedProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("micronaut.security.enabled", "true");
        props.put("security.users.olga.password", OPERATOR_PASSWORD);
        props.put("security.users.olga.roles", "operator");
        props.put("security.users.victor.password", VIEWER_PASSWORD);
        props.put("security.users.victor.roles", "viewer");
        props.put("micronaut.security.token.jwt.enabled", "true");
        props.put("micronaut.security.token.jwt.signatures.secret.generator.secret", JWT_SECRET);
        return props;
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void stateChangingEndpointsAnswer401Then403ThenLetAnOperatorThrough() throws Exception {
        for (Call call : STATE_CHANGING) {
            assertThat(send(call, null)).as("%s anonymous", call).isEqualTo(401);
            assertThat(send(call, basic("olga", "wrong password"))).as("%s wrong password", call).isEqualTo(401);
            assertThat(send(call, basic("victor", VIEWER_PASSWORD))).as("%s viewer", call).isEqualTo(403);
            assertThat(send(call, bearer(signed("victor", "viewer", JWT_SECRET)))).as("%s viewer token", call).isEqualTo(403);
        }
        for (Call call : STATE_CHANGING) {
            assertThat(send(call, basic("olga", OPERATOR_PASSWORD))).as("%s operator", call).isNotIn(401, 403, 500);
        }
        assertThat(send(STATE_CHANGING.get(0), bearer(signed("olga", "operator", JWT_SECRET)))).as("operator token").isEqualTo(202);
    }

    @Test
    void unsignedAndWronglySignedTokensAreRefused() throws Exception {
        Call produce = STATE_CHANGING.get(0);
        String unsigned = new PlainJWT(claims("mallory", "operator")).serialize();
        assertThat(send(produce, bearer(unsigned))).as("alg none").isEqualTo(401);
        assertThat(send(produce, bearer(signed("mallory", "operator", "another-secret-of-at-least-256-bits-long!!"))))
            .as("signed with another secret").isEqualTo(401);
    }

    @Test
    void managementEndpointsAreNeverAnonymousAndOnlyForOperators() throws Exception {
        for (Call call : MANAGEMENT) {
            int anonymous = send(call, null);
            assertThat(anonymous).as("%s anonymous", call).isIn(401, 404);
            if (anonymous == 401) {
                assertThat(send(call, basic("victor", VIEWER_PASSWORD))).as("%s viewer", call).isEqualTo(403);
            }
        }
        assertThat(send(new Call("GET", "/beans", null), null)).as("the beans endpoint exists").isEqualTo(401);
        assertThat(send(new Call("GET", "/routes", null), basic("olga", OPERATOR_PASSWORD))).isEqualTo(200);
    }

    @Test
    void readsStayOpenAndHealthShowsDetailsOnlyToAuthenticatedCallers() throws Exception {
        for (String path : READS) {
            assertThat(send(new Call("GET", path, null), null)).as(path).isEqualTo(200);
        }
        assertThat(body("/health", null)).contains("\"status\":\"UP\"").doesNotContain("details").doesNotContain("kafka");
        assertThat(body("/health", basic("victor", VIEWER_PASSWORD))).contains("\"details\"").contains("kafka");
    }

    record Call(String method, String path, String body) {
    }

    int send(Call call, String authorization) throws Exception {
        return exchange(call, authorization).statusCode();
    }

    String body(String path, String authorization) throws Exception {
        return exchange(new Call("GET", path, null), authorization).body();
    }

    private HttpResponse<String> exchange(Call call, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + call.path()))
            .timeout(Duration.ofSeconds(30))
            .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(call.body()));
        if (call.body() != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static String signed(String subject, String role, String secret) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(subject, role));
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static JWTClaimsSet claims(String subject, String role) {
        return new JWTClaimsSet.Builder().subject(subject).claim("roles", List.of(role))
            .expirationTime(Date.from(Instant.now().plusSeconds(300))).build();
    }
}
