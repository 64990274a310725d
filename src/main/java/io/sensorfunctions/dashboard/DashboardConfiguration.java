package io.sensorfunctions.dashboard;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.sensorfunctions.function.EventFunction;
import io.sensorfunctions.function.RequiresFunction;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * The dashboard's settings ({@code dashboard.*}).
 *
 * @param points  values kept per sensor for its chart
 * @param alerts  recent alerts kept for the alerts list
 * @param refresh how often the group view is read from the broker and an update is pushed to each page
 * @param groupId the consumer group the group view shows (default {@code ${reader.group-id}}, the readers')
 */
// Created at startup when its function runs, so that an invalid value stops the instance there, naming the
// setting; another function's instance neither creates nor validates it.
@Context
@RequiresFunction(EventFunction.DASHBOARD)
@ConfigurationProperties("dashboard")
record DashboardConfiguration(@Min(10) int points, @Min(1) int alerts, @NotNull Duration refresh, @NotBlank String groupId) {
}
