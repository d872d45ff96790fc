package org.nfvperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nfvperf.util.Json;

/**
 * The latency JSON of every fixture combination stays what it was before the matcher freed its
 * records on match (issue 12): {@code src/test/resources/latency/golden/NAME.json} was written by
 * {@code nfvperf latency ARGS --json} at commit 59d0c45 (ARGS in {@code NAME.args}, run in that
 * directory). Every field there must be here with the same value; fields added since are allowed.
 */
class LatencyGoldenJsonTest {
    private static final Path DIR = Path.of("src/test/resources/latency");

    static Stream<String> goldens() throws IOException {
        try (Stream<Path> s = Files.list(DIR.resolve("golden"))) {
            return s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".args"))
                    .map(f -> f.substring(0, f.length() - 5)).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("goldens")
    void latencyJsonIsUnchangedExceptForNewFields(String name) throws IOException {
        String[] words = Files.readString(DIR.resolve("golden/" + name + ".args")).trim().split(" ");
        List<String> args = new ArrayList<>(List.of("latency", "--json"));
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (i > 0 && words[i - 1].equals("--tap")) {
                int eq = w.indexOf('=');
                w = w.substring(0, eq + 1) + DIR.resolve(w.substring(eq + 1));
            }
            args.add(w);
        }
        CliRun.Result r = CliRun.run(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        JsonNode expected = Json.MAPPER.readTree(DIR.resolve("golden/" + name + ".json").toFile());
        JsonNode actual = Json.MAPPER.readTree(r.out());
        List<String> differences = new ArrayList<>();
        compare("", expected, actual, differences);
        assertTrue(differences.isEmpty(), name + ": " + differences);
    }

    /** Collects every path where {@code actual} lacks or changes a value of {@code expected}. */
    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> out) {
        if (actual == null) {
            out.add(path + " missing");
            return;
        }
        if (expected.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode a = actual.get(e.getKey());
                if (e.getKey().equals("file") && a != null) {
                    // the golden ran inside the fixture directory
                    if (!Path.of(a.asText()).getFileName().toString().equals(e.getValue().asText())) {
                        out.add(path + "/file: " + e.getValue() + " != " + a);
                    }
                    continue;
                }
                compare(path + "/" + e.getKey(), e.getValue(), a, out);
            }
        } else if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                out.add(path + ": " + expected.size() + " elements != " + actual);
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), out);
            }
        } else if (!expected.equals(actual)) {
            out.add(path + ": " + expected + " != " + actual);
        }
    }
}
