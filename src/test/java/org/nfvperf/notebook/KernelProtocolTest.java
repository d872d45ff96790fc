package org.nfvperf.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfvperf.util.Json;

/**
 * Starts the kernel the way Jupyter does (kernelspec + jupyter_client, driven by
 * kernel_driver.py) and checks what a front end receives for each kind of cell.
 */
class KernelProtocolTest {
    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    static boolean jupyterClientAvailable() throws Exception {
        Process p = new ProcessBuilder(python(), "-c", "import jupyter_client").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void cellsThroughJupyterClient(@TempDir Path tmp) throws Exception {
        assumeTrue(jupyterClientAvailable(), "python3 with jupyter_client is needed (Debian: jupyter-client)");
        KernelSpecInstaller.forThisJvm().install(KernelSpecInstaller.Target.prefix(tmp.resolve("prefix")), false);
        Path driver = tmp.resolve("kernel_driver.py");
        try (InputStream in = KernelProtocolTest.class.getResourceAsStream("kernel_driver.py")) {
            Files.write(driver, in.readAllBytes());
        }
        ObjectNode request = Json.MAPPER.createObjectNode().put("kernel", "java");
        ArrayNode cells = request.putArray("cells");
        for (String code : List.of(
                "6 * 7",
                "import tech.tablesaw.api.*;\nTable.create(\"t\", IntColumn.create(\"frame_size\", 64, 1500))",
                "import org.knowm.xchart.*;\nvar c = new XYChartBuilder().width(300).height(200).title(\"mpps\").build();\n"
                        + "c.addSeries(\"bess\", new double[] {64, 1500}, new double[] {14.88, 0.82});\nc",
                "render(c, \"image/svg+xml\")",
                "int ok = 1;\nint bad = ok / 0;",
                "String s = 5;")) {
            cells.addObject().put("code", code);
        }
        cells.addObject().put("code", "while (true) { Thread.sleep(20); }").put("interrupt_after", 1.0);
        cells.addObject().put("code", "%jars ../target/nfvperf.jar\nok + 1");

        ProcessBuilder pb = new ProcessBuilder(python(), driver.toString()).directory(tmp.toFile());
        pb.environment().put("JUPYTER_PATH", tmp.resolve("prefix/share/jupyter").toString());
        pb.redirectError(tmp.resolve("driver.err").toFile());
        Process p = pb.start();
        p.getOutputStream().write(Json.MAPPER.writeValueAsBytes(request));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "driver did not finish");
        assertEquals(0, p.exitValue(), () -> "driver failed: " + readQuietly(tmp.resolve("driver.err")));
        JsonNode r = Json.MAPPER.readTree(out);
        assertEquals(8, r.size());

        assertEquals("ok", r.get(0).get("status").asText());
        assertEquals("42", result(r.get(0)).get("text").asText());

        JsonNode table = result(r.get(1));
        assertEquals("[\"text/html\",\"text/plain\"]", table.get("mimes").toString());
        assertTrue(table.get("head").get("text/html").asText().startsWith(
                "<table class=\"nfvperf-table\">\n<caption>t (2 rows × 1 columns)</caption>\n<thead><tr><th>frame_size</th></tr></thead>"),
                table.toString());

        JsonNode png = result(r.get(2));
        assertEquals("[\"image/png\",\"text/plain\"]", png.get("mimes").toString());
        assertTrue(png.get("head").get("image/png").asText().startsWith("iVBORw0KGgo"), "PNG signature in base64");
        assertEquals("XYChart 'mpps' 300x200, series [bess]", png.get("text").asText());

        JsonNode svg = result(r.get(3));
        assertEquals("[\"image/svg+xml\",\"text/plain\"]", svg.get("mimes").toString());
        assertTrue(svg.get("head").get("image/svg+xml").asText().startsWith("<?xml"), svg.toString());

        JsonNode runtime = error(r.get(4));
        assertEquals("EvalException", runtime.get("ename").asText());
        assertEquals("java.lang.ArithmeticException: / by zero (cell [5] line 2)", runtime.get("evalue").asText());

        JsonNode compile = error(r.get(5));
        assertEquals("CompilationException", compile.get("ename").asText());
        assertEquals("cell [6] line 1: incompatible types: int cannot be converted to java.lang.String", compile.get("evalue").asText());

        JsonNode interrupted = error(r.get(6));
        assertEquals("EvaluationInterruptedException", interrupted.get("ename").asText());
        assertEquals("Execution interrupted at cell [7] line 1.", interrupted.get("evalue").asText());
        assertTrue(r.get(6).get("elapsed").asDouble() < 20, r.get(6).toString());

        assertEquals("ok", r.get(7).get("status").asText());
        assertEquals("2", result(r.get(7)).get("text").asText());
    }

    private static JsonNode result(JsonNode cell) {
        for (JsonNode o : cell.get("outputs")) {
            if ("execute_result".equals(o.get("type").asText())) {
                return o;
            }
        }
        throw new AssertionError("no execute_result in " + cell);
    }

    private static JsonNode error(JsonNode cell) {
        assertEquals("error", cell.get("status").asText(), cell.toString());
        for (JsonNode o : cell.get("outputs")) {
            if ("error".equals(o.get("type").asText())) {
                return o;
            }
        }
        throw new AssertionError("no error output in " + cell);
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "(no stderr: " + e.getMessage() + ")";
        }
    }
}
