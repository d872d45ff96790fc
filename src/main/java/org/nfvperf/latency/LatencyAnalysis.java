package org.nfvperf.latency;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nfvperf.util.OutputFiles;
import org.nfvperf.util.UsageException;

/**
 * Entry point of the latency engine: match the same packets across captures taken at several
 * points of a path (in path order) and break their one-way delay down per segment.
 *
 * <p>Defaults: {@code --key auto}, a window of 1 s (a packet not seen at the next tap within 1 s
 * is lost), a skew tolerance of 10 ms (delays down to −10 ms still match: clock offsets), no clock
 * offsets, no per-interval statistics. Offsets are added to a tap's timestamps
 * (give {@code -1500} if its clock runs 1.5 µs ahead). A builder is used once, by one thread.
 *
 * <pre>{@code
 * LatencyBreakdown b = LatencyAnalysis.builder()
 *         .tap("pnic0", Path.of("tap-pnic0.pcap"))
 *         .tap("vnic0", Path.of("tap-all.pcapng"), 1)
 *         .key(Key.auto())
 *         .window(Duration.ofMillis(100))
 *         .interval(Duration.ofMillis(100))
 *         .run();
 * long p99 = b.endToEnd().summary().p99Nanos();
 * }</pre>
 */
public final class LatencyAnalysis {
    /** Default skew tolerance: 10 ms. */
    public static final long DEFAULT_SKEW_NANOS = 10_000_000L;

    private LatencyAnalysis() {
    }

    /** A new analysis. */
    public static Builder builder() {
        return new Builder();
    }

    /** Options of one analysis. */
    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<TapSpec> specs = new ArrayList<>();
        private final List<TapStream> streams = new ArrayList<>();
        private final Map<String, Long> offsets = new LinkedHashMap<>();
        private Key key = Key.auto();
        private long windowNanos = 1_000_000_000L;
        private long skewNanos = -1;
        private long intervalNanos;
        private PacketSink.Factory perPacket;
        /** The per-packet file when it is a path, to refuse one that is also an input. */
        private Path perPacketFile;
        private Path hgrmDir;
        private boolean offsetAuto;
        private Long[] offsetUncertainty;
        private String[] offsetMethod;

        private Builder() {
        }

        /** Adds the next tap along the path: every packet of a capture file. */
        public Builder tap(String name, Path file) {
            return tap(new TapSpec(name, file, -1));
        }

        /** Adds the next tap: interface {@code iface} of a pcapng file. */
        public Builder tap(String name, Path file, int iface) {
            return tap(new TapSpec(name, file, iface));
        }

        /** Adds the next tap. */
        public Builder tap(TapSpec spec) {
            addName(spec.name());
            specs.add(spec);
            streams.add(null);
            return this;
        }

        /**
         * Adds the next tap as a ready stream of identities (its keys must follow the same rule as
         * the other taps'); with such taps {@code auto} means "sequence numbers".
         */
        public Builder tap(String name, TapStream stream) {
            addName(name);
            specs.add(null);
            streams.add(stream);
            return this;
        }

        private void addName(String name) {
            if (name == null || name.isBlank()) {
                throw new UsageException("tap name must be non-empty: " + name);
            }
            if (names.contains(name)) {
                throw new UsageException("tap names must be unique: " + name);
            }
            names.add(name);
        }

        /** How packets are identified (default {@link Key#auto()}). */
        public Builder key(Key key) {
            this.key = java.util.Objects.requireNonNull(key, "key");
            return this;
        }

        /** Matching window (default 1 s). */
        public Builder window(Duration window) {
            return windowNanos(window.toNanos());
        }

        /** Matching window in ns, > 0. */
        public Builder windowNanos(long nanos) {
            if (nanos <= 0) {
                throw new UsageException("window must be > 0 ns: " + nanos);
            }
            this.windowNanos = nanos;
            return this;
        }

        /**
         * Skew tolerance: the most negative one-way delay that is still matched (default
         * {@link #DEFAULT_SKEW_NANOS} or the window if shorter). Packets wait in memory for about
         * rate × (skew + delay); a larger skew tolerates worse clocks at the price of memory.
         */
        public Builder skewNanos(long nanos) {
            if (nanos < 0) {
                throw new UsageException("skew must be >= 0 ns: " + nanos);
            }
            this.skewNanos = nanos;
            return this;
        }

        /** Like {@link #skewNanos(long)}. */
        public Builder skew(Duration skew) {
            return skewNanos(skew.toNanos());
        }

