package org.nfvperf.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfvperf.latency.LatencyAnalysis;
import org.nfvperf.latency.LatencyBreakdown;
import org.nfvperf.latency.LatencySummary;
import org.nfvperf.latency.TapStream;
import org.nfvperf.util.Json;

/**
 * Per-packet Parquet read back by DuckDB's SQL: counts, min, max and mean of every segment equal
 * nfvperf's exactly, percentiles within HdrHistogram's 3 significant digits; the {@code hdrh} strings
 * decode to the same histograms.
 */
class PerPacketParquetTest {
    @TempDir
    Path dir;

    /** Three taps; random delays spanning 4 decades, 2% loss per segment, a few negative delays, reordering. */
    private LatencyBreakdown analyse(Path parquet, long seed, int packets) throws Exception {
        Random rnd = new Random(seed);
        long[][] ts = new long[3][];
        long[][] keys = new long[3][];
        long[] t0 = new long[packets];
        long[] k0 = new long[packets];
        for (int i = 0; i < packets; i++) {
            t0[i] = 1_700_000_000_000_000_000L + i * 1_000L;
            k0[i] = i;
        }
        ts[0] = t0;
        keys[0] = k0;
        long[] prev = t0;
        long[] prevKeys = k0;
        for (int tap = 1; tap < 3; tap++) {
            List<long[]> arrivals = new ArrayList<>();
            for (int i = 0; i < prev.length; i++) {
                if (rnd.nextDouble() < 0.02) {
                    continue;   // lost
                }
                long delay = (long) Math.exp(Math.log(500) + rnd.nextDouble() * Math.log(10_000));   // 500 ns .. 5 ms
                if (rnd.nextDouble() < 0.001) {
                    delay = -rnd.nextInt(300);   // clock disagreement
                }
                arrivals.add(new long[] {prev[i] + delay, prevKeys[i]});
            }
            arrivals.sort((a, b) -> Long.compare(a[0], b[0]));
            ts[tap] = arrivals.stream().mapToLong(a -> a[0]).toArray();
            keys[tap] = arrivals.stream().mapToLong(a -> a[1]).toArray();
            prev = ts[tap];
            prevKeys = keys[tap];
        }
        return LatencyAnalysis.builder()
                .tap("a", TapStream.of(ts[0], keys[0]))
                .tap("b", TapStream.of(ts[1], keys[1]))
                .tap("c", TapStream.of(ts[2], keys[2]))
                .windowNanos(50_000_000L)
                .perPacket(PerPacketParquet.factory(parquet, "t1"))
                .run();
    }

