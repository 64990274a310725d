package io.sensorfunctions.serde;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.ssl.DefaultSslEngineFactory;

import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The serde's settings, under Confluent's config names so that a producer or consumer config works unchanged with
 * Confluent's {@code KafkaAvroSerializer} / {@code KafkaAvroDeserializer}.
 *
 * @param registryUrls      {@code schema.registry.url}, comma list, tried in order
 * @param autoRegister      {@code auto.register.schemas} (default true)
 * @param useLatestVersion  {@code use.latest.version} (default false): write with the subject's latest id
 * @param specificReader    {@code specific.avro.reader} (default false): return generated classes, not GenericRecord
 * @param specificType      {@code specific.avro.key.type} / {@code specific.avro.value.type}: reader class, or null
 * @param subjectStrategy   {@code key.subject.name.strategy} / {@code value.subject.name.strategy}
 * @param userInfo          {@code user:password} for basic auth: {@code basic.auth.user.info} when
 *                          {@code basic.auth.credentials.source=USER_INFO}, the URL's user info when {@code URL} (default)
 * @param sslContext        TLS for an {@code https://} registry from Confluent's {@code schema.registry.ssl.*} keys (any
 *                          of Kafka's {@code ssl.*} keys so prefixed: PEM, PKCS12 or JKS trust and key stores), or
 *                          null for the JDK's default trust
 */
record AvroSerdeConfig(
    List<String> registryUrls,
    boolean autoRegister,
    boolean useLatestVersion,
    boolean specificReader,
    String specificType,
    SubjectNameStrategy subjectStrategy,
    String userInfo,
    SSLContext sslContext) {

    static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    static final String USE_LATEST_VERSION = "use.latest.version";
    static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    static final String REGISTRY_PREFIX = "schema.registry.";

    /**
     * @param configs the Kafka client's configs as passed to {@code configure}
     * @param isKey   whether the serde handles keys
     * @throws ConfigException naming the key when a value is missing or invalid
     */
    static AvroSerdeConfig from(Map<String, ?> configs, boolean isKey) {
        Object url = configs.get(SCHEMA_REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL + " is required by the Avro serde (e.g. http://localhost:8080)");
        }
        List<String> urls = Arrays.stream(url.toString().split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s)
            .toList();
        String prefix = isKey ? "key" : "value";
        String source = string(configs, BASIC_AUTH_CREDENTIALS_SOURCE, "URL");
        String userInfo = null;
        if ("USER_INFO".equalsIgnoreCase(source)) {
            userInfo = string(configs, BASIC_AUTH_USER_INFO, null);
            if (userInfo == null || !userInfo.contains(":")) {
                throw new ConfigException(BASIC_AUTH_USER_INFO + " must be user:password when "
                    + BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO");
            }
        } else if ("URL".equalsIgnoreCase(source)) {
            // Confluent's default source: credentials written into the URL, as Aiven hands them out.
            String fromUrl = URI.create(urls.get(0)).getUserInfo();
            if (fromUrl != null) {
                userInfo = fromUrl;
                urls = urls.stream().map(AvroSerdeConfig::withoutUserInfo).toList();
            }
        } else {
            throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE, source, "supported: USER_INFO, URL");
        }
        return new AvroSerdeConfig(
            urls,
            bool(configs, AUTO_REGISTER_SCHEMAS, true),
            bool(configs, USE_LATEST_VERSION, false),
            bool(configs, SPECIFIC_AVRO_READER, false),
            string(configs, "specific.avro." + prefix + ".type", null),
            SubjectNameStrategy.fromConfig(prefix + ".subject.name.strategy", configs.get(prefix + ".subject.name.strategy")),
            userInfo,
            sslContext(configs));
    }

    /**
     * Kafka's own {@link DefaultSslEngineFactory} builds the context, so the registry's TLS takes exactly the
     * {@code ssl.*} settings, store types (PEM per KIP-651, PKCS12, JKS) and defaults that the Kafka clients take.
     *
     * @throws ConfigException when a store cannot be read or a setting is invalid
     */
    private static SSLContext sslContext(Map<String, ?> configs) {
        Map<String, Object> ssl = new HashMap<>();
        configs.forEach((key, value) -> {
            if (key.startsWith(REGISTRY_PREFIX + "ssl.") && value != null) {
                ssl.put(key.substring(REGISTRY_PREFIX.length()), value);
            }
        });
        if (ssl.isEmpty()) {
            return null;
        }
        ConfigDef definition = new ConfigDef();
        SslConfigs.addClientSslSupport(definition);
        try (DefaultSslEngineFactory factory = new DefaultSslEngineFactory()) {
            factory.configure(definition.parse(ssl));
            return factory.sslContext();
        } catch (KafkaException e) {
            throw new ConfigException("schema.registry.ssl.* settings: " + e.getMessage());
        }
    }

    private static String withoutUserInfo(String url) {
        URI uri = URI.create(url);
        return uri.getRawUserInfo() == null ? url : url.replace(uri.getRawUserInfo() + "@", "");
    }

    private static boolean bool(Map<String, ?> configs, String key, boolean fallback) {
        Object value = configs.get(key);
        if (value == null) {
            return fallback;
        }
        String text = value.toString().trim();
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new ConfigException(key, value, "must be true or false");
        }
        return Boolean.parseBoolean(text);
    }

    private static String string(Map<String, ?> configs, String key, String fallback) {
        Object value = configs.get(key);
        if (value instanceof Class<?> c) {
            return c.getName();
        }
        return value == null || value.toString().isBlank() ? fallback : value.toString().trim();
    }
}
