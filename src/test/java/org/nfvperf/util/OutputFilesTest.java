package org.nfvperf.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
    @TempDir
    Path dir;

    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void theSameFileUnderAnyNameIsRefused() throws IOException {
        Path in = dir.resolve("in.pcap");
        Files.writeString(in, "capture");
        Path hard = dir.resolve("hard.pcap");
        Files.createLink(hard, in);
        UsageException e = assertThrows(UsageException.class,
                () -> OutputFiles.requireDistinct(hard, "--per-packet", List.of(in)));
        assertEquals("--per-packet " + hard + " is the input " + in
                + ": writing it would destroy the input; choose another output file", e.getMessage());
        OutputFiles.requireDistinct(dir.resolve("new.csv"), "--per-packet", List.of(in));
        OutputFiles.requireDistinct(dir.resolve("x"), "--per-packet", List.of(dir.resolve("missing")));
    }

    @Test
    void writesThroughATemporaryAndRemovesThoseOfDeadProcessesOnly() throws Exception {
        Path fig = dir.resolve("fig6.png");
        Path stale = dir.resolve(".fig6.png." + deadPid() + ".1.tmp");
        long alive = ProcessHandle.current().parent().orElseThrow().pid();
        Path busy = dir.resolve(".fig5.png." + alive + ".1.tmp");
        Path unrelated = dir.resolve(".notes.tmp");
        for (Path p : List.of(stale, busy, unrelated)) {
            Files.writeString(p, "half");
        }
        OutputFiles.write(fig, out -> {
            assertFalse(Files.exists(fig), "the final name appears only when complete");
            out.write(new byte[] {1, 2, 3});
        });
        assertEquals(3, Files.size(fig));
        assertFalse(Files.exists(stale), "a dead process's temporary is removed");
        assertTrue(Files.exists(busy), "a live process's temporary is left alone");
        assertTrue(Files.exists(unrelated), "files of other shapes are left alone");
    }

    @Test
    void aFailedWriteNamesThePathAndLeavesNeitherFileNorTemporary() throws IOException {
        Path out = dir.resolve("report.html");
        IOException e = assertThrows(IOException.class, () -> OutputFiles.write(out, o -> {
            o.write(1);
            throw new IOException("No space left on device");
        }));
        assertEquals(out + ": No space left on device", e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void aRealFullDeviceIsNamed() {
        // /dev/full answers every write with ENOSPC, as a full disk does
        Path full = Path.of("/dev/full");
        if (!Files.isWritable(full)) {
            return;
        }
        IOException e = assertThrows(IOException.class, () -> {
            try (var o = Files.newOutputStream(full)) {
                o.write(new byte[4096]);
                o.flush();
            } catch (IOException x) {
                throw OutputFiles.naming(full, x);
            }
        });
        assertTrue(e.getMessage().startsWith("/dev/full: No space left on device"), e.getMessage());
    }
}