    @Test
    void sqlOverThePerPacketRecordsEqualsTheLatencyReport() throws Exception {
        Path parquet = dir.resolve("p.parquet");
        LatencyBreakdown b = analyse(parquet, 42, 200_000);
        try (Connection c = DuckDb.connect(); Statement s = c.createStatement()) {
            for (LatencyBreakdown.Segment seg : b.segments()) {
                LatencySummary want = seg.stats().summary();
                try (ResultSet rs = s.executeQuery("""
                        SELECT count(*) FILTER (status = 'matched') AS matched,  -- greatest() skips NULLs: filter the lost
                               count(*) FILTER (status = 'lost') AS lost,
                               count(*) FILTER (status = 'matched' AND t_out_ns < t_in_ns) AS negative,
                               min(t_out_ns - t_in_ns) AS min_ns, max(t_out_ns - t_in_ns) AS max_ns,
                               sum(t_out_ns - t_in_ns) AS sum_ns,
                               quantile_disc(greatest(t_out_ns - t_in_ns, 0), [0.5, 0.9, 0.99, 0.999])
                                   FILTER (status = 'matched') AS p
                        FROM read_parquet('%s') WHERE from_tap = '%s' AND trial = 't1'
                        """.formatted(parquet, seg.from()))) {
                    assertTrue(rs.next());
                    assertTrue(want.matched() > 150_000, "matched " + want.matched());
                    assertTrue(want.lost() > 2_000, "lost " + want.lost());
                    assertTrue(want.negative() > 0, "negative " + want.negative());
                    assertEquals(want.matched(), rs.getLong("matched"), seg.from());
                    assertEquals(want.lost(), rs.getLong("lost"), seg.from());
                    assertEquals(want.negative(), rs.getLong("negative"), seg.from());
                    assertEquals(want.minNanos(), rs.getLong("min_ns"), seg.from());
                    assertEquals(want.maxNanos(), rs.getLong("max_ns"), seg.from());
                    // the exact sum (HUGEINT) over the count is the exact mean; nfvperf's double may differ in the last bits
                    BigInteger sum = new BigInteger(rs.getString("sum_ns"));
                    double mean = new BigDecimal(sum).divide(BigDecimal.valueOf(want.matched()), MathContext.DECIMAL64)
                            .doubleValue();
                    assertEquals(mean, want.meanNanos(), Math.ulp(mean) * 4, seg.from());
                    Object[] p = (Object[]) rs.getArray("p").getArray();
                    long[] nfv = {want.p50Nanos(), want.p90Nanos(), want.p99Nanos(), want.p999Nanos()};
                    for (int i = 0; i < nfv.length; i++) {
                        long sql = ((Number) p[i]).longValue();
                        // 3 significant digits: HdrHistogram's buckets are at most 1/1024 of the value wide
                        assertEquals(sql, nfv[i], Math.max(1, sql / 1000.0), seg.from() + " percentile #" + i);
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT key) FILTER (from_tap = 'a'), "
                    + "bool_and(t_in_ns IS NOT NULL), min(t_in_ns) FROM read_parquet('" + parquet + "')")) {
                rs.next();
                assertEquals(200_000, rs.getLong(2));
                assertTrue(rs.getBoolean(3));
                assertEquals(1_700_000_000_000_000_000L, rs.getLong(4));
            }
            try (ResultSet rs = s.executeQuery("SELECT name, type FROM parquet_schema('" + parquet + "') WHERE name <> "
                    + "'duckdb_schema' ORDER BY name")) {
                List<String> schema = new ArrayList<>();
                while (rs.next()) {
                    schema.add(rs.getString(1) + ":" + rs.getString(2));
                }
                assertEquals(List.of("from_tap:BYTE_ARRAY", "key:INT64", "status:BYTE_ARRAY", "t_in_ns:INT64",
                        "t_out_ns:INT64", "to_tap:BYTE_ARRAY", "trial:BYTE_ARRAY"), schema);
            }
            try (ResultSet rs = s.executeQuery("SELECT DISTINCT compression FROM parquet_metadata('" + parquet + "')")) {
                rs.next();
                assertEquals("ZSTD", rs.getString(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT bool_and(t_in_ns >= lag) FROM (SELECT t_in_ns, "
                    + "lag(t_in_ns, 1, 0) OVER () AS lag FROM read_parquet('" + parquet + "'))")) {
                rs.next();
                assertTrue(rs.getBoolean(1), "rows sorted by t_in_ns");
            }
        }
    }

    @Test
    void hdrhInTheJsonDecodesToTheSameHistogramAndMerges() throws Exception {
        LatencyBreakdown b = analyse(dir.resolve("p.parquet"), 7, 20_000);
        var json = Json.MAPPER.readTree(b.toJson());
        Histogram merged = new Histogram(3);
        for (int i = 0; i < b.segments().size(); i++) {
            String hdrh = json.get("segments").get(i).get("hdrh").asText();
            Histogram h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(hdrh)), 0);
            Histogram want = b.segments().get(i).stats().histogram();
            assertEquals(want, h);
            assertEquals(want.getTotalCount(), h.getTotalCount());
            assertEquals(want.getValueAtPercentile(99), h.getValueAtPercentile(99));
            merged.add(h);
        }
        assertEquals(b.segments().stream().mapToLong(s -> s.stats().matched()).sum(), merged.getTotalCount());
        assertTrue(json.get("end_to_end").get("hdrh").asText().length() > 20);
    }

    @Test
    void noPacketsGiveAnEmptyFileWithTheSchema() throws Exception {
        Path parquet = dir.resolve("none.parquet");
        try (PerPacketParquet p = (PerPacketParquet) PerPacketParquet.factory(parquet, null).open(List.of("x", "y"), true)) {
            assertEquals(0, p.packets());
        }
        try (Connection c = DuckDb.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM read_parquet('" + parquet + "')")) {
            rs.next();
            assertEquals(0, rs.getLong(1));
        }
        assertEquals(List.of("none.parquet"), Arrays.stream(dir.toFile().list()).sorted().toList(), "staged file removed");
    }
}
