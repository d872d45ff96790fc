package org.nfvperf.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Spark job in local mode over a results folder written by {@code nfvperf run --per-packet
 * parquet} ({@code -Dnfvperf.sweep=DIR}; CI passes a fresh sweep, else the small checked-in one
 * under {@code src/test/resources/results}) agrees with the {@code latency.json} nfvperf wrote for
 * each trial: counts, min, max and mean exactly, percentiles within HdrHistogram's 3 digits.
 */
class LatencySummariesTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static Path results() {
        String p = System.getProperty("nfvperf.sweep");
        return p == null || p.isBlank() || p.startsWith("${") ? Path.of("src/test/resources/results") : Path.of(p);
    }

    @Test
    void summariesEqualNfvperfsLatencyReportPerTrialAndSegment() throws Exception {
        Path results = results();
        List<Row> rows = LatencySummaries.summarize(LatencySummaries.packets(spark, results.toString())).collectAsList();
        ObjectMapper json = new ObjectMapper();
        int checked = 0;
        for (Row r : rows) {
            String trial = r.getAs("trial");
            Path latency;
            try (var s = Files.find(results, 4, (p, a) -> p.endsWith(Path.of("trials", trial, "latency.json")))) {
                latency = s.findFirst().orElseThrow(() -> new AssertionError("no latency.json of trial " + trial));
            }
            JsonNode want = null;
            for (JsonNode seg : json.readTree(latency.toFile()).get("segments")) {
                if (seg.get("from").asText().equals(r.getAs("from_tap")) && seg.get("to").asText().equals(r.getAs("to_tap"))) {
                    want = seg;
                }
            }
            assertTrue(want != null, "segment " + r.getAs("from_tap") + " in " + latency);
            String where = trial + " " + r.getAs("from_tap") + "->" + r.getAs("to_tap");
            for (String k : List.of("matched", "lost", "truncated", "negative", "min_ns", "max_ns")) {
                assertEquals(want.get(k).asLong(), ((Number) r.getAs(k)).longValue(), where + " " + k);
            }
            double mean = r.getAs("mean_ns");
            assertEquals(want.get("mean_ns").asDouble(), mean, Math.ulp(mean) * 4, where + " mean_ns");
            for (String k : List.of("p50_ns", "p90_ns", "p99_ns", "p999_ns")) {
                long got = r.getAs(k);
                long nfv = want.get(k).asLong();
                assertEquals(nfv, got, Math.max(1, nfv / 1000.0), where + " " + k);
            }
            checked++;
        }
        assertTrue(checked >= 2, "segments checked: " + checked);
    }
}
