package org.nfvperf.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep in a real JVM killed with SIGKILL twice, then rerun: every trial ends up exactly once. */
class KillResumeTest {
    @TempDir
    Path dir;

    private Process start(Path spec, Path out) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), FakeSweepMain.class.getName(),
                spec.toString(), out.toString(), "2")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    }

    private static int rows(Path csv) throws Exception {
        if (!Files.exists(csv)) {
            return 0;
        }
        String text = Files.readString(csv);
        return (int) text.chars().filter(c -> c == '\n').count() - 1;
    }

    @Test
    void sigkillThenRerunCompletesEveryTrialExactlyOnce() throws Exception {
        Path journal = dir.resolve("journal");
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, "name: killed\nrunner: fake\n"
                + "runner_options: {journal: " + journal + ", sleep_ms: 40}\n"
                + "capture: {taps: [a, b]}\nfactors:\n  dataplane: [bess, clickos]\n  frame_size: [64, 128, 256, 512, 1024, 1500]\n"
                + "  rate: [line, 0.5]\n");
        Path out = dir.resolve("out");
        Path csv = out.resolve("killed/results.csv");
        List<String> ids = Experiment.load(spec).trials().stream().map(Trial::id).toList();
        assertEquals(24, ids.size());

        Set<String> committedBeforeKill = new HashSet<>();
        for (int threshold : new int[] {3, 9}) {
            Process p = start(spec, out);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (rows(csv) < threshold && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(p.isAlive(), "the sweep must still be running when killed; see " + dir.resolve("child.log"));
            p.destroyForcibly(); // SIGKILL
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            assertEquals(137, p.exitValue());
            // what a rerun will keep: complete lines only
            String text = Files.readString(csv);
            for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
                String[] f = line.split(",");
                if (f.length > 3 && !f[3].equals("trial")) {
                    committedBeforeKill.add(f[3]);
                }
            }
        }
        int journalBeforeRerun = Files.readAllLines(journal).size();
        Process p = start(spec, out);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("child.log")));

        List<String> lines = Files.readAllLines(csv);
        assertEquals(25, lines.size());
        List<String> rowIds = lines.subList(1, lines.size()).stream().map(l -> l.split(",")[3]).toList();
        assertEquals(Set.copyOf(ids), Set.copyOf(rowIds));
        assertEquals(24, rowIds.stream().distinct().count());
        assertTrue(lines.subList(1, lines.size()).stream().allMatch(l -> l.split(",")[5].equals("ok")));
        List<String> rerun = Files.readAllLines(journal).subList(journalBeforeRerun, Files.readAllLines(journal).size());
        for (String id : rerun) {
            assertTrue(!committedBeforeKill.contains(id), "finished trial " + id + " ran again");
        }
        assertEquals(24 - committedBeforeKill.size(), rerun.size());

        long t0 = System.nanoTime();
        Process again = start(spec, out);
        assertTrue(again.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, again.exitValue());
        assertEquals(lines, Files.readAllLines(csv), "a finished sweep reruns without changing its results");
        assertEquals(journalBeforeRerun + rerun.size(), Files.readAllLines(journal).size());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(20));
    }
}
