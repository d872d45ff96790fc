package org.nfvperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nfvperf.loadgen.LogParsers;
import org.nfvperf.throughput.LinkSpeed;
import org.nfvperf.util.Json;

class LoadgenCommandsTest {
    static String[] run(String... args) {
        return CliRun.run(args).asArray();
    }

    @Test
    void linerateCsv() {
        String[] r = run("linerate", "--link", "10G", "--size", "64,1518");
        assertEquals("0", r[0], r[2]);
        assertEquals("""
                frame_size,line_rate_pps,l2_gbps,l1_gbps,line_rate_mpps,link,mix
                64,14880952,7.619047619047619,10.0,14.880952380952381,10G,
                1518,812743,9.869960988296487,10.0,0.812743823146944,10G,
                """, r[1]);
    }

    @ParameterizedTest
    @CsvSource({"100G, 64, 148809523", "25Gbps, 128, 21114864", "400G, 1518, 32509752"})
    void linerateJson(String link, int size, long pps) throws Exception {
        String[] r = run("linerate", "--link", link, "--size", Integer.toString(size), "--json");
        JsonNode row = Json.MAPPER.readTree(r[1]).get(0);
        assertEquals(List.of("frame_size", "line_rate_pps", "l2_gbps", "l1_gbps", "line_rate_mpps", "link", "mix"),
                keys(row));
        assertEquals(size, row.get("frame_size").asInt());
        assertEquals(pps, row.get("line_rate_pps").asLong());
        assertEquals(LinkSpeed.parse(link).gbps(), row.get("l1_gbps").asDouble(), 1e-9);
    }

    @Test
    void linerateMix() throws Exception {
        String[] r = run("linerate", "--link", "10G", "--mix", "fb-web", "--mix", "data/mixes/imix.csv", "--json");
        assertEquals("0", r[0], r[2]);
        JsonNode rows = Json.MAPPER.readTree(r[1]);
        assertEquals(124.228, rows.get(0).get("frame_size").asDouble(), 0.0);
        assertEquals(8_666_833, rows.get(0).get("line_rate_pps").asLong());
        assertEquals("fb-web", rows.get(0).get("mix").asText());
        assertEquals(3_273_679, rows.get(1).get("line_rate_pps").asLong());
        assertEquals("imix", rows.get(1).get("mix").asText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "linerate --link 10G;nfvperf: linerate needs --size N,... or --mix NAME|FILE",
        "linerate --link 10X --size 64;nfvperf: link speed must look like 10G, 25Gbps, 100GbE or 1000M: '10X'",
        "linerate --link 10G --size 60;nfvperf: frameSizeBytes must be in 64..16384: 60",
        "linerate --link 10G --mix nope;nfvperf: nope: not a built-in mix [imix, fb-web] and no such file",
        "throughput --link 10G --frame-size 10 x.log;nfvperf: --frame-size must be in 64..16384: 10"})
    void linerateErrors(String args, String message) {
        String[] r = run(args.split(" "));
        assertEquals("2", r[0]);
        assertEquals(message, r[2].strip());
    }

    @Test
    void throughputJsonHasTheContractKeys() throws Exception {
        String[] r = run("throughput", "--json", "src/test/resources/logs/netmap-pkt-gen-ppsstats-rx-crlf.log");
        assertEquals("0", r[0], r[2]);
        JsonNode row = Json.MAPPER.readTree(r[1]).get(0);
        assertEquals(List.of("file", "tool", "port", "frame_size", "duration_s", "tx_pps", "rx_pps", "tx_mpps", "rx_mpps",
                "rx_gbps_l2", "rx_gbps_l1", "line_rate_pct", "loss_pct", "samples"), keys(row).subList(0, 14));
        assertEquals("netmap-pkt-gen", row.get("tool").asText());
        assertEquals("netmap:ix1", row.get("port").asText());
        assertEquals(64, row.get("frame_size").asInt());
        assertEquals(4.51, row.get("duration_s").asDouble(), 0.0);
        double rx = (14.880e6 * 1001006 * 2 + 14.879e6 * 1001006) / (3 * 1001006.0);
        assertEquals(rx, row.get("rx_pps").asDouble(), 1e-6);
        assertEquals(rx * 84 * 8 / 1e9, row.get("rx_gbps_l1").asDouble(), 1e-9);
        assertEquals(100 * rx / (1e10 / 672), row.get("line_rate_pct").asDouble(), 1e-9);
        assertEquals(true, row.get("tx_pps").isNull());
        assertEquals(true, row.get("loss_pct").isNull());
        assertEquals(5, row.get("samples").asInt());
    }

    @Test
    void throughputKeepsGoodRowsWhenOneFileFails() {
        String[] r = run("throughput", "--csv", "src/test/resources/logs/netmap-pkt-gen-2016-tx.log", "pom.xml", "missing.log");
        assertEquals("2", r[0]);
        assertEquals(2, r[1].lines().count());
        assertEquals("nfvperf: pom.xml: unrecognised log format (tried " + String.join(", ", LogParsers.toolIds())
                + ")\nnfvperf: missing.log: no such file", r[2].strip());
    }

    @Test
    void throughputCombinesTheLogsOfOneTrial() throws Exception {
        String[] r = run("throughput", "--json", "--combine", "trial-7", "src/test/resources/logs/netmap-pkt-gen-2016-tx.log",
                "src/test/resources/logs/netmap-pkt-gen-ppsstats-rx-crlf.log");
        assertEquals("0", r[0], r[2]);
        JsonNode rows = Json.MAPPER.readTree(r[1]);
        assertEquals(1, rows.size());
        assertEquals("trial-7", rows.get(0).get("file").asText());
        assertEquals("all", rows.get(0).get("port").asText());
        assertEquals(0.0, rows.get(0).get("loss_pct").asDouble(), 0.0);
        assertEquals(64, rows.get(0).get("frame_size").asInt());
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
