/**
 * The artifact tier: the packaged jar ({@code java -jar target/sensor-functions.jar}), the native executable
 * ({@code ./mvnw -Pnative package}), and the JVM and native container images ({@code infra/docker/Dockerfile} and
 * {@code Dockerfile.native}) started as a deployer starts them, as processes, and checked from outside over HTTP and
 * Kafka: our endpoints' doors with security on, the probes, the runtime switches (functions, JWT, read access, HTTPS,
 * JSON logs, traces, the reader's offset reset, {@code KAFKA_*} with SASL_SSL and a PEM CA, extra configuration files,
 * a logback file) and a burst produced and consumed. Everything else in the suite runs on {@code target/classes}; this
 * tier exists because an AOT build once shipped a jar whose doors stood open while the classes' tests all passed.
 * Its edge: it starts nothing in-process but brokers: the shared test broker ({@code TestKafka}) and, for SASL_SSL, a
 * locked one ({@code security.SecuredBroker}).
 */
package io.sensorfunctions.artifact;
