package org.nfvperf.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfvperf.util.InputException;
import org.nfvperf.reproduction.PublishedNumbers;

class ReproductionReportTest {
    @TempDir
    Path dir;

    @Test
    void rendersWhatIsThereAndListsTheRest() throws Exception {
        Path all = dir.resolve("all");
        Path tables = SyntheticTables.write(all);
        Path only = dir.resolve("only");
        Files.createDirectories(only.resolve("tables"));
        Files.copy(tables.resolve("table1.csv"), only.resolve("tables/table1.csv"));
        Files.copy(all.resolve("claims.csv"), only.resolve("claims.csv"));
        ReproductionReport.Result r = new ReproductionReport(only.resolve("tables"), only,
                PublishedNumbers.load(Path.of(PublishedNumbers.RELATIVE_PATH)), Provenance.emulated("v1")).dpi(36).render(Set.of());
        assertEquals(List.of("table1"), r.rendered());
        assertEquals(List.of("fig2", "bottleneck", "stages", "fig3", "fig4", "fig5", "fig6", "fbmix"), r.skipped());
        assertEquals(List.of("table1.png", "table1.svg", "table1.pdf", "table1.html", "table1.csv", "report.html"),
                r.files().stream().map(p -> p.getFileName().toString()).toList());
        String html = Files.readString(r.report());
        assertTrue(html.contains("2 of 3 claims hold.</b> Not holding: fig6.bess.chain2."), html);
        assertTrue(html.contains("<tr class=\"fails\"><td>fig6.bess.chain2</td>"), html);
        assertTrue(html.contains("Not rendered (no table in " + only.resolve("tables") + "): fig2, bottleneck, stages, fig3"), html);
        assertTrue(html.contains("<td>9.36 (paper 9.34, +0.2%)</td>"), "Table 1 in the paper's layout");
        assertTrue(html.contains("<h3>Claims of this figure</h3>\n<table>\n<thead><tr><th>key</th>"), "claims beside the figure");
        assertEquals(1, ReproductionReport.claimsOf(Tables.read(all.resolve("claims.csv")), "fig5").rowCount());
        assertEquals(null, ReproductionReport.claimsOf(Tables.read(all.resolve("claims.csv")), "fig3"));
        assertTrue(html.contains("emulated testbed calibrated to Niu et al. (no measurement), v1"), "provenance");
        String csv = Files.readString(only.resolve("figures/table1.csv"));
        assertTrue(csv.startsWith("CPU,BESS L3FWD (Mpps),BESS Firewall (Mpps),ClickOS L3FWD (Mpps),ClickOS Firewall (Mpps)\n"), csv);
    }

    @Test
    void aFigureAskedForByNameMustHaveItsTable() throws Exception {
        Files.createDirectories(dir.resolve("t"));
        InputException e = assertThrows(InputException.class, () -> new ReproductionReport(dir.resolve("t"), dir,
                PublishedNumbers.none(), Provenance.emulated("")).render(Set.of("fig5")));
        assertEquals(dir.resolve("t").resolve("fig5.csv") + ": expected the table of fig5, found no such file", e.getMessage());
    }

    @Test
    void aBadTableNamesItsFile() throws Exception {
        Files.createDirectories(dir.resolve("t"));
        Files.writeString(dir.resolve("t/fig5.csv"), "dataplane,rate\nbess,1\n");
        InputException e = assertThrows(InputException.class, () -> new ReproductionReport(dir.resolve("t"), dir,
                PublishedNumbers.none(), Provenance.emulated("")).render(Set.of()));
        assertEquals(dir.resolve("t/fig5.csv") + ": Column offered_mpps is not present in table fig5.csv (columns: dataplane, rate)",
                e.getMessage());
    }
}
