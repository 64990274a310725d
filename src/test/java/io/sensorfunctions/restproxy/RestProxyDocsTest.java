package io.sensorfunctions.restproxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sensorfunctions.testkit.FunctionsInstance;
import io.sensorfunctions.testkit.IntegrationTest;
import io.sensorfunctions.testkit.RestClient;
import io.sensorfunctions.testkit.TestKafka;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/rest-proxy.md's tour, run as it is written: each {@code $ curl} of its first section is sent (method, headers,
 * body, and {@code -w '%{http_code}\n'}) to a proxy and registry of this test's own, and what comes back must equal
 * the page's answer, but for the records' {@code timestamp} (the time of the write). Topic, group and host names are
 * swapped for the test's own; the topic list, which the shared broker fills with every test's topics, must hold the
 * page's topics.
 */
@IntegrationTest
class RestProxyDocsTest {

    private static final Pattern BLOCK = Pattern.compile("```console\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TOKEN = Pattern.compile("'([^']*)'|(\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One call of the page: its curl words, and the answer shown under it. */
    private record Call(List<String> words, String answer) {
    }

    @Test
    void theToursCallsAnswerAsThePageShows() throws Exception {
        String page = Files.readString(Path.of("docs/rest-proxy.md"));
        String tour = page.substring(0, page.indexOf("\n## Metadata and produce"));
        Map<String, Object> props = TestKafka.isolated("rest-docs");
        props.put("functions", "rest-proxy,registry");
        Map<String, String> names = new LinkedHashMap<>();
        names.put("localhost:8080", "localhost:" + props.get("micronaut.server.port"));
        names.put("sensor-readings", props.get("topics.readings").toString());
        names.put("sensor-alerts", props.get("topics.alerts").toString());
        names.put("_schemas", props.get("topics.schemas").toString());
        names.put("rest-readers", "rest-readers-" + UUID.randomUUID());

        List<Call> calls = calls(tour);
        assertThat(calls).as("the tour's curl calls").hasSizeGreaterThanOrEqualTo(8);
        try (FunctionsInstance proxy = FunctionsInstance.start(props)) {
            RestClient rest = new RestClient("http://" + names.get("localhost:8080"), null);
            for (Call call : calls) {
                String expected = swap(call.answer(), names);
                String actual = send(rest, call.words(), names);
                String what = String.join(" ", call.words());
                if (expected.startsWith("[\"")) {
                    List<String> listed = new ArrayList<>();
                    JSON.readTree(actual).forEach(node -> listed.add(node.asText()));
                    List<String> shown = new ArrayList<>();
                    JSON.readTree(expected).forEach(node -> shown.add(node.asText()));
                    assertThat(listed).as(what).containsAll(shown);
                } else {
                    assertThat(masked(actual)).as(what).isEqualTo(masked(expected));
                }
            }
        }
    }

    private static List<Call> calls(String tour) {
        List<Call> calls = new ArrayList<>();
        Matcher block = BLOCK.matcher(tour);
        while (block.find()) {
            String[] lines = block.group(1).split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].startsWith("$ curl")) {
                    continue;
                }
                StringBuilder command = new StringBuilder(lines[i].substring(2));
                while (command.toString().endsWith("\\")) {
                    command.setLength(command.length() - 1);
                    command.append(lines[++i].trim()).append(' ');
                }
                StringBuilder answer = new StringBuilder();
                while (i + 1 < lines.length && !lines[i + 1].startsWith("$ ")) {
                    answer.append(lines[++i]).append('\n');
                }
                List<String> words = new ArrayList<>();
                Matcher token = TOKEN.matcher(command.toString().trim());
                while (token.find()) {
                    words.add(token.group(1) != null ? token.group(1) : token.group(2));
                }
                calls.add(new Call(words, answer.toString().trim()));
            }
        }
        return calls;
    }

    /** Sends what curl would: {@code -X}, {@code -H}, {@code -d} (a POST unless {@code -X} says), {@code -w '%{http_code}\n'}. */
    private static String send(RestClient rest, List<String> words, Map<String, String> names) {
        String method = null;
        String url = null;
        String body = null;
        String contentType = null;
        String accept = null;
        boolean status = false;
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "-s" -> { }
                case "-o" -> i++;
                case "-X" -> method = words.get(++i);
                case "-d" -> body = swap(words.get(++i), names);
                case "-w" -> status = words.get(++i).equals("%{http_code}\\n");
                case "-H" -> {
                    String[] header = words.get(++i).split(":\\s*", 2);
                    if (header[0].equalsIgnoreCase("Content-Type")) {
                        contentType = header[1];
                    } else if (header[0].equalsIgnoreCase("Accept")) {
                        accept = header[1];
                    } else {
                        throw new IllegalArgumentException("a header the test does not send: " + word);
                    }
                }
                default -> {
                    assertThat(word).as("an option the test does not know").startsWith("localhost:8080/");
                    url = swap(word, names);
                }
            }
        }
        if (method == null) {
            method = body == null ? "GET" : "POST";
        }
        String path = url.substring(url.indexOf('/'));
        RestClient.Answer answer = rest.send(method, path, contentType, accept, body);
        return status ? Integer.toString(answer.status()) : answer.body();
    }

    private static String swap(String text, Map<String, String> names) {
        String swapped = text;
        for (Map.Entry<String, String> name : names.entrySet()) {
            swapped = swapped.replace(name.getKey(), name.getValue());
        }
        return swapped;
    }

    private static String masked(String answer) {
        return answer.replaceAll("(,\"timestamp\":)\\d+}", "$1…}");
    }
}
