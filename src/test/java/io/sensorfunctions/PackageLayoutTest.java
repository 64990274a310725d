package io.sensorfunctions;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main sources keep the layout docs/anatomy.md describes: a package per concern, none larger than a reader takes
 * in at once, and no cycle between packages, so that each package's {@code package-info} can say where its edges are.
 * Dependencies are read from the code, without comments: imports and fully qualified names of our packages.
 */
class PackageLayoutTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final String ROOT = "io.sensorfunctions";
    private static final int MAX_ROOT_FILES = 3;
    private static final int MAX_PACKAGE_FILES = 14;
    private static final int MAX_CLASS_LINES = 300;
    private static final Pattern REFERENCE = Pattern.compile("\\b(io\\.sensorfunctions(?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    @Test
    void theRootKeepsTheApplicationAndEveryPackageStaysSmall() throws IOException {
        Map<String, List<Path>> packages = packages();
        assertThat(packages.get(ROOT)).as("Java files of the root package").hasSizeLessThanOrEqualTo(MAX_ROOT_FILES);
        packages.forEach((name, files) ->
            assertThat(files).as("Java files of " + name).hasSizeLessThanOrEqualTo(MAX_PACKAGE_FILES));
    }

    @Test
    void noClassIsLongerThan300Lines() throws IOException {
        List<String> longer = new ArrayList<>();
        for (List<Path> files : packages().values()) {
            for (Path file : files) {
                long lines = Files.readAllLines(file).size();
                if (lines > MAX_CLASS_LINES) {
                    longer.add(MAIN.relativize(file) + " (" + lines + " lines)");
                }
            }
        }
        assertThat(longer).as("classes over " + MAX_CLASS_LINES + " lines").isEmpty();
    }

    @Test
    void thePackagesDependOnEachOtherWithoutACycleAndTheHttpEdgeOnNone() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (Map.Entry<String, List<Path>> entry : packages().entrySet()) {
            Set<String> targets = uses.computeIfAbsent(entry.getKey(), name -> new TreeSet<>());
            for (Path file : entry.getValue()) {
                Matcher reference = REFERENCE.matcher(COMMENT.matcher(Files.readString(file)).replaceAll(""));
                while (reference.find()) {
                    if (!reference.group(1).equals(entry.getKey())) {
                        targets.add(reference.group(1));
                    }
                }
            }
        }
        for (String start : uses.keySet()) {
            List<String> cycle = cycleFrom(start, start, uses, new ArrayList<>(List.of(start)), new TreeSet<>());
            assertThat(cycle).as("a dependency cycle through " + start).isEmpty();
        }
        assertThat(uses.get(ROOT + ".http")).as("the shared HTTP error edge depends on no feature; a feature owns its "
            + "error shape through http.PathErrorShape").isEmpty();
    }

    /** @return a path from {@code current} back to {@code start}, or an empty list when there is none */
    private static List<String> cycleFrom(String start, String current, Map<String, Set<String>> uses, List<String> path,
                                          Set<String> seen) {
        for (String next : uses.getOrDefault(current, Set.of())) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                return cycle;
            }
            if (seen.add(next)) {
                path.add(next);
                List<String> cycle = cycleFrom(start, next, uses, path, seen);
                if (!cycle.isEmpty()) {
                    return cycle;
                }
                path.remove(path.size() - 1);
            }
        }
        return List.of();
    }

    /** @return the Java files of each main package, by package name */
    private static Map<String, List<Path>> packages() throws IOException {
        Map<String, List<Path>> packages = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> packages
                .computeIfAbsent(MAIN.relativize(file.getParent()).toString().replace('/', '.'), name -> new ArrayList<>())
                .add(file));
        }
        return packages;
    }
}
