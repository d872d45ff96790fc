package org.nfvperf.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nfvperf.latency.LatencyAnalysis;
import org.nfvperf.latency.LatencyBreakdown;
import org.nfvperf.latency.LatencySummary;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Hop-by-hop latency from captures of the same traffic at successive points of a path: the same
 * packets are matched across the taps (the key is detected) and each segment's one-way delays are
 * summarised.
 *
 * <p>Stateless and thread-safe; a {@link Result} is immutable.
 * <pre>{@code
 * LinkedHashMap<String, Path> taps = new LinkedHashMap<>();   // path order
 * taps.put("gen", Path.of("tap-gen.pcap"));
 * taps.put("sink", Path.of("tap-sink.pcap"));
 * Latency.Result r = Latency.taps(taps);
 * r.toTable();                       // one row per segment, then end to end, in µs
 * double p99Micros = r.endToEnd().p99Nanos() / 1e3;
 * }</pre>
 */
public final class Latency {
    private Latency() {
    }

    /**
     * Matches the taps (name → capture file, in path order: use a {@link LinkedHashMap}) with the
     * detected key and default window.
     *
     * @throws IllegalArgumentException if fewer than two taps are given
     * @throws IOException              if a capture cannot be read
     */
    public static Result taps(Map<String, Path> taps) throws IOException {
        if (taps.size() < 2) {
            throw new IllegalArgumentException("taps must name >= 2 captures in path order: " + taps.keySet());
        }
        LatencyAnalysis.Builder b = LatencyAnalysis.builder();
        taps.forEach(b::tap);
        return new Result(b.run());
    }

    /** A breakdown made with the library ({@link LatencyAnalysis}) as a notebook result. */
    public static Result of(LatencyBreakdown breakdown) {
        return new Result(breakdown);
    }

    /** The table of {@link Result#toTable()} for a breakdown. */
    public static Table toTable(LatencyBreakdown breakdown) {
        return new Result(breakdown).toTable();
    }

    /**
     * A latency breakdown with the summaries of its segments taken once, so that reading it never
     * touches the accumulators behind it.
     *
     * @param breakdown the library's result (taps, key, warnings, histograms)
     */
    public record Result(LatencyBreakdown breakdown, List<String> segmentNames, List<LatencySummary> segments,
                         LatencySummary endToEnd) {
        /** Validates the lists and freezes them. */
        public Result {
            segmentNames = List.copyOf(segmentNames);
            segments = List.copyOf(segments);
            if (segmentNames.size() != segments.size()) {
                throw new IllegalArgumentException("segmentNames must be as many as segments (" + segments.size() + "): "
                        + segmentNames.size());
            }
        }

        Result(LatencyBreakdown b) {
            this(b, names(b), summaries(b), b.endToEnd().summary());
        }

        private static List<String> names(LatencyBreakdown b) {
            List<String> n = new ArrayList<>();
            for (LatencyBreakdown.Segment s : b.segments()) {
                n.add(s.from() + " → " + s.to());
            }
            return n;
        }

        private static List<LatencySummary> summaries(LatencyBreakdown b) {
            List<LatencySummary> n = new ArrayList<>();
            for (LatencyBreakdown.Segment s : b.segments()) {
                n.add(s.stats().summary());
            }
            return n;
        }

        /** The packet identity used, as {@code --key} spells it. */
        public String key() {
            return breakdown.key();
        }

        /** Mean one-way delay per segment in ns, in path order (for breakdown bars). */
        public Map<String, Double> meanNanosBySegment() {
            Map<String, Double> m = new LinkedHashMap<>();
            for (int i = 0; i < segments.size(); i++) {
                m.put(segmentNames.get(i), segments.get(i).meanNanos());
            }
            return m;
        }

        /**
         * One row per segment, then {@code end to end}: {@code segment, matched, lost, loss_pct,
         * min_us, mean_us, p50_us, p99_us, p999_us, max_us}.
         */
        public Table toTable() {
            StringColumn segment = StringColumn.create("segment");
            LongColumn matched = LongColumn.create("matched");
            LongColumn lost = LongColumn.create("lost");
            DoubleColumn loss = DoubleColumn.create("loss_pct");
            DoubleColumn min = DoubleColumn.create("min_us");
            DoubleColumn mean = DoubleColumn.create("mean_us");
            DoubleColumn p50 = DoubleColumn.create("p50_us");
            DoubleColumn p99 = DoubleColumn.create("p99_us");
            DoubleColumn p999 = DoubleColumn.create("p999_us");
            DoubleColumn max = DoubleColumn.create("max_us");
            List<String> names = new ArrayList<>(segmentNames);
            names.add("end to end");
            List<LatencySummary> all = new ArrayList<>(segments);
            all.add(endToEnd);
            for (int i = 0; i < all.size(); i++) {
                LatencySummary s = all.get(i);
                segment.append(names.get(i));
                matched.append(s.matched());
                lost.append(s.lost());
                loss.append(s.lossPercent());
                boolean any = s.matched() > 0;
                min.append(any ? s.minNanos() / 1e3 : Double.NaN);
                mean.append(any ? s.meanNanos() / 1e3 : Double.NaN);
                p50.append(any ? s.p50Nanos() / 1e3 : Double.NaN);
                p99.append(any ? s.p99Nanos() / 1e3 : Double.NaN);
                p999.append(any ? s.p999Nanos() / 1e3 : Double.NaN);
                max.append(any ? s.maxNanos() / 1e3 : Double.NaN);
            }
            return Table.create("latency (key " + key() + ")", segment, matched, lost, loss, min, mean, p50, p99, p999, max);
        }
    }
}
