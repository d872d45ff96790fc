package org.nfvperf.cli;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nfvperf.capture.Mutations;
import org.nfvperf.util.Json;

/**
 * The fuzz contract of the command line, checked on mutants of a corpus of real inputs:
 * captures ({@code pcap-info --json}), generator and dataplane logs ({@code throughput --json})
 * and experiment specs ({@code run --dry-run}). For every mutant the command either
 * <ul>
 *   <li>exits 0 with sane output: valid JSON, no count below zero, no duration below zero, no
 *       first timestamp after the last, loss within [0, 100] %, line rate within [0, 100] %, no
 *       NaN or infinity (a wrapped or impossible number is a failure), or</li>
 *   <li>exits 2 with exactly one error line {@code nfvperf: ...} naming the file (warnings may
 *       precede it),</li>
 * </ul>
 * and never exits 1, prints a stack trace or hangs (each batch is bounded in time). The
 * mutations are those of {@code MutationTest.mutate} for binary files, and line-level ones for
 * text (numbers made huge, negative or malformed; lines cut, repeated, dropped; bytes flipped).
 *
 * <p>Deterministic: seeds are fixed. The suite runs {@value #DEFAULT_PER_FILE} mutants per corpus
 * file; {@code -Dnfvperf.fuzz.perFile=N} runs a larger round (CI runs 10,000+ mutants this way,
 * see {@code .ci/run}).
 */
class FuzzContractTest {
    static final int DEFAULT_PER_FILE = 20;
    static final int PER_FILE = Integer.getInteger("nfvperf.fuzz.perFile", DEFAULT_PER_FILE);
    /** Upper bound on one mutant's run; a mutant that takes longer is a hang. */
    static final Duration PER_MUTANT = Duration.ofSeconds(5);

    @TempDir
    Path tmp;

    static Stream<Path> captures() throws IOException {
        return corpus(Path.of("src/test/resources/captures"), ".pcap", ".pcapng", ".gz");
    }

    static Stream<Path> logs() throws IOException {
        return corpus(Path.of("src/test/resources/logs"), ".log", ".txt", ".csv");
    }

    static Stream<Path> specs() throws IOException {
        return corpus(Path.of("data/specs"), ".yaml");
    }

