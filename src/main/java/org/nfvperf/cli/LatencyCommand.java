package org.nfvperf.cli;

import org.nfvperf.util.Numbers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nfvperf.latency.Key;
import org.nfvperf.latency.LatencyAnalysis;
import org.nfvperf.latency.LatencyBreakdown;
import org.nfvperf.latency.LatencySummary;
import org.nfvperf.latency.TapSpec;
import org.nfvperf.latency.TapSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import org.nfvperf.util.UsageException;

/**
 * {@code nfvperf latency}: match the same packets across captures taken along a path and print the
 * per-segment and end-to-end delay statistics (text, {@code --json} or {@code --csv}). Thin: all
 * logic is in {@link LatencyAnalysis}.
 *
 * <pre>{@code
 * ./nfvperf latency --tap in=tap-in.pcap --tap out=tap-out.pcap --key hash --window 100ms --json
 * }</pre>
 */
@Command(name = "latency", mixinStandardHelpOptions = true,
        description = {"Match the same packets across captures taken at several points of a path (in path order) "
                + "and break the one-way delay down per segment (tap i -> tap i+1) and end to end.",
                "Warnings (negative delays, truncated captures) go to stderr and into the JSON."})
public final class LatencyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--tap", required = true, paramLabel = "NAME=FILE[#IFACE]",
            description = "A capture point, in path order (at least two); #IFACE picks one interface of a pcapng.")
    List<String> taps = new ArrayList<>();

    @Option(names = "--key", defaultValue = "auto", paramLabel = "auto|seq:OFFSET[:LEN]|hash",
            description = "Packet identity (default ${DEFAULT-VALUE}): seq reads an unsigned big-endian number of LEN "
                    + "bytes (default 8) at OFFSET in the UDP/TCP payload; hash hashes the fields a dataplane does "
                    + "not rewrite; auto picks seq:4:6 for nfvperf probe headers, seq:4:4 for Linux pktgen, else hash.")
    String key;

    @Option(names = "--window", defaultValue = "1s", paramLabel = "DUR",
            description = "A packet not seen at the next tap within DUR is lost (default ${DEFAULT-VALUE}); "
                    + "units ns, us, ms, s, min; a bare number is seconds.")
    String window;

    @Option(names = "--skew", paramLabel = "DUR",
            description = "Most negative delay still matched, for taps whose clocks disagree (default 10ms, at most "
                    + "the window). Memory grows with rate x skew.")
    String skew;

    @Option(names = "--offset", paramLabel = "NAME=NS|auto",
            description = "Add NS nanoseconds to every timestamp of tap NAME (clock correction); repeatable. "
                    + "'auto' estimates every tap's offset from traffic seen in both directions (JSON offset_ns, "
                    + "offset_uncertainty_ns, offset_method).")
    List<String> offsets = new ArrayList<>();

    @Option(names = "--interval", paramLabel = "DUR",
            description = "Also report percentiles per interval of DUR (by upstream time), e.g. 100ms.")
    String interval;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--csv", description = "Print CSV: one row per segment and one end_to_end row.")
    boolean csv;

    @Option(names = "--per-packet", paramLabel = "FILE",
            description = "Write one CSV line per packet: key and the timestamp (ns) at each tap; a FILE ending in "
                    + ".parquet gets Parquet instead, one row per packet and segment (see README, Results at scale).")
    Path perPacket;

    @Option(names = "--hgrm", paramLabel = "DIR",
            description = "Write HdrHistogram percentile distributions (us) per segment and end to end into DIR.")
    Path hgrm;

    @Override
    public Integer call() throws Exception {
        if (json && csv) {
            throw new UsageException("output must be one of --json or --csv: both given");
        }
        if (taps.size() < 2) {
            throw new UsageException("--tap must be given at least twice (one per capture point, in path "
                    + "order): " + taps.size());
        }
        LatencyAnalysis.Builder b = LatencyAnalysis.builder()
                .key(Key.parse(key))
                .windowNanos(parseDuration("window", window))
                .intervalNanos(interval == null ? 0 : parseDuration("interval", interval));
        if (skew != null) {
            b.skewNanos(parseDuration("skew", skew));
        }
        for (String t : taps) {
            b.tap(TapSpec.parse(t));
        }
        for (String o : offsets) {
            if (o.equals("auto")) {
                b.offsetAuto(true);
                continue;
            }
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("offset must be NAME=NS: " + o);
            }
            try {
                b.offsetNanos(o.substring(0, eq), Long.parseLong(o.substring(eq + 1).trim()));
            } catch (NumberFormatException e) {
                throw new UsageException("offset must be NAME=NS with NS an integer number of ns: " + o);
            }
        }
        if (perPacket != null && perPacket.getFileName().toString().endsWith(".parquet")) {
            b.perPacket(org.nfvperf.results.PerPacketParquet.factory(perPacket, null));
        } else if (perPacket != null) {
            b.perPacket(perPacket);
        }
        if (hgrm != null) {
            b.hgrm(hgrm);
        }
        LatencyBreakdown r = b.run();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (String w : r.warnings()) {
            err.println("nfvperf: warning: " + w);
        }
        err.flush();
        if (json) {
            out.println(r.toJson());
        } else if (csv) {
            printCsv(out, r);
        } else {
            printText(out, r);
        }
        out.flush();
        return 0;
    }

    /**
     * Parses a duration such as {@code 1s}, {@code 100ms}, {@code 2.5us}, {@code 250ns} into ns.
     *
     * @throws IllegalArgumentException naming the option and the accepted form
     */
    static long parseDuration(String name, String text) {
        try {
            return org.nfvperf.experiment.Durations.nanos(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + name + ": " + e.getMessage());
        }
    }

    private static final String[] COLUMNS = {"matched", "lost", "negative", "min_ns", "mean_ns", "stddev_ns", "p50_ns",
        "p90_ns", "p99_ns", "p999_ns", "max_ns", "ambiguous", "unexpected", "truncated", "loss_pct"};

    private static Object[] values(LatencySummary s) {
        return new Object[] {s.matched(), s.lost(), s.negative(), s.minNanos(), fmt(s.meanNanos()),
            fmt(s.stddevNanos()), s.p50Nanos(), s.p90Nanos(), s.p99Nanos(), s.p999Nanos(), s.maxNanos(), s.ambiguous(),
            s.unexpected(), s.truncated(), fmt(s.lossPercent())};
    }

    /** A mean, deviation or percentage in the CSV: 3 decimals, written as every CSV number is. */
    private static String fmt(double v) {
        return Numbers.csv(v, 3);
    }

    private static void printCsv(PrintWriter out, LatencyBreakdown r) {
        out.println("segment,from,to," + String.join(",", COLUMNS));
        for (LatencyBreakdown.Segment s : r.segments()) {
            row(out, s.from() + "->" + s.to(), s.from(), s.to(), s.stats().summary());
        }
        row(out, "end_to_end", r.taps().get(0).name(), r.taps().get(r.taps().size() - 1).name(),
                r.endToEnd().summary());
    }

    private static void row(PrintWriter out, String seg, String from, String to, LatencySummary s) {
        StringBuilder b = new StringBuilder().append(seg).append(',').append(from).append(',').append(to);
        for (Object v : values(s)) {
            b.append(',').append(v);
        }
        out.println(b);
    }

    private static void printText(PrintWriter out, LatencyBreakdown r) {
        out.println("key: " + r.key());
        for (TapSummary t : r.taps()) {
            out.printf(Locale.ROOT, "tap %-12s %10d packets %10d with identity%s%s%n", t.name(), t.packets(), t.keyed(),
                    t.reordered() == null ? "" : "  reordered " + t.reordered(),
                    t.jitterNanos() == null ? "" : String.format(Locale.ROOT, "  jitter %.1f ns", t.jitterNanos()));
        }
        out.printf(Locale.ROOT, "%-28s %10s %8s %8s %12s %12s %12s %12s %12s %12s%n", "segment", "matched", "lost",
                "negative", "min_us", "mean_us", "p50_us", "p99_us", "p99.9_us", "max_us");
        for (LatencyBreakdown.Segment s : r.segments()) {
            text(out, s.from() + " -> " + s.to(), s.stats().summary());
        }
        text(out, "end to end", r.endToEnd().summary());
    }

    private static void text(PrintWriter out, String name, LatencySummary s) {
        out.printf(Locale.ROOT, "%-28s %10d %8d %8d %12.3f %12.3f %12.3f %12.3f %12.3f %12.3f%n", name, s.matched(),
                s.lost(), s.negative(), s.minNanos() / 1e3, s.meanNanos() / 1e3, s.p50Nanos() / 1e3, s.p99Nanos() / 1e3,
                s.p999Nanos() / 1e3, s.maxNanos() / 1e3);
    }
}
