package org.nfvperf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {
    private static String[] run(String... args) {
        return org.nfvperf.cli.CliRun.run(args).asArray();
    }

    @Test
    void versionPrintsProjectVersion() {
        String[] r = run("--version");
        assertEquals("0", r[0]);
        assertTrue(r[1].startsWith("nfvperf "), r[1]);
    }

    @Test
    void unknownOptionIsUsageErrorWithExitTwo() {
        String[] r = run("--no-such-option");
        assertEquals("2", r[0]);
        assertTrue(r[2].startsWith("nfvperf: Unknown option: '--no-such-option'"), r[2]);
    }
}
