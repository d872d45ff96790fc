package org.nfvperf.latency;

import java.io.IOException;

/**
 * The matching engine as it was before pending records were freed on match (kept as the reference of
 * {@code MatcherDifferentialTest}):  merges N tap streams in timestamp order and follows every identity from
 * tap to tap along the path, recording per-segment and end-to-end delays.
 *
 * <p>How: tap {@code i} is read as if its clock ran {@code i × S} late, S being the skew
 * tolerance (its merge time is {@code ts + offset + i·S}), so an upstream packet is always seen
 * before a downstream partner whose delay lies in [−S, W]; negative delays (clock offsets) thus
 * match instead of being lost. Packets seen at tap {@code i} wait in a FIFO ring (in insertion
 * order) indexed by a {@link KeyIndex} (direct-mapped by the low bits of the identity, with a
 * primitive hash map for collisions) from identity to the oldest waiting ring position; repeated
 * identities are chained in order of occurrence. A waiting packet whose partner would have a
 * delay above W is lost. The map holds only waiting packets, about rate × (S + delay) plus the
 * lost ones for W; the ring spans rate × (S + W) positions (24 bytes each in the ring for two taps). Memory
 * is thus bounded by rate × window, independent of the capture length, and the loop allocates
 * nothing per packet once rings and maps have grown.
 *
 * <p>Not thread-safe; run once.
 */
final class ReferenceMatcher {
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

    private final Feed[] feeds;
    private final Ring[] rings;
    private final KeyIndex[] maps;
    private final long[] mergeTime;
    private final boolean[] active;
    private final long[] maxFirstTs;
    private final long[] prevTransit;
    /** Per segment: the newest upstream timestamp of a matched packet (decides loss at the end). */
    private final long[] newestMatchedUpstream;
    private long maxSequence;
    private long newestMerge = Long.MIN_VALUE;
    /**
     * The earliest merge time at which {@link #expire} can drop anything: the expiry of the oldest
     * waiting packet that stopped the last walk ({@code Long.MIN_VALUE}: walk at every step).
     */
    private long nextExpiry = Long.MIN_VALUE;
    private long nextIntervalCheck = Long.MIN_VALUE;
    private final long intervalNanos;

    ReferenceMatcher(TapStream[] streams, long[] offsets, long windowNanos, long skewNanos, long intervalNanos,
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
        this.feeds = new Feed[n];
        for (int i = 0; i < n; i++) {
            feeds[i] = new Feed(streams[i]);
        }
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
        // with two taps the path is one segment: share its accumulator instead of recording twice
        endToEnd = n == 2 ? segments[0] : new LatencyStats(intervalNanos);
        taps = new TapResult[n];
        for (int i = 0; i < n; i++) {
            taps[i] = new TapResult();
        }
        taps[0].reorderingKnown = sequenceKey;
        for (int i = 1; i < n; i++) {
            taps[i].reorderingKnown = true;
        }
        rings = new Ring[n - 1];
        maps = new KeyIndex[n - 1];
        for (int i = 0; i < n - 1; i++) {
            rings[i] = new Ring(i + 1, 1 << 12);   // tap i's packets carry timestamps 0..i
            maps[i] = new KeyIndex(sequenceKey ? 1 << 12 : 0);
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
            mergeTime[i] = load(i);
        }
        if (n == 2) {
            runTwo();
        } else {
            runMany();
        }
        for (int i = 0; i < n; i++) {
            taps[i].packets = streams[i].packets();
            taps[i].skipped = streams[i].skipped();
        }
        finish();
    }

    /**
     * The merge of two taps, with both cursors in locals: per packet one comparison picks the
     * tap, and the next merge time comes straight from the batch arrays.
     */
    private void runTwo() throws IOException {
        Feed f0 = feeds[0];
        Feed f1 = feeds[1];
        long shift0 = offsets[0];
        long shift1 = offsets[1] + skew;
        long m0 = mergeTime[0];
        long m1 = mergeTime[1];
        while (true) {
            int t = m0 <= m1 ? 0 : 1;
            long best = t == 0 ? m0 : m1;
            if (best == Long.MAX_VALUE && !active[t]) {
                t = active[0] ? 0 : active[1] ? 1 : -1;
                if (t < 0) {
                    break;
                }
            }
            if (best > newestMerge) {
                step(best);
            }
            if (t == 0) {
                arriveFirst(best, f0.keys[f0.i]);
                m0 = ++f0.i < f0.end ? f0.ts[f0.i] + shift0 : load(0);
            } else {
                arrive(1, best - skew, f1.keys[f1.i]);
                m1 = ++f1.i < f1.end ? f1.ts[f1.i] + shift1 : load(1);
            }
        }
    }