        /** Adds {@code nanos} to every timestamp of tap {@code name}. */
        public Builder offsetNanos(String name, long nanos) {
            offsets.put(name, nanos);
            return this;
        }

        /** Adds {@code offset} to every timestamp of tap {@code name}. */
        public Builder offset(String name, Duration offset) {
            return offsetNanos(name, offset.toNanos());
        }

        /**
         * Estimates the clock offset of every tap after the first from the traffic itself
         * ({@code --offset auto}), for taps that see both directions (request/response, or a loop
         * back): per pair of neighbouring taps, the packets of each direction are matched with a skew
         * as wide as the window, and the offset lies between the largest delay of the direction
         * that goes upstream and the smallest of the one that goes downstream (NTP's bound from
         * minimum one-way delays); the midpoint is applied, half the width is the uncertainty.
         * Where only one direction is seen, the tap keeps its given offset (a warning says so).
         * Needs capture files (the direction comes from the addresses and ports).
         */
        public Builder offsetAuto(boolean auto) {
            this.offsetAuto = auto;
            return this;
        }

        /** Also keep percentiles per interval of this length (0: none). */
        public Builder interval(Duration interval) {
            return intervalNanos(interval.toNanos());
        }

        /** Interval length in ns, {@code >= 0} (0: none). */
        public Builder intervalNanos(long nanos) {
            if (nanos < 0) {
                throw new UsageException("interval must be >= 0 ns: " + nanos);
            }
            this.intervalNanos = nanos;
            return this;
        }

        /** Writes one CSV line per packet (key and timestamp at each tap) to {@code file}. */
        public Builder perPacket(Path file) {
            this.perPacket = file == null ? null : (taps, sequence) -> new PerPacketCsv(file, taps, sequence);
            this.perPacketFile = file;
            return this;
        }

        /** Hands every packet to the sink {@code factory} opens (e.g. a Parquet writer); closed at the end. */
        public Builder perPacket(PacketSink.Factory factory) {
            this.perPacket = factory;
            return this;
        }

        /** Writes HdrHistogram percentile distributions (µs) per segment and end to end into {@code dir}. */
        public Builder hgrm(Path dir) {
            this.hgrmDir = dir;
            return this;
        }

        /**
         * Runs the analysis.
         *
         * @throws org.nfvperf.util.InputException for unusable taps (one line naming tap and file)
         * @throws IllegalArgumentException        for inconsistent options
         */
        public LatencyBreakdown run() throws IOException {
            int n = names.size();
            if (n < 2) {
                throw new UsageException("taps must be >= 2 (one per capture point, in path order): " + n);
            }
            for (String o : offsets.keySet()) {
                if (!names.contains(o)) {
                    throw new UsageException("offset must name a tap " + names + ": " + o);
                }
            }
            for (TapSpec s : specs) {
                if (s != null && (!Files.isRegularFile(s.file()) || !Files.isReadable(s.file()))) {
                    throw new org.nfvperf.util.InputException("tap " + s.name() + " (" + s.file() + "): "
                            + (!Files.exists(s.file()) ? "no such file"
                            : Files.isDirectory(s.file()) ? "is a directory, not a capture file" : "cannot be read"));
                }
            }
            checkOutputs();
            long skew = skewNanos < 0 ? Math.min(DEFAULT_SKEW_NANOS, windowNanos) : skewNanos;
            if (skew > windowNanos) {
                throw new UsageException("skew must be <= window (" + windowNanos + " ns): " + skew);
            }
            KeyExtractor extractor = resolve();
            List<String> autoWarnings = new ArrayList<>();
            if (offsetAuto) {
                estimateOffsets(extractor, autoWarnings);
            }
            String keyText = extractor != null ? extractor.description()
                    : key instanceof Key.Auto ? "seq" : key.toString();
            boolean sequence = extractor != null ? extractor.isSequence() : !(key instanceof Key.Hash);
            int sequenceBits = extractor != null ? extractor.sequenceBits()
                    : key instanceof Key.Sequence q ? Math.min(64, q.length() * 8) : 64;
            TapStream[] s = new TapStream[n];
            long[] off = new long[n];
            List<String> warnings = new ArrayList<>(autoWarnings);
            PacketSink csv = null;
            try {
                for (int i = 0; i < n; i++) {
                    off[i] = offsets.getOrDefault(names.get(i), 0L);
                    if (streams.get(i) != null) {
                        s[i] = streams.get(i);
                    } else {
                        TapSpec spec = specs.get(i);
                        if (extractor == null) {
                            throw new UsageException("key must be seq or hash when the first tap is a"
                                    + " stream and tap " + spec.name() + " is a file: auto");
                        }
                        KeyExtractor x = KeyExtractor.copyOf(extractor);
                        s[i] = new PrefetchingTapStream(spec.name(),
                                CaptureTapStream.open(spec.name(), spec.file(), spec.iface(), x));
                    }
                }
                if (perPacket != null) {
                    csv = perPacket.open(List.copyOf(names), sequence);
                }
                Matcher m = new Matcher(s, off, windowNanos, skew, intervalNanos, sequence, sequenceBits, csv);
                try {
                    m.run();
                } catch (OutOfMemoryError e) {
                    throw outOfMemory(m, skew);
                }
                return finish(m, keyText, s, off, warnings, sequence, skew);
            } finally {
                if (csv != null) {
                    csv.close();
                }
                for (TapStream t : s) {
                    if (t != null) {
                        t.close();
                    }
                }
            }
        }

