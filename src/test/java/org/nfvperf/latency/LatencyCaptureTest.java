package org.nfvperf.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine on real captures (src/test/resources/latency, made by make-fixtures.sh with tcpdump
 * along a routed namespace path), checked against an independent computation from tshark's
 * fields of the same files.
 */
class LatencyCaptureTest {
    static final Path DIR = Path.of("src/test/resources/latency");

    /** One line of a tshark fields file. */
    record Row(long ns, String src, String dst, String proto, String ipId, String ttl, String mac, String sport,
               String dport, String icmpType, String icmpId, String icmpSeq, String payload) {
        static Row parse(String line) {
            String[] f = line.split("\t", -1);
            String[] t = f[0].split("\\.");
            long ns = Long.parseLong(t[0]) * 1_000_000_000L + Long.parseLong((t[1] + "000000000").substring(0, 9));
            String payload = !f[12].isEmpty() ? f[12] : f[13];
            return new Row(ns, f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], payload);
        }

        /** Identity under hash, from tshark's decoding (TTL, MACs, checksums left out). */
        String hashId() {
            return String.join("|", src, dst, proto, ipId, sport, dport, icmpType, icmpId, icmpSeq, payload);
        }

        /** Probe sequence number from the payload hex, or null. */
        String probeId() {
            return proto.equals("17") && payload.startsWith("4e465650") ? payload.substring(8, 20) : null;
        }

