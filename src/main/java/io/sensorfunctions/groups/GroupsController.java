package io.sensorfunctions.groups;

import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;


/**
 * {@code GET /groups/{groupId}}: any consumer group as the broker sees it (members, client ids, hosts, partitions per
 * member, committed offset, log-end offset and lag per partition), on every instance whatever functions it runs.
 */
@Controller("/groups")
@ExecuteOn(TaskExecutors.BLOCKING)
class GroupsController {

    @Serdeable
    record ErrorBody(String error) {
    }

    private final ConsumerGroupInspector inspector;

    GroupsController(ConsumerGroupInspector inspector) {
        this.inspector = inspector;
    }

    @Get("/{groupId}")
    ConsumerGroupInspector.Group group(String groupId) {
        return inspector.describe(groupId);
    }

    @Error
    HttpResponse<ErrorBody> notFound(HttpRequest<?> request, ConsumerGroupInspector.GroupNotFoundException e) {
        return HttpResponse.<ErrorBody>status(HttpStatus.NOT_FOUND).body(new ErrorBody(e.getMessage()));
    }

    @Error
    HttpResponse<ErrorBody> unavailable(HttpRequest<?> request, IllegalStateException e) {
        return HttpResponse.<ErrorBody>status(HttpStatus.SERVICE_UNAVAILABLE).body(new ErrorBody(e.getMessage()));
    }
}
