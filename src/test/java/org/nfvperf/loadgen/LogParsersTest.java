package org.nfvperf.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nfvperf.util.InputException;

class LogParsersTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "^C\r\n", "\u001B[0m\n"})
    void emptyInputIsUnrecognised(String text) {
        InputException e = assertThrows(InputException.class, () -> LogParsers.parse("e.log", text));
        assertEquals("e.log: empty log, unrecognised log format (tried " + String.join(", ", LogParsers.toolIds()) + ")",
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello world\n", "PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.\n", "1,2,3\n4,5,6\n"})
    void unknownTextIsUnrecognised(String text) {
        InputException e = assertThrows(InputException.class, () -> LogParsers.parse("u.log", text));
        assertEquals("u.log: unrecognised log format (tried " + String.join(", ", LogParsers.toolIds()) + ")",
                e.getMessage());
    }

    static Stream<Path> shippedSamples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("data", "samples", "logs"))) {
            return files.filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shippedSamples")
    void shippedSamplesParseAsTheToolTheirNameSays(Path file) throws IOException {
        LogResult r = LogParsers.parse(file);
        String name = file.getFileName().toString();
        assertEquals(true, name.startsWith(r.tool().equals("dpdk-testpmd") ? "testpmd" : r.tool()), name + " -> " + r.tool());
        assertEquals(true, !r.ports().isEmpty(), name);
    }

    @org.junit.jupiter.api.Test
    void toolIdsInDetectionOrder() {
        assertEquals(List.of("netmap-pkt-gen", "linux-pktgen", "moongen", "dpdk-testpmd", "pktgen-dpdk", "bess", "trex",
                "trafgen"),
                LogParsers.toolIds());
        assertEquals("tool must be one of " + LogParsers.toolIds() + ": ixia",
                assertThrows(IllegalArgumentException.class, () -> LogParsers.parser("ixia")).getMessage());
        assertEquals("bess", LogParsers.parser("bess").tool());
    }
}
