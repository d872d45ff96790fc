package org.nfvperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfvperf.experiment.ResultStore;
import org.nfvperf.results.DuckDb;
import org.nfvperf.results.Results;
import org.nfvperf.util.Json;
import tech.tablesaw.api.Table;

/**
 * A real sweep (the command runner copying real captures and logs, two repetitions, one point
 * failing) through {@code nfvperf run --per-packet parquet}, then: DuckDB, a reader independent of
 * the CSV writer, reads {@code results.parquet} with the rows and values of {@code results.csv};
 * {@code nfvperf query} and {@link Results#sql} see the views; {@code compare --against} passes a
 * rerun and fails a planted 10% regression.
 */
class ResultsAtScaleTest {
    @TempDir
    static Path dir;
    static Path base;

    static Path spec() throws Exception {
        Path spec = dir.resolve("cmd.yaml");
        Files.writeString(spec, """
                name: cmd
                runner: command
                repetitions: 2
                capture: {taps: [a, r, b]}
                runner_options:
                  env: {LOGS: %s, CAPS: %s}
                  timeout_s: 30
                  run: |
                    if [ {dataplane} = broken ]; then echo "generator crashed, said \\"no\\", gave up" >&2; exit 7; fi
                    cp "$LOGS/netmap-pkt-gen-2016-tx.log" gen-tx.log
                    cp "$LOGS/netmap-pkt-gen-2015-rx.log" gen-rx.log
                  collect: |
                    cp "$CAPS/probe-a0.pcap" tap-a.pcap
                    cp "$CAPS/probe-r1.pcap" tap-r.pcap
                    cp "$CAPS/probe-b0-lossy.pcap" tap-b.pcap
                factors:
                  dataplane: [bess, broken]
                  frame_size: [64, 128]
                """.formatted(Path.of("src/test/resources/logs").toAbsolutePath(),
                Path.of("src/test/resources/latency").toAbsolutePath()));
        return spec;
    }

    @BeforeAll
    static void sweep() throws Exception {
        CliRun.Result r = CliRun.run("run", spec().toString(), "--out", dir.resolve("base").toString(), "--per-packet", "parquet");
        assertEquals(1, r.code(), r.err());   // the broken points fail, as they should
        base = dir.resolve("base/cmd");
    }

