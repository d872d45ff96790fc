package org.nfvperf.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfvperf.util.Json;
import org.nfvperf.util.UsageException;
import picocli.CommandLine;

/**
 * Issue 17 and the exit-code policy of issue 12, end to end through the command line: every
 * output that could be an input is refused, impossible numbers are flagged, every message names
 * its file, user errors exit 2 with one line and bugs exit 1.
 */
class FaultsCommandTest {
    private static final String LAT = "src/test/resources/latency/";
    private static final String LOGS = "src/test/resources/logs/";

    @TempDir
    Path dir;

    /** A command that fails the way it is told, to see what the boundary makes of it. */
    @CommandLine.Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @CommandLine.Parameters
        String what;

        @Override
        public Integer call() {
            switch (what) {
                case "oom" -> throw new OutOfMemoryError("Java heap space");
                case "bug" -> throw new IllegalArgumentException("index (-1) must be >= 0");
                case "usage" -> throw new UsageException("--window must be > 0: -1");
                case "state" -> throw new IllegalStateException("ring head 5 behind tail 7");
                default -> {
                    return 0;
                }
            }
        }
    }

    static CliRun.Result boom(String... args) {
        CommandLine cl = Main.commandLine();
        cl.addSubcommand("boom", new Boom());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = Main.run(cl, args);
        return new CliRun.Result(code, out.toString(), err.toString());
    }

    @Test
    void outOfMemoryIsOneLineAndExitTwo() {
        CliRun.Result r = boom("boom", "oom");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("nfvperf: out of memory: the input needs more than the Java heap of "), r.err());
        assertTrue(r.err().contains("JAVA_OPTS=-Xmx"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void aBugIsExitOneWithTheTraceOnlyUnderDebug() {
        CliRun.Result r = boom("boom", "bug");
        assertEquals(1, r.code());
        assertEquals("nfvperf: internal error: IllegalArgumentException: index (-1) must be >= 0 (a bug; --debug prints"
                + " the stack trace)\n", r.err());
        CliRun.Result state = boom("boom", "state");
        assertEquals(1, state.code());
        CliRun.Result debug = boom("--debug", "boom", "bug");
        assertEquals(1, debug.code());
        assertTrue(debug.err().contains("at org.nfvperf.cli.FaultsCommandTest$Boom.call"), debug.err());
    }

    @Test
    void aUsageErrorIsExitTwoWithItsMessage() {
        CliRun.Result r = boom("boom", "usage");
        assertEquals(2, r.code());
        assertEquals("nfvperf: --window must be > 0: -1\n", r.err());
    }

    @Test
    void latencyRefusesToWriteOverOneOfItsTaps() throws Exception {
        Path a = dir.resolve("a.pcap");
        Path b = dir.resolve("b.pcap");
        Files.copy(Path.of(LAT + "probe-a0.pcap"), a);
        Files.copy(Path.of(LAT + "probe-b0.pcap"), b);
        byte[] before = Files.readAllBytes(b);
        // also through another spelling of the same path
        Path other = dir.resolve(".").resolve("b.pcap");
        CliRun.Result r = CliRun.run("latency", "--tap", "a=" + a, "--tap", "b=" + b, "--per-packet", other.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("nfvperf: --per-packet " + other + " is the input " + b
                + ": writing it would destroy the input; choose another output file\n", r.err());
        assertArrayEquals(before, Files.readAllBytes(b), "the capture is untouched");

        Path link = dir.resolve("link.pcap");
        Files.createSymbolicLink(link, a);
        CliRun.Result hgrm = CliRun.run("latency", "--tap", "a=" + a, "--tap", "b=" + b, "--hgrm", link.toString());
        assertEquals(2, hgrm.code());
        assertEquals("nfvperf: --hgrm " + link + " is the input " + a
                + ": writing it would destroy the input; choose another output file\n", hgrm.err());

        Path notADir = dir.resolve("x.txt");
        Files.writeString(notADir, "keep");
        CliRun.Result file = CliRun.run("latency", "--tap", "a=" + a, "--tap", "b=" + b, "--hgrm", notADir.toString());
        assertEquals(2, file.code());
        assertEquals("nfvperf: --hgrm must be a folder: " + notADir + " is a file\n", file.err());
    }

    @Test
    void latencyPerPacketLeavesNoTemporaryAndRemovesThoseOfDeadRuns() throws Exception {
        long deadPid = deadPid();
        Path stale = dir.resolve(".rows.csv." + deadPid + ".3.tmp");
        Files.writeString(stale, "key,a_ns\n1,");
        Path rows = dir.resolve("rows.csv");
        CliRun.Result r = CliRun.run("latency", "--tap", "a=" + LAT + "probe-a0.pcap", "--tap", "b=" + LAT
                + "probe-b0.pcap", "--per-packet", rows.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(rows).startsWith("key,a_ns,b_ns\n"));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(rows), files.toList(), "the stale temporary is gone, no new one is left");
        }
    }

    /** The pid of a process that has exited. */
    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void compareRefusesAChartOverItsInput() throws Exception {
        Path csv = dir.resolve("r.svg");
        Files.writeString(csv, "dataplane,rx_mpps\nbess,1\nclickos,2\n");
        CliRun.Result r = CliRun.run("compare", csv.toString(), "--by", "dataplane", "--metric", "rx_mpps", "--chart",
                csv.toString());
        assertEquals(2, r.code());
        assertEquals("nfvperf: --chart " + csv + " is the input " + csv
                + ": writing it would destroy the input; choose another output file\n", r.err());
        assertEquals("dataplane,rx_mpps\nbess,1\nclickos,2\n", Files.readString(csv));
    }

    @Test
    void pcapInfoReportsTheGoodFileNextToADamagedGzip() throws Exception {
        Path bad = dir.resolve("bad.pcap.gz");
        Files.write(bad, new byte[] {0x1f, (byte) 0x8b, 9, 0, 0, 0, 0, 0, 0, 3});
        CliRun.Result r = CliRun.run("pcap-info", "--json", "src/test/resources/captures/eth-ns.pcap", bad.toString());
        assertEquals(2, r.code());
        JsonNode n = Json.MAPPER.readTree(r.out());
        assertEquals(1, n.size());
        assertEquals("src/test/resources/captures/eth-ns.pcap", n.get(0).get("file").asText());
        assertEquals("nfvperf: " + bad + ": file header at byte offset 0: expected a gzip header, found Unsupported"
                + " compression method\n", r.err());
    }

    @Test
    void impossibleThroughputValuesAreFlaggedNotReported() throws Exception {
        // testpmd forwards port 0 -> port 1: more sent on port 1 than received on port 0 is no loss
        String text = Files.readString(Path.of(LOGS + "testpmd-stats.log"));
        Path log = dir.resolve("testpmd.log");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("TX-packets: (\\d+)").matcher(text);
        Files.writeString(log, m.replaceAll(x -> "TX-packets: " + 2 * Long.parseLong(x.group(1))));
        CliRun.Result r = CliRun.run("throughput", "--json", log.toString());
        assertEquals(0, r.code(), r.err());
        for (JsonNode row : Json.MAPPER.readTree(r.out())) {
            assertTrue(row.get("loss_pct").isNull() || row.get("loss_pct").asDouble() >= 0, row.toString());
        }
        assertTrue(r.err().contains("more packets received than sent"), r.err());
        assertTrue(r.err().startsWith("nfvperf: warning: " + log + " (dpdk-testpmd"), r.err());

        // a 10 Mpps log read as a 1 Mb/s link: no link carries 62764800% of its line rate
        CliRun.Result rate = CliRun.run("throughput", "--json", "--link", "1M", LOGS + "testpmd-stats.log");
        assertEquals(0, rate.code(), rate.err());
        int flagged = 0;
        for (JsonNode row : Json.MAPPER.readTree(rate.out())) {
            assertTrue(row.get("line_rate_pct").isNull() || row.get("line_rate_pct").asDouble() <= 100, row.toString());
            flagged += row.get("line_rate_pct").isNull() ? 1 : 0;
        }
        assertEquals(2, flagged, "port 0 and all receive 9.34 Mpps");
        assertTrue(rate.err().contains("of the line rate of"), rate.err());
    }

    @Test
    void aNumberBeyond64BitsInALogNamesFileAndLine() throws Exception {
        String text = Files.readString(Path.of(LOGS + "testpmd-stats.log"));
        Path log = dir.resolve("big.log");
        Files.writeString(log, text.replaceFirst("RX-packets: 83752840", "RX-packets: 99999999999999999999"));
        int line = 1 + (int) text.substring(0, text.indexOf("RX-packets: 83752840")).chars().filter(c -> c == '\n')
                .count();
        CliRun.Result r = CliRun.run("throughput", log.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().endsWith("nfvperf: " + log + ":" + line + ": dpdk-testpmd log: number 99999999999999999999 is out"
                + " of range (beyond 64 bits) or malformed\n"), r.err());
        assertFalse(r.err().contains("For input string"));

        CliRun.Result debug = CliRun.run("--debug", "throughput", log.toString());
        assertEquals(2, debug.code());
        assertTrue(debug.err().contains("\tat org.nfvperf.loadgen."), "throughput honours --debug: " + debug.err());
    }

    @Test
    void plainWordsReplaceTheCodesNames() {
        assertEquals("steady end ns (-8699104034341126144) must be >= steady start ns (0)",
                org.nfvperf.loadgen.LogParsersAccess.plainWords(
                        "steadyEndNanos (-8699104034341126144) must be >= steadyStartNanos (0)"));
    }

    @Test
    void helpWorksOnEveryCommandLevel() {
        for (String[] args : new String[][] {{"testbed", "--help"}, {"testbed", "cleanup", "--help"},
            {"testbed", "run", "--help"}, {"kernel", "--help"}, {"kernel", "install", "--help"},
            {"notebooks", "--help"}}) {
            CliRun.Result r = CliRun.run(args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.out().contains("Usage: nfvperf " + args[0]), r.out());
        }
    }

    // ---- specs

    private CliRun.Result runSpec(String yaml) throws Exception {
        Path spec = dir.resolve("s.yaml");
        Files.writeString(spec, yaml);
        return CliRun.run("run", spec.toString(), "--out", dir.resolve("out").toString());
    }

    @Test
    void aDurationBeyondTheLimitIsRefusedBeforeAnythingRuns() throws Exception {
        CliRun.Result r = runSpec("name: x\nduration_s: 1e15\nfactors:\n  dataplane: [bess]\n");
        assertEquals(2, r.code());
        assertEquals("nfvperf: " + dir.resolve("s.yaml") + ":2: duration_s must be <= 3600 (limits.max_duration_s):"
                + " 1e15; raise the limit with 'limits: {max_duration_s: N}' if you mean it\n", r.err());
        assertFalse(Files.exists(dir.resolve("out")), "nothing ran");
    }

    @Test
    void tenMillionTrialsAreRefusedAtOnce() throws Exception {
        StringBuilder y = new StringBuilder("name: x\nfactors:\n  dataplane: [bess, clickos]\n");
        y.append("  frame_size: [").append(String.join(", ", range(64, 64 + 100))).append("]\n");
        List<String> rates = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            rates.add(String.format(java.util.Locale.ROOT, "%.2f", i / 100.0));
        }
        y.append("  rate: [").append(String.join(", ", rates)).append("]\n");
        y.append("  cpu_ghz: [1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9]\n");
        y.append("repetitions: 50\n");
        long t0 = System.nanoTime();
        CliRun.Result r = runSpec(y.toString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(2, r.code(), r.err());
        assertEquals("nfvperf: " + dir.resolve("s.yaml") + ":2: the spec asks for 10000000 trials (2 dataplane x 100"
                + " frame_size x 100 rate x 10 cpu_ghz x 50 repetitions), more than 100000 (limits.max_trials); raise"
                + " the limit with 'limits: {max_trials: N}' if you mean it\n", r.err());
        assertTrue(ms < 20_000, "refused in " + ms + " ms");
        assertFalse(Files.exists(dir.resolve("out")));
    }

    static List<String> range(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(Integer.toString(i));
        }
        return out;
    }

    @Test
    void limitsCanBeRaisedExplicitly() {
        var e = org.nfvperf.experiment.Experiment.fromYaml(
                "name: x\nduration_s: 7200\nlimits: {max_duration_s: 86400, max_packets: 50000000}\n"
                + "capture: {taps: [a], max_packets: 20000000}\nfactors:\n  dataplane: [bess]\n");
        assertEquals(7200, e.durationSeconds(), 0);
        assertEquals(20_000_000, e.maxPacketsPerTap());
        CliRun.Result packets;
        try {
            packets = runSpec("name: x\ncapture: {taps: [a], max_packets: 20000000}\nfactors:\n  dataplane: [bess]\n");
        } catch (Exception ex) {
            throw new AssertionError(ex);
        }
        assertEquals(2, packets.code());
        assertTrue(packets.err().contains(":2: capture.max_packets must be <= 10000000 (limits.max_packets)"),
                packets.err());
    }

    @Test
    void aSpecNotInUtf8NamesItsLine() throws Exception {
        Path spec = dir.resolve("latin1.yaml");
        Files.write(spec, "name: x\ndescription: caf\u00e9\nfactors:\n  dataplane: [bess]\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        CliRun.Result r = CliRun.run("run", spec.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.code());
        assertEquals("nfvperf: " + spec + ":2: not UTF-8 text: byte 0xe9 at column 17 (byte offset 24); save the spec"
                + " as UTF-8\n", r.err());
    }

    @Test
    void aNulByteIsReportedOnItsOwnLine() throws Exception {
        StringBuilder y = new StringBuilder("name: x\nfactors:\n  dataplane: [bess]\n");
        for (int i = 4; i < 10; i++) {
            y.append("# comment ").append(i).append('\n');
        }
        y.append("# here \u0000 is a NUL\n");
        CliRun.Result r = runSpec(y.toString());
        assertEquals(2, r.code());
        assertEquals("nfvperf: " + dir.resolve("s.yaml") + ":10: character U+0000 is not allowed in a YAML spec"
                + " (column 8)\n", r.err());
    }

    @Test
    void aHugeSpecFailsFast() throws Exception {
        StringBuilder y = new StringBuilder("name: x\nfactors:\n  dataplane: [bess]\n");
        String pad = "# " + "x".repeat(1000) + "\n";
        while (y.length() < 10_000_000) {
            y.append(pad);
        }
        long t0 = System.nanoTime();
        CliRun.Result r = runSpec(y.toString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(2, r.code());
        assertTrue(r.err().matches("nfvperf: .*s\\.yaml:1: spec is \\d+ bytes, more than 1048576 \\(1 MiB\\); a spec"
                + " lists factors and options, not data\n"), r.err());
        assertTrue(ms < 5_000, "refused in " + ms + " ms");
    }
}
