/**
 * Settings every Kafka client of the application shares, beyond what {@code kafka.*} in {@code application.yml}
 * passes to each: environment variables for each named client
 * ({@link io.sensorfunctions.kafka.ClientEnvironmentConfigurer}) and a refusal of those of a client no configuration
 * names ({@link io.sensorfunctions.kafka.ClientVariablesCheck}), the switch between the classic rebalance protocol and
 * KIP-848's ({@link io.sensorfunctions.kafka.GroupProtocolConfigurer}), the {@code auto.offset.reset} values the
 * listener functions accept, the binder that hands listeners the polled {@code ConsumerRecord<byte[], byte[]>} itself
 * ({@link io.sensorfunctions.kafka.RawRecordBinder}), and {@link io.sensorfunctions.kafka.Failures}, how every package
 * names a client's failure by its innermost cause in a log line or a status field. No topic is read or written here.
 */
package io.sensorfunctions.kafka;