    @Test
    void duckDbReadsResultsParquetWithTheRowsAndValuesOfResultsCsv() throws Exception {
        Table csv = ResultStore.read(base);
        assertEquals(8, csv.rowCount());
        try (Connection c = DuckDb.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM read_parquet('" + base.resolve("results.parquet") + "')")) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> cols = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                cols.add(md.getColumnLabel(i));
            }
            assertEquals(csv.columnNames(), cols.subList(1, 1 + csv.columnCount()), "the CSV's columns, in order, after experiment");
            assertEquals(List.of("runner", "host", "nfvperf_version", "start", "elapsed_s", "seg_a_r_hdrh", "seg_r_b_hdrh",
                    "lat_hdrh"), cols.subList(1 + csv.columnCount(), cols.size()));
            assertEquals("BIGINT", md.getColumnTypeName(cols.indexOf("frame_size") + 1));
            assertEquals("VARCHAR", md.getColumnTypeName(cols.indexOf("dataplane") + 1));
            assertEquals("DOUBLE", md.getColumnTypeName(cols.indexOf("rx_mpps") + 1));
            assertEquals("BIGINT", md.getColumnTypeName(cols.indexOf("lat_p99_ns") + 1));
            assertEquals("INTEGER", md.getColumnTypeName(cols.indexOf("repetition") + 1));
            int row = 0;
            int failed = 0;
            while (rs.next()) {
                assertEquals("cmd", rs.getString("experiment"));
                for (String col : csv.columnNames()) {
                    String want = csv.getString(row, col);
                    Object got = rs.getObject(col);
                    String where = "row " + row + " column " + col;
                    if (csv.column(col) instanceof tech.tablesaw.api.NumericColumn<?> n) {
                        double w = n.getDouble(row);
                        if (Double.isNaN(w)) {
                            assertEquals(null, got, where);
                        } else {
                            assertEquals(w, ((Number) got).doubleValue(), 0.0, where);
                        }
                    } else {
                        assertEquals(want.isEmpty() ? null : want, got == null ? null : got.toString(), where);
                    }
                }
                if ("failed".equals(rs.getString("status"))) {
                    failed++;
                    assertTrue(rs.getString("error").contains("\"no\","), rs.getString("error"));
                    assertEquals(null, rs.getString("lat_hdrh"));
                } else {
                    assertTrue(rs.getString("lat_hdrh").length() > 20);
                }
                assertEquals("command", rs.getString("runner"));
                assertTrue(rs.getTimestamp("start").getTime() > 1_600_000_000_000L);
                row++;
            }
            assertEquals(8, row);
            assertEquals(4, failed);
        }
    }

    private static Set<ValidationMessage> validate(String schema, JsonNode doc) throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("schemas", schema))) {
            JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            return s.validate(doc);
        }
    }

    private static void assertValid(String schema, JsonNode doc) throws Exception {
        Set<ValidationMessage> errors = validate(schema, doc);
        assertTrue(errors.isEmpty(), schema + ": " + errors + " in " + doc);
    }

    @Test
    void everythingWrittenFollowsThePublishedSchemas() throws Exception {
        int trials = 0;
        try (Stream<Path> dirs = Files.list(base.resolve("trials"))) {
            for (Path t : dirs.toList()) {
                JsonNode meta = Json.MAPPER.readTree(t.resolve("meta.json").toFile());
                assertValid("meta.schema.json", meta);
                if (meta.get("status").asText().equals("ok")) {
                    assertValid("latency.schema.json", Json.MAPPER.readTree(t.resolve("latency.json").toFile()));
                }
                trials++;
                ObjectNode broken = meta.deepCopy();
                broken.remove("trial");
                broken.put("status", "fine");
                String errors = validate("meta.schema.json", broken).toString();
                assertTrue(errors.contains("trial") && errors.contains("status"), "the schema can fail: " + errors);
            }
        }
        assertEquals(8, trials);
        CliRun.Result r = CliRun.run("query", "--in", dir.resolve("base").toString(), "--json", "SELECT * FROM results");
        assertEquals(0, r.code(), r.err());
        JsonNode rows = Json.MAPPER.readTree(r.out());
        assertEquals(8, rows.size());
        for (JsonNode row : rows) {
            assertValid("results-row.schema.json", row);
        }
        ObjectNode bad = rows.get(0).deepCopy();
        bad.put("lat_hdrh", "not base64!");
        assertEquals(1, validate("results-row.schema.json", bad).size());

        String d = "src/test/resources/latency/";
        r = CliRun.run("latency", "--tap", "a0=" + d + "probe-a0.pcap", "--tap", "r1=" + d + "probe-r1.pcap",
                "--tap", "b0=" + d + "probe-b0-lossy.pcap", "--interval", "100ms", "--json");
        assertEquals(0, r.code(), r.err());
        assertValid("latency.schema.json", Json.MAPPER.readTree(r.out()));
        r = CliRun.run("pcap-info", "--json", d + "probe-a0.pcap", d + "probe-all.pcapng");
        assertEquals(0, r.code(), r.err());
        assertValid("pcap-info.schema.json", Json.MAPPER.readTree(r.out()));
        r = CliRun.run("throughput", "--json", "src/test/resources/logs/netmap-pkt-gen-2015-rx.log",
                "src/test/resources/logs/netmap-pkt-gen-2016-tx.log");
        assertEquals(0, r.code(), r.err());
        assertValid("throughput.schema.json", Json.MAPPER.readTree(r.out()));
    }

    @Test
    void queryCommandAndResultsSqlSeeEverySweep() throws Exception {
        CliRun.Result r = CliRun.run("query", "--in", dir.resolve("base").toString(), "--csv",
                "SELECT experiment, status, count(*) AS n FROM results GROUP BY ALL ORDER BY status");
        assertEquals(0, r.code(), r.err());
        assertEquals("experiment,status,n\ncmd,failed,4\ncmd,ok,4\n", r.out());

        r = CliRun.run("query", "--in", dir.resolve("base").toString(), "--json",
                "SELECT trial, from_tap, count(*) FILTER (status = 'matched') AS matched, "
                        + "count(*) FILTER (status = 'lost') AS lost FROM packets GROUP BY ALL ORDER BY ALL");
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(8, j.size(), r.out());   // 4 ok trials x 2 segments
        JsonNode latency = Json.MAPPER.readTree(Files.readString(base.resolve("trials")
                .resolve(j.get(0).get("trial").asText()).resolve("latency.json")));
        assertEquals(latency.get("segments").get(0).get("matched").asLong(), j.get(0).get("matched").asLong());
        assertEquals(latency.get("segments").get(0).get("lost").asLong(), j.get(0).get("lost").asLong());

        Table t = Results.sql(dir.resolve("base"), "SELECT frame_size, avg(rx_mpps) AS rx_mpps, count(*) AS n "
                + "FROM results WHERE status = 'ok' GROUP BY frame_size ORDER BY frame_size");
        assertEquals(List.of("frame_size", "rx_mpps", "n"), t.columnNames());
        assertEquals(64L, t.longColumn("frame_size").get(0));
        assertEquals(2L, t.longColumn("n").get(1));
        assertEquals(ResultStore.read(base).where(ResultStore.read(base).stringColumn("status").isEqualTo("ok"))
                .doubleColumn("rx_mpps").get(0), t.doubleColumn("rx_mpps").get(0), 1e-12);

        r = CliRun.run("query", "--in", dir.resolve("base").toString(), "SELECT nope FROM results");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("nfvperf: query over " + dir.resolve("base") + " (views [results, summary, packets]): "
                + "Binder Error: Referenced column \"nope\" not found"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void compareAgainstPassesARerunAndFailsAPlantedTenPercentRegression() throws Exception {
        CliRun.Result rerun = CliRun.run("run", spec().toString(), "--out", dir.resolve("rerun").toString());
        assertEquals(1, rerun.code(), rerun.err());
        Path again = dir.resolve("rerun/cmd");
        CliRun.Result r = CliRun.run("compare", again.toString(), "--against", base.toString(), "--threshold", "5");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().endsWith("0 of 8 checks regressed (threshold 5.000% worse)\n"), r.out());

        // plant: 10% less throughput at one point, in both repetitions
        Path planted = dir.resolve("planted/results.csv");
        Files.createDirectories(planted.getParent());
        String text = Files.readString(again.resolve("results.csv"));
        StringWriter w = new StringWriter();
        try (CSVParser p = CSVParser.builder().setFormat(CSVFormat.DEFAULT).setReader(new StringReader(text)).get();
             CSVPrinter out = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            List<String> header = null;
            for (CSVRecord rec : p) {
                List<String> row = new ArrayList<>(rec.toList());
                if (header == null) {
                    header = row;
                } else if (row.get(header.indexOf("frame_size")).equals("128") && row.get(header.indexOf("status")).equals("ok")) {
                    int c = header.indexOf("rx_mpps");
                    row.set(c, Double.toString(Double.parseDouble(row.get(c)) * 0.9));
                }
                out.printRecord(row);
            }
        }
        Files.writeString(planted, w.toString());
        r = CliRun.run("compare", planted.toString(), "--against", base.toString(), "--threshold", "5");
        assertEquals(1, r.code(), r.out() + r.err());
        String first = r.out().lines().skip(1).findFirst().orElseThrow();
        assertTrue(first.matches("dataplane=bess frame_size=128\\s+rx_mpps .* \\+10\\.00\\s+\\+0\\.00\\s+regressed"), first);
        assertTrue(r.out().endsWith("1 of 8 checks regressed (threshold 5.000% worse)\n"), r.out());

        r = CliRun.run("compare", planted.toString(), "--against", base.toString(), "--threshold", "12");
        assertEquals(0, r.code(), r.out());
        r = CliRun.run("compare", planted.toString(), "--against", base.toString(), "--metric", "no_such");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("nfvperf: " + planted + ": no column no_such"), r.err());
    }
}