    private static Stream<Path> corpus(Path dir, String... endings) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Arrays.stream(endings).anyMatch(e -> p.getFileName().toString().endsWith(e)))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("captures")
    void capturesKeepTheContract(Path original) throws Exception {
        byte[] in = Files.readAllBytes(original);
        Random rnd = new Random(original.getFileName().toString().hashCode());
        round(original, c -> {
            Path f = tmp.resolve("m" + c + "-" + original.getFileName());
            Files.write(f, Mutations.mutate(in, rnd));
            CliRun.Result r = cli("pcap-info", "--json", f.toString());
            check(r, f, FuzzContractTest::saneCaptures);
            Files.delete(f);
            return r.code();
        });
    }

    @ParameterizedTest
    @MethodSource("logs")
    void logsKeepTheContract(Path original) throws Exception {
        String in = Files.readString(original, StandardCharsets.ISO_8859_1);
        Random rnd = new Random(original.getFileName().toString().hashCode());
        round(original, c -> {
            Path f = tmp.resolve("m" + c + "-" + original.getFileName());
            Files.write(f, mutateText(in, rnd).getBytes(StandardCharsets.ISO_8859_1));
            CliRun.Result r = cli("throughput", "--json", f.toString());
            check(r, f, FuzzContractTest::saneThroughput);
            Files.delete(f);
            return r.code();
        });
    }

    @ParameterizedTest
    @MethodSource("specs")
    void specsKeepTheContract(Path original) throws Exception {
        String in = Files.readString(original, StandardCharsets.ISO_8859_1);
        Random rnd = new Random(original.getFileName().toString().hashCode());
        round(original, c -> {
            Path f = tmp.resolve("m" + c + "-" + original.getFileName());
            Files.write(f, mutateText(in, rnd).getBytes(StandardCharsets.ISO_8859_1));
            CliRun.Result r = cli("run", f.toString(), "--dry-run", "--out", tmp.resolve("out").toString());
            check(r, f, null);
            Files.delete(f);
            return r.code();
        });
    }

    /** {@link CliRun#run} with only the named subcommand registered, as {@code Main.main} does: faster. */
    static CliRun.Result cli(String... args) {
        picocli.CommandLine cl = Main.commandLine(args);
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setOut(new java.io.PrintWriter(out));
        cl.setErr(new java.io.PrintWriter(err));
        int code = Main.run(cl, args);
        return new CliRun.Result(code, out.toString(), err.toString());
    }

    interface Case {
        int run(int c) throws Exception;
    }

    /** Runs {@link #PER_FILE} mutants, bounded in time, and requires both outcomes to occur. */
    private void round(Path original, Case body) {
        int[] codes = new int[3];
        assertTimeoutPreemptively(PER_MUTANT.multipliedBy(PER_FILE), () -> {
            for (int c = 0; c < PER_FILE; c++) {
                codes[body.run(c)]++;
            }
        }, original + ": a mutant hung");
        COUNT.addAndGet(PER_FILE);
        REFUSED.addAndGet(codes[2]);
    }

    static final java.util.concurrent.atomic.AtomicLong COUNT = new java.util.concurrent.atomic.AtomicLong();
    static final java.util.concurrent.atomic.AtomicLong REFUSED = new java.util.concurrent.atomic.AtomicLong();

    @org.junit.jupiter.api.AfterAll
    static void report() {
        System.out.println("fuzz contract: " + COUNT.get() + " mutants checked (" + PER_FILE + " per corpus file), "
                + REFUSED.get() + " refused with exit 2, the rest exit 0 with sane output");
        // the mutations must exercise both outcomes
        assertTrue(REFUSED.get() > 0 && REFUSED.get() < COUNT.get(), REFUSED + " of " + COUNT);
    }

    interface Sanity {
        void check(JsonNode out) throws Exception;
    }

    static void check(CliRun.Result r, Path f, Sanity sanity) throws Exception {
        String what = f + " -> exit " + r.code() + "\nstderr: " + r.err() + "\nstdout: " + abbreviate(r.out());
        if (r.err().contains("\tat ") || r.err().contains("Exception:") && !r.err().contains(f.toString())) {
            fail("stack trace or internal exception: " + what);
        }
        switch (r.code()) {
            case 0 -> {
                JsonNode out = r.out().isBlank() || sanity == null ? null : Json.MAPPER.readTree(r.out());
                if (out != null) {
                    assertTrue(!r.out().contains("NaN") && !r.out().contains("Infinity"), what);
                    try {
                        sanity.check(out);
                    } catch (AssertionError e) {
                        throw new AssertionError(e.getMessage() + ": " + what, e);
                    }
                }
            }
            case 2 -> {
                List<String> errors = new ArrayList<>();
                for (String line : r.err().split("\n")) {
                    if (!line.startsWith("nfvperf: warning: ") && !line.isEmpty()) {
                        errors.add(line);
                    }
                }
                assertTrue(errors.size() == 1, "exactly one error line: " + what);
                assertTrue(errors.get(0).startsWith("nfvperf: ") && errors.get(0).contains(f.getFileName().toString()),
                        "the error names the file: " + what);
                assertTrue(!errors.get(0).contains("internal error"), what);
            }
            default -> fail("exit " + r.code() + " (only 0 or 2 are allowed): " + what);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
    }

    static void saneCaptures(JsonNode out) {
        for (JsonNode c : out) {
            assertTrue(c.get("packets").asLong() >= 0, "packets >= 0");
            assertTrue(c.get("captured_bytes").asLong() >= 0 && c.get("wire_bytes").asLong() >= 0, "bytes >= 0");
            if (!c.get("duration_ns").isNull()) {
                assertTrue(c.get("duration_ns").asLong() >= 0, "duration >= 0");
                assertTrue(c.get("first_ns").asLong() <= c.get("last_ns").asLong(), "first <= last");
            }
        }
    }

    static void saneThroughput(JsonNode out) {
        for (JsonNode row : out) {
            for (String k : List.of("tx_pps", "rx_pps", "rx_gbps_l1", "rx_gbps_l2", "duration_s")) {
                JsonNode v = row.get(k);
                assertTrue(v == null || v.isNull() || v.asDouble() >= 0, k + " >= 0");
            }
            JsonNode loss = row.get("loss_pct");
            assertTrue(loss.isNull() || loss.asDouble() >= -0.5 && loss.asDouble() <= 100.5, "loss in [0, 100] %");
            JsonNode pct = row.get("line_rate_pct");
            assertTrue(pct.isNull() || pct.asDouble() >= 0 && pct.asDouble() <= 100.5, "line rate in [0, 100] %");
        }
    }

    private static final String[] EXTREMES = {"99999999999999999999", "-1", "0", "1e308", "NaN", "18446744073709551615",
        "9223372036854775807", "-9223372036854775808", "0.000000001", "1,000,000,000,000,000", "x", ""};

    /** Line-level damage of a text file; every kind keeps the rest of the text as it was. */
    static String mutateText(String in, Random rnd) {
        List<String> lines = new ArrayList<>(Arrays.asList(in.split("\n", -1)));
        int n = lines.size();
        switch (rnd.nextInt(6)) {
            case 0 -> { // a number replaced by an extreme one
                for (int tries = 0; tries < 20; tries++) {
                    int i = rnd.nextInt(n);
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("-?\\d[\\d,.]*").matcher(lines.get(i));
                    List<int[]> spans = new ArrayList<>();
                    while (m.find()) {
                        spans.add(new int[] {m.start(), m.end()});
                    }
                    if (!spans.isEmpty()) {
                        int[] s = spans.get(rnd.nextInt(spans.size()));
                        String l = lines.get(i);
                        lines.set(i, l.substring(0, s[0]) + EXTREMES[rnd.nextInt(EXTREMES.length)] + l.substring(s[1]));
                        break;
                    }
                }
            }
            case 1 -> lines.subList(rnd.nextInt(n), n).clear(); // cut at a line
            case 2 -> { // a line dropped or repeated
                int i = rnd.nextInt(n);
                if (rnd.nextBoolean()) {
                    lines.remove(i);
                } else {
                    lines.add(i, lines.get(i));
                }
            }
            case 3 -> { // a byte flipped, possibly into a control or non-UTF-8 byte
                char[] c = String.join("\n", lines).toCharArray();
                if (c.length > 0) {
                    int i = rnd.nextInt(c.length);
                    c[i] = (char) ((c[i] ^ (1 << rnd.nextInt(8))) & 0xFF);
                }
                return new String(c);
            }
            case 4 -> { // two lines swapped (time going backwards, counters out of order)
                int i = rnd.nextInt(n);
                int j = rnd.nextInt(n);
                String t = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, t);
            }
            default -> { // cut inside a line
                String all = String.join("\n", lines);
                return all.substring(0, rnd.nextInt(all.length() + 1));
            }
        }
        return String.join("\n", lines);
    }
}
