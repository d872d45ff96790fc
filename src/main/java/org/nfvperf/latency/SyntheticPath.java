package org.nfvperf.latency;

/**
 * Traffic along a synthetic path, generated while it is read: packet {@code p} (sequence key
 * {@code p}) leaves the first tap at {@code start + p × 1e9 / rate} ns and crosses each hop with
 * probability {@code 1 − loss}, a delay of {@code delay + [0, jitter)} ns, and with probability
 * {@code held} another {@code 5 µs} (so later packets overtake it). Every fate is a hash of
 * (seed, packet, hop), so each tap's stream is computed on its own, in timestamp order, in memory
 * bounded by rate × jitter — which lets tests and benchmarks feed the matcher hundreds of millions
 * of packets (30 s at 10GbE line rate) without a capture file.
 *
 * <p>Immutable; each {@link #tap(int)} call returns a new single-threaded stream.
 *
 * <pre>{@code
 * SyntheticPath p = new SyntheticPath(14_880_952, 10_000_000, 2, 0.01, 20_000, 500, 0.002, 1);
 * TapStream in = p.tap(0), out = p.tap(1);
 * }</pre>
 */
public final class SyntheticPath {
    /** Extra delay of a held packet, ns. */
    public static final long HELD_NANOS = 5_000;
    private static final long START = 1_700_000_000_000_000_000L;

    private final double gapNanos;
    private final long packets;
    private final int taps;
    private final long lossThreshold;
    private final long heldThreshold;
    private final long delayNanos;
    private final long jitterNanos;
    private final long seed;

    /**
     * @param ratePps     packets per second at the first tap, > 0
     * @param packets     packets sent, >= 0
     * @param taps        taps along the path, >= 2
     * @param lossPerHop  probability in [0, 1) that a packet is lost at each hop
     * @param delayNanos  least delay per hop, >= 0
     * @param jitterNanos spread of the delay per hop, > 0
     * @param held        probability in [0, 1) that a packet is held {@link #HELD_NANOS} longer at a hop
     * @param seed        of every fate
     */
    public SyntheticPath(double ratePps, long packets, int taps, double lossPerHop, long delayNanos, long jitterNanos,
                         double held, long seed) {
        if (!(ratePps > 0) || packets < 0 || taps < 2 || !(lossPerHop >= 0 && lossPerHop < 1) || delayNanos < 0
                || jitterNanos <= 0 || !(held >= 0 && held < 1)) {
            throw new IllegalArgumentException("rate must be > 0, packets >= 0, taps >= 2, loss and held in [0, 1),"
                    + " delay >= 0, jitter > 0: " + ratePps + ", " + packets + ", " + taps + ", " + lossPerHop + ", "
                    + held + ", " + delayNanos + ", " + jitterNanos);
        }
        this.gapNanos = 1e9 / ratePps;
        this.packets = packets;
        this.taps = taps;
        this.lossThreshold = (long) (lossPerHop * (1L << 53));
        this.heldThreshold = (long) (held * (1L << 53));
        this.delayNanos = delayNanos;
        this.jitterNanos = jitterNanos;
        this.seed = seed;
    }

    /** Packets that reach tap {@code tap} (counted by generating them, O(packets)). */
    public long packetsAt(int tap) {
        long c = 0;
        for (long p = 0; p < packets; p++) {
            if (reaches(p, tap)) {
                c++;
            }
        }
        return c;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private long fate(long p, int hop, int what) {
        return mix(seed * 0x9E3779B97F4A7C15L + p * 31 + hop * 1_000_003L + what) >>> 11;
    }

    private boolean reaches(long p, int tap) {
        for (int h = 1; h <= tap; h++) {
            if (fate(p, h, 0) < lossThreshold) {
                return false;
            }
        }
        return true;
    }

    private long sent(long p) {
        return START + (long) (p * gapNanos);
    }

    private long arrival(long p, int tap) {
        long t = sent(p);
        for (int h = 1; h <= tap; h++) {
            t += delayNanos + fate(p, h, 1) % jitterNanos + (fate(p, h, 2) < heldThreshold ? HELD_NANOS : 0);
        }
        return t;
    }

    /** The packets seen at tap {@code tap} (0 = the first), in timestamp order. */
    public TapStream tap(int tap) {
        if (tap < 0 || tap >= taps) {
            throw new IllegalArgumentException("tap must be in [0, " + taps + "): " + tap);
        }
        return new Stream(tap);
    }

    /** Generates one tap's arrivals through a min-heap of those still on their way. */
    private final class Stream implements TapStream {
        private final int tap;
        private final long minDelay;
        private long nextPacket;
        private long[] heapTs = new long[1024];
        private long[] heapKey = new long[1024];
        private int size;
        private long ts;
        private long key;
        private long count;

        Stream(int tap) {
            this.tap = tap;
            this.minDelay = tap * delayNanos;
        }

        @Override
        public boolean next() {
            // a queued packet is next once no packet still to be sent can arrive before it
            while (nextPacket < packets && (size == 0 || sent(nextPacket) + minDelay <= heapTs[0])) {
                long p = nextPacket++;
                if (reaches(p, tap)) {
                    push(arrival(p, tap), p);
                }
            }
            if (size == 0) {
                return false;
            }
            ts = heapTs[0];
            key = heapKey[0];
            pop();
            count++;
            return true;
        }

        private void push(long t, long k) {
            if (size == heapTs.length) {
                heapTs = java.util.Arrays.copyOf(heapTs, size * 2);
                heapKey = java.util.Arrays.copyOf(heapKey, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (less(heapTs[parent], heapKey[parent], t, k)) {
                    break;
                }
                heapTs[i] = heapTs[parent];
                heapKey[i] = heapKey[parent];
                i = parent;
            }
            heapTs[i] = t;
            heapKey[i] = k;
        }

        private void pop() {
            long t = heapTs[--size];
            long k = heapKey[size];
            int i = 0;
            while (true) {
                int c = 2 * i + 1;
                if (c >= size) {
                    break;
                }
                if (c + 1 < size && less(heapTs[c + 1], heapKey[c + 1], heapTs[c], heapKey[c])) {
                    c++;
                }
                if (less(t, k, heapTs[c], heapKey[c])) {
                    break;
                }
                heapTs[i] = heapTs[c];
                heapKey[i] = heapKey[c];
                i = c;
            }
            heapTs[i] = t;
            heapKey[i] = k;
        }

        private boolean less(long t1, long k1, long t2, long k2) {
            return t1 < t2 || (t1 == t2 && k1 < k2);
        }

        @Override
        public long timestampNanos() {
            return ts;
        }

        @Override
        public long key() {
            return key;
        }

        @Override
        public long packets() {
            return count;
        }
    }
}
