package org.nfvperf.latency;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nfvperf.util.JsonText;

/**
 * The result of a latency analysis: the taps in path order, one {@link Segment} per pair of
 * consecutive taps and the end-to-end statistics (first → last tap), all in ns, plus warnings
 * (negative delays, truncated captures, ...). The {@link LatencyStats} inside keep their
 * histograms, so repetitions combine with {@link #merge}. {@link #report()} is the JSON form of
 * {@code nfvperf latency --json}.
 *
 * <p>Immutable and thread-safe: the constructor keeps {@linkplain LatencyStats#frozen() read-only
 * snapshots} of the statistics it is given (recording into them throws; their
 * {@link LatencyStats#histogram()} is a copy), so neither the analysis nor a caller can change a
 * breakdown once made. To combine repetitions use {@link #merge}, or add to a
 * {@link LatencyStats#copy()}.
 *
 * <pre>{@code
 * LatencyBreakdown b = LatencyAnalysis.builder().tap("pnic0", in).tap("vnic0", out).run();
 * double meanMicros = b.endToEnd().summary().meanNanos() / 1e3;
 * for (LatencyBreakdown.Segment s : b.segments()) System.out.println(s.from() + "->" + s.to());
 * }</pre>
 *
 * @param key      the key used, as {@code --key} spells it (auto resolved), e.g. {@code seq:4:6}
 * @param taps     per-tap figures in path order
 * @param segments tap i → tap i+1
 * @param endToEnd first → last tap
 * @param warnings one line each
 */
