package io.sensorfunctions.listener;

import io.sensorfunctions.deadletter.DeadLetterConfiguration;
import io.sensorfunctions.deadletter.DeadLetterPublisher;
import io.sensorfunctions.tracing.KafkaTracing;
import jakarta.inject.Singleton;

import java.util.Map;

/** Makes the {@link RecordGuard} of each listener function. */
@Singleton
public class RecordGuards {

    private final ListenerStates states;
    private final DeadLetterConfiguration configuration;
    private final DeadLetterPublisher publisher;
    private final PartitionPauser pauser;
    private final KafkaTracing tracing;

    RecordGuards(ListenerStates states, DeadLetterConfiguration configuration, DeadLetterPublisher publisher, PartitionPauser pauser,
                 KafkaTracing tracing) {
        this.states = states;
        this.configuration = configuration;
        this.publisher = publisher;
        this.pauser = pauser;
        this.tracing = tracing;
    }

    /**
     * @param function the listener function's name, e.g. {@code reader}; names it in logs, {@code /health} and counts
     * @param group    its consumer group, written into dead-lettered records' headers
     * @return a guard for that listener's poll thread
     */
    public RecordGuard create(String function, String group) {
        return new RecordGuard(states.register(function, group), configuration, publisher, pauser, tracing);
    }

    /**
     * @param function        as {@link #create}
     * @param group           as {@link #create}
     * @param producerConfig  the transactional producer's settings (bootstrap, security, timeouts); serializers are
     *                        bytes, idempotence and {@code acks=all} are set
     * @param transactionalId the producer's {@code transactional.id}, unique to this instance's listener
     * @return a guard for that listener's poll thread that runs each batch in one transaction, its dead letters included
     */
    public TransactionalBatches createTransactional(String function, String group, Map<String, Object> producerConfig,
                                                    String transactionalId) {
        RecordGuard guard = create(function, group);
        TransactionalBatches batches = new TransactionalBatches(guard, configuration, pauser, tracing, producerConfig, transactionalId);
        guard.writeDeadLettersThrough((record, consumerGroup, kind, cause) ->
            publisher.publish(batches.producer(), record, consumerGroup, kind, cause));
        return batches;
    }
}
