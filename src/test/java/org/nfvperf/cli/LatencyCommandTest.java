package org.nfvperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nfvperf.capture.PcapWriter;
import org.nfvperf.util.Json;

class LatencyCommandTest {
    private static final String D = "src/test/resources/latency/";

    static String[] run(String... args) {
        return CliRun.run(args).asArray();
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of(List.of("--tap", "a=" + D + "none.pcap", "--tap", "b=" + D + "probe-r1.pcap"),
                        "tap a (" + D + "none.pcap): no such file"),
                Arguments.of(List.of("--tap", "a=" + D, "--tap", "b=" + D + "probe-r1.pcap"),
                        "tap a (src/test/resources/latency): is a directory, not a capture file"),
                Arguments.of(List.of("--tap", "a=" + D + "probe-a0.pcap", "--tap", "b=" + D + "probe-all.pcapng#7"),
                        "tap b (" + D + "probe-all.pcapng#7): no interface #7; the file declares 3 interfaces (#0..#2)"),
                Arguments.of(List.of("--tap", "a=" + D + "probe-a0.pcap", "--tap", "b=" + D + "probe-r1.pcap",
                                "--key", "seq:40:8"),
                        "tap a (" + D + "probe-a0.pcap): packet 0 at byte offset 24: key seq:40:8 needs 48 bytes of"
                                + " UDP payload, found 18 (key offset outside the payload)"),
                Arguments.of(List.of("--tap", "a=" + D + "probe-a0.pcap", "--tap", "b=" + D + "probe-r1.pcap",
                                "--key", "sequence"),
                        "key must be auto, hash, seq:OFFSET or seq:OFFSET:LEN: sequence"),
                Arguments.of(List.of("--tap", "a=" + D + "probe-a0.pcap", "--tap", "b=" + D + "probe-r1.pcap",
                                "--key", "seq:2:9"),
                        "key length must be in [1, 8]: 9"),
                Arguments.of(List.of("--tap", "a=" + D + "probe-a0.pcap", "--tap", "b=" + D + "probe-r1.pcap",
                                "--window", "5 parsecs"),
                        "--window: duration must be a number of seconds or a number with ns, us, ms, s or min: 5 parsecs"),
                Arguments.of(List.of("--tap", "a=" + D + "probe-a0.pcap", "--tap", "b=" + D + "probe-r1.pcap",
                                "--offset", "c=5"),
                        "offset must name a tap [a, b]: c"),
                Arguments.of(List.of("--tap", "a=" + D + "probe-a0.pcap", "--tap", "a=" + D + "probe-r1.pcap"),
                        "tap names must be unique: a"),
                Arguments.of(List.of("--tap", "a=" + D + "probe-a0.pcap"),
                        "--tap must be given at least twice (one per capture point, in path order): 1"),
                Arguments.of(List.of("--tap", D + "probe-a0.pcap", "--tap", "b=" + D + "probe-r1.pcap"),
                        "tap must be NAME=FILE or NAME=FILE#IFACE: " + D + "probe-a0.pcap"));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void badInputIsOneLineAndExitTwo(List<String> args, String message) {
        List<String> a = new ArrayList<>(List.of("latency"));
        a.addAll(args);
        String[] r = run(a.toArray(String[]::new));
        assertEquals("nfvperf: " + message + "\n", r[2]);
        assertEquals("2", r[0]);
        assertEquals("", r[1]);
    }

    @Test
    void aTapWithoutPacketsIsBadInput(@TempDir Path tmp) throws Exception {
        Path empty = tmp.resolve("empty.pcap");
        PcapWriter.builder().open(empty).close();
        String[] r = run("latency", "--tap", "a=" + D + "probe-a0.pcap", "--tap", "b=" + empty);
        assertEquals("2", r[0]);
        assertEquals("nfvperf: tap b (" + empty + "): the file contains no packets\n", r[2]);
    }

