package org.nfvperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfvperf.util.Json;

class FiguresCommandsTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CliRun.Result r = CliRun.run(args);
        return new Run(r.code(), r.out(), r.err());
    }

    Path results() throws Exception {
        Path f = dir.resolve("results.csv");
        Files.writeString(f, "dataplane,frame_size,trial,rx_mpps\nbess,64,t1,9.34\nclickos,64,t2,5.34\nbess,128,t3,8.45\n"
                + "clickos,128,t4,4\n");
        return f;
    }

    @Test
    void compareText() throws Exception {
        Run r = run("compare", results().toString(), "--by", "dataplane", "--metric", "rx_mpps");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                rx_mpps by dataplane (higher is better; ratios against bess)
                frame_size   bess  clickos  clickos/bess  ahead
                64          9.340    5.340         0.572  bess
                128         8.450    4.000         0.473  bess
                """, r.out());
    }

    @Test
    void compareCsvAndJson() throws Exception {
        Run csv = run("compare", results().toString(), "--by", "dataplane", "--metric", "rx_mpps", "--csv");
        assertEquals("frame_size,bess,clickos,clickos/bess,ahead\n64,9.34,5.34,0.5717344753747323,bess\n"
                + "128,8.45,4,0.4733727810650888,bess\n", csv.out());
        Run json = run("compare", results().toString(), "--by", "dataplane", "--metric", "rx_mpps", "--json");
        JsonNode n = Json.MAPPER.readTree(json.out());
        assertEquals("higher", n.get("better").asText());
        assertEquals(9.34, n.at("/rows/0/values/bess").asDouble());
        assertEquals("bess", n.at("/rows/1/ahead").asText());
        assertEquals("frame_size", n.at("/key_columns/0").asText());
    }

    @Test
    void compareBadColumnExitsTwoWithOneLine() throws Exception {
        Run r = run("compare", results().toString(), "--by", "dataplane", "--metric", "rx_gbps");
        assertEquals(2, r.code());
        assertEquals("nfvperf: Column rx_gbps is not present in table results.csv (columns: dataplane, frame_size, trial,"
                + " rx_mpps)\n", r.err());
    }

    @Test
    void compareMissingFileExitsTwo() {
        Run r = run("compare", dir.resolve("nope.csv").toString(), "--by", "dataplane", "--metric", "rx_mpps");
        assertEquals(2, r.code());
        assertEquals("nfvperf: " + dir.resolve("nope.csv") + ": no such file\n", r.err());
    }

    @Test
    void compareWritesTheChart() throws Exception {
        Path svg = dir.resolve("cmp.svg");
        Run r = run("compare", results().toString(), "--by", "dataplane", "--metric", "rx_mpps", "--chart", svg.toString());
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(svg);
        assertTrue(text.contains("<svg"));
        Run bad = run("compare", results().toString(), "--by", "dataplane", "--metric", "rx_mpps", "--chart", "x.gif");
        assertEquals(2, bad.code());
        assertEquals("nfvperf: chart file must end in .png, .svg or .pdf: x.gif\n", bad.err());
    }

    static Path synthetic(Path dir) throws Exception {
        Class<?> c = Class.forName("org.nfvperf.figures.SyntheticTables");
        Method m = c.getDeclaredMethod("write", Path.class);
        m.setAccessible(true);
        return (Path) m.invoke(null, dir);
    }

    @Test
    void reproduceFromTablesRendersFiguresAndReport() throws Exception {
        Path run = dir.resolve("run");
        synthetic(run);
        Path out = dir.resolve("report");
        Run r = run("reproduce", "--from-tables", run.toString(), "--out", out.toString(), "--only", "fig5,fig6", "--dpi", "36");
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"fig5.png", "fig5.svg", "fig5.pdf", "fig6.png", "fig6.svg", "fig6.pdf"}) {
            assertTrue(Files.size(out.resolve("figures").resolve(f)) > 0, f);
        }
        assertFalse(Files.exists(out.resolve("figures/fig2.png")));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<img src=\"figures/fig5.png\""));
        assertTrue(html.contains("user&#39;s files: " + run.resolve("tables")), "provenance of user tables");
        assertTrue(html.contains("2 of 3 claims hold."), "claims copied from the run folder");
        assertTrue(r.out().startsWith("rendered fig5, fig6 (7 files) from " + run.resolve("tables")), r.out());
    }

    @Test
    void reproduceRejectsUnknownFigure() throws Exception {
        Run r = run("reproduce", "--from-tables", dir.toString(), "--only", "fig9");
        assertEquals(2, r.code());
        assertEquals("nfvperf: --only must name figures among fig2, table1, bottleneck, stages, fig3, fig4, fig5, fig6, fbmix: fig9\n",
                r.err());
    }

    @Test
    void reproduceFromMissingTablesExitsTwo() throws Exception {
        Run r = run("reproduce", "--from-tables", dir.resolve("none").toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, r.code());
        assertEquals("nfvperf: " + dir.resolve("none") + ": no such file\n", r.err());
        Files.createDirectories(dir.resolve("empty"));
        Run e = run("reproduce", "--from-tables", dir.resolve("empty").toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, e.code());
        assertTrue(e.err().startsWith("nfvperf: " + dir.resolve("empty") + ": expected at least one of fig2.csv, table1.csv"),
                e.err());
    }
}
