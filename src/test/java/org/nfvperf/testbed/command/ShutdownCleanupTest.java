package org.nfvperf.testbed.command;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nfvperf run} in a real JVM stopped with SIGTERM mid-trial: the trial's processes die with it. */
class ShutdownCleanupTest {
    @TempDir
    Path dir;

    @Test
    void sigtermKillsTheRunningStepsProcessGroup() throws Exception {
        Path pidFile = dir.resolve("sleep.pid");
        Path spec = dir.resolve("s.yaml");
        Files.writeString(spec, "name: s\nrunner: command\nrunner_options:\n  run: sleep 300 & echo $! > " + pidFile
                + "; wait\nfactors:\n  frame_size: [64]\n");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), "org.nfvperf.cli.Main", "run", spec.toString(), "--out",
                dir.resolve("out").toString()).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) && p.isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(p.isAlive(), Files.readString(dir.resolve("log")));
        long sleeper = Long.parseLong(Files.readString(pidFile).trim());
        assertTrue(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false));
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        for (int i = 0; i < 100 && ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(20);
        }
        boolean outlived = ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false);
        ProcessHandle.of(sleeper).ifPresent(ProcessHandle::destroyForcibly); // leave nothing behind, even on failure
        assertFalse(outlived, "sleep 300 outlived the JVM");
        assertFalse(Files.readString(dir.resolve("out/s/results.csv")).contains(",ok,"), "the killed trial has no row");
    }
}
