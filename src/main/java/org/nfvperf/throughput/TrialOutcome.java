package org.nfvperf.throughput;

/**
 * What one fixed-rate trial measured: the rate asked for, the packets sent and received and
 * how long it ran. Immutable and thread-safe.
 *
 * <pre>{@code
 * TrialOutcome o = new TrialOutcome(14_880_952, 148_809_520, 148_700_000, 10_000_000_000L);
 * double loss = o.lossRatio();   // 7.36e-4
 * }</pre>
 *
 * @param offeredPps    the rate the trial was asked to send, &gt;= 0
 * @param txPackets     packets sent, &gt;= 0
 * @param rxPackets     packets received, &gt;= 0
 * @param durationNanos how long the trial sent, &gt; 0
 */
public record TrialOutcome(double offeredPps, long txPackets, long rxPackets, long durationNanos) {
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
}
