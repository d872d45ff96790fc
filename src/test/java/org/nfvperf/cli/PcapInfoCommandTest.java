package org.nfvperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nfvperf.util.Json;

class PcapInfoCommandTest {
    static final Path DIR = Path.of("src/test/resources/captures");

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        CliRun.Result r = CliRun.run(args);
        return new Result(r.code(), r.out(), r.err());
    }

    @Test
    void jsonHasTheDesignKeys() throws Exception {
        Result r = run("pcap-info", "--json", DIR.resolve("eth-ns.pcap").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode a = Json.MAPPER.readTree(r.out());
        assertEquals(1, a.size());
        JsonNode o = a.get(0);
        List<String> keys = new ArrayList<>();
        o.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("file", "format", "linktypes", "interfaces", "packets", "captured_bytes", "wire_bytes",
                "first_ns", "last_ns", "duration_ns", "truncated_packets", "out_of_order", "complete", "warnings",
                "compressed", "packets_without_timestamp", "interface_list", "error"), keys);
        assertEquals("pcap", o.get("format").asText());
        assertEquals("ETHERNET", o.get("linktypes").get(0).asText());
        assertEquals(1, o.get("interfaces").asInt());
        assertEquals(41, o.get("packets").asLong());
        assertEquals(o.get("last_ns").asLong() - o.get("first_ns").asLong(), o.get("duration_ns").asLong());
        assertTrue(o.get("complete").asBoolean());
        assertEquals("", r.err());
    }

    @Test
    void scanStatsGoToStderr() {
        Result r = run("pcap-info", "--json", "--scan-stats", DIR.resolve("lo-ns.pcap").toString());
        assertEquals(0, r.code());
        assertTrue(r.err().matches("scan " + java.util.regex.Pattern.quote(DIR.resolve("lo-ns.pcap").toString())
                + ": 2 packets in \\d+\\.\\d{3} s wall \\(\\d+\\.\\d M packets/s\\), \\d+\\.\\d{3} s thread CPU"
                + " \\(\\d+\\.\\d M packets/s\\)\n"), r.err());
    }

    @Test
    void tableIsReadable() {
        Result r = run("pcap-info", DIR.resolve("lo-ns.pcap").toString());
        assertEquals(0, r.code());
        String[] lines = r.out().split("\n");
        assertEquals("file:              " + DIR.resolve("lo-ns.pcap"), lines[0]);
        assertEquals("format:            pcap", lines[1]);
        assertEquals("packets:           2", lines[4]);
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("empty", new byte[0],
                        "file header at byte offset 0: expected a pcap or pcapng file header, found an empty file"),
                Arguments.of("text", "hello world\n".getBytes(),
                        "file header at byte offset 0: expected a pcap magic (a1b2c3d4, a1b23c4d, a1b2cd34) or pcapng"
                                + " section header (0a0d0d0a), found 68656c6c"),
                Arguments.of("short pcap header", new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0,
                    4, 0, 0, 0},
                        "file header at byte offset 0: expected a 24-byte pcap file header, found 10 bytes"),
                Arguments.of("short pcapng header", new byte[] {0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0},
                        "file header at byte offset 0: expected a pcapng section header block of at least 28 bytes,"
                                + " found 8 bytes"),
                Arguments.of("three bytes", new byte[] {1, 2, 3},
                        "file header at byte offset 0: expected a 4-byte magic number, found 3 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void unusableFileIsOneLineAndExitTwo(String name, byte[] content, String message) throws Exception {
        Path f = tmp.resolve("bad");
        Files.write(f, content);
        Result r = run("pcap-info", "--json", f.toString());
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals("nfvperf: " + f + ": " + message + "\n", r.err());
    }

    @Test
    void directory() {
        Result r = run("pcap-info", tmp.toString());
        assertEquals(2, r.code());
        assertEquals("nfvperf: " + tmp + ": file header at byte offset 0: expected a capture file, found a directory\n",
                r.err());
    }

    @Test
    void missingFile() {
        Path f = tmp.resolve("nope.pcap");
        Result r = run("pcap-info", f.toString());
        assertEquals(2, r.code());
        assertEquals("nfvperf: " + f + ": no such file\n", r.err());
    }

    @Test
    void goodFilesAreStillReportedNextToBadOnes() throws Exception {
        Path missing = tmp.resolve("nope.pcap");
        Result r = run("pcap-info", "--json", DIR.resolve("lo-ns.pcap").toString(), missing.toString());
        assertEquals(2, r.code());
        assertEquals(2, Json.MAPPER.readTree(r.out()).get(0).get("packets").asInt());
        assertEquals("nfvperf: " + missing + ": no such file\n", r.err());
    }

    @Test
    void fileCutInLastRecordIsAWarningAndExitZero() throws Exception {
        byte[] data = Files.readAllBytes(DIR.resolve("eth-ns.pcap"));
        Path f = tmp.resolve("cut.pcap");
        Files.write(f, Arrays.copyOf(data, data.length - 3));
        Result r = run("pcap-info", "--json", f.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode o = Json.MAPPER.readTree(r.out()).get(0);
        assertEquals(40, o.get("packets").asInt());
        assertEquals(false, o.get("complete").asBoolean());
        String w = o.get("warnings").get(0).asText();
        assertTrue(w.matches(java.util.regex.Pattern.quote(f.toString())
                + ": file ends inside record 40 at byte offset \\d+: expected \\d+ bytes, found \\d+"), w);
        assertEquals("", r.err());
    }

    @Test
    void corruptLengthInTheMiddleReportsWhatWasReadAndExitsTwo() throws Exception {
        byte[] data = Files.readAllBytes(DIR.resolve("eth-ns.pcap"));
        // record 0 at 24: caplen at 24 + 8; record 1 follows it
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(data).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int rec1 = 24 + 16 + b.getInt(24 + 8);
        int rec2 = rec1 + 16 + b.getInt(rec1 + 8);
        b.putInt(rec2 + 8, 0x10000000);
        Path f = tmp.resolve("corrupt.pcap");
        Files.write(f, data);
        Result r = run("pcap-info", "--json", f.toString());
        assertEquals(2, r.code());
        JsonNode o = Json.MAPPER.readTree(r.out()).get(0);
        assertEquals(2, o.get("packets").asInt());
        assertEquals(false, o.get("complete").asBoolean());
        String msg = f + ": record 2 at byte offset " + rec2
                + ": expected a captured length of at most 262144, found 268435456";
        assertEquals(msg, o.get("error").asText());
        assertEquals("nfvperf: " + msg + " (2 packets read before the fault)\n", r.err());
    }
}
