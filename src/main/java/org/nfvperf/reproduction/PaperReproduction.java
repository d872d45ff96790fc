package org.nfvperf.reproduction;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.nfvperf.experiment.Trial;
import org.nfvperf.testbed.emulated.EmulatedRunner;
import org.nfvperf.testbed.emulated.Emulator;
import org.nfvperf.throughput.LinkSpeed;
import org.nfvperf.throughput.PacketSizeMix;

/**
 * Runs the paper's sweeps on the emulated testbed and writes the reproduction's numbers:
 * {@code DIR/tables/{table1,fig2,bottleneck,fig3,fig4,fig5,fig6,fbmix}.csv} and
 * {@code DIR/claims.csv} (each finding of the paper with its published and reproduced value and
 * whether it holds), comparing against {@code data/paper/published.csv}.
 *
 * <p>Trials go through {@link EmulatedRunner#simulate} (the same model and seeds as {@code nfvperf run}
 * with the emulated runner) on a small thread pool; a point shared by several tables runs once.
 * Windows of {@link Options#windowPackets()} packets keep the whole sweep within a minute.
 *
 * <p>Thread-safe (no shared state). Example:
 * <pre>{@code
 * PaperReproduction.Result r = PaperReproduction.run(Path.of("out"), Set.of(), System.err::println);
 * boolean allHold = r.claims().stream().allMatch(PaperReproduction.Claim::holds);
 * }</pre>
 */
public final class PaperReproduction {
    /** Table ids in the order they are written. */
    public static final List<String> IDS = List.of("table1", "fig2", "bottleneck", "fig3", "fig4", "fig5", "fig6",
            "fbmix");
    /** Line rate is "reached" at or above this share of the line rate, %. */
    public static final double LINE_RATE_REACHED_PCT = 99.0;

    static final double[] GHZ = {1.2, 1.6, 2.0, 2.4, 2.6};
    static final int[] SIZES = {64, 128, 256, 512, 1024, 1500};
    static final String[] DATAPLANES = {"bess", "clickos"};
    static final String[] CHAINS = {"l3fwd", "firewall+l3fwd", "firewall+l3fwd+l2fwd"};
    static final String[] FIG6_CHAINS = {"firewall", "l3fwd", "firewall+l3fwd", "firewall+l3fwd+l2fwd"};
    static final double[] FIG5_MPPS = {0.0001, 1, 2, 3, 4, 5, 6, 7, 8};
    static final int[] FB_UTILIZATION = {10, 20, 50, 100};
    static final String[] COMPONENTS = {"transmission", "dataplane_io", "nf_io", "nf_processing"};

    private PaperReproduction() {
    }

    /**
     * Settings of a reproduction.
     *
     * @param windowPackets largest simulated window per trial, packets
     * @param probes        latency probes per trial
     * @param threads       worker threads, &gt;= 1
     * @param published     the paper's numbers ({@code data/paper/published.csv}), or null to locate it
     */
    public record Options(int windowPackets, int probes, int threads, Path published) {
        public Options {
            if (windowPackets < 1000) {
                throw new IllegalArgumentException("windowPackets must be >= 1000: " + windowPackets);
            }
            if (probes < 1) {
                throw new IllegalArgumentException("probes must be >= 1: " + probes);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1: " + threads);
            }
        }

