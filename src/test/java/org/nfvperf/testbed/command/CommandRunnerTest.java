package org.nfvperf.testbed.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfvperf.experiment.RunnerProvider;
import org.nfvperf.experiment.Trial;

class CommandRunnerTest {
    @TempDir
    Path dir;

    private static Trial trial(Map<String, String> factors, List<String> taps) {
        return new Trial("exp", "0123456789abcdef", factors, "10G", 0.5, 2, taps, 1000);
    }

    private static CommandRunner runner(Object... kv) {
        Map<String, Object> o = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            o.put((String) kv[i], kv[i + 1]);
        }
        return CommandRunner.fromOptions(o);
    }

    @Test
    void isFoundThroughTheServiceLoader() {
        assertTrue(ServiceLoader.load(RunnerProvider.class).stream().anyMatch(p -> p.get().id().equals("command")));
    }

    @Test
    void stepsRunInOrderInTheTrialFolderWithQuotedPlaceholders() throws Exception {
        CommandRunner r = runner(
                "setup", "echo setup >> order",
                "run", "echo run >> order; printf '%s|' {frame_size} {rate} {rate_mpps} {duration_s} {trial_id} {link} "
                        + "{link_bps} {repetition} {experiment} {taps} {max_packets} {dataplane} > gen-tx.log; "
                        + "echo \"$NFVPERF_FRAME_SIZE $GREETING\" > gen-rx.log; echo to-stdout; echo to-stderr >&2",
                "collect", "echo collect >> order; for t in {taps}; do echo $t > tap-$t.pcap; done",
                "teardown", "echo teardown >> order; test -f {trial_dir}/gen-tx.log",
                "env", Map.of("GREETING", "hello"));
        Trial t = trial(Map.of("dataplane", "it's bess", "frame_size", "1500"), List.of("a", "b"));
        r.validate(t);
        Map<String, Object> info = r.run(t, dir);
        assertEquals(List.of("setup", "run", "collect", "teardown"), Files.readAllLines(dir.resolve("order")));
        assertEquals("1500|line|0.8223684210526315|0.5|0123456789abcdef|10G|10000000000|2|exp|a|b|1000|it's bess|",
                Files.readString(dir.resolve("gen-tx.log")));
        assertEquals("1500 hello\n", Files.readString(dir.resolve("gen-rx.log")));
        assertEquals("to-stdout\n", Files.readString(dir.resolve("cmd-run.out")));
        assertEquals("to-stderr\n", Files.readString(dir.resolve("cmd-run.err")));
        assertEquals("a\n", Files.readString(dir.resolve("tap-a.pcap")));
        assertEquals("bash", info.get("shell"));
        List<?> steps = (List<?>) info.get("steps");
        assertEquals(4, steps.size());
        assertEquals(0, ((Map<?, ?>) steps.get(1)).get("exit_code"));
    }

    @Test
    void aFailingStepFailsTheTrialButTeardownStillRuns() {
        CommandRunner r = runner("run", "echo partial > gen-tx.log; echo 'pkt-gen: no such interface ix9' >&2; exit 3",
                "collect", "touch never", "teardown", "touch torn-down");
        IOException ex = assertThrows(IOException.class, () -> r.run(trial(Map.of(), List.of()), dir));
        assertEquals("step 'run' exited with status 3: pkt-gen: no such interface ix9 (see cmd-run.err)", ex.getMessage());
        assertTrue(Files.exists(dir.resolve("torn-down")));
        assertFalse(Files.exists(dir.resolve("never")));
    }

    @Test
    void missingArtifactsAreNamed() {
        CommandRunner r = runner("run", "touch gen-tx.log tap-a.pcapng");
        IOException ex = assertThrows(IOException.class, () -> r.run(trial(Map.of(), List.of("a", "b")), dir));
        assertEquals("the commands left no gen-rx.log, tap-b.pcap in the trial folder", ex.getMessage());
    }

    @Test
    void timeoutKillsTheWholeProcessGroup() throws Exception {
        CommandRunner r = runner("timeout_s", 1.0,
                "run", "sleep 300 & echo $! > bg.pid; touch gen-tx.log gen-rx.log; sleep 300",
                "teardown", "echo $$ > teardown.pid");
        long t0 = System.nanoTime();
        IOException ex = assertThrows(IOException.class, () -> r.run(trial(Map.of(), List.of()), dir));
        long elapsedMillis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("step 'run' timed out (timeout_s 1); its process group was killed", ex.getMessage());
        assertTrue(elapsedMillis < 20_000, "took " + elapsedMillis + " ms");
        long bg = Long.parseLong(Files.readString(dir.resolve("bg.pid")).trim());
        for (int i = 0; i < 100 && ProcessHandle.of(bg).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(20);
        }
        assertFalse(ProcessHandle.of(bg).map(ProcessHandle::isAlive).orElse(false), "background child of the step survived");
        assertTrue(Files.exists(dir.resolve("teardown.pid")));
    }

    @Test
    void leftoverBackgroundProcessesAreKilledWhenTheTrialEnds() throws Exception {
        CommandRunner r = runner("setup", "sleep 300 > /dev/null 2>&1 & echo $! > bg.pid", "run", "touch gen-tx.log gen-rx.log");
        r.run(trial(Map.of(), List.of()), dir);
        long bg = Long.parseLong(Files.readString(dir.resolve("bg.pid")).trim());
        for (int i = 0; i < 100 && ProcessHandle.of(bg).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(20);
        }
        assertFalse(ProcessHandle.of(bg).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void validateNamesUnknownPlaceholdersAndFactorsAreTakenWhenUsed() {
        CommandRunner r = runner("run", "pkt-gen -l {frame_size} --nic {nic}");
        assertTrue(r.acceptsFactor("nic"));
        assertFalse(r.acceptsFactor("cpu_ghz"));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> r.validate(trial(Map.of("frame_size", "64"), List.of())));
        assertTrue(ex.getMessage().startsWith("template 'run' uses unknown placeholder {nic} (known: "), ex.getMessage());
        r.validate(trial(Map.of("nic", "x710"), List.of()));
    }

    @Test
    void badOptionsAreNamed() {
        assertEquals("unknown option 'stup' (known: setup, run, collect, teardown, timeout_s, teardown_timeout_s, shell, env)",
                assertThrows(IllegalArgumentException.class, () -> runner("stup", "x", "run", "y")).getMessage());
        assertEquals("option 'run' is required: the command that runs a trial",
                assertThrows(IllegalArgumentException.class, () -> runner("setup", "x")).getMessage());
        assertEquals("option 'timeout_s' must be a number of seconds > 0: 0",
                assertThrows(IllegalArgumentException.class, () -> runner("run", "x", "timeout_s", 0L)).getMessage());
        assertEquals("option 'run' must be a command string, found [a]",
                assertThrows(IllegalArgumentException.class, () -> runner("run", List.of("a"))).getMessage());
        assertEquals("option 'env' must be a mapping of variables: x",
                assertThrows(IllegalArgumentException.class, () -> runner("run", "y", "env", "x")).getMessage());
    }
}
