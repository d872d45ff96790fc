package org.nfvperf.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** One full reproduction (small windows), then its tables and every claim. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaperReproductionTest {
    Path out;
    PaperReproduction.Result result;

    @BeforeAll
    void reproduce(@TempDir Path dir) throws IOException {
        out = dir;
        result = PaperReproduction.run(out, Set.of(), null, new PaperReproduction.Options(100_000, 5_000, 2,
                Path.of("data/paper/published.csv")));
    }

    @Test
    void writesEveryTableWithItsColumnsAndRows() throws IOException {
        Map<String, String> headers = Map.of(
                "table1", "dataplane,nf,cpu_ghz,reproduced_mpps,published_mpps,error_pct",
                "fig2", "dataplane,nf,cpu_ghz,frame_size,rx_mpps,rx_gbps_l1,line_rate_pct",
                "bottleneck", "dataplane,vnic_queues,frame_size,rx_mpps,line_rate_pct",
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
    void table1IsWithinThreePercentInEveryCell() {
        PaperReproduction.Table t = result.tables().get("table1");
        for (int i = 0; i < t.rows().size(); i++) {
            double err = ((Number) t.get(i, "error_pct")).doubleValue();
            assertTrue(Math.abs(err) <= 3.0, t.rows().get(i).toString());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyClaimHolds() {
        return result.claims().stream().map(c -> DynamicTest.dynamicTest(c.key(),
                () -> assertTrue(c.holds(), c.claim() + ": published " + c.published() + ", reproduced "
                        + c.reproduced() + " " + c.unit())));
    }

    @Test
    void onlyRunsTheSelectedTables(@TempDir Path small) throws IOException {
        PaperReproduction.Result r = PaperReproduction.run(small, Set.of("fig6"), null,
                new PaperReproduction.Options(20_000, 2_000, 1, Path.of("data/paper/published.csv")));
        assertEquals(Set.of("fig6"), r.tables().keySet());
        assertEquals(List.of("fig6.bess.chain2", "fig6.bess.fw_plus_l3fwd", "fig6.clickos.chain_above_sum",
                "fig6.largest_component"), r.claims().stream().map(PaperReproduction.Claim::key).toList());
        assertTrue(Files.exists(small.resolve("tables/fig6.csv")));
        assertTrue(Files.notExists(small.resolve("tables/fig2.csv")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PaperReproduction.run(small, Set.of("fig9"), null));
        assertEquals("--only must name tables among [table1, fig2, bottleneck, fig3, fig4, fig5, fig6, fbmix]: fig9",
                e.getMessage());
    }
}
