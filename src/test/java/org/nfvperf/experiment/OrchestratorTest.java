package org.nfvperf.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfvperf.util.InputException;
import org.nfvperf.util.Json;
import tech.tablesaw.api.Table;

class OrchestratorTest {
    @TempDir
    Path dir;

    private String spec(String extraOptions, String factors) {
        return "name: sweep\nrunner: fake\nlink: 10G\nduration_s: 0.5\ncapture: {taps: [a, b, c], max_packets: 10}\n"
                + "runner_options:\n  journal: " + dir.resolve("journal") + "\n" + extraOptions
                + "factors:\n" + factors;
    }

    private static final String TWO_BY_TWO = "  dataplane: [bess, clickos]\n  frame_size: [64, 1500]\n";

    private Table run(String yaml, RunOptions options) throws Exception {
        return Orchestrator.run(Experiment.fromYaml(yaml, "spec.yaml"), dir.resolve("out"), options);
    }

    private static RunOptions options() {
        return RunOptions.of(new FakeAnalyzer());
    }

    private List<String> journal() throws Exception {
        Path j = dir.resolve("journal");
        return Files.exists(j) ? Files.readAllLines(j) : List.of();
    }

    private List<String> results() throws Exception {
        return Files.readAllLines(dir.resolve("out/sweep/results.csv"));
    }

