/**
 * The artifact tier: the packaged jar ({@code java -jar target/sensor-functions.jar}) and the container image
 * ({@code infra/docker/Dockerfile}) started as a deployer starts them, as processes, and checked from outside over
 * HTTP and Kafka: our endpoints' doors with security on, the probes, the runtime switches (functions, JWT, read
 * access, HTTPS, JSON logs, traces, the reader's offset reset, {@code KAFKA_*}, extra configuration files, a logback
 * file) and a burst produced and consumed. Everything else in the suite runs on {@code target/classes}; this tier
 * exists because an AOT build once shipped a jar whose doors stood open while the classes' tests all passed.
 * Its edge: it starts nothing in-process but the shared test broker ({@code TestKafka}).
 */
package io.sensorfunctions.artifact;
