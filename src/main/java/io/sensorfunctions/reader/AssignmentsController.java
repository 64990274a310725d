package io.sensorfunctions.reader;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;

/**
 * {@code GET /assignments}: this reader instance's partitions and its recent rebalance history (newest first), each
 * event with its time and, for an assignment after a revoke, the milliseconds from revoke to reassignment.
 */
@Controller("/assignments")
@RequiresFunction(EventFunction.READER)
class AssignmentsController {

    private final Assignments assignments;
    private final ReaderConfiguration configuration;

    AssignmentsController(Assignments assignments, ReaderConfiguration configuration) {
        this.assignments = assignments;
        this.configuration = configuration;
    }

    @Get
    Assignments.View assignments() {
        return assignments.view(configuration.groupId(), configuration.clientId());
    }
}