        /** Refuses outputs that would overwrite a tap's capture, before anything is opened. */
        private void checkOutputs() {
            List<Path> inputs = new ArrayList<>();
            for (TapSpec t : specs) {
                if (t != null) {
                    inputs.add(t.file());
                }
            }
            OutputFiles.requireDistinct(perPacketFile, "--per-packet", inputs);
            if (hgrmDir != null) {
                OutputFiles.requireDistinct(hgrmDir, "--hgrm", inputs);
                if (Files.exists(hgrmDir) && !Files.isDirectory(hgrmDir)) {
                    throw new UsageException("--hgrm must be a folder: " + hgrmDir + " is a file");
                }
            }
        }

        /**
         * The one-line report of a heap that ran out while matching: the rate seen so far, the
         * window and skew, and what to change. The matcher's state is released before it is built.
         */
        private org.nfvperf.util.InputException outOfMemory(Matcher m, long skew) {
            Matcher.TapResult first = m.taps[0];
            long keyed = first.keyed;
            long span = first.firstNanos == Matcher.NONE ? 0 : first.lastNanos - first.firstNanos;
            long pendingRecords = m.pendingNow();
            m.releaseMemory();
            String rate = span > 0 ? String.format(java.util.Locale.ROOT, "%.2f Mpps", keyed * 1e3 / span)
                    : "an unknown rate";
            long heapMb = Runtime.getRuntime().maxMemory() >> 20;
            return new org.nfvperf.util.InputException(String.format(java.util.Locale.ROOT,
                    "out of memory matching %s (%d packets read at tap %s, %d pending) with --window %s and --skew %s"
                            + " in a heap of %d MB: give a shorter --window or --skew, or more heap"
                            + " (JAVA_OPTS=-Xmx%dm ./nfvperf latency ...)",
                    rate, keyed, names.get(0), pendingRecords, formatNanos(windowNanos), formatNanos(skew), heapMb,
                    Math.max(512, heapMb * 2)));
        }

        private static String formatNanos(long ns) {
            if (ns % 1_000_000_000L == 0) {
                return ns / 1_000_000_000L + "s";
            }
            if (ns % 1_000_000L == 0) {
                return ns / 1_000_000L + "ms";
            }
            if (ns % 1_000L == 0) {
                return ns / 1_000L + "us";
            }
            return ns + "ns";
        }

