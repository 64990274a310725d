package io.sensorfunctions.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * Client of the Confluent Schema Registry REST API (Confluent docs, "Schema Registry API Reference"), with the caches
 * that keep a steady stream from calling the registry per record: (subject, schema) to id, and id to schema.
 *
 * <p>Written on the JDK's HTTP client because Confluent's {@code kafka-schema-registry-client} is published only to
 * Confluent's own repository.
 */
public class SchemaRegistryClient {

    /** Content type Confluent's clients send and registries answer with (Confluent docs, "Schema Registry API Reference"). */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    /** The unversioned form, which some clients send; a registry takes it as {@link #CONTENT_TYPE}. */
    public static final String CONTENT_TYPE_UNVERSIONED = "application/vnd.schemaregistry+json";
    private static final String ACCEPT = CONTENT_TYPE + ", " + CONTENT_TYPE_UNVERSIONED + "; q=0.9, application/json; q=0.5";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** A TLS context that trusts nothing, for a client whose URLs are all {@code http://}. */
    private static final SSLContext PLAIN_HTTP_ONLY = trustingNothing();

    /** A subject's version: its number, global id and schema. */
    public record SchemaVersion(int version, int id, Schema schema) {
    }

    private final List<String> urls;
    private final String authorization;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();
    private final Map<String, SchemaVersion> latest = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {
    }

    /**
     * @param configs the Avro serde's Confluent-named settings: {@code schema.registry.url}, {@code basic.auth.*},
     *                {@code schema.registry.ssl.*}
     * @return a client as the serde's serializer would make it
     * @throws org.apache.kafka.common.config.ConfigException naming the key when a setting is missing or invalid
     */
    public static SchemaRegistryClient fromConfigs(Map<String, ?> configs) {
        AvroSerdeConfig config = AvroSerdeConfig.from(configs, false);
        return new SchemaRegistryClient(config.registryUrls(), config.userInfo(), config.sslContext());
    }

    /**
     * @param urls     registry base URLs, tried in order when one cannot be reached
     * @param userInfo {@code user:password} for HTTP basic auth, or null
     */
    public SchemaRegistryClient(List<String> urls, String userInfo) {
        this(urls, userInfo, null);
    }

    /**
     * @param urls       registry base URLs, tried in order when one cannot be reached
     * @param userInfo   {@code user:password} for HTTP basic auth, or null
     * @param sslContext TLS for {@code https://} URLs (trust, and a client certificate if the registry asks), or null
     *                   for the JDK's default trust
     */
    public SchemaRegistryClient(List<String> urls, String userInfo, SSLContext sslContext) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one schema registry URL is required");
        }
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (sslContext != null) {
            builder.sslContext(sslContext);
        } else if (urls.stream().noneMatch(url -> url.regionMatches(true, 0, "https:", 0, 6))) {
            // The JDK's client takes SSLContext.getDefault() when given none, which reads and parses the JDK's whole
            // trust store: the largest single cost of a reader's start. No plain-http URL ever uses TLS.
            builder.sslContext(PLAIN_HTTP_ONLY);
        }
        this.http = builder.build();
        this.urls = List.copyOf(urls);
        this.authorization = userInfo == null ? null
            : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Registers {@code schema} under {@code subject} ({@code POST /subjects/{subject}/versions}); the registry answers
     * with the existing id when the subject already has the schema.
     *
     * @return the schema's global id
     * @throws SchemaRegistryException on an error answer, e.g. 409 for an incompatible schema
     */
    public int register(String subject, Schema schema) {
        return ids.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            JsonNode answer = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
            int id = answer.path("id").asInt();
            schemas.putIfAbsent(id, schema);
            return id;
        });
    }

    /**
     * Finds the id of {@code schema} under {@code subject} without registering it ({@code POST /subjects/{subject}}).
     *
     * @throws SchemaRegistryException 40401 when the subject is unknown, 40403 when it lacks the schema
     */
    public int lookup(String subject, Schema schema) {
        return ids.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            JsonNode answer = call("POST", "/subjects/" + encode(subject), schemaBody(schema));
            int id = answer.path("id").asInt();
            schemas.putIfAbsent(id, schema);
            return id;
        });
    }

    /**
     * The subject's latest version ({@code GET /subjects/{subject}/versions/latest}), cached for this client's life.
     *
     * @throws SchemaRegistryException 40401 when the subject is unknown
     */
    public SchemaVersion latestVersion(String subject) {
        return latest.computeIfAbsent(subject, key -> {
            JsonNode answer = call("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
            Schema schema = parse(answer.path("schema").asText());
            SchemaVersion version = new SchemaVersion(answer.path("version").asInt(), answer.path("id").asInt(), schema);
            schemas.putIfAbsent(version.id(), schema);
            return version;
        });
    }

    /**
     * The schema with a global id ({@code GET /schemas/ids/{id}}).
     *
     * @throws SchemaRegistryException 40403 when no schema has the id
     */
    public Schema schemaById(int id) {
        return schemas.computeIfAbsent(id, key -> parse(call("GET", "/schemas/ids/" + id, null).path("schema").asText()));
    }

    private String schemaBody(Schema schema) {
        ObjectNode body = json.createObjectNode();
        body.put("schema", schema.toString());
        return body.toString();
    }

    private static Schema parse(String text) {
        return new Schema.Parser().parse(text);
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode call(String method, String path, String body) {
        IOException unreachable = null;
        for (String url : urls) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(TIMEOUT)
                .header("Accept", ACCEPT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", CONTENT_TYPE);
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                JsonNode answer = response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
                if (response.statusCode() / 100 != 2) {
                    int errorCode = answer.path("error_code").asInt(response.statusCode());
                    throw new SchemaRegistryException(response.statusCode(), errorCode, method + " " + url + path
                        + " answered " + response.statusCode() + " (error_code " + errorCode + "): "
                        + answer.path("message").asText(response.body()));
                }
                return answer;
            } catch (IOException e) {
                unreachable = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(0, 0, "Interrupted calling schema registry " + url + path);
            }
        }
        throw new SchemaRegistryException(0, 0, "Schema registry unreachable at " + urls + ": " + unreachable);
    }

    private static SSLContext trustingNothing() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[0], new TrustManager[0], null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS", e);
        }
    }
}