    /** The merge of three or more taps. */
    private void runMany() throws IOException {
        long[] m = mergeTime;
        while (true) {
            int t = -1;
            long best = Long.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                if (active[i] && (t < 0 || m[i] < best)) {
                    best = m[i];
                    t = i;
                }
            }
            if (t < 0) {
                break;
            }
            if (best > newestMerge) {
                step(best);
            }
            Feed f = feeds[t];
            long key = f.keys[f.i];
            if (t == 0) {
                arriveFirst(best, key);
            } else {
                arrive(t, best - t * skew, key);
            }
            m[t] = ++f.i < f.end ? f.ts[f.i] + offsets[t] + t * skew : load(t);
        }
    }

    /** The merge time has advanced to {@code now}: expire and close intervals when due. */
    private void step(long now) throws IOException {
        newestMerge = now;
        if (now >= nextExpiry) {
            expire(now);
        }
        if (intervalNanos > 0 && now >= nextIntervalCheck) {
            closeIntervals(now);
            nextIntervalCheck = now + intervalNanos;
        }
    }

    /**
     * Loads tap {@code i}'s next batch and accounts for it; returns the merge time of its first
     * packet, or {@code Long.MAX_VALUE} with the tap inactive at its end.
     */
    private long load(int i) throws IOException {
        Feed f = feeds[i];
        if (!f.refill()) {
            active[i] = false;
            return Long.MAX_VALUE;
        }
        active[i] = true;
        TapResult r = taps[i];
        r.keyed += f.end;
        if (r.firstNanos == NONE) {
            r.firstNanos = f.ts[0] + offsets[i];
        }
        r.lastNanos = f.ts[f.end - 1] + offsets[i];
        return f.ts[0] + offsets[i] + i * skew;
    }

    private void arriveFirst(long ts, long key) {
        if (sequenceKey) {
            if (Long.compareUnsigned(key, maxSequence) < 0) {
                taps[0].reordered++;
            } else {
                maxSequence = key;
            }
        }
        append(0, key, ts, null, -1);
    }

    /** A packet seen at tap {@code t} >= 1. */
    private void arrive(int t, long ts, long key) throws IOException {
        KeyIndex up = maps[t - 1];
        int slot = up.slot(key);
        long pos = up.valueAt(slot);
        LatencyStats seg = segments[t - 1];
        if (pos == LongLongMap.MISSING) {
            seg.countUnexpected();
            if (t == n - 1) {
                if (n > 2) {
                    endToEnd.countUnexpected();
                }
                emitSingle(key, t, ts);
            } else {
                append(t, key, ts, null, -1);
            }
            return;
        }
        Ring r = rings[t - 1];
        int base = r.base(pos);
        if (popHead(t - 1, slot, pos, base)) {
            seg.countAmbiguous();
        }
        long[] d = r.data;
        long upstreamTs = d[base + Ring.TS + t - 1];
        seg.record(ts - upstreamTs, upstreamTs);
        if (upstreamTs > newestMatchedUpstream[t - 1]) {
            newestMatchedUpstream[t - 1] = upstreamTs;
        }
        long ts0 = d[base + Ring.TS];
        if (ts0 != NONE) {
            long transit = ts - ts0;
            TapResult tr = taps[t];
            if (prevTransit[t] != NONE) {
                // RFC 3550 section 6.4.1 interarrival jitter, with tap 0 as the sender
                double diff = Math.abs(transit - prevTransit[t]);
                tr.jitter += (diff - tr.jitter) / 16.0;
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
            if (t == n - 1 && n > 2) {
                endToEnd.record(transit, ts0);
            }
        }
        if (t < n - 1) {
            append(t, key, ts, d, base);
        } else if (sink != null) {
            System.arraycopy(d, base + Ring.TS, row, 0, t);
            row[t] = ts;
            sink.packet(key, row);
        }
    }

    /**
     * Removes the oldest waiting packet of a key (ring position {@code pos} at {@code base}, the
     * head of its chain because chains and rings are both in insertion order; map slot
     * {@code slot}) from tap {@code tap}'s map; returns true if others with the same key still wait.
     */
    private boolean popHead(int tap, int slot, long pos, int base) {
        Ring r = rings[tap];
        if (pos == r.head) {
            nextExpiry = Long.MIN_VALUE;
        }
        long meta = r.data[base + Ring.META];
        r.data[base + Ring.META] = Ring.DONE;
        int toNext = Ring.next(meta);
        if (toNext > 0) {
            long head = pos + toNext;
            maps[tap].setAt(slot, head);
            int hb = r.base(head);
            r.data[hb + Ring.META] = Ring.meta(Ring.next(r.data[hb + Ring.META]), Ring.chainTail(meta) - toNext);
            return true;
        }
        maps[tap].removeAt(slot);
        return false;
    }

    /** Puts a packet seen at tap {@code t} into its ring, copying earlier timestamps from {@code from}. */
    private void append(int t, long key, long ts, long[] from, int fromBase) {
        Ring r = rings[t];
        if (r.tail - r.head == r.capacity()) {
            r.grow();
        }
        long pos = r.tail++;
        int base = r.base(pos);
        long[] d = r.data;
        if (from != null) {
            System.arraycopy(from, fromBase + Ring.TS, d, base + Ring.TS, t);
        } else {
            for (int i = 0; i < t; i++) {
                d[base + Ring.TS + i] = NONE;
            }
        }
        d[base + Ring.TS + t] = ts;
        d[base + Ring.KEY] = key;
        d[base + Ring.META] = 0;
        KeyIndex map = maps[t];
        int slot = map.slot(key);
        long head = map.valueAt(slot);
        if (head == LongLongMap.MISSING) {
            map.insertAt(slot, key, pos);
        } else {
            // chains link by distance in ring positions, which growing the ring does not change
            taps[t].duplicates++;
            int hb = r.base(head);
            long headMeta = d[hb + Ring.META];
            long last = head + Ring.chainTail(headMeta);
            int lb = r.base(last);
            d[lb + Ring.META] = Ring.meta((int) (pos - last), Ring.chainTail(d[lb + Ring.META]));
            headMeta = d[hb + Ring.META];
            d[hb + Ring.META] = Ring.meta(Ring.next(headMeta), (int) (pos - head));
        }
    }

    /** Declares lost every packet whose downstream partner could only arrive more than W late. */
    private void expire(long now) throws IOException {
        long next = Long.MAX_VALUE;
        for (int t = 0; t < n - 1; t++) {
            Ring r = rings[t];
            long limit = now - (t + 1) * skew - window;
            long[] d = r.data;
            while (r.head < r.tail) {
                int base = r.base(r.head);
                if (d[base + Ring.META] != Ring.DONE) {
                    long ts = d[base + Ring.TS + t];
                    if (ts >= limit) {
                        // nothing here expires before this packet does (at now' with ts < limit')
                        long at = ts + (t + 1) * skew + window;
                        next = Math.min(next, at < ts || at == Long.MAX_VALUE ? Long.MAX_VALUE : at + 1);
                        break;
                    }
                    drop(t, base, false);
                }
                r.head++;
            }
            if (r.head == r.tail) {
                next = Long.MIN_VALUE;
            }
        }
        nextExpiry = next;
    }

    private void drop(int t, int base, boolean truncated) throws IOException {
        Ring r = rings[t];
        long key = r.data[base + Ring.KEY];
        popHead(t, maps[t].slot(key), r.head, base);
        if (truncated) {
            segments[t].countTruncated();
        } else {
            segments[t].countLost();
        }
        if (n > 2 && r.data[base + Ring.TS] != NONE) {
            if (truncated) {
                endToEnd.countTruncated();
            } else {
                endToEnd.countLost();
            }
        }
        if (sink != null) {
            System.arraycopy(r.data, base + Ring.TS, row, 0, t + 1);
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
        if (n > 2) {
            endToEnd.closeIntervalsBefore(now - n * (skew + window));
        }
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
                int base = r.base(r.head);
                if (r.data[base + Ring.META] != Ring.DONE) {
                    long ts = r.data[base + Ring.TS + t];
                    boolean decided = newest != NONE && ts < newest;
                    drop(t, base, !decided);
                }
                r.head++;
            }
        }
        for (LatencyStats s : segments) {
            s.closeAllIntervals();
        }
        if (n > 2) {
            endToEnd.closeAllIntervals();
        }
    }

    /**
     * One tap's packets as batches of primitive arrays: a {@link PrefetchingTapStream}'s own
     * batches, or chunks copied from any other stream. A failure of the stream after some packets
     * of a chunk ends that chunk; it is thrown by the next refill, so that every packet read
     * before it is matched first.
     */
    private static final class Feed {
        private static final int CHUNK = 4096;
        private final TapStream source;
        private final PrefetchingTapStream prefetching;
        long[] ts;
        long[] keys;
        int i;
        int end;
        private IOException ioFailure;
        private RuntimeException failure;

        Feed(TapStream source) {
            this.source = source;
            this.prefetching = source instanceof PrefetchingTapStream p ? p : null;
            if (prefetching == null) {
                ts = new long[CHUNK];
                keys = new long[CHUNK];
            }
        }

        /** Moves to the next non-empty batch; false at the end. */
        boolean refill() throws IOException {
            i = 0;
            if (prefetching != null) {
                if (!prefetching.nextBatch()) {
                    end = 0;
                    return false;
                }
                ts = prefetching.batchTimestamps();
                keys = prefetching.batchKeys();
                end = prefetching.batchSize();
                return true;
            }
            if (ioFailure != null) {
                throw ioFailure;
            }
            if (failure != null) {
                throw failure;
            }
            int k = 0;
            try {
                while (k < CHUNK && source.next()) {
                    ts[k] = source.timestampNanos();
                    keys[k] = source.key();
                    k++;
                }
            } catch (IOException e) {
                if (k == 0) {
                    throw e;
                }
                ioFailure = e;
            } catch (RuntimeException e) {
                if (k == 0) {
                    throw e;
                }
                failure = e;
            }
            end = k;
            return k > 0;
        }
    }

    /**
     * FIFO of the packets waiting at one tap, addressed by absolute position; one array with a
     * record of {@code 2 + taps} longs per packet (tap i's ring holds i + 1 timestamps) so that appending and matching touch one or two
     * cache lines: key, meta (DONE, or the distances to the next packet with the same key and, at a
     * chain's head, to the chain's last packet), and the timestamps at each tap so far.
     */
    static final class Ring {
        static final int KEY = 0;
        static final int META = 1;
        static final int TS = 2;
        static final long DONE = -1L;
        private final int stride;
        long[] data;
        long head;
        long tail;
        private int mask;

        Ring(int taps, int capacity) {
            this.stride = TS + taps;
            data = new long[capacity * stride];
            mask = capacity - 1;
        }

        static long meta(int next, int chainTail) {
            return ((long) next << 32) | (chainTail & 0xFFFFFFFFL);
        }

        static int next(long meta) {
            return (int) (meta >>> 32);
        }

        static int chainTail(long meta) {
            return (int) meta;
        }

        int capacity() {
            return mask + 1;
        }

        /** Index in {@link #data} of the record at absolute position {@code pos}. */
        int base(long pos) {
            return ((int) pos & mask) * stride;
        }

        void grow() {
            if (capacity() >= 1 << 27) {
                throw new IllegalStateException("more than " + capacity() + " packets wait at one tap;"
                        + " use a shorter --window or --skew");
            }
            long[] old = data;
            int oldMask = mask;
            data = new long[capacity() * 2 * stride];
            mask = capacity() * 2 - 1;
            for (long pos = head; pos < tail; pos++) {
                System.arraycopy(old, ((int) pos & oldMask) * stride, data, base(pos), stride);
            }
        }
    }
}