        /**
         * {@link #offsetAuto}: fills {@link #offsets} for taps 1..n-1 (chained: each relative to the
         * tap before, whose offset is already decided) and the uncertainty and method per tap.
         */
        private void estimateOffsets(KeyExtractor extractor, List<String> warnings) throws IOException {
            int n = names.size();
            offsetUncertainty = new Long[n];
            offsetMethod = new String[n];
            if (extractor == null || specs.contains(null)) {
                throw new IllegalArgumentException("offset auto needs capture files for every tap (the direction of"
                        + " a packet comes from its addresses): a tap is a stream");
            }
            offsetMethod[0] = "reference";
            offsetUncertainty[0] = 0L;
            for (int i = 1; i < n; i++) {
                String a = names.get(i - 1);
                String b = names.get(i);
                // delays b - a per direction (top bit of the key): count, min, max, sum
                long[][] st = {{0, Long.MAX_VALUE, Long.MIN_VALUE, 0}, {0, Long.MAX_VALUE, Long.MIN_VALUE, 0}};
                TapStream[] pair = new TapStream[2];
                try {
                    for (int k = 0; k < 2; k++) {
                        TapSpec spec = specs.get(i - 1 + k);
                        pair[k] = new PrefetchingTapStream(spec.name(), CaptureTapStream.open(spec.name(), spec.file(),
                                spec.iface(), KeyExtractor.copyOf(extractor).withDirection()));
                    }
                    Matcher m = new Matcher(pair, new long[2], windowNanos, windowNanos, 0, false, (key, ts) -> {
                        if (ts[0] != Matcher.NONE && ts[1] != Matcher.NONE) {
                            long[] c = st[key < 0 ? 1 : 0];
                            long d = ts[1] - ts[0];
                            c[0]++;
                            c[1] = Math.min(c[1], d);
                            c[2] = Math.max(c[2], d);
                            c[3] += d / 1024;   // the mean only orders the directions
                        }
                    });
                    m.run();
                } finally {
                    for (TapStream t : pair) {
                        if (t != null) {
                            t.close();
                        }
                    }
                }
                long base = offsets.getOrDefault(a, 0L);
                if (st[0][0] == 0 || st[1][0] == 0) {
                    offsetMethod[i] = "none: one direction only";
                    warnings.add("tap " + b + ": --offset auto needs traffic in both directions between " + a + " and "
                            + b + ", found " + (st[0][0] + st[1][0]) + " packets in one direction only; its clock is"
                            + " left as it is (offset " + offsets.getOrDefault(b, 0L) + " ns)");
                    continue;
                }
                // downstream (a -> b): the larger mean delay; the offset of b's clock lies in [max up, min down]
                int down = (double) st[0][3] / st[0][0] >= (double) st[1][3] / st[1][0] ? 0 : 1;
                long hi = st[down][1];
                long lo = st[1 - down][2];
                long estimate = Math.floorDiv(lo, 2) + Math.floorDiv(hi, 2) + ((lo & 1) + (hi & 1)) / 2;
                long uncertainty = Math.abs(Math.floorDiv(hi, 2) - Math.floorDiv(lo, 2));
                offsets.put(b, base - estimate);
                offsetUncertainty[i] = uncertainty;
                offsetMethod[i] = "ntp-min-delay: " + st[down][0] + " packets " + a + "->" + b + ", "
                        + st[1 - down][0] + " " + b + "->" + a;
                if (lo > hi) {
                    warnings.add("tap " + b + ": --offset auto: the delays of the two directions overlap (largest "
                            + b + "->" + a + " " + lo + " ns > smallest " + a + "->" + b + " " + hi + " ns); the"
                            + " paths are not symmetric enough for an estimate better than +-" + uncertainty + " ns");
                }
            }
        }

        private KeyExtractor resolve() throws IOException {
            if (!(key instanceof Key.Auto)) {
                return KeyExtractor.of(key);
            }
            if (specs.get(0) == null) {
                return null;
            }
            return CaptureTapStream.detect(specs.get(0).file(), specs.get(0).iface());
        }

