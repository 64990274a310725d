/**
 * The embedded single-node KRaft broker of the dev run ({@code ./mvnw mn:run} without
 * {@code kafka.bootstrap.servers}) and of the tests, on Kafka's own test kit. Left out of the shaded jar, which needs a
 * real cluster.
 */
package io.sensorfunctions.devkafka;
