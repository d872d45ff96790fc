package org.nfvperf.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nfvperf.util.InputException;

/**
 * One full reproduction of the paper's spec set (data/specs) through the orchestrator, then its
 * tables and every claim, a resumed rerun, and the same derivation from another runner's results.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaperReproductionTest {
    static final Path PUBLISHED = Path.of("data/paper/published.csv");
    Path out;
    PaperReproduction.Result result;

    @BeforeAll
    void reproduce(@TempDir Path dir) throws IOException {
        out = dir;
        result = PaperReproduction.run(out, Set.of(), null, PaperReproduction.Options.defaults()
                .withSpecs(Path.of("data/specs")).withJobs(2).withPublished(PUBLISHED));
    }

    @Test
    void writesEveryTableWithItsColumnsAndRows() throws IOException {
        Map<String, String> headers = Map.of(
                "table1", "dataplane,nf,cpu_ghz,reproduced_mpps,published_mpps,error_pct",
                "fig2", "dataplane,nf,cpu_ghz,frame_size,rx_mpps,rx_gbps_l1,line_rate_pct",
                "bottleneck", "dataplane,vnic_queues,frame_size,offered_mpps,rx_mpps,line_rate_pct",
                "fig3", "dataplane,chain_length,chain,frame_size,rx_mpps,line_rate_pct",
                "fig4", "dataplane,chain_length,placement,frame_size,rx_mpps,line_rate_pct",
                "fig5", "dataplane,offered_mpps,lat_mean_ns,lat_p50_ns,lat_p99_ns",
                "fig6", "dataplane,chain,lat_mean_ns,transmission_ns,dataplane_io_ns,nf_io_ns,nf_processing_ns,"
                        + "largest_component",
                "fbmix", "dataplane,cpu_ghz,utilization_pct,offered_mpps,rx_mpps,loss_pct");
        Map<String, Integer> rows = Map.of("table1", 20, "fig2", 120, "bottleneck", 24, "fig3", 36, "fig4", 36,
                "fig5", 18, "fig6", 8, "fbmix", 40);
        for (String id : PaperReproduction.IDS) {
            List<String> lines = Files.readAllLines(out.resolve("tables").resolve(id + ".csv"));
            assertEquals(headers.get(id), lines.get(0), id);
            assertEquals(rows.get(id) + 1, lines.size(), id);
        }
        List<String> claims = Files.readAllLines(out.resolve("claims.csv"));
        assertEquals("key,section,claim,published,reproduced,unit,error_pct,holds", claims.get(0));
        assertEquals(result.claims().size() + 1, claims.size());
        assertEquals(27, result.claims().size());
    }

    @Test
    void everySpecRanIntoRunsLikeNfvperfRun() throws IOException {
        for (String spec : PaperReproduction.specsOf(Set.copyOf(PaperReproduction.IDS))) {
            Path dir = out.resolve("runs").resolve(spec);
            assertTrue(Files.isRegularFile(dir.resolve("results.csv")), spec);
            List<Map<String, String>> rows = PaperReproduction.readResults(dir.resolve("results.csv"));
            assertEquals(result.runs().get(spec).trials(), rows.size(), spec);
            for (Map<String, String> r : rows) {
                Path trial = dir.resolve("trials").resolve(r.get("trial"));
                assertEquals("ok", r.get("status"), spec + " " + r);
                for (String f : List.of("meta.json", "gen-tx.log", "gen-rx.log")) {
                    assertTrue(Files.isRegularFile(trial.resolve(f)), trial + "/" + f);
                }
                assertTrue(Files.list(trial).anyMatch(p -> p.getFileName().toString().startsWith("tap-")), trial.toString());
            }
        }
        assertEquals("emulated", result.provenance().get("runner"));
        String json = Files.readString(out.resolve("provenance.json"));
        assertTrue(json.contains("\"fig5\" : [ \"fig5\", \"fig5-100pps\" ]"), json);
    }

    @Test
    void table1IsWithinOnePointSevenPercentInEveryCell() {
        PaperReproduction.Table t = result.tables().get("table1");
        for (int i = 0; i < t.rows().size(); i++) {
            double err = ((Number) t.get(i, "error_pct")).doubleValue();
            assertTrue(Math.abs(err) <= 1.7, t.rows().get(i).toString());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyClaimHolds() {
        return result.claims().stream().map(c -> DynamicTest.dynamicTest(c.key(),
                () -> assertTrue(c.holds(), c.claim() + ": published " + c.published() + ", reproduced "
                        + c.reproduced() + " " + c.unit())));
    }

    @Test
    void aRerunResumesEveryTrialAndDerivesTheSameTables() throws IOException {
        Path trial = firstTrial("fig6");
        FileTime before = Files.getLastModifiedTime(trial.resolve("meta.json"));
        String fig6 = Files.readString(out.resolve("tables/fig6.csv"));
        PaperReproduction.Result again = PaperReproduction.run(out, Set.of("fig6"), null,
                PaperReproduction.Options.defaults().withSpecs(Path.of("data/specs")).withPublished(PUBLISHED));
        for (String spec : List.of("fig6", "fig6-chain2", "fig6-chain3")) {
            assertEquals(0, again.runs().get(spec).ranNow(), spec);
        }
        assertEquals(before, Files.getLastModifiedTime(trial.resolve("meta.json")));
        assertEquals(fig6, Files.readString(out.resolve("tables/fig6.csv")));
    }

    /**
     * The tables come from results.csv only: a command-runner spec set whose trials copy the
     * artifacts of the emulated run gives the same fig3 table and claims, naming the command runner.
     */
    @Test
    void derivesTheSameTableFromAnotherRunnersResults(@TempDir Path dir) throws IOException {
        Path byFactors = dir.resolve("artifacts");
        for (Map<String, String> r : PaperReproduction.readResults(out.resolve("runs/fig3/results.csv"))) {
            Path target = byFactors.resolve(r.get("dataplane") + "_" + r.get("chain") + "_" + r.get("frame_size"));
            Files.createDirectories(target.getParent());
            Files.createSymbolicLink(target, out.resolve("runs/fig3/trials").resolve(r.get("trial")).toAbsolutePath());
        }
        Path specs = Files.createDirectories(dir.resolve("specs"));
        Files.writeString(specs.resolve("fig3.yaml"), String.join("\n",
                "name: fig3",
                "runner: command",
                "runner_options:",
                "  env: {SRC: '" + byFactors.toAbsolutePath() + "'}",
                "  run: cp \"$SRC\"/{dataplane}_{chain}_{frame_size}/gen-*.log \"$SRC\"/{dataplane}_{chain}_{frame_size}/tap-*.pcap .",
                "link: 10G",
                "duration_s: 1",
                "capture: {taps: [pnic0, pnic1], max_packets: 200}",
                "factors:",
                "  dataplane: [bess, clickos]",
                "  chain: [l3fwd, firewall+l3fwd, firewall+l3fwd+l2fwd]",
                "  frame_size: [64, 128, 256, 512, 1024, 1500]",
                ""));
        Path lab = dir.resolve("lab");
        PaperReproduction.Result r = PaperReproduction.run(lab, Set.of("fig3"), null,
                PaperReproduction.Options.defaults().withRunner("command").withSpecs(specs).withPublished(PUBLISHED));
        assertEquals(36, r.runs().get("fig3").trials());
        assertEquals(0, r.runs().get("fig3").failed());
        assertEquals("command", r.provenance().get("runner"));
        assertEquals(Files.readString(out.resolve("tables/fig3.csv")), Files.readString(lab.resolve("tables/fig3.csv")));
        List<String> keys = new ArrayList<>();
        for (PaperReproduction.Claim c : r.claims()) {
            assertTrue(c.holds(), c.key());
            keys.add(c.key());
        }
        assertEquals(List.of("fig3.clickos.l3fwd_256", "fig3.clickos.chain2_256", "fig3.clickos.chain3_512",
                "fig3.bess.chain2_eq_chain3"), keys);
        // the same tables again, derived from that results folder alone
        PaperReproduction.Result d = PaperReproduction.derive(lab.resolve("runs"), dir.resolve("derived"), Set.of("fig3"),
                PublishedNumbers.load(PUBLISHED));
        assertEquals(Set.of("fig3"), d.tables().keySet());
        assertEquals(Files.readString(lab.resolve("tables/fig3.csv")),
                Files.readString(dir.resolve("derived/tables/fig3.csv")));
    }

    @Test
    void aSpecOfAnotherRunnerIsRejectedBeforeAnythingRuns(@TempDir Path dir) throws IOException {
        Path specs = Files.createDirectories(dir.resolve("specs"));
        Files.copy(Path.of("data/specs/fig6.yaml"), specs.resolve("fig6.yaml"));
        InputException e = assertThrows(InputException.class, () -> PaperReproduction.run(dir.resolve("o"),
                Set.of("fig6"), null, PaperReproduction.Options.defaults().withRunner("netns").withSpecs(specs)
                        .withPublished(PUBLISHED)));
        assertEquals(specs.resolve("fig6.yaml") + ": runner must be netns (--runner): emulated", e.getMessage());
        assertTrue(Files.notExists(dir.resolve("o/runs")));
    }

    @Test
    void onlyRunsTheSelectedTables(@TempDir Path small) throws IOException {
        PaperReproduction.Result r = PaperReproduction.run(small, Set.of("fig6"), null,
                PaperReproduction.Options.defaults().withSpecs(Path.of("data/specs")).withPublished(PUBLISHED));
        assertEquals(Set.of("fig6"), r.tables().keySet());
        assertEquals(Set.of("fig6", "fig6-chain2", "fig6-chain3"), r.runs().keySet());
        assertEquals(List.of("fig6.bess.chain2", "fig6.bess.fw_plus_l3fwd", "fig6.clickos.chain_above_sum",
                "fig6.largest_component"), r.claims().stream().map(PaperReproduction.Claim::key).toList());
        assertTrue(Files.exists(small.resolve("tables/fig6.csv")));
        assertTrue(Files.notExists(small.resolve("tables/fig2.csv")));
        assertTrue(Files.notExists(small.resolve("runs/fig2")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PaperReproduction.run(small, Set.of("fig9"), null));
        assertEquals("--only must name tables among [table1, fig2, bottleneck, fig3, fig4, fig5, fig6, fbmix]: fig9",
                e.getMessage());
    }

    @Test
    void segmentsMapToThePapersComponentsByTapName() {
        assertEquals("transmission", PaperReproduction.component("gen-tx", "pnic0"));
        assertEquals("dataplane_io", PaperReproduction.component("pnic0", "vnic0"));
        assertEquals("nf_processing", PaperReproduction.component("vnic0", "vnic1"));
        assertEquals("nf_io", PaperReproduction.component("vnic1", "vnic2"));
        assertEquals("nf_processing", PaperReproduction.component("vnic2", "vnic3"));
        assertEquals("dataplane_io", PaperReproduction.component("vnic3", "pnic1"));
        assertEquals("transmission", PaperReproduction.component("pnic1", "pnic2"));
        assertEquals("dataplane_io", PaperReproduction.component("pnic2", "vnic4"));
        assertEquals("transmission", PaperReproduction.component("pnic1", "gen-rx"));
    }

    private Path firstTrial(String spec) throws IOException {
        try (Stream<Path> s = Files.list(out.resolve("runs").resolve(spec).resolve("trials"))) {
            return s.sorted().findFirst().orElseThrow();
        }
    }
}