public record LatencyBreakdown(String key, List<TapSummary> taps, List<Segment> segments, LatencyStats endToEnd,
                               List<String> warnings) {

    public LatencyBreakdown {
        if (taps.size() < 2) {
            throw new IllegalArgumentException("taps must be >= 2: " + taps.size());
        }
        if (segments.size() != taps.size() - 1) {
            throw new IllegalArgumentException("segments must be taps - 1 (" + (taps.size() - 1) + "): "
                    + segments.size());
        }
        taps = List.copyOf(taps);
        segments = List.copyOf(segments);
        warnings = List.copyOf(warnings);
        endToEnd = endToEnd.frozen();
    }

    /**
     * One segment of the path.
     *
     * @param from  upstream tap name
     * @param to    downstream tap name
     * @param stats delays from {@code from} to {@code to}; the segment keeps a read-only snapshot
     *              ({@link LatencyStats#frozen()})
     */
    public record Segment(String from, String to, LatencyStats stats) {
        public Segment {
            if (from.equals(to)) {
                throw new IllegalArgumentException("segment must join two different taps: " + from + " -> " + to);
            }
            stats = stats.frozen();
        }
    }

    /**
     * Combines this breakdown with a repetition over the same path (same tap names): counts and
     * histograms add up, taps add their packet counts.
     *
     * @throws IllegalArgumentException if the paths differ
     */
    public LatencyBreakdown merge(LatencyBreakdown other) {
        List<String> names = taps.stream().map(TapSummary::name).toList();
        List<String> otherNames = other.taps.stream().map(TapSummary::name).toList();
        if (!names.equals(otherNames)) {
            throw new IllegalArgumentException("taps of merged breakdowns must be " + names + ": " + otherNames);
        }
        List<TapSummary> t = new ArrayList<>();
        for (int i = 0; i < taps.size(); i++) {
            TapSummary a = taps.get(i);
            TapSummary b = other.taps.get(i);
            t.add(new TapSummary(a.name(), a.file(), a.iface(), a.packets() + b.packets(), a.keyed() + b.keyed(),
                    a.skipped() + b.skipped(), a.ambiguous() + b.ambiguous(),
                    a.reordered() == null || b.reordered() == null ? null : a.reordered() + b.reordered(),
                    null, a.offsetNanos(), min(a.firstNanos(), b.firstNanos()), max(a.lastNanos(), b.lastNanos())));
        }
        List<Segment> s = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            LatencyStats st = segments.get(i).stats().copy();
            st.add(other.segments.get(i).stats());
            s.add(new Segment(segments.get(i).from(), segments.get(i).to(), st));
        }
        LatencyStats e;
        if (s.size() == 1) {
            e = s.get(0).stats();
        } else {
            e = endToEnd.copy();
            e.add(other.endToEnd);
        }
        List<String> w = new ArrayList<>(warnings);
        w.addAll(other.warnings);
        String k = key.equals(other.key) ? key : key + "+" + other.key;
        return new LatencyBreakdown(k, t, s, e, w);
    }

    private static Long min(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
    }

    private static Long max(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
    }

    /** The JSON form ({@code nfvperf latency --json}). */
    public Report report() {
        List<SegmentReport> s = new ArrayList<>();
        for (Segment seg : segments) {
            s.add(new SegmentReport(seg.from(), seg.to(), seg.stats().summary(), hdrh(seg.stats().histogram()),
                    intervalsOf(seg.stats())));
        }
        return new Report(key, taps, s, new EndToEndReport(endToEnd.summary(), hdrh(endToEnd.histogram()),
                intervalsOf(endToEnd)), warnings);
    }

    /**
     * The text of {@code nfvperf latency --json}: what {@code Json.write(report())} gives, written
     * without loading a JSON library (the tests hold the two equal).
     */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        List<Object> t = new ArrayList<>();
        for (TapSummary tap : taps) {
            t.add(json(tap));
        }
        m.put("taps", t);
        List<Object> s = new ArrayList<>();
        for (Segment seg : segments) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("from", seg.from());
            o.put("to", seg.to());
            s.add(json(o, seg.stats()));
        }
        m.put("segments", s);
        m.put("end_to_end", json(new LinkedHashMap<>(), endToEnd));
        m.put("warnings", warnings);
        return JsonText.write(m);
    }

    private static Map<String, Object> json(TapSummary t) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", t.name());
        putIfSet(o, "file", t.file());
        putIfSet(o, "interface", t.iface());
        o.put("packets", t.packets());
        o.put("keyed", t.keyed());
        o.put("skipped", t.skipped());
        o.put("ambiguous", t.ambiguous());
        putIfSet(o, "reordered", t.reordered());
        putIfSet(o, "jitter_ns", t.jitterNanos());
        o.put("offset_ns", t.offsetNanos());
        putIfSet(o, "offset_uncertainty_ns", t.offsetUncertaintyNanos());
        putIfSet(o, "offset_method", t.offsetMethod());
        putIfSet(o, "first_ns", t.firstNanos());
        putIfSet(o, "last_ns", t.lastNanos());
        putIfSet(o, "timestamp_regressions", t.timestampRegressions());
        putIfSet(o, "timestamp_outliers", t.timestampOutliers());
        return o;
    }

    /**
     * The histogram as HdrHistogram's compressed V2 encoding in base64 (the {@code hdrh} field, as TRex
     * writes histograms): {@code Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(
     * Base64.getDecoder().decode(s)), 0)} reads it back; histograms of several trials merge with {@code add}.
     */
    public static String hdrh(org.HdrHistogram.AbstractHistogram h) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int len = h.encodeIntoCompressedByteBuffer(buf);
        return java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), len));
    }

    /** {@code o} with the fields of the statistics' summary and, if kept, its intervals. */
    private static Map<String, Object> json(Map<String, Object> o, LatencyStats st) {
        LatencySummary x = st.summary();
        o.put("matched", x.matched());
        o.put("lost", x.lost());
        o.put("negative", x.negative());
        o.put("min_ns", x.minNanos());
        o.put("mean_ns", x.meanNanos());
        o.put("stddev_ns", x.stddevNanos());
        o.put("p50_ns", x.p50Nanos());
        o.put("p90_ns", x.p90Nanos());
        o.put("p99_ns", x.p99Nanos());
        o.put("p999_ns", x.p999Nanos());
        o.put("max_ns", x.maxNanos());
        o.put("ambiguous", x.ambiguous());
        o.put("unexpected", x.unexpected());
        o.put("truncated", x.truncated());
        o.put("loss_pct", x.lossPercent());
        o.put("hdrh", hdrh(st.histogram()));
        List<IntervalSummary> intervals = intervalsOf(st);
        if (intervals != null) {
            List<Object> l = new ArrayList<>();
            for (IntervalSummary i : intervals) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("start_ns", i.startNanos());
                v.put("length_ns", i.lengthNanos());
                v.put("matched", i.matched());
                v.put("mean_ns", i.meanNanos());
                v.put("p50_ns", i.p50Nanos());
                v.put("p90_ns", i.p90Nanos());
                v.put("p99_ns", i.p99Nanos());
                v.put("p999_ns", i.p999Nanos());
                v.put("max_ns", i.maxNanos());
                l.add(v);
            }
            o.put("intervals", l);
        }
        return o;
    }

    private static void putIfSet(Map<String, Object> o, String name, Object value) {
        if (value != null) {
            o.put(name, value);
        }
    }

    private static List<IntervalSummary> intervalsOf(LatencyStats st) {
        return st.intervalNanos() > 0 ? st.intervals() : null;
    }

    /** JSON document of a breakdown. */
    @JsonPropertyOrder({"key", "taps", "segments", "end_to_end", "warnings"})
    public record Report(String key, List<TapSummary> taps, List<SegmentReport> segments,
                         @JsonProperty("end_to_end") EndToEndReport endToEnd, List<String> warnings) {
    }

    /** JSON of one segment: {@code from, to} and the fields of {@link LatencySummary}. */
    @JsonPropertyOrder({"from", "to"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SegmentReport(String from, String to, @JsonUnwrapped LatencySummary stats, String hdrh,
                                List<IntervalSummary> intervals) {
    }

    /** JSON of the end-to-end statistics. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EndToEndReport(@JsonUnwrapped LatencySummary stats, String hdrh, List<IntervalSummary> intervals) {
    }
}
