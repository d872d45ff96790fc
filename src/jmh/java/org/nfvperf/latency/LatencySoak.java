package org.nfvperf.latency;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Memory against capture length at 10GbE line rate without capture files: matches the two taps of
 * a {@link SyntheticPath} (14.88 Mpps, 1% loss, 0.2% held back 5 µs, 20–20.5 µs delay) for
 * SECONDS of traffic with the default window (1 s) and skew (10 ms), each tap generated on its own
 * thread while it is read. Prints the traffic, the result, the most records pending, the largest
 * slab, and the peak heap used after a collection (the old generation's collection usage), so
 * that runs of 1 s and 30 s in the same {@code -Xmx} can be compared.
 *
 * <p>Run: {@code java -Xmx64m -XX:+UseSerialGC -cp target/benchmarks.jar org.nfvperf.latency.LatencySoak 30}
 */
public final class LatencySoak {
    private LatencySoak() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = Double.parseDouble(args[0]);
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 14_880_952.0;
        long packets = (long) (seconds * rate);
        SyntheticPath path = new SyntheticPath(rate, packets, 2, 0.01, 20_000, 500, 0.002, 1);
        long t0 = System.nanoTime();
        Matcher m = new Matcher(new TapStream[] {new PrefetchingTapStream("in", path.tap(0)),
            new PrefetchingTapStream("out", path.tap(1))}, new long[2], 1_000_000_000L,
                LatencyAnalysis.DEFAULT_SKEW_NANOS, 0, true, null);
        m.run();
        double wall = (System.nanoTime() - t0) / 1e9;
        long peakAfterGc = 0;
        long peakUsed = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null) {
                peakAfterGc = Math.max(peakAfterGc, p.getCollectionUsage().getUsed());
                peakUsed += p.getPeakUsage().getUsed();
            }
        }
        LatencySummary s = m.segments[0].summary();
        System.out.printf("%.1f s of traffic, %d packets per tap at %.2f Mpps in %.1f s: matched %d, lost %d,"
                        + " truncated %d; most pending %d records, largest slab %d records; heap max %d MB,"
                        + " old generation after the last GC %.1f MB, peak of the heap pools %.1f MB%n",
                seconds, packets, rate / 1e6, wall, s.matched(), s.lost(), s.truncated(), m.maxPending(),
                m.maxRingCapacity(), Runtime.getRuntime().maxMemory() >> 20, peakAfterGc / 1048576.0, peakUsed / 1048576.0);
    }
}