    @Test
    void aTapDamagedInTheMiddleIsBadInputAndThePacketsBeforeAreKept(@TempDir Path tmp) throws Exception {
        // probe-b0.pcap (ns pcap) with the captured length of its 100th record set to 2^31 - 1
        byte[] b = java.nio.file.Files.readAllBytes(Path.of(D + "probe-b0.pcap"));
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b23c4d, buf.getInt(0));
        int pos = 24;
        for (int i = 0; i < 99; i++) {
            pos += 16 + buf.getInt(pos + 8);
        }
        buf.putInt(pos + 8, Integer.MAX_VALUE);
        Path damaged = tmp.resolve("damaged.pcap");
        java.nio.file.Files.write(damaged, b);
        Path rows = tmp.resolve("rows.csv");
        String[] r = run("latency", "--tap", "a=" + D + "probe-a0.pcap", "--tap", "b=" + damaged,
                "--per-packet", rows.toString());
        assertEquals("2", r[0]);
        assertEquals("", r[1]);
        assertTrue(r[2].startsWith("nfvperf: ") && r[2].contains(damaged.toString()) && r[2].contains("offset " + pos)
                && r[2].endsWith("\n") && r[2].indexOf('\n') == r[2].length() - 1, r[2]);
        // what was matched before the damage is on disk: the 99 records before it all carry probes
        // (tshark -c 99 -e udp.payload), and each has its row with both timestamps
        List<String> lines = java.nio.file.Files.readAllLines(rows);
        assertEquals("key,a_ns,b_ns", lines.get(0));
        long both = lines.stream().skip(1).filter(l -> !l.endsWith(",")).count();
        assertEquals(99, both, lines.size() + " rows");
    }

    @Test
    void aTapWithoutIdentitiesIsBadInput() {
        // auto picks seq:4:4 from the first tap (pktgen); the second tap holds no pktgen magic at all
        String[] r = run("latency", "--tap", "a=" + D + "pktgen-a0.pcap", "--tap", "b=" + D + "probe-r1.pcap");
        assertEquals("2", r[0]);
        assertEquals("nfvperf: tap b (" + D + "probe-r1.pcap): none of its 210 packets has an identity under key"
                + " seq:4:4\n", r[2]);
    }

    @Test
    void jsonFollowsTheContract() throws Exception {
        String[] r = run("latency", "--tap", "a0=" + D + "probe-a0.pcap", "--tap", "r1=" + D + "probe-r1.pcap",
                "--tap", "b0=" + D + "probe-b0-lossy.pcap", "--json");
        assertEquals("0", r[0], r[2]);
        JsonNode j = Json.MAPPER.readTree(r[1]);
        assertEquals("seq:4:6", j.get("key").asText());
        assertEquals(3, j.get("taps").size());
        assertEquals("a0", j.get("taps").get(0).get("name").asText());
        assertEquals(D + "probe-a0.pcap", j.get("taps").get(0).get("file").asText());
        assertEquals(210, j.get("taps").get(0).get("packets").asLong());
        assertEquals(2, j.get("segments").size());
        for (JsonNode s : List.of(j.get("segments").get(0), j.get("segments").get(1), j.get("end_to_end"))) {
            for (String k : List.of("matched", "lost", "negative", "min_ns", "mean_ns", "stddev_ns", "p50_ns", "p90_ns",
                    "p99_ns", "p999_ns", "max_ns")) {
                assertTrue(s.has(k), k + " in " + s);
            }
        }
        assertEquals("r1", j.get("segments").get(1).get("from").asText());
        assertEquals("b0", j.get("segments").get(1).get("to").asText());
        assertEquals(194, j.get("end_to_end").get("matched").asLong());
        assertEquals(6, j.get("end_to_end").get("lost").asLong());
    }

    @Test
    void csvHasOneRowPerSegmentAndEndToEnd() {
        String[] r = run("latency", "--tap", "a0=" + D + "probe-a0.pcap", "--tap", "b0=" + D + "probe-b0-lossy.pcap",
                "--csv", "--window", "50ms");
        assertEquals("0", r[0], r[2]);
        String[] lines = r[1].split("\n");
        assertEquals(3, lines.length);
        assertEquals("segment,from,to,matched,lost,negative,min_ns,mean_ns,stddev_ns,p50_ns,p90_ns,p99_ns,p999_ns,"
                + "max_ns,ambiguous,unexpected,truncated,loss_pct", lines[0]);
        assertTrue(lines[1].startsWith("a0->b0,a0,b0,194,6,0,"), lines[1]);
        assertTrue(lines[2].startsWith("end_to_end,a0,b0,194,6,0,"), lines[2]);
    }
}
