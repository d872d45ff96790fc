package org.nfvperf.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run killed while writing {@code --per-packet} leaves no truncated file under the final name. */
class PerPacketCsvTest {
    @TempDir
    Path dir;

    @Test
    void theFinalNameAppearsOnlyOnClose() throws Exception {
        Path csv = dir.resolve("rows.csv");
        PerPacketCsv w = new PerPacketCsv(csv, List.of("a", "b"), true);
        for (int i = 0; i < 100_000; i++) {
            w.packet(i, new long[] {1000L * i, 1000L * i + 7});
        }
        // a SIGKILL here leaves only the hidden temporary, which the next run removes
        assertFalse(Files.exists(csv), "no file under the final name before close");
        try (var files = Files.list(dir)) {
            List<Path> tmp = files.toList();
            assertEquals(1, tmp.size());
            String name = tmp.get(0).getFileName().toString();
            assertEquals(true, name.startsWith(".rows.csv." + ProcessHandle.current().pid() + ".") && name.endsWith(".tmp"),
                    name);
        }
        w.close();
        assertEquals(100_001, Files.readAllLines(csv).size());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(csv), files.toList());
        }
    }
}
