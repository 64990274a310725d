package io.sensorfunctions.listener;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.sensorfunctions.deadletter.DeadLetterSources;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Every listener function's {@link ListenerState} in this instance, by function name.
 */
@Singleton
public class ListenerStates implements DeadLetterSources {

    private final Map<String, ListenerState> states = new ConcurrentSkipListMap<>();
    private final Duration stallTimeout;

    private final BeanProvider<MeterRegistry> meters;

    ListenerStates(ListenersConfiguration configuration, BeanProvider<MeterRegistry> meters) {
        this.stallTimeout = configuration.stallTimeout();
        this.meters = meters;
    }

    /**
     * @param function the function's name, e.g. {@code reader}
     * @param group    its consumer group
     * @return the function's state, created on first call
     */
    public ListenerState register(String function, String group) {
        return states.computeIfAbsent(function, name -> {
            ListenerState state = new ListenerState(name, group, stallTimeout);
            meters.ifPresent(state::bindTo);
            return state;
        });
    }

    /** @return the state of the function consuming as {@code group}, or null when none registered it */
    ListenerState byGroup(String group) {
        for (ListenerState state : states.values()) {
            if (state.group().equals(group)) {
                return state;
            }
        }
        return null;
    }

    /** @return every registered function's {@link ListenerState.Snapshot}, by function name */
    @Override
    public Map<String, ListenerState.Snapshot> snapshots() {
        Map<String, ListenerState.Snapshot> snapshots = new TreeMap<>();
        states.forEach((function, state) -> snapshots.put(function, state.snapshot()));
        return snapshots;
    }

    /** @return every registered state, by function name */
    public Map<String, ListenerState> all() {
        return states;
    }
}
