package org.nfvperf.testbed.emulated;

import java.util.List;

/**
 * Discrete-event simulation of a packet path, one stage at a time. Because every stage only
 * depends on the times at which packets reach it (tail drop, no back-pressure), the path is
 * simulated stage by stage over primitive arrays: each stage turns the sorted arrival times of
 * the packets that reach it into the sorted times at which they leave it, dropping packets that
 * find its ring full. A CPU stage is an exact single-server model of a polling (or sleeping)
 * loop that takes batches at poll instants; the ring occupancy seen by an arrival is exact
 * because a ring only shrinks at poll instants.
 *
 * <p>Cost: O(packets x stages) time, two int and two long arrays of the window size; nothing is
 * allocated per packet. Not thread-safe (one instance per simulation; instances are cheap).
 *
 * <pre>{@code
 * SimulationResult r = new Simulator(path, traffic, sampleStride).run();
 * double rxPps = r.rxPackets() / (r.txSpanNanos() / 1e9);
 * }</pre>
 */
public final class Simulator {
    private static final long PS_PER_S = 1_000_000_000_000L;

    private final List<Stage> path;
    private final Traffic traffic;
    private final int sampleStride;

    private int[] ids;
    private long[] times;
    private int[] outIds;
    private long[] outTimes;
    private int[] scratch;
    private long rng;

    /**
     * @param path         stages in path order
     * @param traffic      the offered packets (sizes and generator transmit times)
     * @param sampleStride every {@code sampleStride}-th packet (by sequence) is a probe whose
     *                     timestamps are kept at every tap, &gt;= 1
     */
    public Simulator(List<Stage> path, Traffic traffic, int sampleStride) {
        if (sampleStride < 1) {
            throw new IllegalArgumentException("sampleStride must be >= 1: " + sampleStride);
        }
        this.path = List.copyOf(path);
        this.traffic = traffic;
        this.sampleStride = sampleStride;
        this.rng = traffic.seed() ^ 0x9E3779B97F4A7C15L;
        if (rng == 0) {
            rng = 1;
        }
    }

