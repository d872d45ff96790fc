package org.nfvperf.latency;

import java.io.IOException;

/**
 * The matching engine: merges N tap streams in timestamp order and follows every identity from
 * tap to tap along the path, recording per-segment and end-to-end delays.
 *
 * <p>How: tap {@code i} is read as if its clock ran {@code i × S} late, S being the skew
 * tolerance (its merge time is {@code ts + offset + i·S}), so an upstream packet is always seen
 * before a downstream partner whose delay lies in [−S, W]; negative delays (clock offsets) thus
 * match instead of being lost. Packets seen at tap {@code i} wait in a FIFO ring (in insertion
 * order) indexed by a primitive map from identity to the oldest waiting ring position; repeated
 * identities are chained in order of occurrence. A waiting packet whose partner would have a
 * delay above W is lost. The map holds only waiting packets, about rate × (S + delay) plus the
 * lost ones for W; the ring spans rate × (S + W) positions (33 bytes each for two taps). Memory
 * is thus bounded by rate × window, independent of the capture length, and the loop allocates
 * nothing per packet once rings and maps have grown.
 *
 * <p>Not thread-safe; run once.
 */
final class Matcher {
    /** Timestamp of a tap that a packet was not seen at (per-packet output). */
    static final long NONE = Long.MIN_VALUE;

    /** Receives every packet once its fate is known; {@code ts[i]} is {@link #NONE} where unseen. */
    interface PacketSink {
        void packet(long key, long[] ts) throws IOException;
    }

    /** Per-tap results. */
    static final class TapResult {
        long packets;
        long keyed;
        long skipped;
        long duplicates;
        long reordered;
        double jitter = Double.NaN;
        long firstNanos = NONE;
        long lastNanos = NONE;
        boolean reorderingKnown;
    }

    private final int n;
    private final TapStream[] streams;
    private final long[] offsets;
    private final long window;
    private final long skew;
    private final boolean sequenceKey;
    private final PacketSink sink;
    private final long[] row;

    final LatencyStats[] segments;
    final LatencyStats endToEnd;
    final TapResult[] taps;

    private final Ring[] rings;
    private final LongLongMap[] maps;
    private final long[] mergeTime;
    private final boolean[] active;
    private final long[] maxFirstTs;
    private final long[] prevTransit;
    /** Per segment: the newest upstream timestamp of a matched packet (decides loss at the end). */
    private final long[] newestMatchedUpstream;
    private long maxSequence = Long.MIN_VALUE;
    private long newestMerge = Long.MIN_VALUE;
    private long nextIntervalCheck = Long.MIN_VALUE;
    private final long intervalNanos;

    Matcher(TapStream[] streams, long[] offsets, long windowNanos, long skewNanos, long intervalNanos,
            boolean sequenceKey, PacketSink sink) {
        if (streams.length < 2) {
            throw new IllegalArgumentException("taps must be >= 2: " + streams.length);
        }
        if (offsets.length != streams.length) {
            throw new IllegalArgumentException("offsets must have one element per tap (" + streams.length + "): "
                    + offsets.length);
        }
        if (windowNanos <= 0) {
            throw new IllegalArgumentException("window must be > 0 ns: " + windowNanos);
        }
        this.n = streams.length;
        this.streams = streams;
        this.offsets = offsets.clone();
        if (skewNanos < 0 || skewNanos > windowNanos) {
            throw new IllegalArgumentException("skew must be in [0, window (" + windowNanos + " ns)]: " + skewNanos);
        }
        this.window = windowNanos;
        this.skew = skewNanos;
        this.intervalNanos = intervalNanos;
        this.sequenceKey = sequenceKey;
        this.sink = sink;
        this.row = new long[n];
        segments = new LatencyStats[n - 1];
        for (int i = 0; i < n - 1; i++) {
            segments[i] = new LatencyStats(intervalNanos);
        }
        endToEnd = new LatencyStats(intervalNanos);
        taps = new TapResult[n];
        for (int i = 0; i < n; i++) {
            taps[i] = new TapResult();
        }
        taps[0].reorderingKnown = sequenceKey;
        for (int i = 1; i < n; i++) {
            taps[i].reorderingKnown = true;
        }
        rings = new Ring[n - 1];
        maps = new LongLongMap[n - 1];
        for (int i = 0; i < n - 1; i++) {
            rings[i] = new Ring(n, 1 << 12);
            maps[i] = new LongLongMap(1 << 12);
        }
        mergeTime = new long[n];
        active = new boolean[n];
        maxFirstTs = new long[n];
        prevTransit = new long[n];
        java.util.Arrays.fill(maxFirstTs, NONE);
        java.util.Arrays.fill(prevTransit, NONE);
        newestMatchedUpstream = new long[n];
        java.util.Arrays.fill(newestMatchedUpstream, NONE);
    }

