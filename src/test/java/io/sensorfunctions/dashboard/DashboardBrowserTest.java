package io.sensorfunctions.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.NodeTools;
import io.sensorfunctions.testkit.TestKafka;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live page in a real headless Chromium (Debian's, driven by Playwright from npm) during a run of every function:
 * the charts fill and keep updating, and a second reader that joins shows up in the group view with its own colour
 * and half the partitions, without a reload. Saves {@code target/dashboard.png}. Skipped with a message where Chromium
 * or Node.js is missing, except in CI.
 */
@IntegrationTest
class DashboardBrowserTest {

    /** A client id that would run script if the page inserted it as HTML. */
    private static final String INJECTED = "<img src=x onerror=\"window.injected=true\">";


    private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");

    @Test
    void chartsUpdateAndASecondReaderAppearsInTheGroupView() throws Exception {
        NodeTools.require(Files.isExecutable(Path.of(CHROMIUM)), "Chromium is not at " + CHROMIUM + " (apt-get install -y chromium)");
        Path tools = NodeTools.installed();
        Path screenshot = Path.of("target/dashboard.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);

        Map<String, Object> props = TestKafka.isolated("dashboard");
        props.put("functions", "emitter,trigger,reader,alerts,registry,dashboard");
        props.put("sensors.interval", "200ms");
        props.put("sensors.initial-delay", "0s");
        props.put("topics.alerts", "dashboard-alerts");
        List<FunctionsInstance> servers = new ArrayList<>();
        try {
            FunctionsInstance devRun = FunctionsInstance.start(props);
            servers.add(devRun);
            try (NodeTools.Running browser = NodeTools.start(tools, List.of("node", "dashboard.js", devRun.url() + "/", screenshot.toString()))) {
                JsonNode ready = new ObjectMapper().readTree(browser.nextLine());
                assertThat(ready.path("event").asText()).isEqualTo("ready");
                assertThat(ready.path("charts").asInt()).as("one chart per sensor").isEqualTo(8);
                assertThat(ready.path("members").asInt()).isEqualTo(1);

                Map<String, Object> second = new HashMap<>(props);
                second.put("functions", "reader");
                // Whoever joins a group chooses its client id; the page must show it as text and run nothing.
                second.put("reader.client-id", INJECTED);
                second.put("micronaut.server.port", TestKafka.isolated("dashboard-reader").get("micronaut.server.port"));
                servers.add(FunctionsInstance.start(second));

                JsonNode done = new ObjectMapper().readTree(browser.nextLine());
                assertThat(done.path("event").asText()).isEqualTo("done");
                assertThat(done.path("errors")).as("no script errors on the page").isEmpty();
                done.path("plotted").forEach(points -> assertThat(points.asInt()).as("points on a chart").isPositive());
                JsonNode members = done.path("members");
                assertThat(members).hasSize(2);
                assertThat(members.get(0).path("partitions")).hasSize(2);
                assertThat(members.get(1).path("partitions")).hasSize(2);
                assertThat(members.get(0).path("color").asText()).isNotEqualTo(members.get(1).path("color").asText());
                assertThat(done.path("lagRows").asInt()).isEqualTo(4);
                assertThat(members.findValuesAsText("clientId")).as("a client id shown as text").contains(INJECTED);
                assertThat(done.path("injected").asBoolean()).as("no element or script from data").isFalse();
            }
            assertThat(Files.size(screenshot)).isPositive();
        } finally {
            servers.forEach(FunctionsInstance::close);
        }
    }
}