    /** Runs the simulation. */
    public SimulationResult run() {
        int n = traffic.packets();
        ids = new int[n];
        times = new long[n];
        outIds = new int[n];
        outTimes = new long[n];
        scratch = new int[n];
        int samples = (n + sampleStride - 1) / sampleStride;
        long[] txTimes = traffic.txTimes();
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            times[i] = txTimes[i];
        }
        long[] genTx = new long[samples];
        for (int s = 0; s < samples; s++) {
            genTx[s] = txTimes[s * sampleStride];
        }
        int stageCount = path.size();
        long[][] tapTimes = new long[stageCount][];
        long[] drops = new long[stageCount];
        long[] busyNanos = new long[stageCount];
        int count = n;
        for (int k = 0; k < stageCount; k++) {
            Stage st = path.get(k);
            int before = count;
            switch (st.kind()) {
                case DELAY -> {
                    long lat = st.latencyNanos();
                    for (int i = 0; i < count; i++) {
                        times[i] += lat;
                    }
                }
                case WIRE -> {
                    count = runWire(st, count);
                    swap();
                }
                case CPU -> {
                    long[] busy = new long[1];
                    count = st.replicas() == 1 ? runCpu(st, ids, times, 0, count, outIds, outTimes, 0, busy)
                            : runReplicated(st, count, busy);
                    busyNanos[k] = busy[0];
                    swap();
                }
            }
            drops[k] = before - count;
            if (st.tap() != null) {
                long[] tt = new long[samples];
                java.util.Arrays.fill(tt, -1L);
                recordProbes(count, tt);
                tapTimes[k] = tt;
            }
        }
        long rxBytes = 0;
        long lastRx = 0;
        int[] finalIds = java.util.Arrays.copyOf(ids, count);
        for (int i = 0; i < count; i++) {
            rxBytes += traffic.frameSize(ids[i]);
            lastRx = Math.max(lastRx, times[i]);
        }
        long[] genRx = new long[samples];
        java.util.Arrays.fill(genRx, -1L);
        recordProbes(count, genRx);
        return new SimulationResult(path, traffic, sampleStride, n, count, rxBytes, drops, busyNanos, genTx, genRx,
                tapTimes, finalIds, lastRx);
    }

    /**
     * Records the current time of every probe among the first {@code count} packets. A division
     * per packet would dominate the simulation, so the quotient comes from a multiply and shift
     * (exact for multiples of the stride at any id below 2^31).
     */
    private void recordProbes(int count, long[] into) {
        if (sampleStride == 1) {
            for (int i = 0; i < count; i++) {
                into[ids[i]] = times[i];
            }
            return;
        }
        final long magic = ((1L << 40) + sampleStride - 1) / sampleStride;
        final int stride = sampleStride;
        for (int i = 0; i < count; i++) {
            int id = ids[i];
            int q = (int) ((id * magic) >>> 40);
            if (q * stride == id) {
                into[q] = times[i];
            }
        }
    }

    private void swap() {
        int[] ti = ids;
        ids = outIds;
        outIds = ti;
        long[] tt = times;
        times = outTimes;
        outTimes = tt;
    }

    /**
     * Serialisation behind a finite transmit ring: a frame occupies the ring until its last bit is sent.
     * The wire's clock is exact: the end of the frame in service is kept in nanoseconds, picoseconds
     * and a remainder in units of 1/linkBps ps (long arithmetic, no rounding per frame), so back-to-back
     * frame k ends at exactly k x (frame + 20) x 8 / link; the time a frame leaves is that end
     * rounded down to the nanosecond.
     */
    private int runWire(Stage st, int count) {
        long link = st.linkBps();
        int cap = st.ringCapacity();
        long lat = st.latencyNanos();
        long endNs = Long.MIN_VALUE; // end of the frame in service: endNs + endPs / 1000 + endRem / (1000 * link)
        long endPs = 0;
        long endRem = 0;
        int out = 0;
        int head = 0;
        for (int i = 0; i < count; i++) {
            long a = times[i];
            while (head < out && outTimes[head] - lat <= a) {
                head++;
            }
            if (out - head >= cap) {
                continue;
            }
            int id = ids[i];
            if (a > endNs || (a == endNs && endPs == 0 && endRem == 0)) {
                endNs = a;
                endPs = 0;
                endRem = 0;
            }
            long num = endRem + (traffic.frameSize(id) + 20) * 8L * PS_PER_S;
            endPs += num / link;
            endRem = num % link;
            endNs += endPs / 1000;
            endPs %= 1000;
            outIds[out] = id;
            outTimes[out] = endNs + lat;
            out++;
        }
        return out;
    }

    /** Splits arrivals round-robin over replicas, runs each, merges their outputs by time. */
    private int runReplicated(Stage st, int count, long[] busy) {
        int q = st.replicas();
        int[] subIds = new int[count];
        long[] subTimes = new long[count];
        int[] subOutIds = new int[count];
        long[] subOutTimes = new long[count];
        int[] starts = new int[q + 1];
        int pos = 0;
        for (int r = 0; r < q; r++) {
            starts[r] = pos;
            for (int i = r; i < count; i += q) {
                subIds[pos] = ids[i];
                subTimes[pos] = times[i];
                pos++;
            }
        }
        starts[q] = pos;
        int[] outStart = new int[q];
        int[] outEnd = new int[q];
        int w = 0;
        for (int r = 0; r < q; r++) {
            outStart[r] = w;
            int produced = runCpu(st, subIds, subTimes, starts[r], starts[r + 1] - starts[r], subOutIds, subOutTimes,
                    w, busy);
            w += produced;
            outEnd[r] = w;
        }
        // q-way merge by time (q is small)
        int out = 0;
        int[] cur = outStart.clone();
        while (true) {
            int best = -1;
            long bestT = Long.MAX_VALUE;
            for (int r = 0; r < q; r++) {
                if (cur[r] < outEnd[r] && subOutTimes[cur[r]] < bestT) {
                    bestT = subOutTimes[cur[r]];
                    best = r;
                }
            }
            if (best < 0) {
                break;
            }
            outIds[out] = subOutIds[cur[best]];
            outTimes[out] = bestT;
            cur[best]++;
            out++;
        }
        return out;
    }

    /** Sends the admitted packets {@code adm[from, to)} at time {@code t}; returns the new output count. */
    private static int emit(int[] adm, int from, int to, int[] inIds, int inOff, long t, int[] oIds, long[] oTimes,
                            int out) {
        for (int j = from; j < to; j++) {
            oIds[out] = inIds[inOff + adm[j]];
            oTimes[out] = t;
            out++;
        }
        return out;
    }

    private long nextRandom() {
        long x = rng;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        rng = x;
        return x;
    }

    /**
     * One CPU context: admits arrivals into its ring at poll instants (tail drop), serves batches,
     * holds served packets in a transmit buffer until the burst threshold or the flush timer.
     * Reads {@code inN} arrivals from {@code inIds/inTimes} at {@code inOff}, writes departures to
     * {@code oIds/oTimes} from {@code oOff}; returns the number written.
     */
    private int runCpu(Stage st, int[] inIds, long[] inTimes, int inOff, int inN, int[] oIds, long[] oTimes,
                       int oOff, long[] busy) {
        if (inN == 0) {
            return 0;
        }
        final int cap = st.ringCapacity();
        final int batchMax = st.batchMax();
        final double ghz = st.cpuGhz();
        final double cycBatch = st.cyclesPerBatch();
        final double cycPkt = st.cyclesPerPacket();
        final double cycByte = st.cyclesPerByte();
        final double stallPkt = st.stallNanosPerPacket();
        final double stallByte = st.stallNanosPerByte();
        final double kappa = st.overloadKappa();
        final long lat = st.latencyNanos();
        final int burst = Math.max(1, st.burstThreshold());
        final long period = st.flushPeriodNanos();
        final boolean blocking = st.blocking();
        final long pollLoop = Math.max(1, st.pollLoopNanos());
        final int[] adm = scratch; // admitted arrivals, as offsets into the input
        final int fixedSize = traffic.fixedFrameSize();
        final double fixedPacketNanos = fixedSize > 0
                ? (cycPkt + cycByte * fixedSize) / ghz + stallPkt + stallByte * fixedSize : 0;

        int head = 0;
        int tail = 0;
        int next = 0;
        int out = oOff;
        int txStart = 0; // adm[txStart, txEnd) served, waiting in the transmit buffer
        int txEnd = 0;
        long dropsSince = 0;
        long admittedSince = 0;
        long busyNanos = 0;
        long now = inTimes[inOff];
        long nextTimer = Long.MAX_VALUE; // deadline of the flush timer, armed by the first buffered packet
        while (true) {
            while (next < inN && inTimes[inOff + next] <= now) {
                if (tail - head < cap) {
                    adm[tail++] = next;
                    admittedSince++;
                } else {
                    dropsSince++;
                }
                next++;
            }
            if (now >= nextTimer) {
                out = emit(adm, txStart, txEnd, inIds, inOff, now + lat, oIds, oTimes, out);
                txStart = txEnd;
                nextTimer = Long.MAX_VALUE;
            }
            if (tail == head) {
                if (next >= inN) {
                    // the flush timer drains what is left
                    long t = (period > 0 ? Math.max(now, nextTimer) : now) + lat;
                    out = emit(adm, txStart, txEnd, inIds, inOff, t, oIds, oTimes, out);
                    break;
                }
                long a = inTimes[inOff + next];
                if (txEnd > txStart && nextTimer < a) {
                    now = nextTimer;
                    continue;
                }
                if (blocking) {
                    long idle = a - now;
                    now = a + (idle >= st.deepIdleNanos() ? st.deepWakeNanos() : st.wakeNanos());
                } else {
                    now = a + Math.floorMod(nextRandom(), pollLoop);
                }
                continue;
            }
            int b = Math.min(tail - head, batchMax);
            double nanos;
            if (fixedSize > 0) {
                nanos = cycBatch / ghz + b * fixedPacketNanos;
            } else {
                double cyc = cycBatch;
                double stall = 0;
                for (int j = head; j < head + b; j++) {
                    int s = traffic.frameSize(inIds[inOff + adm[j]]);
                    cyc += cycPkt + cycByte * s;
                    stall += stallPkt + stallByte * s;
                }
                nanos = cyc / ghz + stall;
            }
            if (kappa > 0 && dropsSince > 0) {
                nanos *= 1 + kappa * dropsSince / (double) (dropsSince + admittedSince);
            }
            dropsSince = 0;
            admittedSince = 0;
            long svc = Math.max(1, Math.round(nanos));
            busyNanos += svc;
            long end = now + svc;
            head += b;
            if (burst <= 1) {
                out = emit(adm, head - b, head, inIds, inOff, end + lat, oIds, oTimes, out);
                txStart = txEnd = head;
            } else {
                if (txEnd == txStart && period > 0) {
                    nextTimer = end + period;
                }
                txEnd = head;
                if (txEnd - txStart >= burst) {
                    out = emit(adm, txStart, txEnd, inIds, inOff, end + lat, oIds, oTimes, out);
                    txStart = txEnd;
                    nextTimer = Long.MAX_VALUE;
                }
            }
            now = end;
            if (blocking && st.sleepsAfterBatch()) {
                now += st.wakeNanos();
            }
        }
        busy[0] += busyNanos;
        return out - oOff;
    }
}
