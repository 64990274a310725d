package io.sensorfunctions.listener;

import io.sensorfunctions.deadletter.DeadLetterConfiguration;
import io.sensorfunctions.deadletter.DeadLetterPublisher;
import io.sensorfunctions.tracing.KafkaTracing;
import jakarta.inject.Singleton;

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
}
