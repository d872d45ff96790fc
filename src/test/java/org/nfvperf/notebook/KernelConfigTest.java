package org.nfvperf.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KernelConfigTest {
    @ParameterizedTest
    @CsvSource({"5000, 5000000000", "'30 SECONDS', 30000000000", "'2 minutes', 120000000000", "'-1', -1", "'', -1", "'250ms', -2"})
    void timeoutParsing(String text, long nanos) {
        if (nanos == -2) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelConfig.parseTimeoutNanos(text));
            assertEquals("IJAVA_TIMEOUT unit must be one of NANOSECONDS, MICROSECONDS, MILLISECONDS, SECONDS, MINUTES, HOURS, DAYS: ms",
                    e.getMessage());
        } else {
            assertEquals(nanos, KernelConfig.parseTimeoutNanos(text));
        }
    }

    @Test
    void badTimeoutNamesTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelConfig.parseTimeoutNanos("soon"));
        assertEquals("IJAVA_TIMEOUT must be a number of milliseconds or '<number> <TimeUnit>': soon", e.getMessage());
    }

    @Test
    void environmentVariablesAreReadLikeIJava() {
        KernelConfig c = KernelConfig.fromEnvironment(Map.of(
                "IJAVA_CLASSPATH", "a.jar::lib/*.jar",
                "IJAVA_STARTUP_SCRIPTS_PATH", "init.jsh",
                "IJAVA_STARTUP_SCRIPT", "int x = 1;",
                "IJAVA_TIMEOUT", "3 SECONDS",
                "IJAVA_COMPILER_OPTS", "-Xlint:all \"-Afoo=a b\" -parameters"));
        assertEquals(new KernelConfig(List.of("a.jar", "lib/*.jar"), List.of("init.jsh"), "int x = 1;", 3_000_000_000L,
                List.of("-Xlint:all", "-Afoo=a b", "-parameters")), c);
        assertEquals(KernelConfig.defaults(), KernelConfig.fromEnvironment(Map.of()));
    }

    @Test
    void wordsSplitOnBlanksWithQuotesAndEscapes() {
        assertEquals(List.of("%jars", "a b.jar", "c\"d"), KernelConfig.splitWords("  %jars \"a b.jar\"   c\\\"d "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelConfig.splitWords("\"open"));
        assertEquals("IJAVA_COMPILER_OPTS must close every double quote: \"open", e.getMessage());
    }

    @Test
    void compactConstructorRejectsZeroTimeout() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelConfig.defaults().withTimeoutNanos(0));
        assertEquals("timeoutNanos must be -1 (none) or > 0: 0", e.getMessage());
    }
}