        String pktgenId() {
            return proto.equals("17") && payload.startsWith("be9be955") ? payload.substring(8, 16) : null;
        }
    }

    static List<Row> rows(String name) throws IOException {
        List<Row> out = new ArrayList<>();
        for (String line : Files.readAllLines(DIR.resolve(name + ".fields.tsv"))) {
            out.add(Row.parse(line));
        }
        return out;
    }

    /** Expected segment statistics: first occurrence downstream of every identity seen upstream. */
    static long[] expected(List<Row> up, List<Row> down, Function<Row, String> id) {
        Map<String, Long> downTs = new HashMap<>();
        for (Row r : down) {
            String k = id.apply(r);
            if (k != null) {
                downTs.putIfAbsent(k, r.ns());
            }
        }
        long matched = 0;
        long lost = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long sum = 0;
        long negative = 0;
        for (Row r : up) {
            String k = id.apply(r);
            if (k == null) {
                continue;
            }
            Long t = downTs.get(k);
            if (t == null) {
                lost++;
            } else {
                long d = t - r.ns();
                matched++;
                sum += d;
                negative += d < 0 ? 1 : 0;
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
        }
        return new long[] {matched, lost, min, max, sum, negative};
    }

    static void assertSegment(long[] e, LatencySummary s) {
        assertEquals(e[0], s.matched(), "matched");
        assertEquals(e[1], s.lost(), "lost");
        assertEquals(e[2], s.minNanos(), "min");
        assertEquals(e[3], s.maxNanos(), "max");
        assertEquals((double) e[4] / e[0], s.meanNanos(), 1e-6, "mean");
        assertEquals(e[5], s.negative(), "negative");
        assertEquals(0, s.truncated());
    }

    static Stream<Arguments> paths() {
        Function<Row, String> probe = Row::probeId;
        Function<Row, String> hash = Row::hashId;
        Function<Row, String> pktgen = Row::pktgenId;
        return Stream.of(
                Arguments.of("probe auto, 3 taps with loss", Key.auto(), "seq:4:6",
                        List.of("probe-a0", "probe-r1", "probe-b0-lossy"), probe, null),
                Arguments.of("probe explicit seq", Key.sequence(4, 6), "seq:4:6",
                        List.of("probe-a0", "probe-b0-lossy"), probe, null),
                Arguments.of("probe pcapng interfaces", Key.auto(), "seq:4:6",
                        List.of("probe-a0", "probe-r1", "probe-b0-lossy"), probe, "probe-all.pcapng"),
                Arguments.of("hash, ns and us taps with loss", Key.auto(), "hash",
                        List.of("hash-a0", "hash-r1", "hash-b0-lossy"), hash, null),
                Arguments.of("hash over probe traffic and ICMP", Key.hash(), "hash",
                        List.of("probe-a0", "probe-b0-lossy"), hash, null),
                Arguments.of("pktgen auto", Key.auto(), "seq:4:4", List.of("pktgen-a0", "pktgen-b0"), pktgen, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void matchesTheIndependentComputation(String title, Key key, String resolved, List<String> taps,
                                          Function<Row, String> id, String pcapng) throws IOException {
        LatencyAnalysis.Builder b = LatencyAnalysis.builder().key(key);
        for (int i = 0; i < taps.size(); i++) {
            if (pcapng != null) {
                b.tap("t" + i, DIR.resolve(pcapng), i);
            } else {
                b.tap("t" + i, DIR.resolve(taps.get(i) + ".pcap"));
            }
        }
        LatencyBreakdown r = b.run();
        assertEquals(resolved, r.key());
        List<List<Row>> rows = new ArrayList<>();
        for (String t : taps) {
            rows.add(rows(t));
        }
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < taps.size() - 1; i++) {
            long[] e = expected(rows.get(i), rows.get(i + 1), id);
            assertSegment(e, r.segments().get(i).stats().summary());
            assertEquals(rows.get(i).size(), r.taps().get(i).packets());
            if (e[5] > 0) {
                // microsecond timestamps at b0 make sub-microsecond hops look negative
                warnings.add("segment t" + i + " -> t" + (i + 1) + ": " + e[5] + " negative delays (min " + e[2]
                        + " ns): the clocks of the taps disagree; correct them with --offset t" + (i + 1) + "=NS");
            }
        }
        assertSegment(expected(rows.get(0), rows.get(rows.size() - 1), id), r.endToEnd().summary());
        assertEquals(warnings, r.warnings());
    }

    @Test
    void theFixturesReallyCrossARouter() throws IOException {
        Row a = rows("hash-a0").get(0);
        Row b = rows("hash-b0").get(0);
        assertEquals(a.hashId(), b.hashId());
        assertEquals("64", a.ttl());
        assertEquals("63", b.ttl());
        assertNotEquals(a.mac(), b.mac());
        assertTrue(b.ns() % 1000 == 0, "hash-b0 has microsecond timestamps");
    }

    @Test
    void aKeyThatRepeatsIsMatchedInOrderAndCountedAsAmbiguous() throws IOException {
        // seq:0:4 reads the "NFVP" magic: all 200 probe datagrams share one identity
        LatencyBreakdown r = LatencyAnalysis.builder().key(Key.sequence(0, 4))
                .tap("a0", DIR.resolve("probe-a0.pcap")).tap("r1", DIR.resolve("probe-r1.pcap")).run();
        LatencySummary s = r.segments().get(0).stats().summary();
        assertSegment(expected(rows("probe-a0"), rows("probe-r1"), Row::probeId), s);
        assertEquals(199, s.ambiguous());
        assertEquals(199, r.taps().get(0).ambiguous());
    }

    @Test
    void perPacketCsvIntervalsAndHgrm(@TempDir Path tmp) throws IOException {
        Path csv = tmp.resolve("pp.csv");
        LatencyBreakdown r = LatencyAnalysis.builder()
                .tap("a0", DIR.resolve("probe-a0.pcap")).tap("b0", DIR.resolve("probe-b0-lossy.pcap"))
                .interval(java.time.Duration.ofMillis(100)).perPacket(csv).hgrm(tmp.resolve("h")).run();
        Map<String, Long> a0 = new LinkedHashMap<>();
        for (Row row : rows("probe-a0")) {
            if (row.probeId() != null) {
                a0.put(Long.toString(Long.parseLong(row.probeId(), 16)), row.ns());
            }
        }
        Map<String, Long> b0 = new HashMap<>();
        for (Row row : rows("probe-b0-lossy")) {
            if (row.probeId() != null) {
                b0.put(Long.toString(Long.parseLong(row.probeId(), 16)), row.ns());
            }
        }
        List<String> lines = Files.readAllLines(csv);
        assertEquals("key,a0_ns,b0_ns", lines.get(0));
        assertEquals(a0.size() + 1, lines.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(Long.toString(a0.get(f[0])), f[1], line);
            assertEquals(b0.containsKey(f[0]) ? Long.toString(b0.get(f[0])) : "", f[2], line);
        }
        long inIntervals = r.endToEnd().intervals().stream().mapToLong(IntervalSummary::matched).sum();
        assertEquals(r.endToEnd().summary().matched(), inIntervals);
        assertTrue(r.endToEnd().intervals().size() >= 2, r.endToEnd().intervals().toString());
        String hgrm = Files.readString(tmp.resolve("h/end_to_end.hgrm"));
        assertTrue(hgrm.contains("#[Mean"), hgrm);
        assertTrue(Files.exists(tmp.resolve("h/a0_b0.hgrm")));
    }

    @Test
    void theJsonTextIsWhatJacksonWritesOfTheReport(@TempDir Path tmp) throws IOException {
        List<LatencyBreakdown> all = new ArrayList<>();
        all.add(LatencyAnalysis.builder().tap("a0", DIR.resolve("probe-a0.pcap"))
                .tap("b0", DIR.resolve("probe-b0-lossy.pcap")).interval(java.time.Duration.ofMillis(100)).run());
        all.add(LatencyAnalysis.builder().tap("t0", DIR.resolve("probe-all.pcapng"), 0)
                .tap("t1", DIR.resolve("probe-all.pcapng"), 1).tap("t2", DIR.resolve("probe-all.pcapng"), 2)
                .offsetNanos("t1", -1_000_000).run());
        all.add(LatencyAnalysis.builder().key(Key.hash()).tap("x \"quoted\"\t", DIR.resolve("hash-a0.pcap"))
                .tap("y", DIR.resolve("hash-b0-lossy.pcap")).run());
        // nothing matches: NaN and empty figures
        all.add(LatencyAnalysis.builder().tap("a", DIR.resolve("probe-a0.pcap"))
                .tap("b", DIR.resolve("probe-a0.pcap")).offsetNanos("b", -3_600_000_000_000L).run());
        for (LatencyBreakdown b : all) {
            assertEquals(org.nfvperf.util.Json.write(b.report()), b.toJson());
        }
    }

    @Test
    void offsetsShiftTheClockAndNegativeDelaysAreCountedAndWarned() throws IOException {
        LatencyBreakdown plain = LatencyAnalysis.builder()
                .tap("a0", DIR.resolve("probe-a0.pcap")).tap("r1", DIR.resolve("probe-r1.pcap")).run();
        LatencySummary p = plain.segments().get(0).stats().summary();
        long shift = -(p.minNanos() + 1);
        LatencyBreakdown shifted = LatencyAnalysis.builder().offsetNanos("r1", shift)
                .tap("a0", DIR.resolve("probe-a0.pcap")).tap("r1", DIR.resolve("probe-r1.pcap")).run();
        LatencySummary s = shifted.segments().get(0).stats().summary();
        assertEquals(p.matched(), s.matched());
        assertEquals(-1, s.minNanos());
        assertEquals(p.maxNanos() + shift, s.maxNanos());
        assertEquals(p.meanNanos() + shift, s.meanNanos(), 1e-6);
        assertEquals(1, s.negative());
        assertEquals(List.of("segment a0 -> r1: 1 negative delays (min -1 ns): the clocks of the taps disagree;"
                + " correct them with --offset r1=NS"), shifted.warnings());
    }

    @Test
    void repetitionsMergeExactly() throws IOException {
        LatencyBreakdown one = LatencyAnalysis.builder()
                .tap("a", DIR.resolve("probe-a0.pcap")).tap("b", DIR.resolve("probe-b0-lossy.pcap")).run();
        LatencyBreakdown two = LatencyAnalysis.builder()
                .tap("a", DIR.resolve("hash-a0.pcap")).tap("b", DIR.resolve("hash-b0-lossy.pcap")).run();
        LatencyBreakdown both = one.merge(two);
        LatencySummary a = one.endToEnd().summary();
        LatencySummary b = two.endToEnd().summary();
        LatencySummary m = both.endToEnd().summary();
        assertEquals(a.matched() + b.matched(), m.matched());
        assertEquals(a.lost() + b.lost(), m.lost());
        assertEquals(Math.min(a.minNanos(), b.minNanos()), m.minNanos());
        assertEquals(Math.max(a.maxNanos(), b.maxNanos()), m.maxNanos());
        assertEquals((a.meanNanos() * a.matched() + b.meanNanos() * b.matched()) / m.matched(), m.meanNanos(), 1e-6);
        assertEquals(a.matched() + b.matched(), both.endToEnd().histogram().getTotalCount());
        assertEquals("seq:4:6+hash", both.key());
        // the inputs are untouched
        assertEquals(a, one.endToEnd().summary());
    }
}