    @Test
    void writesOneRowPerTrialWithMetaAndArtifacts() throws Exception {
        Table t = run(spec("", TWO_BY_TWO), options());
        assertEquals(4, t.rowCount());
        List<String> lines = results();
        assertEquals("dataplane,frame_size,trial,repetition,status,error,tx_mpps,rx_mpps,rx_gbps_l2,rx_gbps_l1,line_rate_pct,"
                + "loss_pct,lat_min_ns,lat_mean_ns,lat_p50_ns,lat_p99_ns,lat_max_ns,seg_a_b_mean_ns,seg_a_b_p50_ns,"
                + "seg_a_b_p99_ns,seg_b_c_mean_ns,seg_b_c_p50_ns,seg_b_c_p99_ns", lines.get(0));
        Trial first = Experiment.fromYaml(spec("", TWO_BY_TWO)).trials().get(0);
        assertEquals("bess,64," + first.id() + ",1,ok,,14.880952380952381,14.880952380952381,7.6190476190476195,10,100,0,"
                + "2900,3000,3000,3500,3900,1000,1000,1500,2000,2000,2500", lines.get(1));
        assertTrue(lines.get(2).startsWith("bess,1500,"), lines.get(2));
        assertEquals(List.of("bess", "bess", "clickos", "clickos"), t.stringColumn("dataplane").asList());
        assertEquals(List.of(64, 1500, 64, 1500), t.intColumn("frame_size").asList());
        assertEquals(50.0, t.doubleColumn("line_rate_pct").get(2), 1e-9);
        assertEquals(50.0, t.doubleColumn("loss_pct").get(3), 1e-9);

        Path trialDir = dir.resolve("out/sweep/trials/" + first.id());
        for (String f : List.of("meta.json", "gen-tx.log", "gen-rx.log", "tap-a.pcap", "tap-b.pcap", "tap-c.pcap")) {
            assertTrue(Files.exists(trialDir.resolve(f)), f);
        }
        JsonNode meta = Json.MAPPER.readTree(trialDir.resolve("meta.json").toFile());
        assertEquals(List.of("experiment", "trial", "repetition", "parameters", "link", "duration_s", "taps", "max_packets",
                "runner", "runner_options", "versions", "host", "start", "end", "elapsed_s", "status", "error", "runner_info"),
                iterable(meta.fieldNames()));
        assertEquals(first.id(), meta.get("trial").asText());
        assertEquals("{\"dataplane\":\"bess\",\"frame_size\":\"64\"}", meta.get("parameters").toString());
        assertEquals("fake", meta.get("runner").asText());
        assertEquals("1.0", meta.get("runner_info").get("fake_version").asText());
        assertEquals("ok", meta.get("status").asText());
        assertTrue(meta.get("error").isNull());
        assertEquals(0.5, meta.get("duration_s").asDouble());
        assertTrue(meta.get("versions").has("java") && meta.get("host").has("hostname"));
        assertFalse(Files.exists(dir.resolve("out/sweep/summary.csv")));
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void rerunSkipsFinishedTrialsAndRunsOnlyNewPoints() throws Exception {
        run(spec("", TWO_BY_TWO), options());
        assertEquals(4, journal().size());
        Table again = run(spec("", TWO_BY_TWO), options());
        assertEquals(4, journal().size());
        assertEquals(4, again.rowCount());
        Table grown = run(spec("", "  dataplane: [bess, clickos]\n  frame_size: [64, 1500, 512]\n"), options());
        assertEquals(6, journal().size());
        assertEquals(6, grown.rowCount());
        assertEquals(7, results().size());
        assertEquals(6, journal().stream().distinct().count());
    }

    @Test
    void failedTrialIsRecordedAndTheSweepGoesOn() throws Exception {
        Table t = run(spec("  fail_dataplane: clickos\n", TWO_BY_TWO), options());
        assertEquals(List.of("ok", "ok", "failed", "failed"), t.stringColumn("status").asList());
        assertEquals("runner: fake testbed lost the link", t.stringColumn("error").get(2));
        assertTrue(t.doubleColumn("rx_mpps").isMissing(2));
        Trial failed = Experiment.fromYaml(spec("", TWO_BY_TWO)).trials().get(2);
        JsonNode meta = Json.MAPPER.readTree(dir.resolve("out/sweep/trials/" + failed.id() + "/meta.json").toFile());
        assertEquals("failed", meta.get("status").asText());
        assertEquals("runner: fake testbed lost the link", meta.get("error").asText());

        run(spec("", TWO_BY_TWO), options());
        assertEquals(4, journal().size(), "failed trials count as finished");
        Table retried = run(spec("", TWO_BY_TWO), options().withRetryFailed(true));
        assertEquals(6, journal().size());
        assertEquals(List.of(failed.id()), journal().subList(4, 5));
        assertEquals(List.of("ok", "ok", "ok", "ok"), retried.stringColumn("status").asList());
        assertEquals(5, results().size());
    }

    @Test
    void analysisFailureIsRecordedToo() throws Exception {
        Table t = run(spec("", TWO_BY_TWO), options().withAnalyzer((trial, d) -> {
            throw new java.nio.file.NoSuchFileException(d.resolve("gen-rx.log").toString());
        }));
        assertEquals(List.of("failed", "failed", "failed", "failed"), t.stringColumn("status").asList());
        assertTrue(t.stringColumn("error").get(0).startsWith("analysis: "), t.stringColumn("error").get(0));
        assertTrue(t.stringColumn("error").get(0).endsWith("gen-rx.log"), t.stringColumn("error").get(0));
    }

    @Test
    void parallelJobsRunEveryTrialExactlyOnce() throws Exception {
        String factors = "  dataplane: [bess, clickos]\n  frame_size: [64, 128, 256, 512, 1024, 1500]\n";
        Table t = run(spec("  sleep_ms: 20\n", factors), options().withJobs(3));
        assertEquals(12, t.rowCount());
        assertEquals(12, journal().size());
        assertEquals(12, journal().stream().distinct().count());
        List<String> ids = Experiment.fromYaml(spec("", factors)).trials().stream().map(Trial::id).toList();
        assertEquals(ids, t.stringColumn("trial").asList(), "table in run order");
        assertEquals(ids.stream().sorted().toList(), results().subList(1, 13).stream()
                .map(l -> l.split(",")[2]).sorted().toList());
    }

    @Test
    void runnerValidatesEveryTrialBeforeAnythingRuns() {
        String yaml = spec("  reject_dataplane: clickos\n", TWO_BY_TWO);
        SpecException ex = assertThrows(SpecException.class, () -> run(yaml, options()));
        assertEquals("spec.yaml:10: fake runner rejects trial {dataplane=clickos, frame_size=64}: dataplane clickos is not supported",
                ex.getMessage().replace("{frame_size=64, dataplane=clickos}", "{dataplane=clickos, frame_size=64}"));
        assertFalse(Files.exists(dir.resolve("journal")));
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void unknownFactorFailsUnlessTheRunnerTakesIt() throws Exception {
        SpecException ex = assertThrows(SpecException.class, () -> run(spec("", "  frame_size: [64]\n  nic: [x710]\n"), options()));
        assertEquals("spec.yaml:10: unknown factor 'nic' (known: dataplane, chain, cpu_ghz, frame_size, mix, rate, placement, "
                + "vnic_queues; runner fake adds none by that name)", ex.getMessage());
        Table t = run(spec("  extra_factors: [nic]\n", "  frame_size: [64]\n  nic: [x710]\n"), options());
        assertEquals(List.of("x710"), t.stringColumn("nic").asList());
    }

    @Test
    void unknownOrMissingRunnerAndBadOptionsNameTheLine() {
        SpecException unknown = assertThrows(SpecException.class, () -> Orchestrator.plan(
                Experiment.fromYaml("name: x\nrunner: nosuch\n", "s.yaml")));
        assertTrue(unknown.getMessage().startsWith("s.yaml:2: unknown runner 'nosuch' (available: "), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("fake"), unknown.getMessage());
        if (!Runners.available().containsKey(Experiment.DEFAULT_RUNNER)) {
            SpecException missing = assertThrows(SpecException.class, () -> Orchestrator.plan(
                    Experiment.fromYaml("name: x\n", "s.yaml")));
            assertTrue(missing.getMessage().startsWith("s.yaml:1: no runner given and the default runner 'emulated' is not "
                    + "available (available: "), missing.getMessage());
        }
        SpecException option = assertThrows(SpecException.class, () -> Orchestrator.plan(
                Experiment.fromYaml("name: x\nrunner: fake\nrunner_options:\n  journal: j\n  sleeep_ms: 3\n", "s.yaml")));
        assertEquals("s.yaml:5: fake runner: unknown option 'sleeep_ms'", option.getMessage());
    }

    @Test
    void repetitionsGiveASummaryWithStudentTIntervals() throws Exception {
        String yaml = spec("", TWO_BY_TWO).replace("duration_s: 0.5\n", "duration_s: 0.5\nrepetitions: 3\n");
        Table t = run(yaml, options());
        assertEquals(12, t.rowCount());
        List<String> summary = Files.readAllLines(dir.resolve("out/sweep/summary.csv"));
        assertEquals(5, summary.size());
        assertTrue(summary.get(0).startsWith("dataplane,frame_size,n,failed,tx_mpps_mean,tx_mpps_ci95,rx_mpps_mean,rx_mpps_ci95,"),
                summary.get(0));
        Table s = ResultStore.readSummary(dir.resolve("out/sweep"));
        assertEquals(3, s.intColumn("n").get(0));
        assertEquals(0, s.intColumn("failed").get(0));
        double line64 = 10e9 / (84 * 8) / 1e6;
        assertEquals(line64 * 0.99, s.doubleColumn("rx_mpps_mean").get(0), 1e-12);
        // t(0.975, 2) = 4.302652729749464 (scipy.stats.t.ppf), sd = 0.01 * line64
        assertEquals(4.302652729749464 * 0.01 * line64 / Math.sqrt(3), s.doubleColumn("rx_mpps_ci95").get(0), 1e-9);
        assertEquals(0.0, s.doubleColumn("tx_mpps_ci95").get(0), 1e-12);
    }

    @Test
    void changedColumnsAreRefused() throws Exception {
        run(spec("", TWO_BY_TWO), options());
        InputException ex = assertThrows(InputException.class, () -> run(spec("", "  dataplane: [bess]\n"), options()));
        assertTrue(ex.getMessage().startsWith(dir.resolve("out/sweep/results.csv") + ": its columns [dataplane, frame_size, trial,"),
                ex.getMessage());
        assertTrue(ex.getMessage().endsWith("; use another --out or experiment name"), ex.getMessage());
    }

    @Test
    void aRowFragmentFromAKilledRunIsDroppedAndTheTrialRunsAgain() throws Exception {
        run(spec("", TWO_BY_TWO), options());
        Path csv = dir.resolve("out/sweep/results.csv");
        String text = Files.readString(csv);
        int lastRow = text.lastIndexOf('\n', text.length() - 2) + 1;
        String killedRow = text.substring(lastRow, text.length() - 1);
        Files.writeString(csv, text.substring(0, lastRow) + killedRow.substring(0, 30));
        String killedId = killedRow.split(",")[2];
        Path junk = dir.resolve("out/sweep/trials/" + killedId + "/gen-tx.log.partial");
        Files.writeString(junk, "left by the killed run");

        Table t = run(spec("", TWO_BY_TWO), options());
        assertEquals(List.of(killedId), journal().subList(4, journal().size()));
        assertEquals(text, Files.readString(csv), "the same rows, the killed trial's once");
        assertEquals(4, t.rowCount());
        assertEquals(5, results().size());
        assertFalse(Files.exists(junk));
        assertEquals("ok", t.stringColumn("status").get(3));
    }

    @Test
    void twoRunsCannotShareAnOutputFolder() throws Exception {
        try (ResultStore held = ResultStore.open(dir.resolve("out/sweep"), List.of("trial", "repetition", "status", "error"))) {
            InputException ex = assertThrows(InputException.class, () -> run(spec("", TWO_BY_TWO), options()));
            assertEquals(dir.resolve("out/sweep") + ": another nfvperf run is writing these results (lock "
                    + dir.resolve("out/sweep/.lock") + " is held)", ex.getMessage());
        }
    }

    @Test
    void readGivesTypedColumns() throws Exception {
        run(spec("", "  rate: [line, 1]\n  cpu_ghz: [2.0]\n"), options());
        Table t = ResultStore.read(dir.resolve("out/sweep"));
        Map<String, String> types = t.columns().stream().collect(Collectors.toMap(c -> c.name(), c -> c.type().name()));
        assertEquals("STRING", types.get("rate"));
        assertEquals("DOUBLE", types.get("cpu_ghz"));
        assertEquals("STRING", types.get("trial"));
        assertEquals("INTEGER", types.get("repetition"));
        assertEquals("DOUBLE", types.get("lat_p99_ns"));
        assertEquals(List.of("line", "1"), t.stringColumn("rate").asList());
        assertEquals(1.0, t.doubleColumn("tx_mpps").get(1), 1e-12);
    }
}
