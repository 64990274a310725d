package io.sensorfunctions.restproxy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.body.CloseableAvailableByteBody;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The REST proxy's request bodies: their size limit ({@code rest-proxy.max-request-size}) and their media type. */
public final class RequestBodies {

    /** How long a body read by hand may take to arrive. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private RequestBodies() {
    }

    /**
     * @param body        the body as bound, or null for none
     * @param contentType its {@code Content-Type}; checked only when there is a body
     * @param maxSize     {@code rest-proxy.max-request-size}, in bytes
     * @return the body, or "" for none
     * @throws RestProxyException 413 over {@code maxSize}; 415 for a body in a type that is not the proxy's
     */
    public static String checked(@Nullable String body, String contentType, int maxSize) {
        if (body == null || body.isEmpty()) {
            return "";
        }
        // A char is 1 to 3 bytes in UTF-8: only a body that may be over the limit is encoded to count its bytes.
        checkSize(body.length() * 3L > maxSize ? body.getBytes(StandardCharsets.UTF_8).length : body.length(), maxSize);
        KafkaMediaTypes.embeddedFormat(contentType);
        return body;
    }

    /**
     * The body of a request Micronaut binds none to, such as a GET (Confluent's {@code GET offsets} carries one).
     *
     * @return the body as UTF-8, or "" for none
     * @throws RestProxyException 413 over {@code maxSize}; 422 when it does not arrive within 30 s
     */
    public static String read(HttpRequest<?> request, int maxSize) {
        if (!(request instanceof ServerHttpRequest<?> server)) {
            return "";
        }
        try (CloseableAvailableByteBody body = server.byteBody().split().buffer().get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            checkSize(body.length(), maxSize);
            return body.toString(StandardCharsets.UTF_8);
        } catch (ExecutionException | TimeoutException e) {
            throw RestProxyException.malformed("Request body could not be read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RestProxyException.malformed("Request body could not be read: interrupted");
        }
    }

    /** @throws RestProxyException 413 when {@code length}, in bytes, is over {@code maxSize} */
    static void checkSize(long length, int maxSize) {
        if (length > maxSize) {
            throw new RestProxyException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, HttpStatus.REQUEST_ENTITY_TOO_LARGE.getCode(),
                "Request body is larger than rest-proxy.max-request-size (" + maxSize + " bytes)");
        }
    }
}
