package org.nfvperf.throughput;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What one fixed-rate trial measured: the rate asked for, the packets sent and received, how long
 * it ran and, where the runner measures them, latency percentiles and how much of the offered load
 * the generator could not send. Immutable and thread-safe.
 *
 * <pre>{@code
 * TrialOutcome o = new TrialOutcome(14_880_952, 148_809_520, 148_700_000, 10_000_000_000L)
 *         .withLatencyPercentiles(Map.of(99.0, 41_500L));
 * double loss = o.lossRatio();                    // 7.36e-4
 * long p99 = o.latencyNanosAt(99).getAsLong();    // 41500
 * }</pre>
 *
 * @param offeredPps              the rate the trial was asked to send, &gt;= 0
 * @param txPackets               packets sent, &gt;= 0
 * @param rxPackets               packets received, &gt;= 0
 * @param durationNanos           how long the trial sent, &gt; 0
 * @param latencyPercentilesNanos latency percentile (0 &lt; p &lt;= 100) to nanoseconds; empty when
 *                                the trial measured no latency
 */
public record TrialOutcome(double offeredPps, long txPackets, long rxPackets, long durationNanos,
                           Map<Double, Long> latencyPercentilesNanos) {
    public TrialOutcome {
        if (!(offeredPps >= 0) || Double.isInfinite(offeredPps)) {
            throw new IllegalArgumentException("offeredPps must be finite and >= 0: " + offeredPps);
        }
        if (txPackets < 0) {
            throw new IllegalArgumentException("txPackets must be >= 0: " + txPackets);
        }
        if (rxPackets < 0) {
            throw new IllegalArgumentException("rxPackets must be >= 0: " + rxPackets);
        }
        if (durationNanos <= 0) {
            throw new IllegalArgumentException("durationNanos must be > 0: " + durationNanos);
        }
        Objects.requireNonNull(latencyPercentilesNanos, "latencyPercentilesNanos");
        for (Map.Entry<Double, Long> e : latencyPercentilesNanos.entrySet()) {
            if (!(e.getKey() > 0 && e.getKey() <= 100)) {
                throw new IllegalArgumentException("latency percentile must be in (0, 100]: " + e.getKey());
            }
        }
        latencyPercentilesNanos = Map.copyOf(latencyPercentilesNanos);
    }

    /** A trial without latency measurements. */
    public TrialOutcome(double offeredPps, long txPackets, long rxPackets, long durationNanos) {
        this(offeredPps, txPackets, rxPackets, durationNanos, Map.of());
    }

    /** A copy carrying these latency percentiles (percentile to ns). */
    public TrialOutcome withLatencyPercentiles(Map<Double, Long> percentilesNanos) {
        return new TrialOutcome(offeredPps, txPackets, rxPackets, durationNanos, percentilesNanos);
    }

    /**
     * Lost share of the sent packets, {@code (tx − rx) / tx}, floored at 0 (duplicates do not
     * make a loss negative); 1 when nothing was sent, since then nothing was forwarded either.
     */
    public double lossRatio() {
        return txPackets == 0 ? 1.0 : Math.max(0, (txPackets - rxPackets) / (double) txPackets);
    }

    /** Received packets per second over the trial. */
    public double rxPps() {
        return rxPackets * 1e9 / durationNanos;
    }

    /** Sent packets per second over the trial. */
    public double txPps() {
        return txPackets * 1e9 / durationNanos;
    }

    /**
     * The share of the offered load the generator did not put on the wire, {@code 1 − tx / offered}
     * floored at 0: the transmit queue was full because the path (or the generator itself) did not
     * keep up. TRex's NDR bench calls its bound on this the queue-full criterion. 0 when nothing was
     * offered.
     */
    public double queueFullRatio() {
        double offered = offeredPps * durationNanos / 1e9;
        return offered <= 0 ? 0 : Math.max(0, 1 - txPackets / offered);
    }

    /**
     * The latency at percentile {@code p} when the trial measured it: the exact percentile if
     * present, else the smallest measured percentile above {@code p} (a conservative bound), else
     * empty.
     */
    public OptionalLong latencyNanosAt(double p) {
        Long exact = latencyPercentilesNanos.get(p);
        if (exact != null) {
            return OptionalLong.of(exact);
        }
        Map.Entry<Double, Long> above = new TreeMap<>(latencyPercentilesNanos).ceilingEntry(p);
        return above == null ? OptionalLong.empty() : OptionalLong.of(above.getValue());
    }
}
