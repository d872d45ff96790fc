package org.nfvperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfvperf.experiment.Experiment;
import org.nfvperf.experiment.ResultStore;
import tech.tablesaw.api.Table;

/** {@code nfvperf run} end to end with the command runner copying real artifacts and the standard analysis. */
class RunCommandTest {
    @TempDir
    Path dir;

    private static String[] run(String... args) {
        return CliRun.run(args).asArray();
    }

    private Path spec() throws Exception {
        Path spec = dir.resolve("cmd.yaml");
        Files.writeString(spec, """
                name: cmd
                runner: command
                capture: {taps: [a, r, b]}
                runner_options:
                  env: {LOGS: %s, CAPS: %s}
                  timeout_s: 30
                  run: |
                    if [ {dataplane} = broken ]; then echo "generator crashed" >&2; exit 7; fi
                    cp "$LOGS/netmap-pkt-gen-2016-tx.log" gen-tx.log
                    cp "$LOGS/netmap-pkt-gen-2015-rx.log" gen-rx.log
                  collect: |
                    cp "$CAPS/probe-a0.pcap" tap-a.pcap
                    cp "$CAPS/probe-r1.pcap" tap-r.pcap
                    cp "$CAPS/probe-b0.pcap" tap-b.pcap
                factors:
                  dataplane: [bess, broken]
                  frame_size: [64]
                """.formatted(Path.of("src/test/resources/logs").toAbsolutePath(),
                Path.of("src/test/resources/latency").toAbsolutePath()));
        return spec;
    }

    @Test
    void commandRunnerSweepWithAFailedTrial() throws Exception {
        Path spec = spec();
        Path out = dir.resolve("out");
        String[] r = run("run", spec.toString(), "--out", out.toString());
        Path csv = out.resolve("cmd/results.csv");
        assertEquals("1", r[0], r[2]);
        assertEquals(csv + ": 2 trials, 2 run now, 1 failed\n", r[1]);
        String[] err = r[2].split("\n");
        assertEquals("cmd: 2 trials, 0 already finished, 2 to run", err[0]);
        assertTrue(err[1].matches("cmd \\[1/2\\] trial [0-9a-f]{16} ok in \\d+\\.\\d s, eta \\d+:\\d\\d"), err[1]);
        assertTrue(err[2].matches("cmd \\[2/2\\] trial [0-9a-f]{16} failed in \\d+\\.\\d s, eta 0:00: runner: step 'run' "
                + "exited with status 7: generator crashed \\(see cmd-run.err\\)"), err[2]);
        assertEquals("nfvperf: 1 of 2 trials failed; see the status and error columns of " + csv, err[3]);

        Table t = ResultStore.read(out.resolve("cmd"));
        assertEquals(List.of("ok", "failed"), t.stringColumn("status").asList());
        assertEquals(8.446295151144007, t.doubleColumn("rx_mpps").get(0), 1e-12);
        assertEquals(100.0 * (57716304 - 25364080) / 57716304, t.doubleColumn("loss_pct").get(0), 1e-12);
        assertEquals(14896.799999999996, t.doubleColumn("lat_mean_ns").get(0), 1e-9);
        assertEquals(12647, t.doubleColumn("seg_a_r_p50_ns").get(0), 0);
        assertEquals(3287, t.doubleColumn("seg_r_b_p99_ns").get(0), 0);
        assertEquals("runner: step 'run' exited with status 7: generator crashed (see cmd-run.err)", t.stringColumn("error").get(1));
        String okId = t.stringColumn("trial").get(0);
        assertTrue(Files.exists(out.resolve("cmd/trials/" + okId + "/cmd-collect.out")));
        assertTrue(Files.readString(out.resolve("cmd/trials/" + okId + "/meta.json")).contains("\"step\" : \"collect\""));

        String before = Files.readString(csv);
        String[] again = run("run", spec.toString(), "--out", out.toString());
        assertEquals("1", again[0]);
        assertEquals(csv + ": 2 trials, 0 run now, 1 failed\n", again[1]);
        assertEquals(before, Files.readString(csv));

        Files.writeString(spec, Files.readString(spec).replace("= broken ]", "= nothing ]"));
        String[] retried = run("run", spec.toString(), "--out", out.toString(), "--retry-failed", "--jobs", "2");
        assertEquals("0", retried[0], retried[2]);
        assertEquals(csv + ": 2 trials, 1 run now, 0 failed\n", retried[1]);
        assertEquals(3, Files.readAllLines(csv).size());
    }

    @Test
    void badSpecExitsTwoBeforeAnythingRuns() throws Exception {
        Path spec = spec();
        Files.writeString(spec, Files.readString(spec).replace("frame_size: [64]", "frame_size: [64]\n  cpu_mhz: [2000]"));
        String[] r = run("run", spec.toString(), "--out", dir.resolve("out").toString());
        assertEquals("2", r[0]);
        assertEquals("nfvperf: " + spec + ":18: unknown factor 'cpu_mhz' (known: dataplane, chain, cpu_ghz, frame_size, "
                + "mix, rate, placement, vnic_queues; runner command adds none by that name)\n", r[2]);
        assertTrue(!Files.exists(dir.resolve("out")));

        Files.writeString(spec, Files.readString(spec).replace("  cpu_mhz: [2000]", "  rate: [20]"));
        String[] rate = run("run", spec.toString());
        assertEquals("2", rate[0]);
        assertEquals("nfvperf: " + spec + ":18: rate 20 Mpps is above line rate of 10G at 64B (14.880952 Mpps)\n", rate[2]);

        String[] missing = run("run", dir.resolve("nope.yaml").toString());
        assertEquals("2", missing[0]);
        assertEquals("nfvperf: " + dir.resolve("nope.yaml") + ": no such file\n", missing[2]);

        String[] jobs = run("run", spec().toString(), "--jobs", "0", "--out", dir.resolve("o2").toString());
        assertEquals("2", jobs[0]);
        assertEquals("nfvperf: jobs must be >= 1: 0\n", jobs[2]);
    }

    @Test
    void dryRunListsTheTrials() throws Exception {
        Path spec = spec();
        String[] r = run("run", spec.toString(), "--dry-run", "--out", dir.resolve("out").toString());
        assertEquals("0", r[0], r[2]);
        List<String> ids = Experiment.load(spec).trials().stream().map(t -> t.id()).toList();
        assertEquals("trial,repetition,dataplane,frame_size\n" + ids.get(0) + ",1,bess,64\n" + ids.get(1) + ",1,broken,64\n", r[1]);
        assertTrue(!Files.exists(dir.resolve("out")));
    }
}
