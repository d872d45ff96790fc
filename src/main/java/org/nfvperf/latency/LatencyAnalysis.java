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
        private Path perPacket;
        private Path hgrmDir;

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
                throw new IllegalArgumentException("tap name must be non-empty: " + name);
            }
            if (names.contains(name)) {
                throw new IllegalArgumentException("tap names must be unique: " + name);
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
                throw new IllegalArgumentException("window must be > 0 ns: " + nanos);
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
                throw new IllegalArgumentException("skew must be >= 0 ns: " + nanos);
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

        /** Also keep percentiles per interval of this length (0: none). */
        public Builder interval(Duration interval) {
            return intervalNanos(interval.toNanos());
        }

        /** Interval length in ns, {@code >= 0} (0: none). */
        public Builder intervalNanos(long nanos) {
            if (nanos < 0) {
                throw new IllegalArgumentException("interval must be >= 0 ns: " + nanos);
            }
            this.intervalNanos = nanos;
            return this;
        }

        /** Writes one CSV line per packet (key and timestamp at each tap) to {@code file}. */
        public Builder perPacket(Path file) {
            this.perPacket = file;
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
                throw new IllegalArgumentException("taps must be >= 2 (one per capture point, in path order): " + n);
            }
            for (String o : offsets.keySet()) {
                if (!names.contains(o)) {
                    throw new IllegalArgumentException("offset must name a tap " + names + ": " + o);
                }
            }
            for (TapSpec s : specs) {
                if (s != null && (!Files.isRegularFile(s.file()) || !Files.isReadable(s.file()))) {
                    throw new org.nfvperf.util.InputException("tap " + s.name() + " (" + s.file() + "): "
                            + (!Files.exists(s.file()) ? "no such file"
                            : Files.isDirectory(s.file()) ? "is a directory, not a capture file" : "cannot be read"));
                }
            }
            long skew = skewNanos < 0 ? Math.min(DEFAULT_SKEW_NANOS, windowNanos) : skewNanos;
            if (skew > windowNanos) {
                throw new IllegalArgumentException("skew must be <= window (" + windowNanos + " ns): " + skew);
            }
            KeyExtractor extractor = resolve();
            String keyText = extractor != null ? extractor.description()
                    : key instanceof Key.Auto ? "seq" : key.toString();
            boolean sequence = extractor != null ? extractor.isSequence() : !(key instanceof Key.Hash);
            TapStream[] s = new TapStream[n];
            long[] off = new long[n];
            List<String> warnings = new ArrayList<>();
            PerPacketCsv csv = null;
            try {
                for (int i = 0; i < n; i++) {
                    off[i] = offsets.getOrDefault(names.get(i), 0L);
                    if (streams.get(i) != null) {
                        s[i] = streams.get(i);
                    } else {
                        TapSpec spec = specs.get(i);
                        if (extractor == null) {
                            throw new IllegalArgumentException("key must be seq or hash when the first tap is a"
                                    + " stream and tap " + spec.name() + " is a file: auto");
                        }
                        KeyExtractor x = KeyExtractor.copyOf(extractor);
                        s[i] = new PrefetchingTapStream(spec.name(),
                                CaptureTapStream.open(spec.name(), spec.file(), spec.iface(), x));
                    }
                }
                if (perPacket != null) {
                    csv = new PerPacketCsv(perPacket, names, sequence);
                }
                Matcher m = new Matcher(s, off, windowNanos, skew, intervalNanos, sequence, csv);
                m.run();
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
                if (r.duplicates > 0) {
                    warnings.add("tap " + names.get(i) + ": " + r.duplicates + " packets repeat an identity that was"
                            + " still pending; matched in order of occurrence (see ambiguous)");
                }
                taps.add(new TapSummary(names.get(i), spec == null ? null : spec.file().toString(),
                        spec == null || spec.iface() < 0 ? null : spec.iface(), r.packets, r.keyed, r.skipped,
                        r.duplicates, i == 0 && !sequence ? null : r.reordered,
                        i == 0 || Double.isNaN(r.jitter) ? null : r.jitter, off[i],
                        r.firstNanos == Matcher.NONE ? null : r.firstNanos,
                        r.lastNanos == Matcher.NONE ? null : r.lastNanos));
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
                if (sum.unexpected() > 0 && sum.lost() > 0) {
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
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, java.nio.charset.StandardCharsets.US_ASCII)) {
            stats.histogram().outputPercentileDistribution(out, 5, 1000.0);
        }
    }
}
