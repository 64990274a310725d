package io.sensorfunctions.topics;

import io.micronaut.configuration.kafka.admin.KafkaNewTopics;
import io.micronaut.context.exceptions.ConfigurationException;
import io.sensorfunctions.kafka.Failures;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * At startup, for a topic that must keep every key's latest record (the registry's {@code _schemas}, as Confluent's
 * {@code kafkastore.topic}): waits for micronaut-kafka's creation of it, and refuses one whose {@code cleanup.policy}
 * would let retention drop records. Under least-privilege ACLs an administrator creates the topic beforehand; both
 * checks then pass on what this application may see.
 */
public final class CompactedTopicCheck {

    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicCheck.class);

    private final AdminClient admin;
    private final Duration timeout;

    /**
     * @param admin   the shared AdminClient
     * @param timeout how long each check may wait for the broker
     */
    public CompactedTopicCheck(AdminClient admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * Waits for the topic's creation by {@code KafkaNewTopics}; a topic that exists already counts as created.
     *
     * @param bootstrap {@code bootstrap.servers}, named in the error when nothing answers
     * @throws IllegalStateException naming the topic and the fix when it cannot be created, or is not within the
     *                               timeout
     */
    public void awaitCreated(KafkaNewTopics newTopics, String topic, Object bootstrap) {
        try {
            newTopics.getResult().values().get(topic).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // The broker answers a create without the CREATE right with an authorization error even when the topic
            // exists.
            if (!(e.getCause() instanceof TopicExistsException)
                && !(e.getCause() instanceof TopicAuthorizationException && exists(topic))) {
                throw new IllegalStateException("Cannot create topic " + topic + ": " + e.getCause().getMessage()
                    + ". Create it beforehand (kafka-topics --create --topic " + topic
                    + " --partitions 1 --config cleanup.policy=compact), or grant CREATE on it.", e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Topic " + topic + " was not created within " + timeout
                + "; is the Kafka cluster at " + bootstrap + " reachable?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for " + topic, e);
        }
    }

    /**
     * Refuses a topic whose {@code cleanup.policy} does not include {@code compact}: under {@code delete}, retention
     * would silently drop records that others still refer to. When this application may not read topic configs, it
     * says so in one WARN line and lets the start go on.
     *
     * @param setting the setting that names the topic, e.g. {@code topics.schemas}, for the error's fix
     * @throws ConfigurationException naming the topic, its policy and the fix
     */
    public void requireCompacted(String topic, String setting) {
        String policy = cleanupPolicy(topic);
        if (policy != null && !policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            throw new ConfigurationException("The topic " + topic + " (" + setting + ") has cleanup.policy=" + policy
                + "; it must be compact, or retention drops its records. Fix it with kafka-configs --alter --entity-type "
                + "topics --entity-name " + topic + " --add-config cleanup.policy=compact, or point " + setting
                + " at a new topic.");
        }
    }

    /** @return true when the topic exists and this application may describe it */
    private boolean exists(String topic) {
        try {
            admin.describeTopics(List.of(topic)).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * @return the topic's {@code cleanup.policy}, or null when this application may not read topic configs. A topic
     *         created a moment ago may be unknown to the broker that answers for a little while, so that answer is
     *         asked again until the timeout.
     */
    private String cleanupPolicy(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                try {
                    return admin.describeConfigs(List.of(resource)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .get(resource).get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicAuthorizationException) {
                        LOG.warn("Cannot check that {} is compacted (not authorised to describe its configs); make sure it is", topic);
                        return null;
                    }
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                        throw new IllegalStateException("Cannot read the configs of " + topic + ": " + Failures.rootMessage(e), e);
                    }
                    Thread.sleep(100);
                }
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Cannot read the configs of " + topic + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted reading the configs of " + topic, e);
        }
    }
}