        /** 200,000-packet windows, 20,000 probes, one thread per core (at most 4), published.csv located. */
        public static Options defaults() {
            return new Options(200_000, 20_000, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())),
                    null);
        }
    }

    /**
     * A tidy table as written to CSV.
     *
     * @param id      table id, e.g. {@code fig2}
     * @param columns column names
     * @param rows    rows of values (numbers, strings, booleans) in column order
     */
    public record Table(String id, List<String> columns, List<List<Object>> rows) {
        /** The value of {@code column} in row {@code i}. */
        public Object get(int i, String column) {
            int c = columns.indexOf(column);
            if (c < 0) {
                throw new IllegalArgumentException("Column " + column + " is not present in table " + id);
            }
            return rows.get(i).get(c);
        }
    }

    /**
     * One finding of the paper.
     *
     * @param key        key in {@code published.csv}
     * @param section    section of the paper
     * @param claim      the finding in words
     * @param published  the published value
     * @param reproduced the reproduced value
     * @param unit       unit of both values
     * @param errorPercent   relative error of the reproduced value in %, NaN when not numeric
     * @param holds      whether the finding holds in the reproduction
     */
    public record Claim(String key, String section, String claim, String published, String reproduced, String unit,
                        double errorPercent, boolean holds) {
    }

    /**
     * What a reproduction produced.
     *
     * @param tables     the tables by id (only those computed)
     * @param claims     the findings checked
     * @param provenance model version, window, probes, trial count, elapsed time
     */
    public record Result(Map<String, Table> tables, List<Claim> claims, Map<String, Object> provenance) {
    }

    /** Runs with {@link Options#defaults()}. */
    public static Result run(Path outDir, Set<String> only, Consumer<String> progress) throws IOException {
        return run(outDir, only, progress, Options.defaults());
    }

    /**
     * Runs the selected sweeps (all when {@code only} is empty) and writes their tables and the claims
     * that can be checked with them.
     *
     * @throws IllegalArgumentException for an unknown id in {@code only}
     * @throws NoSuchFileException      when {@code published.csv} cannot be found
     */
    public static Result run(Path outDir, Set<String> only, Consumer<String> progress, Options options)
            throws IOException {
        for (String id : only) {
            if (!IDS.contains(id)) {
                throw new IllegalArgumentException("--only must name tables among " + IDS + ": " + id);
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : IDS) {
            if (only.isEmpty() || only.contains(id)) {
                ids.add(id);
            }
        }
        Map<String, Double> published = loadPublished(options.published());
        long start = System.nanoTime();
        Sweep sweep = new Sweep(options);
        plan(ids, sweep);
        sweep.runAll(progress);
        Map<String, Table> tables = new LinkedHashMap<>();
        for (String id : ids) {
            tables.put(id, build(id, sweep, published));
        }
        List<Claim> claims = claims(tables, sweep, published);
        Path tableDir = outDir.resolve("tables");
        Files.createDirectories(tableDir);
        for (Table t : tables.values()) {
            write(tableDir.resolve(t.id() + ".csv"), t.columns(), t.rows());
        }
        List<List<Object>> claimRows = new ArrayList<>();
        for (Claim c : claims) {
            claimRows.add(List.of(c.key(), c.section(), c.claim(), c.published(), c.reproduced(), c.unit(),
                    c.errorPercent(), c.holds()));
        }
        write(outDir.resolve("claims.csv"), List.of("key", "section", "claim", "published", "reproduced", "unit",
                "error_pct", "holds"), claimRows);
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("runner", EmulatedRunner.ID);
        prov.put("model_version", EmulatedRunner.MODEL_VERSION);
        prov.put("window_packets", options.windowPackets());
        prov.put("probes", options.probes());
        prov.put("trials", sweep.results.size());
        prov.put("elapsed_s", (System.nanoTime() - start) / 1e9);
        return new Result(tables, claims, prov);
    }

    // ------------------------------------------------------------------ sweeps

    /** Unique trials of a reproduction, keyed by their factors; run in parallel. */
    static final class Sweep {
        final Options options;
        final Map<String, Trial> trials = new LinkedHashMap<>();
        final Map<String, EmulatedRunner.Simulated> results = new ConcurrentHashMap<>();

        Sweep(Options options) {
            this.options = options;
        }

        String add(double durationSeconds, String... kv) {
            Map<String, String> f = new TreeMap<>();
            for (int i = 0; i < kv.length; i += 2) {
                f.put(kv[i], kv[i + 1]);
            }
            String key = f + "@" + durationSeconds;
            if (!trials.containsKey(key)) {
                String id = String.format(Locale.ROOT, "%016x", fnv(key));
                trials.put(key, new Trial("paper", id, f, "10G", durationSeconds, 1, List.of(), options.probes()));
            }
            return key;
        }

        EmulatedRunner.Simulated get(double durationSeconds, String... kv) {
            String key = add(durationSeconds, kv);
            EmulatedRunner.Simulated s = results.get(key);
            if (s == null) {
                throw new IllegalStateException("trial not planned: " + key);
            }
            return s;
        }

        Emulator.Measurement m(double durationSeconds, String... kv) {
            return get(durationSeconds, kv).measurement();
        }

        void runAll(Consumer<String> progress) throws IOException {
            EmulatedRunner runner = new EmulatedRunner(options.windowPackets());
            ExecutorService pool = Executors.newFixedThreadPool(options.threads());
            AtomicInteger done = new AtomicInteger();
            int total = trials.size();
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (Map.Entry<String, Trial> e : trials.entrySet()) {
                    futures.add(pool.submit(() -> {
                        results.put(e.getKey(), runner.simulate(e.getValue(), options.probes()));
                        int d = done.incrementAndGet();
                        if (progress != null && (d % 25 == 0 || d == total)) {
                            progress.accept("emulated testbed: " + d + "/" + total + " trials");
                        }
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IOException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static String g(double ghz) {
        return String.format(Locale.ROOT, "%.1f", ghz);
    }

    private static String fbRate(int utilizationPercent) {
        if (utilizationPercent >= 100) {
            return "line";
        }
        return String.format(Locale.ROOT, "%.6f", PacketSizeMix.FB_WEB.linePps(LinkSpeed.G10) * utilizationPercent / 100e6);
    }

    static final double THROUGHPUT_S = 1.0;
    static final double LATENCY_S = 1.0;
    static final double LOW_RATE_S = 20.0;

    private static double fig5Duration(double mpps) {
        return mpps < 0.01 ? LOW_RATE_S : LATENCY_S;
    }

    private static void plan(Set<String> ids, Sweep sw) {
        for (String dp : DATAPLANES) {
            if (ids.contains("table1") || ids.contains("fig2")) {
                for (String nf : new String[] {"l3fwd", "firewall"}) {
                    for (double ghz : GHZ) {
                        for (int fs : SIZES) {
                            if (fs == 64 || ids.contains("fig2")) {
                                sw.add(THROUGHPUT_S, "dataplane", dp, "chain", nf, "cpu_ghz", g(ghz), "frame_size",
                                        "" + fs);
                            }
                        }
                    }
                }
            }
            if (ids.contains("bottleneck")) {
                for (int q = 1; q <= 2; q++) {
                    for (int fs : SIZES) {
                        sw.add(THROUGHPUT_S, "dataplane", dp, "chain", "l3fwd", "cpu_ghz", "2.6", "frame_size", "" + fs,
                                "vnic_queues", "" + q);
                    }
                }
            }
            if (ids.contains("fig3")) {
                for (String chain : CHAINS) {
                    for (int fs : SIZES) {
                        sw.add(THROUGHPUT_S, "dataplane", dp, "chain", chain, "cpu_ghz", "2.6", "frame_size", "" + fs);
                    }
                }
            }
            if (ids.contains("fig5")) {
                for (double r : FIG5_MPPS) {
                    sw.add(fig5Duration(r), "dataplane", dp, "chain", "l3fwd", "cpu_ghz", "2.0", "frame_size", "128",
                            "rate", rate(r));
                }
            }
            if (ids.contains("fig6")) {
                for (String chain : FIG6_CHAINS) {
                    sw.add(LATENCY_S, "dataplane", dp, "chain", chain, "cpu_ghz", "2.0", "frame_size", "128", "rate",
                            "2");
                }
            }
            if (ids.contains("fbmix")) {
                for (double ghz : GHZ) {
                    for (int u : FB_UTILIZATION) {
                        sw.add(THROUGHPUT_S, "dataplane", dp, "chain", "l3fwd", "cpu_ghz", g(ghz), "mix", "fb-web",
                                "rate", fbRate(u));
                    }
                }
            }
        }
        if (ids.contains("fig4")) {
            for (int len = 2; len <= 3; len++) {
                for (String pl : new String[] {"same-socket", "cross-socket", "via-nic"}) {
                    for (int fs : SIZES) {
                        sw.add(THROUGHPUT_S, "dataplane", "bess", "chain", CHAINS[len - 1], "cpu_ghz", "2.6",
                                "frame_size", "" + fs, "placement", pl);
                    }
                }
            }
        }
    }

    private static String rate(double mpps) {
        return mpps == Math.rint(mpps) ? Integer.toString((int) mpps) : Double.toString(mpps);
    }

    // ------------------------------------------------------------------ tables

    private static Table build(String id, Sweep sw, Map<String, Double> published) {
        List<List<Object>> rows = new ArrayList<>();
        switch (id) {
            case "table1" -> {
                for (String dp : DATAPLANES) {
                    for (String nf : new String[] {"l3fwd", "firewall"}) {
                        for (double ghz : GHZ) {
                            double rx = sw.m(THROUGHPUT_S, "dataplane", dp, "chain", nf, "cpu_ghz", g(ghz),
                                    "frame_size", "64").rxMpps();
                            Double pub = published.get("table1." + dp + "." + nf + "." + g(ghz));
                            double p = pub == null ? Double.NaN : pub;
                            rows.add(List.of(dp, nf, ghz, rx, p, 100 * (rx - p) / p));
                        }
                    }
                }
                return new Table(id, List.of("dataplane", "nf", "cpu_ghz", "reproduced_mpps", "published_mpps",
                        "error_pct"), rows);
            }
            case "fig2" -> {
                for (String dp : DATAPLANES) {
                    for (String nf : new String[] {"l3fwd", "firewall"}) {
                        for (double ghz : GHZ) {
                            for (int fs : SIZES) {
                                Emulator.Measurement m = sw.m(THROUGHPUT_S, "dataplane", dp, "chain", nf, "cpu_ghz",
                                        g(ghz), "frame_size", "" + fs);
                                rows.add(List.of(dp, nf, ghz, fs, m.rxMpps(), m.rxGbpsL1(), lineRatePercent(m)));
                            }
                        }
                    }
                }
                return new Table(id, List.of("dataplane", "nf", "cpu_ghz", "frame_size", "rx_mpps", "rx_gbps_l1",
                        "line_rate_pct"), rows);
            }
            case "bottleneck" -> {
                for (String dp : DATAPLANES) {
                    for (int q = 1; q <= 2; q++) {
                        for (int fs : SIZES) {
                            Emulator.Measurement m = sw.m(THROUGHPUT_S, "dataplane", dp, "chain", "l3fwd", "cpu_ghz",
                                    "2.6", "frame_size", "" + fs, "vnic_queues", "" + q);
                            rows.add(List.of(dp, q, fs, m.rxMpps(), lineRatePercent(m)));
                        }
                    }
                }
                return new Table(id, List.of("dataplane", "vnic_queues", "frame_size", "rx_mpps", "line_rate_pct"),
                        rows);
            }
            case "fig3" -> {
                for (String dp : DATAPLANES) {
                    for (int len = 1; len <= 3; len++) {
                        for (int fs : SIZES) {
                            Emulator.Measurement m = sw.m(THROUGHPUT_S, "dataplane", dp, "chain", CHAINS[len - 1],
                                    "cpu_ghz", "2.6", "frame_size", "" + fs);
                            rows.add(List.of(dp, len, CHAINS[len - 1], fs, m.rxMpps(), lineRatePercent(m)));
                        }
                    }
                }
                return new Table(id, List.of("dataplane", "chain_length", "chain", "frame_size", "rx_mpps",
                        "line_rate_pct"), rows);
            }
            case "fig4" -> {
                for (int len = 2; len <= 3; len++) {
                    for (String pl : new String[] {"same-socket", "cross-socket", "via-nic"}) {
                        for (int fs : SIZES) {
                            Emulator.Measurement m = sw.m(THROUGHPUT_S, "dataplane", "bess", "chain", CHAINS[len - 1],
                                    "cpu_ghz", "2.6", "frame_size", "" + fs, "placement", pl);
                            rows.add(List.of("bess", len, pl, fs, m.rxMpps(), lineRatePercent(m)));
                        }
                    }
                }
                return new Table(id, List.of("dataplane", "chain_length", "placement", "frame_size", "rx_mpps",
                        "line_rate_pct"), rows);
            }
            case "fig5" -> {
                for (String dp : DATAPLANES) {
                    for (double r : FIG5_MPPS) {
                        Emulator.Measurement m = sw.m(fig5Duration(r), "dataplane", dp, "chain", "l3fwd", "cpu_ghz",
                                "2.0", "frame_size", "128", "rate", rate(r));
                        rows.add(List.of(dp, r, m.latMeanNs(), m.latP50Ns(), m.latP99Ns()));
                    }
                }
                return new Table(id, List.of("dataplane", "offered_mpps", "lat_mean_ns", "lat_p50_ns", "lat_p99_ns"),
                        rows);
            }
            case "fig6" -> {
                for (String dp : DATAPLANES) {
                    for (String chain : FIG6_CHAINS) {
                        Emulator.Measurement m = sw.m(LATENCY_S, "dataplane", dp, "chain", chain, "cpu_ghz", "2.0",
                                "frame_size", "128", "rate", "2");
                        List<Object> row = new ArrayList<>(List.of(dp, chain, m.latMeanNs()));
                        String largest = null;
                        double max = -1;
                        for (String c : COMPONENTS) {
                            double v = m.components().getOrDefault(c, 0.0);
                            row.add(v);
                            if (v > max) {
                                max = v;
                                largest = c;
                            }
                        }
                        row.add(largest);
                        rows.add(row);
                    }
                }
                List<String> cols = new ArrayList<>(List.of("dataplane", "chain", "lat_mean_ns"));
                for (String c : COMPONENTS) {
                    cols.add(c + "_ns");
                }
                cols.add("largest_component");
                return new Table(id, cols, rows);
            }
            case "fbmix" -> {
                for (String dp : DATAPLANES) {
                    for (double ghz : GHZ) {
                        for (int u : FB_UTILIZATION) {
                            Emulator.Measurement m = sw.m(THROUGHPUT_S, "dataplane", dp, "chain", "l3fwd", "cpu_ghz",
                                    g(ghz), "mix", "fb-web", "rate", fbRate(u));
                            rows.add(List.of(dp, ghz, u, m.txMpps(), m.rxMpps(), m.lossPercent()));
                        }
                    }
                }
                return new Table(id, List.of("dataplane", "cpu_ghz", "utilization_pct", "offered_mpps", "rx_mpps",
                        "loss_pct"), rows);
            }
            default -> throw new IllegalArgumentException("table must be one of " + IDS + ": " + id);
        }
    }

    private static double lineRatePercent(Emulator.Measurement m) {
        return 100 * m.rxMpps() / m.txMpps();
    }

    // ------------------------------------------------------------------ claims

    /** Finds rows of a table matching column=value pairs and returns a numeric column. */
    private static double value(Table t, String column, Object... match) {
        outer:
        for (int i = 0; i < t.rows().size(); i++) {
            for (int k = 0; k < match.length; k += 2) {
                Object v = t.get(i, (String) match[k]);
                Object want = match[k + 1];
                boolean same = v instanceof Number a && want instanceof Number b
                        ? a.doubleValue() == b.doubleValue() : String.valueOf(v).equals(String.valueOf(want));
                if (!same) {
                    continue outer;
                }
            }
            return ((Number) t.get(i, column)).doubleValue();
        }
        throw new IllegalStateException("no row of " + t.id() + " matches " + List.of(match));
    }

    private static List<Claim> claims(Map<String, Table> t, Sweep sw, Map<String, Double> pub) {
        List<Claim> c = new ArrayList<>();
        Table table1 = t.get("table1");
        if (table1 != null) {
            double maxErr = 0;
            for (int i = 0; i < table1.rows().size(); i++) {
                maxErr = Math.max(maxErr, Math.abs(((Number) table1.get(i, "error_pct")).doubleValue()));
            }
            c.add(new Claim("table1", "4.1", "Table 1: 64B throughput of L3FWD and firewall, 20 cells, within 3%",
                    "3", fmt(maxErr), "max_error_pct", Double.NaN, maxErr <= 3.0));
        }
        Table fig2 = t.get("fig2");
        if (fig2 != null) {
            double b = value(fig2, "line_rate_pct", "dataplane", "bess", "nf", "l3fwd", "cpu_ghz", 2.4, "frame_size", 128);
            c.add(bool("fig2.bess.linerate_min_size.2.4", "4.1", "BESS reaches 10G line rate with 128B at 2.4 GHz",
                    b, b >= LINE_RATE_REACHED_PCT));
            double k = value(fig2, "line_rate_pct", "dataplane", "clickos", "nf", "l3fwd", "cpu_ghz", 2.6, "frame_size",
                    256);
            c.add(bool("fig2.clickos.linerate_min_size.2.6", "4.1", "ClickOS reaches 10G line rate with 256B at 2.6 GHz",
                    k, k >= LINE_RATE_REACHED_PCT));
            double min = Double.MAX_VALUE;
            for (String dp : DATAPLANES) {
                for (int fs : SIZES) {
                    if (fs > 128) {
                        min = Math.min(min, value(fig2, "line_rate_pct", "dataplane", dp, "nf", "l3fwd", "cpu_ghz", 1.2,
                                "frame_size", fs));
                    }
                }
            }
            c.add(bool("fig2.both.linerate_above_128.1.2", "1",
                    "Both dataplanes reach line rate for frames >128B even at 1.2 GHz (lowest line_rate_pct)", min,
                    min >= LINE_RATE_REACHED_PCT));
            double max64 = Math.max(
                    value(fig2, "line_rate_pct", "dataplane", "bess", "nf", "l3fwd", "cpu_ghz", 2.6, "frame_size", 64),
                    value(fig2, "line_rate_pct", "dataplane", "clickos", "nf", "l3fwd", "cpu_ghz", 2.6, "frame_size", 64));
            c.add(new Claim("fig2.both.no_linerate_64.2.6", "4.1",
                    "Neither dataplane reaches line rate with 64B at 2.6 GHz (highest line_rate_pct)", "0", fmt(max64),
                    "line_rate_pct", Double.NaN, max64 < LINE_RATE_REACHED_PCT));
            for (String nf : new String[] {"l3fwd", "firewall"}) {
                String key = "clickos_orig." + nf + "_64";
                Double p = pub.get(key);
                if (p != null) {
                    double v = value(fig2, "rx_mpps", "dataplane", "clickos", "nf", nf, "cpu_ghz", 2.6, "frame_size", 64);
                    c.add(num(key, "4.1", "ClickOS " + nf + " 64B at 2.6 GHz is similar (within 30%) to the ClickOS paper",
                            p, v, "Mpps", 30));
                }
            }
        }
        Table fb = t.get("fbmix");
        if (fb != null) {
            double rx = value(fb, "rx_mpps", "dataplane", "bess", "cpu_ghz", 2.6, "utilization_pct", 100);
            c.add(num("fbmix.bess.offered_10g", "4.1", "BESS with the Facebook web mix offered at 10 Gb/s (2.6 GHz)",
                    pub.getOrDefault("fbmix.bess.offered_10g", 8.662), rx, "Mpps", 3));
            for (int u : new int[] {10, 20}) {
                String key = u == 10 ? "fbmix.median_util_low" : "fbmix.median_util_high";
                double offered = value(fb, "offered_mpps", "dataplane", "bess", "cpu_ghz", 1.2, "utilization_pct", u);
                double loss = Math.max(
                        value(fb, "loss_pct", "dataplane", "bess", "cpu_ghz", 1.2, "utilization_pct", u),
                        value(fb, "loss_pct", "dataplane", "clickos", "cpu_ghz", 1.2, "utilization_pct", u));
                Double p = pub.get(key);
                double pv = p == null ? Double.NaN : p;
                c.add(new Claim(key, "4.1", u + "% utilisation of the Facebook mix is handled by both at 1.2 GHz"
                        + " (offered Mpps; holds when no packet is lost)", fmt(pv), fmt(offered), "Mpps",
                        100 * (offered - pv) / pv, loss == 0 && Math.abs(offered - pv) / pv <= 0.03));
            }
        }
        Table bn = t.get("bottleneck");
        if (bn != null) {
            EmulatedRunner.Simulated s = sw.get(THROUGHPUT_S, "dataplane", "bess", "chain", "l3fwd", "cpu_ghz", "2.6",
                    "frame_size", "64", "vnic_queues", "1");
            Emulator.Measurement m = s.measurement();
            // drops at the VNF's vNIC0 ring, i.e. between pNIC0 and vNIC0, as a rate
            long lost = m.dropsByRole().getOrDefault("bess-vm l3fwd", 0L);
            double lostMpps = m.txMpps() * lost / s.result().txPackets();
            c.add(num("bottleneck.bess.pnic_vnic_loss", "4.2",
                    "About 5 Mpps of 64B packets are lost between pNIC0 and vNIC0 (BESS, 2.6 GHz)",
                    pub.getOrDefault("bottleneck.bess.pnic_vnic_loss", 5.0), lostMpps, "Mpps", 20));
            double min2 = Double.MAX_VALUE;
            for (int fs : SIZES) {
                min2 = Math.min(min2, value(bn, "line_rate_pct", "dataplane", "bess", "vnic_queues", 2, "frame_size", fs));
            }
            c.add(bool("bottleneck.bess.two_vnics", "4.2",
                    "With two vNIC queues BESS reaches line rate at every size (lowest line_rate_pct)", min2,
                    min2 >= LINE_RATE_REACHED_PCT));
            double maxGain = 0;
            for (int fs : SIZES) {
                double r1 = value(bn, "rx_mpps", "dataplane", "clickos", "vnic_queues", 1, "frame_size", fs);
                double r2 = value(bn, "rx_mpps", "dataplane", "clickos", "vnic_queues", 2, "frame_size", fs);
                maxGain = Math.max(maxGain, 100 * (r2 - r1) / r1);
            }
            c.add(new Claim("bottleneck.clickos.two_vnics", "4.2",
                    "Two vNIC queues do not help ClickOS (largest gain over sizes)", "0", fmt(maxGain), "gain_pct",
                    Double.NaN, maxGain < 2.0));
        }
        Table f3 = t.get("fig3");
        if (f3 != null) {
            double one = value(f3, "line_rate_pct", "dataplane", "clickos", "chain_length", 1, "frame_size", 256);
            c.add(bool("fig3.clickos.l3fwd_256", "4.3", "A ClickOS L3FWD reaches line rate with 256B", one,
                    one >= LINE_RATE_REACHED_PCT));
            double two = value(f3, "line_rate_pct", "dataplane", "clickos", "chain_length", 2, "frame_size", 256);
            c.add(new Claim("fig3.clickos.chain2_256", "4.3", "A ClickOS 2-NF chain does not reach line rate with 256B",
                    "0", fmt(two), "line_rate_pct", Double.NaN, two < LINE_RATE_REACHED_PCT));
            double three = value(f3, "line_rate_pct", "dataplane", "clickos", "chain_length", 3, "frame_size", 512);
            c.add(new Claim("fig3.clickos.chain3_512", "4.3",
                    "A ClickOS 3-NF chain does not reach line rate even with 512B", "0", fmt(three), "line_rate_pct",
                    Double.NaN, three < LINE_RATE_REACHED_PCT));
            double maxDiff = 0;
            boolean degraded = true;
            for (int fs : new int[] {64, 128}) {
                double a = value(f3, "rx_mpps", "dataplane", "bess", "chain_length", 2, "frame_size", fs);
                double b = value(f3, "rx_mpps", "dataplane", "bess", "chain_length", 3, "frame_size", fs);
                double solo = value(f3, "rx_mpps", "dataplane", "bess", "chain_length", 1, "frame_size", fs);
                maxDiff = Math.max(maxDiff, 100 * Math.abs(a - b) / a);
                degraded &= a <= solo * 1.001;
            }
            c.add(new Claim("fig3.bess.chain2_eq_chain3", "4.3",
                    "BESS 2-NF and 3-NF chains overlap at 64-128B, below the single NF (largest difference)", "0",
                    fmt(maxDiff), "diff_pct", Double.NaN, maxDiff <= 3.0 && degraded));
        }
        Table f4 = t.get("fig4");
        if (f4 != null) {
            double same = value(f4, "rx_mpps", "chain_length", 2, "placement", "same-socket", "frame_size", 64);
            double cross = value(f4, "rx_mpps", "chain_length", 2, "placement", "cross-socket", "frame_size", 64);
            double ratio = cross / same;
            c.add(new Claim("fig4.bess.cross_socket_2nf_64", "4.3",
                    "Cross-socket 2-NF BESS chain: 64B throughput cut by nearly half (ratio to same socket)",
                    fmt(pub.getOrDefault("fig4.bess.cross_socket_2nf_64", 0.5)), fmt(ratio), "ratio",
                    100 * (ratio - 0.5) / 0.5, ratio >= 0.4 && ratio <= 0.6));
            int smallest = Integer.MAX_VALUE;
            boolean below = true;
            for (int fs : SIZES) {
                double lr = value(f4, "line_rate_pct", "chain_length", 3, "placement", "cross-socket", "frame_size", fs);
                if (lr >= LINE_RATE_REACHED_PCT) {
                    smallest = Math.min(smallest, fs);
                } else if (smallest != Integer.MAX_VALUE) {
                    below = false;
                }
            }
            c.add(new Claim("fig4.bess.cross_socket_3nf_linerate", "4.3",
                    "Cross-socket 3-NF BESS chain reaches line rate only from 512B (smallest size at line rate)", "512",
                    smallest == Integer.MAX_VALUE ? "none" : Integer.toString(smallest), "frame_size", Double.NaN,
                    smallest == 512 && below));
            double minRatio = Double.MAX_VALUE;
            double maxRatio = 0;
            for (int fs : SIZES) {
                double s3 = value(f4, "rx_mpps", "chain_length", 3, "placement", "same-socket", "frame_size", fs);
                double v3 = value(f4, "rx_mpps", "chain_length", 3, "placement", "via-nic", "frame_size", fs);
                minRatio = Math.min(minRatio, v3 / s3);
                maxRatio = Math.max(maxRatio, v3 / s3);
            }
            c.add(new Claim("fig4.bess.via_nic_3nf", "4.3",
                    "3-NF BESS chain via NICs of two servers equals the same-socket chain (worst ratio over sizes)", "1",
                    fmt(Math.abs(1 - minRatio) > Math.abs(1 - maxRatio) ? minRatio : maxRatio), "ratio", Double.NaN,
                    minRatio >= 0.98 && maxRatio <= 1.02));
        }
        Table f5 = t.get("fig5");
        if (f5 != null) {
            double low = value(f5, "lat_mean_ns", "dataplane", "bess", "offered_mpps", 0.0001);
            double worst = 0;
            for (double r : FIG5_MPPS) {
                if (r >= 1) {
                    worst = Math.max(worst, value(f5, "lat_mean_ns", "dataplane", "bess", "offered_mpps", r));
                }
            }
            double ratio = low / worst;
            c.add(new Claim("fig5.bess.100pps_ratio", "5.1",
                    "BESS latency at 100 pps is an order of magnitude above every other rate (ratio to the highest)",
                    "10", fmt(ratio), "ratio", Double.NaN, ratio >= 10));
            double knee = Double.NaN;
            for (int i = 2; i < FIG5_MPPS.length; i++) {
                double prev = value(f5, "lat_mean_ns", "dataplane", "bess", "offered_mpps", FIG5_MPPS[i - 1]);
                double cur = value(f5, "lat_mean_ns", "dataplane", "bess", "offered_mpps", FIG5_MPPS[i]);
                if (cur > prev) {
                    knee = FIG5_MPPS[i];
                    break;
                }
            }
            c.add(new Claim("fig5.bess.knee", "5.1",
                    "BESS latency falls with rate, then rises from about 7 Mpps (first rate above its predecessor)",
                    "7", fmt(knee), "Mpps", 100 * (knee - 7) / 7, Math.abs(knee - 7) <= 1));
            boolean mono = true;
            for (int i = 2; i < FIG5_MPPS.length; i++) {
                double prev = value(f5, "lat_mean_ns", "dataplane", "clickos", "offered_mpps", FIG5_MPPS[i - 1]);
                double cur = value(f5, "lat_mean_ns", "dataplane", "clickos", "offered_mpps", FIG5_MPPS[i]);
                mono &= cur >= prev;
            }
            double l1 = value(f5, "lat_mean_ns", "dataplane", "clickos", "offered_mpps", 1);
            double l8 = value(f5, "lat_mean_ns", "dataplane", "clickos", "offered_mpps", 8);
            c.add(new Claim("fig5.clickos.monotonic", "5.1",
                    "ClickOS latency increases with the sending rate from 1 to 8 Mpps (8 Mpps over 1 Mpps)", "1",
                    fmt(l8 / l1), "ratio", Double.NaN, mono && l8 > l1));
        }
        Table f6 = t.get("fig6");
        if (f6 != null) {
            double chain = value(f6, "lat_mean_ns", "dataplane", "bess", "chain", "firewall+l3fwd") / 1000;
            double fw = value(f6, "lat_mean_ns", "dataplane", "bess", "chain", "firewall") / 1000;
            double l3 = value(f6, "lat_mean_ns", "dataplane", "bess", "chain", "l3fwd") / 1000;
            c.add(num("fig6.bess.chain2", "5.2", "BESS 2-NF chain latency (128B, 2 Mpps, 2.0 GHz)",
                    pub.getOrDefault("fig6.bess.chain2", 34.326), chain, "us", 5));
            c.add(num("fig6.bess.fw_plus_l3fwd", "5.2", "Firewall plus L3FWD latency measured alone (BESS)",
                    pub.getOrDefault("fig6.bess.fw_plus_l3fwd", 45.982), fw + l3, "us", 5));
            double cChain = value(f6, "lat_mean_ns", "dataplane", "clickos", "chain", "firewall+l3fwd") / 1000;
            double cSum = (value(f6, "lat_mean_ns", "dataplane", "clickos", "chain", "firewall")
                    + value(f6, "lat_mean_ns", "dataplane", "clickos", "chain", "l3fwd")) / 1000;
            c.add(new Claim("fig6.clickos.chain_above_sum", "5.2",
                    "ClickOS 2-NF chain latency exceeds the sum of its NFs alone (chain over sum)", "1",
                    fmt(cChain / cSum), "ratio", Double.NaN, cChain > cSum));
            int nf = 0;
            for (int i = 0; i < f6.rows().size(); i++) {
                if ("nf_processing".equals(f6.get(i, "largest_component"))) {
                    nf++;
                }
            }
            c.add(new Claim("fig6.largest_component", "5",
                    "NF processing is the largest latency component (rows where it is the largest, of all rows)",
                    "nf_processing", nf + "/" + f6.rows().size(), "rows", Double.NaN, nf == f6.rows().size()));
        }
        return c;
    }

    private static Claim bool(String key, String section, String claim, double lineRatePercent, boolean holds) {
        return new Claim(key, section, claim, "line rate", fmt(lineRatePercent), "line_rate_pct",
                Double.NaN, holds);
    }

    private static Claim num(String key, String section, String claim, double published, double reproduced,
                             String unit, double tolerancePercent) {
        double err = 100 * (reproduced - published) / published;
        return new Claim(key, section, claim + " (within " + fmt(tolerancePercent) + "%)", fmt(published),
                fmt(reproduced), unit, err, Math.abs(err) <= tolerancePercent);
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        // four decimals, without trailing zeros: 1.2, 2, 9.2963
        String s = String.format(Locale.ROOT, "%.4f", v);
        if (s.indexOf('.') >= 0) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        return s.equals("-0") ? "0" : s;
    }

    // ------------------------------------------------------------------ files

    private static void write(Path file, List<String> columns, List<List<Object>> rows) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
            p.printRecord(columns);
            for (List<Object> row : rows) {
                List<String> out = new ArrayList<>(row.size());
                for (Object o : row) {
                    out.add(o instanceof Double d ? fmt(d) : String.valueOf(o));
                }
                p.printRecord(out);
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Numeric values of {@code published.csv} by key, read through {@link PublishedNumbers}. */
    static Map<String, Double> loadPublished(Path file) throws IOException {
        Path p = file != null ? file : PublishedNumbers.locate().orElseThrow(() -> new NoSuchFileException(
                PublishedNumbers.RELATIVE_PATH, null, "the paper's numbers are needed for the comparison; run from the repository"));
        Map<String, Double> out = new LinkedHashMap<>();
        for (PublishedNumbers.Entry e : PublishedNumbers.load(p).entries()) {
            e.number().ifPresent(v -> out.put(e.key(), v));
        }
        return out;
    }
}
