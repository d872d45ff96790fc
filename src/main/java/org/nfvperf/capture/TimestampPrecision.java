package org.nfvperf.capture;

/**
 * Timestamp resolution of a pcap file: microseconds (magic a1b2c3d4) or nanoseconds (a1b23c4d).
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * PcapWriter w = PcapWriter.builder().precision(TimestampPrecision.NANOS).open(path);
 * }</pre>
 */
public enum TimestampPrecision {
    /** 10^-6 s; writing truncates the ns timestamp to µs. */
    MICROS(1_000L),
    /** 10^-9 s; timestamps are kept exactly. */
    NANOS(1L);

    private final long nanosPerUnit;

    TimestampPrecision(long nanosPerUnit) {
        this.nanosPerUnit = nanosPerUnit;
    }

    /** Nanoseconds per timestamp unit: 1000 for µs, 1 for ns. */
    public long nanosPerUnit() {
        return nanosPerUnit;
    }
}
