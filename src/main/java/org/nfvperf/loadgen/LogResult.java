package org.nfvperf.loadgen;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one generator or dataplane log says about rates: which tool wrote it, the
 * periodic rate series per port and direction, the cumulative totals, the frame size when the
 * log states it, and a latency histogram when the log is one. Immutable and thread-safe.
 *
 * <p>{@code frameSizeBytes} follows DESIGN.md: Ethernet frame <em>including</em> the 4-byte
 * FCS ("64B"), whatever convention the tool prints; 0 when the log does not tell.
 *
 * <pre>{@code
 * LogResult r = LogParsers.parse(Path.of("gen-rx.log"));
 * double rxPps = r.pps("ix1", Direction.RX);   // steady-state mean, NaN when absent
 * }</pre>
 *
 * @param source         file name or label the log came from
 * @param tool           tool id, e.g. {@code netmap-pkt-gen}
 * @param frameSizeBytes frame size with FCS, 0 when unknown, else 64..16384
 * @param series         rate series, one per port and direction present
 * @param totals         cumulative counters, at most one per port and direction
 * @param latency        latency histogram buckets, empty unless the log is a histogram
 */
public record LogResult(String source, String tool, int frameSizeBytes, List<RateSeries> series,
                        List<PortTotals> totals, List<LatencyBucket> latency) {
    public LogResult {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(tool, "tool");
        if (frameSizeBytes != 0 && (frameSizeBytes < 64 || frameSizeBytes > 16384)) {
            throw new IllegalArgumentException("frameSizeBytes must be 0 (unknown) or in 64..16384: " + frameSizeBytes);
        }
        series = List.copyOf(series);
        totals = List.copyOf(totals);
        latency = List.copyOf(latency);
    }

    /** Port names in order of first appearance (series first, then totals). */
    public List<String> ports() {
        Set<String> ports = new LinkedHashSet<>();
        series.forEach(s -> ports.add(s.port()));
        totals.forEach(t -> ports.add(t.port()));
        return new ArrayList<>(ports);
    }

    /** The series of a port and direction, if the log has one. */
    public Optional<RateSeries> series(String port, Direction direction) {
        return series.stream().filter(s -> s.port().equals(port) && s.direction() == direction).findFirst();
    }

    /** The totals of a port and direction, if the log has them. */
    public Optional<PortTotals> totals(String port, Direction direction) {
        return totals.stream().filter(t -> t.port().equals(port) && t.direction() == direction).findFirst();
    }

    /**
     * The steady-state packet rate of a port and direction: the time-weighted mean of the
     * trimmed series when it has samples, else the totals' average, else NaN.
     *
     * <p>Exception: when the series spans more than the totals' duration plus one median report
     * interval, its reports cover idle time before the first or after the last packet (a
     * receiver started before the traffic and stopped after it; a run shorter than a report
     * interval), and no trimming can recover the rate from them. The totals' duration is the
     * time the tool itself measured the packets over, so their average is the rate then. Example:
     * 100 packets received in 0.10 s, reported as 1 packet over 1.07 s and 99 over 0.59 s, is
     * 1000 pps, not 60.
     */
    public double pps(String port, Direction direction) {
        Optional<RateSeries> s = series(port, direction).filter(x -> !x.samples().isEmpty());
        Optional<PortTotals> t = totals(port, direction).filter(x -> x.packets() > 0 && x.durationNanos() > 0);
        if (s.isPresent()) {
            if (t.isPresent() && coversIdleTime(s.get(), t.get().durationNanos())) {
                return t.get().pps();
            }
            return s.get().summary().meanPps();
        }
        return totals(port, direction).map(PortTotals::pps).orElse(Double.NaN);
    }

    /** True when {@code series} spans more than {@code activeNanos} plus its median report interval. */
    static boolean coversIdleTime(RateSeries series, long activeNanos) {
        List<RateSample> samples = series.samples();
        long span = samples.get(samples.size() - 1).endNanos() - samples.get(0).startNanos();
        long[] intervals = samples.stream().mapToLong(RateSample::intervalNanos).sorted().toArray();
        long medianInterval = intervals[intervals.length / 2];
        return span > activeNanos + medianInterval;
    }

    /** Number of rate samples of a port and direction (0 when there is no series). */
    public int samples(String port, Direction direction) {
        return series(port, direction).map(s -> s.samples().size()).orElse(0);
    }

    /**
     * Duration of the measurement for a port in ns: the totals' duration when printed (tx
     * first), else the span of the longest series of the port, else -1.
     */
    public long durationNanos(String port) {
        for (Direction d : Direction.values()) {
            Optional<PortTotals> t = totals(port, d);
            if (t.isPresent() && t.get().durationNanos() > 0) {
                return t.get().durationNanos();
            }
        }
        long span = -1;
        for (RateSeries s : series) {
            if (s.port().equals(port) && !s.samples().isEmpty()) {
                span = Math.max(span, s.samples().get(s.samples().size() - 1).endNanos() - s.samples().get(0).startNanos());
            }
        }
        return span;
    }

    /** A copy with another frame size (with FCS), e.g. when the caller knows it from the trial. */
    public LogResult withFrameSizeBytes(int frameSizeBytes) {
        return new LogResult(source, tool, frameSizeBytes, series, totals, latency);
    }

    /**
     * One result from several logs of the same measurement (a generator's {@code gen-tx.log} and
     * {@code gen-rx.log}): ports are renamed {@code <log source>/<port>} so they stay apart, the
     * tool is the logs' common tool (else {@code mixed}), the frame size the first one stated.
     *
     * @throws IllegalArgumentException when {@code logs} is empty
     */
    public static LogResult merge(String source, List<LogResult> logs) {
        if (logs.isEmpty()) {
            throw new IllegalArgumentException("logs must not be empty: " + source);
        }
        if (logs.size() == 1) {
            return logs.get(0);
        }
        List<RateSeries> series = new ArrayList<>();
        List<PortTotals> totals = new ArrayList<>();
        List<LatencyBucket> latency = new ArrayList<>();
        int frame = 0;
        String tool = logs.get(0).tool();
        for (LogResult r : logs) {
            String prefix = r.source() + "/";
            r.series().forEach(s -> series.add(new RateSeries(prefix + s.port(), s.direction(), s.samples())));
            r.totals().forEach(t -> totals.add(new PortTotals(prefix + t.port(), t.direction(), t.packets(), t.bytes(),
                    t.durationNanos())));
            latency.addAll(r.latency());
            frame = frame == 0 ? r.frameSizeBytes() : frame;
            tool = tool.equals(r.tool()) ? tool : "mixed";
        }
        return new LogResult(source, tool, frame, series, totals, latency);
    }
}
