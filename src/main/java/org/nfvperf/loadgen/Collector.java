package org.nfvperf.loadgen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates what a parser finds (samples per port and direction, totals, frame-size
 * estimates, latency buckets) and builds the {@link LogResult}. Not thread-safe: one per parse.
 */
final class Collector {
    /** Interval assumed for tools that print a rate every "second" without saying how long it was. */
    static final long NOMINAL_INTERVAL_NANOS = 1_000_000_000L;

    private record Key(String port, Direction direction) {
    }

    private final Map<Key, List<RateSample>> series = new LinkedHashMap<>();
    private final Map<Key, Long> clocks = new LinkedHashMap<>();
    private final Map<Key, PortTotals> totals = new LinkedHashMap<>();
    private final List<LatencyBucket> latency = new ArrayList<>();
    private final List<Double> frameEstimates = new ArrayList<>();
    private int frameSizeBytes;

    /** Appends a sample that starts where the previous one of its port and direction ended. */
    void sample(String port, Direction direction, long intervalNanos, double pps, double bitsPerSecond, long packets) {
        Key k = new Key(port, direction);
        long start = clocks.getOrDefault(k, 0L);
        series.computeIfAbsent(k, x -> new ArrayList<>())
                .add(new RateSample(start, intervalNanos, Math.max(0, pps), bitsPerSecond, packets));
        clocks.put(k, start + intervalNanos);
    }

    /** Records (replaces) the totals of a port and direction. */
    void totals(PortTotals t) {
        totals.put(new Key(t.port(), t.direction()), t);
    }

    boolean hasTotals(String port, Direction direction) {
        return totals.containsKey(new Key(port, direction));
    }

    void latency(LatencyBucket b) {
        latency.add(b);
    }

    /** Sets the frame size (with FCS) the log states; wins over estimates. */
    void frameSize(int bytesWithFcs) {
        frameSizeBytes = bytesWithFcs;
    }

    /** Adds an estimate of the frame size (with FCS), e.g. bytes / packets + 4. */
    void frameEstimate(double bytesWithFcs) {
        if (bytesWithFcs >= 60 && bytesWithFcs <= 16384 + 4) {
            frameEstimates.add(bytesWithFcs);
        }
    }

    boolean isEmpty() {
        return series.isEmpty() && totals.isEmpty() && latency.isEmpty();
    }

    /** The result; frame size is the stated one, else the median estimate rounded, else 0. */
    LogResult result(String source, String tool) {
        int frame = frameSizeBytes;
        if (frame == 0 && !frameEstimates.isEmpty()) {
            double[] e = frameEstimates.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(e);
            frame = (int) Math.round(e[e.length / 2]);
        }
        if (frame > 0 && frame < 64) {
            frame = 64;
        }
        if (frame > 16384) {
            frame = 0;
        }
        List<RateSeries> out = new ArrayList<>();
        for (Map.Entry<Key, List<RateSample>> e : series.entrySet()) {
            out.add(new RateSeries(e.getKey().port(), e.getKey().direction(), e.getValue()));
        }
        return new LogResult(source, tool, frame, out, new ArrayList<>(totals.values()), latency);
    }
}