        private LatencyBreakdown finish(Matcher m, String keyText, TapStream[] s, long[] off, List<String> warnings,
                                        boolean sequence, long skew) throws IOException {
            int n = names.size();
            List<TapSummary> taps = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Matcher.TapResult r = m.taps[i];
                TapSpec spec = specs.get(i);
                if (s[i] instanceof PrefetchingTapStream pf && pf.source() instanceof CaptureTapStream c) {
                    for (String w : c.warnings()) {
                        warnings.add("tap " + names.get(i) + ": " + w);
                    }
                }
                if (r.regressions > 0) {
                    warnings.add("tap " + names.get(i) + ": capture not in timestamp order: " + r.regressions
                            + " packets have an earlier timestamp than the one before them (first: packet "
                            + (r.firstRegressionIndex + 1) + " with an identity, " + r.firstRegressionNanos
                            + " ns back; largest: packet " + (r.largestRegressionIndex + 1) + ", "
                            + Long.toUnsignedString(r.largestRegressionNanos) + " ns back); sort it (e.g. reordercap)"
                            + " if delays look wrong");
                }
                if (r.outliers > 0) {
                    StringBuilder ex = new StringBuilder();
                    for (long[] o : r.outlierExamples) {
                        ex.append(ex.length() == 0 ? "" : "; ").append("packet ").append(o[0] + 1)
                                .append(" at ").append(o[1]).append(" ns, ")
                                .append(o[2] == Matcher.NONE ? "first packet" : (o[1] - o[2]) + " ns from the one before");
                    }
                    warnings.add("tap " + names.get(i) + ": " + r.outliers + " packets with a timestamp more than the"
                            + " window (" + windowNanos + " ns) away from both neighbours were not matched (a fault of"
                            + " the capture's timestamps, not of the clocks): " + ex);
                }
                if (r.duplicates > 0) {
                    warnings.add("tap " + names.get(i) + ": " + r.duplicates + " packets repeat an identity that was"
                            + " still pending; matched in order of occurrence (see ambiguous)");
                }
                taps.add(new TapSummary(names.get(i), spec == null ? null : spec.file().toString(),
                        spec == null || spec.iface() < 0 ? null : spec.iface(), r.packets, r.keyed, r.skipped,
                        r.duplicates, i == 0 && !sequence ? null : r.reordered,
                        i == 0 || Double.isNaN(r.jitter) ? null : r.jitter, off[i],
                        r.firstNanos == Matcher.NONE ? null : r.firstNanos,
                        r.lastNanos == Matcher.NONE ? null : r.lastNanos,
                        offsetUncertainty == null ? null : offsetUncertainty[i],
                        offsetMethod == null ? null : offsetMethod[i],
                        r.regressions == 0 ? null : r.regressions, r.outliers == 0 ? null : r.outliers));
            }
            List<LatencyBreakdown.Segment> segs = new ArrayList<>();
            for (int i = 0; i < n - 1; i++) {
                LatencySummary sum = m.segments[i].summary();
                String a = names.get(i);
                String b = names.get(i + 1);
                if (sum.negative() > 0) {
                    warnings.add("segment " + a + " -> " + b + ": " + sum.negative() + " negative delays (min "
                            + sum.minNanos() + " ns): the clocks of the taps disagree; correct them with --offset "
                            + b + "=NS");
                }
                boolean disordered = m.taps[i].regressions + m.taps[i].outliers + m.taps[i + 1].regressions
                        + m.taps[i + 1].outliers > 0;
                if (sum.unexpected() > 0 && sum.lost() > 0 && disordered) {
                    warnings.add("segment " + a + " -> " + b + ": " + sum.lost() + " packets lost and " + sum.unexpected()
                            + " seen at " + b + " without partner; a capture of this segment is not in timestamp"
                            + " order (see the tap's warning), which can cause this as well as clocks that differ");
                } else if (sum.unexpected() > 0 && sum.lost() > 0) {
                    warnings.add("segment " + a + " -> " + b + ": " + sum.lost() + " packets lost and " + sum.unexpected()
                            + " seen at " + b + " without partner; if the clocks differ by more than the skew"
                            + " tolerance (" + skew + " ns) or the delay exceeds the window (" + windowNanos
                            + " ns), use --offset, --skew or --window");
                }
                if (sum.matched() == 0) {
                    warnings.add("segment " + a + " -> " + b + ": no packet of " + a + " was found at " + b
                            + " within the window; check the tap order, the key (" + keyText + ") and --offset");
                }
                segs.add(new LatencyBreakdown.Segment(a, b, m.segments[i]));
            }
            LatencyBreakdown result = new LatencyBreakdown(keyText, taps, segs, m.endToEnd, warnings);
            if (hgrmDir != null) {
                writeHgrm(result, hgrmDir);
            }
            return result;
        }
    }

    /**
     * Writes {@code FROM_TO.hgrm} per segment and {@code end_to_end.hgrm} into {@code dir}: the
     * HdrHistogram percentile distribution in µs (5 ticks per half-distance), the format that
     * HdrHistogram's plotter reads.
     */
    public static void writeHgrm(LatencyBreakdown b, Path dir) throws IOException {
        Files.createDirectories(dir);
        Set<String> used = new HashSet<>();
        for (LatencyBreakdown.Segment s : b.segments()) {
            writeOne(s.stats(), dir.resolve(unique(used, safe(s.from()) + "_" + safe(s.to())) + ".hgrm"));
        }
        writeOne(b.endToEnd(), dir.resolve("end_to_end.hgrm"));
    }

    private static String unique(Set<String> used, String base) {
        String name = base;
        for (int i = 2; !used.add(name); i++) {
            name = base + "-" + i;
        }
        return name;
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static void writeOne(LatencyStats stats, Path file) throws IOException {
        OutputFiles.write(file, os -> {
            PrintStream out = new PrintStream(os, false, java.nio.charset.StandardCharsets.US_ASCII);
            stats.histogram().outputPercentileDistribution(out, 5, 1000.0);
            out.flush();
        });
    }
}
