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
                "bottleneck", "dataplane,vnic_queues,frame_size,offered_mpps,rx_mpps,line_rate_pct,duration_s,"
                        + "drop_generator_tx_wire_pkts,drop_pnic_rx_dma_pkts,cpu_bess_worker_pnic_vnic_pct,",
                "stages", "dataplane,offered_mpps,rx_mpps,duration_s,drop_generator_tx_wire_pkts,drop_pnic_rx_dma_pkts,"
                        + "cpu_bess_worker_pnic_vnic_pct,",
                "fig3", "dataplane,chain_length,chain,frame_size,rx_mpps,line_rate_pct",
                "fig4", "dataplane,chain_length,placement,frame_size,rx_mpps,line_rate_pct",
                "fig5", "dataplane,offered_mpps,lat_mean_ns,lat_p50_ns,lat_p99_ns",
                "fig6", "dataplane,chain,lat_mean_ns,transmission_ns,dataplane_io_ns,nf_io_ns,nf_processing_ns,"
                        + "largest_component",
                "fbmix", "dataplane,cpu_ghz,utilization_pct,offered_mpps,rx_mpps,loss_pct");
        Map<String, Integer> rows = Map.of("table1", 20, "fig2", 120, "bottleneck", 24, "stages", 22, "fig3", 36,
                "fig4", 36, "fig5", 18, "fig6", 8, "fbmix", 40);
        for (String id : PaperReproduction.IDS) {
            List<String> lines = Files.readAllLines(out.resolve("tables").resolve(id + ".csv"));
            if (headers.get(id).endsWith(",")) {
                // the stage counters follow, one column per stage of the path (the model's stages)
                assertTrue(lines.get(0).startsWith(headers.get(id)), id + ": " + lines.get(0));
                assertTrue(lines.get(0).contains(",drop_bess_vm_l3fwd_pkts,") && lines.get(0).contains(
                        ",cpu_clickos_vale_pnic_vm_pct,"), id + ": " + lines.get(0));
            } else {
                assertEquals(headers.get(id), lines.get(0), id);
            }
            assertEquals(rows.get(id) + 1, lines.size(), id);
        }
        List<String> claims = Files.readAllLines(out.resolve("claims.csv"));
        assertEquals("key,section,claim,published,reproduced,unit,error_pct,holds", claims.get(0));
        assertEquals(result.claims().size() + 1, claims.size());
        assertEquals(33, result.claims().size());
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
        assertEquals("--only must name tables among [table1, fig2, bottleneck, stages, fig3, fig4, fig5, fig6, fbmix]: fig9",
                e.getMessage());
    }

    /**
     * The section 4.2 claims read the stage counters, not throughput: the same bottleneck results
     * with counters that put BESS's drops after the VM, and a ClickOS whose stages idle, fail those
     * claims while the throughput claims still hold; without stages.csv they are not checked.
     */
    @Test
    void theBottleneckClaimsFollowTheStageCounters(@TempDir Path dir) throws IOException {
        Path src = out.resolve("runs/bottleneck");
        Path runs = dir.resolve("runs");
        Path copy = Files.createDirectories(runs.resolve("bottleneck"));
        Files.copy(src.resolve("results.csv"), copy.resolve("results.csv"));
        Files.createSymbolicLink(copy.resolve("trials"), src.resolve("trials").toAbsolutePath());
        PublishedNumbers paper = PublishedNumbers.load(PUBLISHED);

        // untouched counters: every stage claim holds, with the numbers of the model
        Files.copy(src.resolve("stages.csv"), copy.resolve("stages.csv"));
        Map<String, PaperReproduction.Claim> same = byKey(PaperReproduction.derive(runs, dir.resolve("same"),
                Set.of("bottleneck"), paper));
        assertEquals(List.of("bottleneck.bess.pnic_vnic_loss", "bottleneck.bess.two_vnics", "bottleneck.clickos.two_vnics",
                "bottleneck.stages.bess.pnic_vnic_drops", "bottleneck.stages.bess.drops_where",
                "bottleneck.stages.bess.core_saturated", "bottleneck.stages.bess.two_vnics_no_drops",
                "bottleneck.stages.clickos.cpu_bound", "bottleneck.stages.clickos.two_vnics_drops"),
                List.copyOf(same.keySet()));
        same.values().forEach(c -> assertTrue(c.holds(), c.toString()));
        double mpps = Double.parseDouble(same.get("bottleneck.stages.bess.pnic_vnic_drops").reproduced());
        assertTrue(mpps > 4 && mpps < 6, "BESS drops between pNIC0 and vNIC0: " + mpps);

        // counters that say otherwise: BESS drops after the VM, ClickOS's stages at half a core, no drops with 2 queues
        List<String> lines = Files.readAllLines(src.resolve("stages.csv"));
        List<String> head = List.of(lines.get(0).split(",", -1));
        List<String> edited = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] cell = line.split(",", -1);
            boolean bess1 = cell[head.indexOf("dataplane")].equals("bess") && Double.parseDouble(cell[head.indexOf("vnic_queues")]) == 1
                    && Double.parseDouble(cell[head.indexOf("frame_size")]) == 64;
            if (bess1) {
                int vm = head.indexOf("drop_bess_vm_l3fwd_pkts");
                cell[head.indexOf("drop_bess_worker_vnic_pnic_pkts")] = cell[vm];
                cell[vm] = "0";
            }
            if (cell[head.indexOf("dataplane")].equals("clickos")) {
                for (int k = 0; k < cell.length; k++) {
                    if (head.get(k).startsWith("cpu_clickos_") && !cell[k].isEmpty()) {
                        cell[k] = "50";
                    }
                    if (head.get(k).startsWith("drop_clickos_") && !cell[k].isEmpty()
                            && Double.parseDouble(cell[head.indexOf("vnic_queues")]) == 2) {
                        cell[k] = "0";
                    }
                }
            }
            edited.add(String.join(",", cell));
        }
        Files.write(copy.resolve("stages.csv"), edited);
        Map<String, PaperReproduction.Claim> other = byKey(PaperReproduction.derive(runs, dir.resolve("other"),
                Set.of("bottleneck"), paper));
        for (String k : List.of("bottleneck.stages.bess.pnic_vnic_drops", "bottleneck.stages.bess.drops_where",
                "bottleneck.stages.clickos.cpu_bound", "bottleneck.stages.clickos.two_vnics_drops")) {
            assertTrue(!other.get(k).holds(), k + " must not hold: " + other.get(k));
        }
        assertEquals("0", other.get("bottleneck.stages.bess.pnic_vnic_drops").reproduced());
        assertEquals("50", other.get("bottleneck.stages.clickos.cpu_bound").reproduced());
        for (String k : List.of("bottleneck.bess.pnic_vnic_loss", "bottleneck.bess.two_vnics", "bottleneck.clickos.two_vnics",
                "bottleneck.stages.bess.core_saturated", "bottleneck.stages.bess.two_vnics_no_drops")) {
            assertTrue(other.get(k).holds(), k + ": " + other.get(k));
        }

        // no counters: the throughput claims as before, the stage claims not checked
        Files.delete(copy.resolve("stages.csv"));
        Map<String, PaperReproduction.Claim> none = byKey(PaperReproduction.derive(runs, dir.resolve("none"),
                Set.of("bottleneck"), paper));
        assertEquals(List.of("bottleneck.bess.pnic_vnic_loss", "bottleneck.bess.two_vnics", "bottleneck.clickos.two_vnics",
                "bottleneck.stages.missing"), List.copyOf(none.keySet()));
        assertTrue(!none.get("bottleneck.stages.missing").holds());
        assertEquals("dataplane,vnic_queues,frame_size,offered_mpps,rx_mpps,line_rate_pct",
                Files.readAllLines(dir.resolve("none/tables/bottleneck.csv")).get(0));
    }

    private static Map<String, PaperReproduction.Claim> byKey(PaperReproduction.Result r) {
        Map<String, PaperReproduction.Claim> m = new java.util.LinkedHashMap<>();
        r.claims().forEach(c -> m.put(c.key(), c));
        return m;
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
        // the netns runner's taps (ChainPlan)
        assertEquals("transmission", PaperReproduction.component("gen", "dut1_in"));
        assertEquals("nf_processing", PaperReproduction.component("dut1_in", "dut1_out"));
        assertEquals("nf_io", PaperReproduction.component("dut1_out", "dut2_in"));
        assertEquals("nf_processing", PaperReproduction.component("dut2_in", "dut2_out"));
        assertEquals("transmission", PaperReproduction.component("dut2_out", "sink"));
        assertEquals("transmission", PaperReproduction.component("dut1_in", "dut2_out"), "not one NF");
    }

    /** A netns fig6 run: segment columns with underscores in the tap names split at the right place. */
    @Test
    void netnsSegmentsBreakFig6DownByHop(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path run = Files.createDirectories(tmp.resolve("runs").resolve("fig6-chain2"));
        Files.writeString(run.resolve("results.csv"), "dataplane,chain,frame_size,rate,trial,repetition,status,error,tx_mpps,"
                + "rx_mpps,rx_gbps_l2,rx_gbps_l1,line_rate_pct,loss_pct,lat_min_ns,lat_mean_ns,lat_p50_ns,lat_p99_ns,lat_max_ns,"
                + "seg_gen_dut1_in_mean_ns,seg_gen_dut1_in_p50_ns,seg_gen_dut1_in_p99_ns,"
                + "seg_dut1_in_dut1_out_mean_ns,seg_dut1_in_dut1_out_p50_ns,seg_dut1_in_dut1_out_p99_ns,"
                + "seg_dut1_out_dut2_in_mean_ns,seg_dut1_out_dut2_in_p50_ns,seg_dut1_out_dut2_in_p99_ns,"
                + "seg_dut2_in_dut2_out_mean_ns,seg_dut2_in_dut2_out_p50_ns,seg_dut2_in_dut2_out_p99_ns,"
                + "seg_dut2_out_sink_mean_ns,seg_dut2_out_sink_p50_ns,seg_dut2_out_sink_p99_ns,taps_dropped_pkts\n"
                + "linux,firewall+l3fwd,128,0.02,t1,1,ok,,0.02,0.02,0.02,0.02,0.2,0,1000,10000,9000,20000,30000,"
                + "1000,900,2000,4000,3500,9000,600,500,900,3900,3400,8000,500,400,800,0\n");
        PaperReproduction.Result r = PaperReproduction.derive(tmp.resolve("runs"), tmp.resolve("out"), Set.of("fig6"),
                PublishedNumbers.none());
        List<String> lines = Files.readAllLines(tmp.resolve("out/tables/fig6.csv"));
        assertEquals("dataplane,chain,lat_mean_ns,transmission_ns,dataplane_io_ns,nf_io_ns,nf_processing_ns,largest_component",
                lines.get(0));
        assertEquals("linux,firewall+l3fwd,10000,1500,0,600,7900,nf_processing", lines.get(1));
        assertTrue(r.tables().containsKey("fig6"));
    }

    private Path firstTrial(String spec) throws IOException {
        try (Stream<Path> s = Files.list(out.resolve("runs").resolve(spec).resolve("trials"))) {
            return s.sorted().findFirst().orElseThrow();
        }
    }
}