    /** Largest ring capacity reached at any tap (packets), to check that memory stays bounded. */
    int maxRingCapacity() {
        int m = 0;
        for (Ring r : rings) {
            m = Math.max(m, r.capacity());
        }
        return m;
    }

    /** Reads every stream to its end. */
    void run() throws IOException {
        for (int i = 0; i < n; i++) {
            advance(i);
        }
        while (true) {
            int t = -1;
            long best = Long.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                if (active[i] && (t < 0 || mergeTime[i] < best)) {
                    best = mergeTime[i];
                    t = i;
                }
            }
            if (t < 0) {
                break;
            }
            if (best > newestMerge) {
                newestMerge = best;
                expire(best);
                if (intervalNanos > 0 && best >= nextIntervalCheck) {
                    closeIntervals(best);
                    nextIntervalCheck = best + intervalNanos;
                }
            }
            long ts = best - t * skew;
            handle(t, ts, streams[t].key());
            advance(t);
        }
        for (int i = 0; i < n; i++) {
            taps[i].packets = streams[i].packets();
            taps[i].skipped = streams[i].skipped();
        }
        finish();
    }

    private void advance(int i) throws IOException {
        if (streams[i].next()) {
            long ts = streams[i].timestampNanos() + offsets[i];
            mergeTime[i] = ts + i * skew;
            active[i] = true;
            TapResult r = taps[i];
            r.keyed++;
            if (r.firstNanos == NONE) {
                r.firstNanos = ts;
            }
            r.lastNanos = ts;
        } else {
            active[i] = false;
        }
    }

    private void handle(int t, long ts, long key) throws IOException {
        if (t == 0) {
            if (sequenceKey) {
                if (key < maxSequence) {
                    taps[0].reordered++;
                } else {
                    maxSequence = key;
                }
            }
            append(0, key, ts, -1, -1);
            return;
        }
        LongLongMap up = maps[t - 1];
        long pos = up.get(key);
        LatencyStats seg = segments[t - 1];
        if (pos == LongLongMap.MISSING) {
            seg.countUnexpected();
            if (t == n - 1) {
                endToEnd.countUnexpected();
                emitSingle(key, t, ts);
            } else {
                append(t, key, ts, -1, -1);
            }
            return;
        }
        Ring r = rings[t - 1];
        int p = r.index(pos);
        if (popHead(t - 1, key, p)) {
            seg.countAmbiguous();
        }
        long upstreamTs = r.ts[p * n + t - 1];
        seg.record(ts - upstreamTs, upstreamTs);
        if (upstreamTs > newestMatchedUpstream[t - 1]) {
            newestMatchedUpstream[t - 1] = upstreamTs;
        }
        long ts0 = r.ts[p * n];
        if (ts0 != NONE) {
            long transit = ts - ts0;
            TapResult tr = taps[t];
            if (prevTransit[t] != NONE) {
                // RFC 3550 section 6.4.1 interarrival jitter, with tap 0 as the sender
                double d = Math.abs(transit - prevTransit[t]);
                tr.jitter += (d - tr.jitter) / 16.0;
            } else {
                tr.jitter = 0.0;
            }
            prevTransit[t] = transit;
            // reordered: it left the first tap before a packet that already arrived here
            if (ts0 < maxFirstTs[t]) {
                tr.reordered++;
            } else {
                maxFirstTs[t] = ts0;
            }
            if (t == n - 1) {
                endToEnd.record(transit, ts0);
            }
        }
        if (t < n - 1) {
            append(t, key, ts, t - 1, p);
        } else if (sink != null) {
            System.arraycopy(r.ts, p * n, row, 0, n);
            row[t] = ts;
            sink.packet(key, row);
        }
    }

    /**
     * Removes the oldest waiting packet with {@code key} (ring index {@code p}, which is the head
     * of its chain because chains and rings are both in insertion order) from tap {@code tap}'s
     * map; returns true if others with the same key still wait.
     */
    private boolean popHead(int tap, long key, int p) {
        Ring r = rings[tap];
        int toNext = r.next[p];
        r.state[p] = Ring.DONE;
        if (toNext > 0) {
            long head = r.position(p) + toNext;
            maps[tap].put(key, head);
            r.chainTail[r.index(head)] = r.chainTail[p] - toNext;
            return true;
        }
        maps[tap].remove(key);
        return false;
    }

    /** Puts a packet seen at tap {@code t} into its ring, copying earlier timestamps from {@code fromRing}. */
    private void append(int t, long key, long ts, int fromRing, int fromIndex) {
        Ring r = rings[t];
        if (r.tail - r.head == r.capacity()) {
            r.grow();
        }
        long pos = r.tail++;
        int p = r.index(pos);
        int base = p * n;
        if (fromRing >= 0) {
            System.arraycopy(rings[fromRing].ts, fromIndex * n, r.ts, base, t);
        } else {
            for (int i = 0; i < t; i++) {
                r.ts[base + i] = NONE;
            }
        }
        r.ts[base + t] = ts;
        r.key[p] = key;
        r.next[p] = 0;
        r.chainTail[p] = 0;
        r.state[p] = Ring.WAITING;
        long head = maps[t].get(key);
        if (head == LongLongMap.MISSING) {
            maps[t].put(key, pos);
        } else {
            // chains link by distance in ring positions, which growing the ring does not change
            taps[t].duplicates++;
            int h = r.index(head);
            long last = head + r.chainTail[h];
            r.next[r.index(last)] = (int) (pos - last);
            r.chainTail[h] = (int) (pos - head);
        }
    }

    /** Declares lost every packet whose downstream partner could only arrive more than W late. */
    private void expire(long now) throws IOException {
        for (int t = 0; t < n - 1; t++) {
            Ring r = rings[t];
            long limit = now - (t + 1) * skew - window;
            while (r.head < r.tail) {
                int p = r.index(r.head);
                if (r.state[p] == Ring.WAITING) {
                    if (r.ts[p * n + t] >= limit) {
                        break;
                    }
                    drop(t, p, false);
                }
                r.head++;
            }
        }
    }

    private void drop(int t, int p, boolean truncated) throws IOException {
        Ring r = rings[t];
        long key = r.key[p];
        popHead(t, key, p);
        if (truncated) {
            segments[t].countTruncated();
        } else {
            segments[t].countLost();
        }
        if (r.ts[p * n] != NONE) {
            if (truncated) {
                endToEnd.countTruncated();
            } else {
                endToEnd.countLost();
            }
        }
        if (sink != null) {
            System.arraycopy(r.ts, p * n, row, 0, t + 1);
            for (int i = t + 1; i < n; i++) {
                row[i] = NONE;
            }
            sink.packet(key, row);
        }
    }

    private void emitSingle(long key, int t, long ts) throws IOException {
        if (sink != null) {
            java.util.Arrays.fill(row, NONE);
            row[t] = ts;
            sink.packet(key, row);
        }
    }

    private void closeIntervals(long now) {
        for (int s = 0; s < n - 1; s++) {
            segments[s].closeIntervalsBefore(now - (s + 1) * skew - window);
        }
        endToEnd.closeIntervalsBefore(now - n * (skew + window));
    }

    /**
     * Settles what still waits at the end of the input: lost if a packet that passed the same tap
     * later did reach the next tap (so that capture was still running), else truncated.
     */
    private void finish() throws IOException {
        for (int t = 0; t < n - 1; t++) {
            Ring r = rings[t];
            long newest = newestMatchedUpstream[t];
            while (r.head < r.tail) {
                int p = r.index(r.head);
                if (r.state[p] == Ring.WAITING) {
                    long ts = r.ts[p * n + t];
                    boolean decided = newest != NONE && ts < newest;
                    drop(t, p, !decided);
                }
                r.head++;
            }
        }
        for (LatencyStats s : segments) {
            s.closeAllIntervals();
        }
        endToEnd.closeAllIntervals();
    }

    /** FIFO of the packets waiting at one tap, addressed by absolute position. */
    static final class Ring {
        static final byte WAITING = 1;
        static final byte DONE = 2;
        private final int taps;
        long[] key;
        long[] ts;
        /** Distance to the next waiting packet with the same key, 0 for none. */
        int[] next;
        /** At a chain's head: distance to the chain's last packet. */
        int[] chainTail;
        byte[] state;
        long head;
        long tail;
        private int mask;

        Ring(int taps, int capacity) {
            this.taps = taps;
            allocate(capacity);
        }

        private void allocate(int capacity) {
            key = new long[capacity];
            ts = new long[capacity * taps];
            next = new int[capacity];
            chainTail = new int[capacity];
            state = new byte[capacity];
            mask = capacity - 1;
        }

        int capacity() {
            return mask + 1;
        }

        int index(long pos) {
            return (int) pos & mask;
        }

        /** The absolute position of the live entry at index {@code p}. */
        long position(int p) {
            return head + ((p - index(head)) & mask);
        }

        void grow() {
            long[] k = key;
            long[] t = ts;
            int[] nx = next;
            int[] ct = chainTail;
            byte[] s = state;
            int oldMask = mask;
            if (capacity() >= 1 << 29) {
                throw new IllegalStateException("more than " + capacity() + " packets wait at one tap;"
                        + " use a shorter --window or --skew");
            }
            allocate(capacity() << 1);
            for (long pos = head; pos < tail; pos++) {
                int a = (int) pos & oldMask;
                int b = index(pos);
                key[b] = k[a];
                System.arraycopy(t, a * taps, ts, b * taps, taps);
                next[b] = nx[a];
                chainTail[b] = ct[a];
                state[b] = s[a];
            }
        }
    }
}
