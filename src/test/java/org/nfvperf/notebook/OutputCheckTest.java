package org.nfvperf.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfvperf.util.Json;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/** The check that CI runs over the executed notebooks finds each kind of bad output, and passes clean ones. */
class OutputCheckTest {
    private static ObjectNode notebook(ArrayNode cells) {
        ObjectNode nb = Json.MAPPER.createObjectNode();
        nb.set("cells", cells);
        nb.put("nbformat", 4);
        return nb;
    }

    private static void output(ArrayNode cells, int exec, String mime, String text) {
        ObjectNode cell = cells.addObject().put("cell_type", "code").put("execution_count", exec);
        ObjectNode o = cell.putArray("outputs").addObject();
        if (mime.equals("stream")) {
            o.put("output_type", "stream").put("name", "stdout").putArray("text").add(text);
        } else {
            o.put("output_type", "execute_result").putObject("data").put(mime, text);
        }
    }

    @Test
    void findsEveryKindOfBadOutputInABadSample(@TempDir Path tmp) throws Exception {
        ArrayNode cells = Json.MAPPER.createArrayNode();
        cells.addObject().put("cell_type", "markdown").put("source", "# 9.346666666666666 in markdown is not an output");
        output(cells, 1, "text/plain", "rx 9.346666666666666 Mpps, 62.81 % of line rate");
        output(cells, 2, "text/html", "<table><tr><td>error_pct</td><td>NaN</td></tr></table>");
        output(cells, 3, "stream", "{runner=emulated, host=vm, elapsed_s=1.989969702}\n");
        output(cells, 4, "text/plain", "TrialReport[sent=100, received=99]");
        output(cells, 5, "text/plain", "org.nfvperf.Foo@1b2c3d4");
        StringBuilder big = new StringBuilder("<table><thead><tr><th>i</th></tr></thead><tbody>");
        for (int i = 0; i < 31; i++) {
            big.append("<tr><td>").append(i).append("</td></tr>");
        }
        output(cells, 6, "text/html", big.append("</tbody></table>").toString());
        output(cells, 7, "text/plain", "6.016359410468436E-5");
        Path bad = tmp.resolve("bad.ipynb");
        Files.writeString(bad, Json.MAPPER.writeValueAsString(notebook(cells)));

        List<String> got = OutputCheck.check(bad).stream().map(Object::toString).toList();
        assertEquals(List.of(
                "bad.ipynb: cell 1 (execution [1]) text/plain: unrounded number '9.346666666666666'",
                "bad.ipynb: cell 2 (execution [2]) text/html: 'NaN' (an unknown value: leave the cell empty)",
                "bad.ipynb: cell 3 (execution [3]) stream stdout: unrounded number '1.989969702'",
                "bad.ipynb: cell 3 (execution [3]) stream stdout: toString dump '{runner=emulated, host=vm, elapsed_s=1.989969702} '",
                "bad.ipynb: cell 4 (execution [4]) text/plain: toString dump 'TrialReport[sent=100, received=99]'",
                "bad.ipynb: cell 5 (execution [5]) text/plain: toString dump 'org.nfvperf.Foo@1b2c3d4'",
                "bad.ipynb: cell 6 (execution [6]) text/html: a table of 31 rows (over 30: show a head and a pivot)",
                "bad.ipynb: cell 7 (execution [7]) text/plain: unrounded number '6.016359410468436E-5'"), got);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(1, OutputCheck.run(new String[] {bad.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals("notebook outputs: 8 finding(s) in 1 of 1 notebooks\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void passesWhatTheRenderersShow(@TempDir Path tmp) throws Exception {
        Table t = Table.create("runs", IntColumn.create("frame_size", 64, 128),
                DoubleColumn.create("rx_mpps", 14.880952380952381, 9.346666666666666),
                DoubleColumn.create("error_pct", Double.NaN, 0.00006016359410468436));
        ArrayNode cells = Json.MAPPER.createArrayNode();
        output(cells, 1, "text/html", Renderers.html(t));
        output(cells, 2, "text/plain", Renderers.text(t));
        output(cells, 3, "text/html", Renderers.html(Table.create("big", IntColumn.indexColumn("i", 120, 0))));
        output(cells, 4, "text/plain", Renderers.text(Table.create("big", IntColumn.indexColumn("i", 120, 0))));
        output(cells, 5, "stream", "date 2026-12-04T21:14:26.123456789Z, nfvperf 1.2.3, 10.0.0.1, 0.000060 s\n");
        output(cells, 6, "text/html", Summaries.html(java.util.Map.of("elapsed_s", 1.989969702, "trials", 24)));
        Path good = tmp.resolve("good.ipynb");
        Files.writeString(good, Json.MAPPER.writeValueAsString(notebook(cells)));
        assertEquals(List.of(), OutputCheck.check(good));
    }

    @Test
    void aFileThatIsNotANotebookIsOneLineAndExit2(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("broken.ipynb");
        Files.writeString(f, "{\"cells\": [ {\"outputs\": ");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, OutputCheck.run(new String[] {f.toString()}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        String msg = err.toString(StandardCharsets.UTF_8);
        assertTrue(msg.startsWith(f + ": byte offset 24 (line 1): expected notebook JSON: "), msg);
        assertEquals(1, msg.lines().count(), msg);
    }
}
