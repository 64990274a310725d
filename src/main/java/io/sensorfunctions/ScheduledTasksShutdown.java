package io.sensorfunctions;

import io.micronaut.context.BeanContext;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.scheduling.processor.ScheduledMethodProcessor;
import jakarta.inject.Singleton;

/**
 * Cancels every {@code @Scheduled} task as soon as the context begins to shut down, before any bean is destroyed.
 * Micronaut's {@link ScheduledMethodProcessor} fetches a job's bean from the context at each tick and cancels its tasks
 * only when it is itself destroyed, late in the shutdown: a tick in between created the job again, with new
 * dependencies. The cluster chaos test saw the emitter so re-created with a new fleet emit step 0 again through a
 * producer being closed; the other jobs re-registered their meters. The processor's own {@code close()} is what it
 * would do later; a tick already running finishes.
 */
@Singleton
class ScheduledTasksShutdown implements ApplicationEventListener<ShutdownEvent> {

    private final BeanContext context;

    ScheduledTasksShutdown(BeanContext context) {
        this.context = context;
    }

    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        context.findBean(ScheduledMethodProcessor.class).ifPresent(ScheduledMethodProcessor::close);
    }
}
