package org.nfvperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfvperf.experiment.ResultStore;
import tech.tablesaw.api.Table;

class SearchCommandTest {
    private static final String SPEC = """
            name: s
            runner: emulated
            runner_options: {window_packets: 20000}
            link: 10G
            duration_s: 0.4
            capture: {taps: [gen-tx, gen-rx], max_packets: 2000}
            factors:
              dataplane: [bess]
              chain: [l3fwd]
              cpu_ghz: [2.0]
              frame_size: [64]
              rate: [1]
            search:
              goals: [ndr, pdr:0.005]
              initial_duration_s: 0.1
              latency_at_pdr: [0, 50, 90]
            """;

    @Test
    void searchesEveryPointThroughTheRunnerAndResumes(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("s.yaml");
        Files.writeString(spec, SPEC);
        CliRun.Result r = CliRun.run("search", spec.toString(), "--out", dir.resolve("out").toString());
        assertEquals(0, r.code(), r.err());
        Table goals = Table.read().csv(dir.resolve("out/s-search/search.csv").toFile());
        assertEquals(List.of("NDR", "PDR"), goals.stringColumn("goal").asList());
        double ndr = goals.numberColumn("lower_mpps").getDouble(0);
        double pdr = goals.numberColumn("lower_mpps").getDouble(1);
        assertTrue(ndr > 1 && ndr <= pdr && pdr < 14.89, ndr + " " + pdr);
        // every search trial is an ordinary trial with its row, meta.json and logs
        Table trials = ResultStore.read(dir.resolve("out/s-search"));
        assertEquals((int) goals.numberColumn("trials").getDouble(0), trials.rowCount());
        for (String id : trials.stringColumn("trial")) {
            assertTrue(Files.isRegularFile(dir.resolve("out/s-search/trials").resolve(id).resolve("meta.json")));
            assertTrue(Files.isRegularFile(dir.resolve("out/s-search/trials").resolve(id).resolve("gen-rx.log")));
        }
        // its PDR's lower bound was measured at the final duration
        assertTrue(trials.where(trials.numberColumn("rx_mpps").isGreaterThan(0)).rowCount() > 0);
        Table lat = Table.read().csv(dir.resolve("out/s-search/latency-at-load.csv").toFile());
        assertEquals(List.of(0, 50, 90), lat.intColumn("load_pct_of_pdr").asList());
        assertEquals(0.0001, lat.numberColumn("offered_mpps").getDouble(0), 1e-12, "0% is the 100 pps idle point");
        assertEquals(pdr * 0.9, lat.numberColumn("offered_mpps").getDouble(2), 1e-5);
        assertTrue(lat.numberColumn("lat_p50_ns").getDouble(0) > 0);
        assertTrue(lat.numberColumn("latency_stream_pps").getDouble(2) > 0);
        assertTrue(Files.isRegularFile(dir.resolve("out/s-search/points").resolve(goals.stringColumn("point").get(0))
                .resolve("ndr.json")));

        // a rerun finds every trial finished: same results, nothing run again
        String before = Files.readString(dir.resolve("out/s-search/results.csv"));
        CliRun.Result again = CliRun.run("search", spec.toString(), "--out", dir.resolve("out").toString());
        assertEquals(0, again.code(), again.err());
        assertEquals(before, Files.readString(dir.resolve("out/s-search/results.csv")));
        assertEquals(Files.readString(dir.resolve("out/s-search/search.csv")),
                Files.readString(dir.resolve("out/s-search/search.csv")));
    }

    @Test
    void latencyWithoutTwoTapsIsRefusedNamingTheSpec(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("s.yaml");
        Files.writeString(spec, SPEC.replace("capture: {taps: [gen-tx, gen-rx], max_packets: 2000}\n", ""));
        CliRun.Result r = CliRun.run("search", spec.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("s.yaml") && r.err().contains("needs at least two taps"), r.err());
    }

    @Test
    void badSearchSectionNamesItsLine(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("s.yaml");
        Files.writeString(spec, SPEC.replace("goals: [ndr, pdr:0.005]", "goals: [ndr, fast]"));
        CliRun.Result r = CliRun.run("search", spec.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("s.yaml:14") && r.err().contains("goal must be ndr"), r.err());
    }
}
