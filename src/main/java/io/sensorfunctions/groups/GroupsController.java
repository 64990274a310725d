package io.sensorfunctions.groups;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.sensorfunctions.groups.ConsumerGroupInspector.GroupNotFoundException;
import io.sensorfunctions.groups.ConsumerGroupInspector.GroupUnavailableException;
import io.sensorfunctions.http.ErrorBody;

/**
 * {@code GET /groups/{groupId}}: any consumer group as the broker sees it (members, client ids, hosts, partitions per
 * member, committed offset, log-end offset and lag per partition), on every instance whatever functions it runs.
 * 404 for a group the broker does not know, 503 when the cluster does not answer; both with an {@link ErrorBody}.
 */
@Controller("/groups")
@ExecuteOn(TaskExecutors.BLOCKING)
class GroupsController {

    private final ConsumerGroupInspector inspector;

    GroupsController(ConsumerGroupInspector inspector) {
        this.inspector = inspector;
    }

    @Get("/{groupId}")
    ConsumerGroupInspector.Group group(String groupId) {
        return inspector.describe(groupId);
    }

    @Error(exception = GroupNotFoundException.class)
    HttpResponse<ErrorBody> notFound(GroupNotFoundException e) {
        return ErrorBody.answer(HttpStatus.NOT_FOUND, null, e.getMessage());
    }

    @Error(exception = GroupUnavailableException.class)
    HttpResponse<ErrorBody> unavailable(GroupUnavailableException e) {
        return ErrorBody.answer(HttpStatus.SERVICE_UNAVAILABLE, null, e.getMessage());
    }
}
