package io.sensorfunctions.testkit;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.BlockingHttpClient;

import java.util.Map;

/** The functions' HTTP calls that many tests make, against an instance running the trigger or the reader. */
public final class FunctionsHttp {

    private static final Argument<Map<String, Map<String, Object>>> READINGS =
        Argument.mapOf(Argument.STRING, Argument.mapOf(String.class, Object.class));

    private FunctionsHttp() {
    }

    /** {@code POST /produce}: a burst of {@code events} steps (one reading per sensor each), produced at once. */
    public static void produce(BlockingHttpClient http, int events) {
        http.exchange(HttpRequest.POST("/produce", "{\"events\": " + events + ", \"delayMs\": 0}").contentType(MediaType.APPLICATION_JSON));
    }

    /** @return the readings this instance's reader has processed, summed over sensors ({@code GET /readings}) */
    public static long consumed(BlockingHttpClient http) {
        return http.retrieve(HttpRequest.GET("/readings"), READINGS).values().stream()
            .mapToLong(sensor -> ((Number) sensor.get("count")).longValue()).sum();
    }
}
