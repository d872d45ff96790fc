package org.nfvperf.latency;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The matching engine: merges N tap streams in timestamp order and follows every identity from
 * tap to tap along the path, recording per-segment and end-to-end delays.
 *
 * <p>How: tap {@code i} is read as if its clock ran {@code i × S} late, S being the skew
 * tolerance (its merge time is {@code ts + offset + i·S}), so an upstream packet is always seen
 * before a downstream partner whose delay lies in [−S, W]; negative delays (clock offsets) thus
 * match instead of being lost. Every match is checked against that range as well, so a packet
 * whose timestamp is out of place never yields a delay outside [−S, W].
 *
 * <p>Memory is bounded by the packets actually pending, not by rate × window: the packets seen
 * at tap {@code i} that wait for tap {@code i + 1} are records of primitive longs in a
 * {@link Pending} (a young ring in insertion order for what is in flight, an old slab with an
 * intrusive list for what waits longer: lost or late packets), indexed by a {@link KeyIndex} from
 * identity to the oldest waiting record; repeated identities are chained in order of occurrence.
 * A match frees its record in O(1) (young: marked dead, skipped by the ring's head; old: unlinked
 * and returned to a free list, the pattern of Netty's HashedWheelTimer), so the ring holds what
 * is in flight (rate × delay, skew) and the slab the lost packets until their window expires;
 * the expiry walk starts at the oldest pending record. Rings and slabs double when full and are
 * compacted (index rebuilt) when less than 1/8 is used. The loop allocates nothing per packet once
 * rings, slabs and maps have grown.
 *
 * <p>A packet missing at an intermediate tap only (that capture dropped it) but seen further
 * down within the window is matched end to end; its segments count it as lost before and
 * unexpected after the gap. A tap's timestamp regressions are counted (per tap, with the first
 * and largest jump), and a single packet whose timestamp lies more than W away from both
 * neighbours in the same direction (a "spike") is set aside as an outlier instead of holding up
 * the merge of every other packet.
 *
 * <p>Not thread-safe; run once.
 */
final class Matcher {
    /** Timestamp of a tap that a packet was not seen at (per-packet output). */
    static final long NONE = Long.MIN_VALUE;
    private static final long MISSING = LongLongMap.MISSING;
    /** Slab records a tap starts with (and never shrinks below). */
    static final int INITIAL_CAPACITY = 1 << 12;
    /** Delay allowed beyond the skew before a waiting packet leaves the young ring (see {@link Pending}). */
    static final long YOUNG_GRACE_NANOS = 1_000_000L;


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
        /** Packets whose timestamp is earlier than the one before them in the capture. */
        long regressions;
        /** Index (among packets with an identity, from 0) and size of the first regression. */
        long firstRegressionIndex = -1;
        long firstRegressionNanos;
        long largestRegressionNanos;
        long largestRegressionIndex = -1;
        /** Packets set aside because their timestamp lies more than W away from both neighbours. */
        long outliers;
        final List<long[]> outlierExamples = new ArrayList<>();
    }

    private final int n;
    private final TapStream[] streams;
    private final long[] offsets;
    private final long window;
    private final long skew;
    private final boolean sequenceKey;
    /** Width of sequence keys in bits (serial-number arithmetic, RFC 1982), 64 if unknown. */
    private final int sequenceBits;
    private final PacketSink sink;
    private final long[] row;

    final LatencyStats[] segments;
    final LatencyStats endToEnd;
    final TapResult[] taps;

    private final Feed[] feeds;
    private final Pending[] pending;
    private final KeyIndex[] maps;
    private final long[] mergeTime;
    private final boolean[] active;
    private final long[] maxFirstTs;
    private final long[] prevTransit;
    /** Per segment: the newest upstream timestamp of a matched packet (decides loss at the end). */
    private final long[] newestMatchedUpstream;
    private long maxSequence;
    private boolean anySequence;
    private long newestMerge = Long.MIN_VALUE;
    /** The earliest merge time at which {@link #expire} can drop anything. */
    private long nextExpiry = Long.MIN_VALUE;
    private long nextIntervalCheck = Long.MIN_VALUE;
    private final long intervalNanos;
    /**
     * Age (ns, in a tap's own timestamps) after which a waiting young record is promoted to the
     * old generation: the skew plus a grace period for the delay (1 ms, or the window if shorter).
     */
    private long youngAge;
    /** Largest young ring (records); when it is full its head is promoted whatever its age. */
    private int maxYoung = Pending.MAX_YOUNG;

    Matcher(TapStream[] streams, long[] offsets, long windowNanos, long skewNanos, long intervalNanos,
            boolean sequenceKey, PacketSink sink) {
        this(streams, offsets, windowNanos, skewNanos, intervalNanos, sequenceKey, 64, sink);
    }

    /**
     * @param sequenceBits width of sequence keys in bits, in [1, 64]: reordering at the first tap
     *                     compares sequence numbers modulo 2^bits (RFC 1982), so a wrapping
     *                     counter is not taken for reordering
     */
    Matcher(TapStream[] streams, long[] offsets, long windowNanos, long skewNanos, long intervalNanos,
            boolean sequenceKey, int sequenceBits, PacketSink sink) {
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
        if (skewNanos < 0 || skewNanos > windowNanos) {
            throw new IllegalArgumentException("skew must be in [0, window (" + windowNanos + " ns)]: " + skewNanos);
        }
        if (sequenceBits < 1 || sequenceBits > 64) {
            throw new IllegalArgumentException("sequenceBits must be in [1, 64]: " + sequenceBits);
        }
        if (Math.multiplyHigh(skewNanos, streams.length) != 0 || skewNanos * streams.length > Long.MAX_VALUE / 4) {
            throw new IllegalArgumentException("skew (" + skewNanos + " ns) x taps (" + streams.length
                    + ") must be < " + Long.MAX_VALUE / 4 + " ns");
        }
        this.n = streams.length;
        this.streams = streams;
        this.window = windowNanos;
        this.skew = skewNanos;
        taps = new TapResult[n];
        for (int i = 0; i < n; i++) {
            taps[i] = new TapResult();
        }
        this.feeds = new Feed[n];
        for (int i = 0; i < n; i++) {
            feeds[i] = new Feed(streams[i], taps[i], windowNanos);
        }
        this.offsets = offsets.clone();
        this.intervalNanos = intervalNanos;
        this.youngAge = skewNanos + Math.min(windowNanos, YOUNG_GRACE_NANOS);
        this.sequenceKey = sequenceKey;
        this.sequenceBits = sequenceBits;
        this.sink = sink;
        this.row = new long[n];
        segments = new LatencyStats[n - 1];
        for (int i = 0; i < n - 1; i++) {
            segments[i] = new LatencyStats(intervalNanos);
        }
        // with two taps the path is one segment: share its accumulator instead of recording twice
        endToEnd = n == 2 ? segments[0] : new LatencyStats(intervalNanos);
        taps[0].reorderingKnown = sequenceKey;
        for (int i = 1; i < n; i++) {
            taps[i].reorderingKnown = true;
        }
        pending = new Pending[n - 1];
        maps = new KeyIndex[n - 1];
        for (int i = 0; i < n - 1; i++) {
            pending[i] = new Pending(i + 1, INITIAL_CAPACITY);   // tap i's packets carry timestamps 0..i
            maps[i] = newIndex();
        }
        mergeTime = new long[n];
        active = new boolean[n];
        maxFirstTs = new long[n];
        prevTransit = new long[n];
        Arrays.fill(maxFirstTs, NONE);
        Arrays.fill(prevTransit, NONE);
        newestMatchedUpstream = new long[n];
        Arrays.fill(newestMatchedUpstream, NONE);
    }

    private KeyIndex newIndex() {
        return new KeyIndex(sequenceKey ? 1 << 12 : 0);
    }

    /**
     * Largest capacity (records) that an old slab or a young ring reached at any tap, to check
     * that memory stays bounded.
     */
    int maxRingCapacity() {
        int m = 0;
        for (Pending p : pending) {
            m = Math.max(m, Math.max(p.maxCapacity, p.maxYoungCapacity));
        }
        return m;
    }

    /**
     * Promotes sooner than the default (for tests of the old generation): after {@code ageNanos}
     * in the young ring, or when the ring holds {@code maxYoungCapacity} records (a power of two,
     * at least 1). Results do not depend on either; only speed and memory do.
     */
    void youngLimits(long ageNanos, int maxYoungCapacity) {
        if (ageNanos < 0 || Integer.bitCount(maxYoungCapacity) != 1 || maxYoungCapacity > Pending.MAX_YOUNG) {
            throw new IllegalArgumentException("age must be >= 0 and the capacity a power of two <= "
                    + Pending.MAX_YOUNG + ": " + ageNanos + ", " + maxYoungCapacity);
        }
        youngAge = ageNanos;
        maxYoung = maxYoungCapacity;
    }

    /** Largest young ring capacity reached at any tap (records). */
    int maxYoungCapacity() {
        int m = 0;
        for (Pending p : pending) {
            m = Math.max(m, p.maxYoungCapacity);
        }
        return m;
    }

    /** Sizes of the indexes (for diagnostics): direct capacity, spilled keys, per tap. */
    String indexStats() {
        StringBuilder b = new StringBuilder();
        for (KeyIndex k : maps) {
            if (k != null) {
                b.append("direct ").append(k.directCapacity()).append(" spilled ").append(k.spilled())
                        .append(" size ").append(k.size()).append("; ");
            }
        }
        return b.toString();
    }

    /** Old slab capacity of tap {@code t} now (records). */
    int currentCapacity(int t) {
        return pending[t].capacity;
    }

    /** Young ring capacity of tap {@code t} now (records). */
    int currentYoungCapacity(int t) {
        return pending[t].youngCapacity();
    }

    /** Largest number of records pending at once at any tap. */
    int maxPending() {
        int m = 0;
        for (Pending p : pending) {
            m = Math.max(m, p.maxSize);
        }
        return m;
    }

    /** Records pending now, over all taps (for progress and out-of-memory reports). */
    long pendingNow() {
        long s = 0;
        for (Pending p : pending) {
            s += p.size;
        }
        return s;
    }

    /** Drops every pending record (after an {@link OutOfMemoryError}, to make room for the report). */
    void releaseMemory() {
        for (int t = 0; t < pending.length; t++) {
            pending[t] = null;
            maps[t] = null;
        }
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
        boolean more = f.refill();
        TapResult r = taps[i];
        if (f.outlierCount > 0) {
            r.keyed += f.outlierCount;
            for (int k = 0; k < f.outlierCount; k++) {
                emitSingle(f.outlierKeys[k], i, f.outlierTs[k] + offsets[i]);
            }
            f.outlierCount = 0;
        }
        if (!more) {
            active[i] = false;
            return Long.MAX_VALUE;
        }
        active[i] = true;
        r.keyed += f.end;
        if (r.firstNanos == NONE) {
            r.firstNanos = f.ts[0] + offsets[i];
        }
        r.lastNanos = f.ts[f.end - 1] + offsets[i];
        return f.ts[0] + offsets[i] + i * skew;
    }

    private void arriveFirst(long ts, long key) {
        if (sequenceKey) {
            // RFC 1982: key precedes the highest so far if their difference, at the key's width, is negative
            if (anySequence && ((key - maxSequence) << (64 - sequenceBits)) < 0) {
                taps[0].reordered++;
            } else {
                maxSequence = key;
                anySequence = true;
            }
        }
        append(0, key, ts, null, 0, 0);
    }

    /** {@code a - b} when it is representable, else a value beyond every bound (out of range). */
    private static long delay(long a, long b) {
        long d = a - b;
        // overflow iff the operands have different signs and the result's sign differs from a's
        if (((a ^ b) & (a ^ d)) < 0) {
            return a > b ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return d;
    }

    /** A packet seen at tap {@code t} >= 1. */
    private void arrive(int t, long ts, long key) throws IOException {
        KeyIndex up = maps[t - 1];
        Pending p = pending[t - 1];
        int slot = up.slot(key);
        long v = up.valueAt(slot);
        while (v != MISSING) {
            int rec = (int) v;
            long upstreamTs = p.arr(rec)[p.base(rec) + Pending.TS + t - 1];
            long d = delay(ts, upstreamTs);
            if (d > window) {
                // its partner could only come more than W late: lost (the expiry walk has not reached it yet)
                drop(t - 1, rec, slot, false);
                slot = up.slot(key);
                v = up.valueAt(slot);
                continue;
            }
            if (d < -skew) {
                v = MISSING;
            }
            break;
        }
        if (v == MISSING) {
            if (t >= 2 && arriveAfterGap(t, ts, key)) {
                return;
            }
            segments[t - 1].countUnexpected();
            if (t == n - 1) {
                if (n > 2) {
                    endToEnd.countUnexpected();
                }
                emitSingle(key, t, ts);
            } else {
                append(t, key, ts, null, 0, 0);
            }
            return;
        }
        int rec = (int) v;
        int base = p.base(rec);
        LatencyStats seg = segments[t - 1];
        if (popHead(t - 1, slot, rec)) {
            seg.countAmbiguous();
        }
        long[] d = p.arr(rec);
        p.release(rec);
        long upstreamTs = d[base + Pending.TS + t - 1];
        seg.record(ts - upstreamTs, upstreamTs);
        if (upstreamTs > newestMatchedUpstream[t - 1]) {
            newestMatchedUpstream[t - 1] = upstreamTs;
        }
        complete(t, ts, key, d, base, t);
    }

    /**
     * A packet without partner at tap {@code t - 1}: if an earlier tap still holds it (that tap's
     * capture missed it at the taps in between), continue its path from there; true if so.
     */
    private boolean arriveAfterGap(int t, long ts, long key) throws IOException {
        for (int j = t - 2; j >= 0; j--) {
            KeyIndex map = maps[j];
            int slot = map.slot(key);
            long v = map.valueAt(slot);
            if (v == MISSING) {
                continue;
            }
            Pending p = pending[j];
            int rec = (int) v;
            int base = p.base(rec);
            long[] from = p.arr(rec);
            long d = delay(ts, from[base + Pending.TS + j]);
            if (d > window || d < -(t - j) * skew) {
                continue;
            }
            if (popHead(j, slot, rec)) {
                segments[j].countAmbiguous();
            }
            p.release(rec);
            segments[j].countLost();            // not seen at tap j + 1
            segments[t - 1].countUnexpected();  // seen at t without tap t - 1
            complete(t, ts, key, from, base, j + 1);
            return true;
        }
        return false;
    }

    /**
     * The rest of an arrival at tap {@code t} of a packet whose timestamps at taps
     * {@code 0 .. copied - 1} are in {@code from} at {@code fromBase} (unseen at taps copied .. t-1).
     */
    private void complete(int t, long ts, long key, long[] from, int fromBase, int copied) throws IOException {
        long ts0 = from[fromBase + Pending.TS];
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
            append(t, key, ts, from, fromBase, copied);
        } else if (sink != null) {
            System.arraycopy(from, fromBase + Pending.TS, row, 0, copied);
            for (int i = copied; i < t; i++) {
                row[i] = NONE;
            }
            row[t] = ts;
            sink.packet(key, row);
        }
    }

    /**
     * Removes record {@code rec} (the head of its key's chain: chains and lists are both in
     * insertion order; map slot {@code slot}) from tap {@code tap}'s map; true if others with the
     * same key still wait. The record itself stays readable until the caller releases it.
     */
    private boolean popHead(int tap, int slot, int rec) {
        Pending p = pending[tap];
        long chain = p.arr(rec)[p.base(rec) + Pending.CHAIN];
        int next = Pending.chainNext(chain);
        if (next != Pending.NIL) {
            maps[tap].setAt(slot, next);
            long[] d = p.arr(next);
            int nb = p.base(next) + Pending.CHAIN;
            d[nb] = Pending.chain(Pending.chainNext(d[nb]), Pending.chainTail(chain));
            return true;
        }
        maps[tap].removeAt(slot);
        return false;
    }

    /**
     * Adds a packet seen at tap {@code t} to its pending list, with the timestamps at taps
     * {@code 0 .. copied - 1} copied from {@code from} (the others unseen).
     */
    private void append(int t, long key, long ts, long[] from, int fromBase, int copied) {
        Pending p = pending[t];
        makeRoom(t, p, ts);
        int rec = p.allocYoung();
        int base = p.base(rec);
        long[] d = p.young;
        if (copied > 0) {
            System.arraycopy(from, fromBase + Pending.TS, d, base + Pending.TS, copied);
        }
        for (int i = copied; i < t; i++) {
            d[base + Pending.TS + i] = NONE;
        }
        d[base + Pending.TS + t] = ts;
        d[base + Pending.KEY] = key;
        d[base + Pending.CHAIN] = Pending.chain(Pending.NIL, rec);
        KeyIndex map = maps[t];
        int slot = map.slot(key);
        long head = map.valueAt(slot);
        if (head == MISSING) {
            map.insertAt(slot, key, rec);
        } else {
            taps[t].duplicates++;
            chainAppend(p, (int) head, rec);
        }
    }

    private static void chainAppend(Pending p, int head, int rec) {
        long[] h = p.arr(head);
        int hb = p.base(head) + Pending.CHAIN;
        int last = Pending.chainTail(h[hb]);
        long[] l = p.arr(last);
        int lb = p.base(last) + Pending.CHAIN;
        l[lb] = Pending.chain(rec, Pending.chainTail(l[lb]));
        h[hb] = Pending.chain(Pending.chainNext(h[hb]), rec);
    }

    /**
     * Before a record is appended at tap {@code t} (timestamp {@code ts} there): promotes to the old
     * generation the young records older than the in-flight age (and the oldest ones while the
     * ring holds its largest size), then doubles the ring if it is full.
     */
    private void makeRoom(int t, Pending p, long ts) {
        long limit = ts - youngAge;
        int stride = p.stride;
        while (p.yHead < p.yTail && (p.young[(int) (p.yHead & p.youngMask) * stride + Pending.TS + t] < limit
                || p.youngSpan() >= maxYoung)) {
            promote(t, p);
        }
        if (p.youngSpan() > p.youngMask) {
            p.growYoung();   // full, and below maxYoung
        }
    }

    /** Moves the oldest young record of tap {@code t} (live: the head) to the end of the old list. */
    private void promote(int t, Pending p) {
        int rec = Pending.youngName(p.yHead);
        int yb = p.base(rec);
        long key = p.young[yb + Pending.KEY];
        int o = p.allocLast();
        p.size--;   // the same record, counted once
        long[] d = p.data;
        int ob = p.base(o);
        long[] y = p.young;
        System.arraycopy(y, yb + Pending.TS, d, ob + Pending.TS, p.taps);
        d[ob + Pending.KEY] = key;
        long chain = y[yb + Pending.CHAIN];
        KeyIndex map = maps[t];
        int slot = map.slot(key);
        int h = (int) map.valueAt(slot);
        if (h == rec) {
            map.setAt(slot, o);
            // it will wait long (lost or late): free its direct slot for the sequence numbers to come
            map.demoteAt(slot);
            d[ob + Pending.CHAIN] = Pending.chainTail(chain) == rec ? Pending.chain(Pending.chainNext(chain), o) : chain;
        } else {
            // an older record with this key heads the chain (in the old generation): relink to o
            d[ob + Pending.CHAIN] = chain;
            int x = h;
            while (true) {
                int xb = p.base(x) + Pending.CHAIN;
                long[] xa = p.arr(x);
                int nx = Pending.chainNext(xa[xb]);
                if (nx == rec) {
                    xa[xb] = Pending.chain(o, Pending.chainTail(xa[xb]));
                    break;
                }
                x = nx;
            }
            long[] ha = p.arr(h);
            int hb = p.base(h) + Pending.CHAIN;
            if (Pending.chainTail(ha[hb]) == rec) {
                ha[hb] = Pending.chain(Pending.chainNext(ha[hb]), o);
            }
        }
        p.size++;
        p.release(rec);
    }

    /** Declares lost every packet whose downstream partner could only arrive more than W late. */
    private void expire(long now) throws IOException {
        long next = Long.MAX_VALUE;
        for (int t = 0; t < n - 1; t++) {
            Pending p = pending[t];
            long reach = (t + 1) * skew + window;
            long limit = now - reach;
            for (int rec = p.oldest(); rec != Pending.NIL; rec = p.oldest()) {
                long[] a = p.arr(rec);
                int base = p.base(rec);
                long ts = a[base + Pending.TS + t];
                if (ts >= limit) {
                    // nothing here expires before this packet does (at now' with ts < limit')
                    long at = ts + reach;
                    next = Math.min(next, at < ts || at == Long.MAX_VALUE ? Long.MAX_VALUE : at + 1);
                    break;
                }
                drop(t, rec, maps[t].slot(a[base + Pending.KEY]), false);
            }
            if (p.oldest() == Pending.NIL) {
                // a packet appended from now on expires after now + S + W at the earliest
                long at = now + skew + window;
                next = Math.min(next, at < now ? Long.MAX_VALUE : at);
            }
            if (p.shouldShrink()) {
                compact(t);
            }
        }
        nextExpiry = next;
    }

    /** Moves tap {@code t}'s pending records into a smaller slab, in order, and rebuilds its index. */
    private void compact(int t) {
        Pending old = pending[t];
        int liveYoung = old.size - old.oldSize;
        Pending p = new Pending(old.taps, Math.max(INITIAL_CAPACITY, Integer.highestOneBit(Math.max(1, old.oldSize)) * 4),
                Math.min(Pending.MAX_YOUNG, Math.max(INITIAL_CAPACITY, Integer.highestOneBit(Math.max(1, liveYoung)) * 4)));
        p.maxCapacity = old.maxCapacity;
        p.maxYoungCapacity = old.maxYoungCapacity;
        p.maxSize = old.maxSize;
        KeyIndex map = newIndex();
        int stride = old.stride;
        for (int rec = old.head; rec != Pending.NIL; rec = Pending.next(old.data[old.base(rec) + Pending.LINK])) {
            int nr = p.allocLast();
            copyRecord(old.data, old.base(rec), p, nr, map, stride, true);
        }
        for (long e = old.yHead; e < old.yTail; e++) {
            int rec = Pending.youngName(e);
            int ob = old.base(rec);
            if (old.young[ob + Pending.CHAIN] != Pending.DEAD) {
                int nr = p.allocYoung();
                copyRecord(old.young, ob, p, nr, map, stride, false);
            }
        }
        pending[t] = p;
        maps[t] = map;
    }

    /** Copies a record into {@code p}'s record {@code nr} and indexes it (chained behind an older one). */
    private static void copyRecord(long[] from, int ob, Pending p, int nr, KeyIndex map, int stride, boolean demote) {
        long[] d = p.arr(nr);
        int nb = p.base(nr);
        System.arraycopy(from, ob + Pending.TS, d, nb + Pending.TS, stride - Pending.TS);
        long key = from[ob + Pending.KEY];
        d[nb + Pending.KEY] = key;
        d[nb + Pending.CHAIN] = Pending.chain(Pending.NIL, nr);
        int slot = map.slot(key);
        long head = map.valueAt(slot);
        if (head == MISSING) {
            map.insertAt(slot, key, nr);
            if (demote) {
                map.demoteAt(map.slot(key));
            }
        } else {
            chainAppend(p, (int) head, nr);
        }
    }

    /** Settles record {@code rec} of tap {@code t} (map slot {@code slot}) as lost or truncated. */
    private void drop(int t, int rec, int slot, boolean truncated) throws IOException {
        Pending p = pending[t];
        int base = p.base(rec);
        long[] a = p.arr(rec);
        long key = a[base + Pending.KEY];
        popHead(t, slot, rec);
        p.release(rec);
        if (truncated) {
            segments[t].countTruncated();
        } else {
            segments[t].countLost();
        }
        if (n > 2 && a[base + Pending.TS] != NONE) {
            if (truncated) {
                endToEnd.countTruncated();
            } else {
                endToEnd.countLost();
            }
        }
        if (sink != null) {
            System.arraycopy(a, base + Pending.TS, row, 0, t + 1);
            for (int i = t + 1; i < n; i++) {
                row[i] = NONE;
            }
            if (truncated) {
                sink.truncated(key, row);
            } else {
                sink.packet(key, row);
            }
        }
    }

    private void emitSingle(long key, int t, long ts) throws IOException {
        if (sink != null) {
            Arrays.fill(row, NONE);
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
            Pending p = pending[t];
            long newest = newestMatchedUpstream[t];
            for (int rec = p.oldest(); rec != Pending.NIL; rec = p.oldest()) {
                long[] a = p.arr(rec);
                int base = p.base(rec);
                long ts = a[base + Pending.TS + t];
                boolean decided = newest != NONE && ts < newest;
                drop(t, rec, maps[t].slot(a[base + Pending.KEY]), !decided);
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
     * batches, or chunks copied from any other stream. Each packet is delivered only once the
     * next one is known (the last of a batch is held back as a one-packet batch of its own), so
     * that a spike — a timestamp more than W away from both neighbours in the same direction — is
     * set aside as an outlier ({@link #outlierTs}) before it can hold up the merge; timestamp
     * regressions are counted on the way. A failure of the stream after some packets ends that
     * batch; it is thrown by the next refill, so that every packet read before it is matched first.
     */
    static final class Feed {
        private static final int CHUNK = 4096;
        private final TapStream source;
        private final PrefetchingTapStream prefetching;
        private final TapResult result;
        private final long window;
        long[] ts;
        long[] keys;
        int i;
        int end;
        private long[] ownTs;
        private long[] ownKeys;
        private final long[] oneTs = new long[1];
        private final long[] oneKeys = new long[1];
        private boolean hasCarry;
        private long carryTs;
        private long carryKey;
        private long carryIndex;
        /** Timestamp of the last packet kept before the carry (NONE before the first). */
        private long prevTs = NONE;
        /** A batch that waits behind the carried packet. */
        private long[] queuedTs;
        private long[] queuedKeys;
        private int queuedEnd;
        /** Packets fetched so far (the index of the next one among packets with an identity). */
        private long fetched;
        private Throwable deferred;
        private boolean ended;
        /** Outliers set aside by the last refill (for per-packet output). */
        long[] outlierTs = new long[4];
        long[] outlierKeys = new long[4];
        int outlierCount;

        Feed(TapStream source, TapResult result, long window) {
            this.source = source;
            this.result = result;
            this.window = window;
            this.prefetching = source instanceof PrefetchingTapStream p ? p : null;
            if (prefetching == null) {
                ownTs = new long[CHUNK];
                ownKeys = new long[CHUNK];
            }
        }

        /** Moves to the next non-empty batch; false at the end. */
        boolean refill() throws IOException {
            i = 0;
            if (queuedTs != null) {
                ts = queuedTs;
                keys = queuedKeys;
                end = queuedEnd;
                queuedTs = null;
                return true;
            }
            while (true) {
                if (deferred != null || ended) {
                    if (hasCarry) {
                        decideCarry(NONE);
                        if (deliverCarry()) {
                            return true;
                        }
                    }
                    end = 0;
                    if (deferred != null) {
                        Throwable t = deferred;
                        deferred = null;
                        ended = true;
                        rethrow(t);
                    }
                    return false;
                }
                int m;
                long[] rts;
                long[] rkeys;
                try {
                    m = fetch();
                } catch (IOException | RuntimeException | Error e) {
                    deferred = e;
                    continue;
                }
                if (m == 0) {
                    ended = true;
                    continue;
                }
                rts = prefetching != null ? prefetching.batchTimestamps() : ownTs;
                rkeys = prefetching != null ? prefetching.batchKeys() : ownKeys;
                long firstIndex = fetched;
                fetched += m;
                boolean carryKept = false;
                if (hasCarry) {
                    carryKept = decideCarry(rts[0]);
                }
                // every packet but the last has its successor here: keep or set aside
                int w = 0;
                long prev = prevTs;
                for (int j = 0; j < m - 1; j++) {
                    long t = rts[j];
                    if (isOutlier(prev, t, rts[j + 1])) {
                        outlier(firstIndex + j, t, rkeys[j], prev);
                        continue;
                    }
                    regression(firstIndex + j, prev, t);
                    rts[w] = t;
                    rkeys[w] = rkeys[j];
                    w++;
                    prev = t;
                }
                long newCarryTs = rts[m - 1];
                long newCarryKey = rkeys[m - 1];
                if (carryKept) {
                    // the previous carry goes first, then this batch
                    oneTs[0] = carryTs;
                    oneKeys[0] = carryKey;
                    ts = oneTs;
                    keys = oneKeys;
                    end = 1;
                    if (w > 0) {
                        queuedTs = rts;
                        queuedKeys = rkeys;
                        queuedEnd = w;
                    }
                }
                prevTs = prev;
                hasCarry = true;
                carryTs = newCarryTs;
                carryKey = newCarryKey;
                carryIndex = firstIndex + m - 1;
                if (carryKept) {
                    return true;
                }
                if (w > 0) {
                    ts = rts;
                    keys = rkeys;
                    end = w;
                    return true;
                }
            }
        }

        /**
         * Decides the carried packet now that its successor's timestamp is known ({@code NONE}:
         * none); true if it is kept (then prevTs moves to it), false if set aside.
         */
        private boolean decideCarry(long nextTs) {
            if (isOutlier(prevTs, carryTs, nextTs)) {
                outlier(carryIndex, carryTs, carryKey, prevTs);
                hasCarry = false;
                return false;
            }
            regression(carryIndex, prevTs, carryTs);
            prevTs = carryTs;
            return true;
        }

        /** After {@link #decideCarry}: makes the kept carry the current one-packet batch. */
        private boolean deliverCarry() {
            if (!hasCarry) {
                return false;
            }
            hasCarry = false;
            oneTs[0] = carryTs;
            oneKeys[0] = carryKey;
            ts = oneTs;
            keys = oneKeys;
            end = 1;
            i = 0;
            return true;
        }

        private int fetch() throws IOException {
            if (prefetching != null) {
                return prefetching.nextBatch() ? prefetching.batchSize() : 0;
            }
            int k = 0;
            try {
                while (k < CHUNK && source.next()) {
                    ownTs[k] = source.timestampNanos();
                    ownKeys[k] = source.key();
                    k++;
                }
            } catch (IOException | RuntimeException e) {
                if (k == 0) {
                    throw e;
                }
                deferred = e;
                ended = true;
            }
            return k;
        }

        private static void rethrow(Throwable t) throws IOException {
            if (t instanceof IOException e) {
                throw e;
            }
            if (t instanceof RuntimeException e) {
                throw e;
            }
            throw (Error) t;
        }

        /** True if {@code a} lies more than {@code w} after {@code b} (no overflow). */
        private static boolean after(long a, long b, long w) {
            return a > b && Long.compareUnsigned(a - b, w) > 0;
        }

        /**
         * A spike: more than W after its successor (and after its predecessor, if any), or more than
         * W before its predecessor (and before its successor, if any).
         */
        private boolean isOutlier(long prev, long t, long next) {
            if (next != NONE && after(t, next, window) && (prev == NONE || after(t, prev, window))) {
                return true;
            }
            return prev != NONE && after(prev, t, window) && (next == NONE || after(next, t, window));
        }

        private void regression(long index, long prev, long t) {
            if (prev != NONE && t < prev) {
                TapResult r = result;
                long jump = prev - t;
                if (r.regressions++ == 0) {
                    r.firstRegressionIndex = index;
                    r.firstRegressionNanos = jump;
                }
                if (Long.compareUnsigned(jump, r.largestRegressionNanos) > 0) {
                    r.largestRegressionNanos = jump;
                    r.largestRegressionIndex = index;
                }
            }
        }

        private void outlier(long index, long t, long key, long prev) {
            TapResult r = result;
            r.outliers++;
            if (r.outlierExamples.size() < 3) {
                r.outlierExamples.add(new long[] {index, t, prev});
            }
            if (outlierCount == outlierTs.length) {
                outlierTs = Arrays.copyOf(outlierTs, outlierCount * 2);
                outlierKeys = Arrays.copyOf(outlierKeys, outlierCount * 2);
            }
            outlierTs[outlierCount] = t;
            outlierKeys[outlierCount++] = key;
        }
    }

    /**
     * The packets waiting at one tap for the next, in two generations of records of
     * {@code 3 + taps} longs (key; insertion-order links prev|next, old generation only; chain links
     * next-with-same-key|chain-tail; the timestamps at each tap so far):
     * <ul>
     * <li>young: a ring in insertion order. Records are appended at its tail; a match or drop only
     * marks its record {@link #DEAD}, and the head moves past dead records. Packets that arrive in
     * about the order they left are matched in ring order, so at line rate the records are walked
     * in sequence (cache- and prefetch-friendly) and a match writes one field;</li>
     * <li>old: a slab with an intrusive doubly-linked list in insertion order and a free list (a
     * match unlinks its record in O(1), the pattern of Netty's HashedWheelTimer). A young record
     * still waiting when it is older than the in-flight age (skew plus a grace period) is
     * promoted here by {@link Matcher#promote}, so that a lost packet never pins the ring: the
     * ring holds what is in flight, the slab the lost and late packets until their window
     * expires.</li>
     * </ul>
     * Every old record is older than every young one, so insertion order is old list then ring.
     * A record is named by an int: below {@link #YOUNG} an old slab record, else {@code YOUNG | i}
     * for ring entry {@code i mod 2^30} (valid across ring growth). A record stays readable
     * after {@link #release} until the next allocation in its generation.
     */
    static final class Pending {
        static final int KEY = 0;
        static final int LINK = 1;
        static final int CHAIN = 2;
        static final int TS = 3;
        static final int NIL = -1;
        /** Flag of young record names. */
        static final int YOUNG = 1 << 30;
        /** CHAIN of a young record that was matched, dropped or promoted. */
        static final long DEAD = chain(-2, -2);
        /** Largest slab, in longs, that a Java array can hold safely. */
        static final long MAX_LONGS = Integer.MAX_VALUE - 16;
        /** Largest young ring (entries); when it is full the head is promoted, whatever its age. */
        static final int MAX_YOUNG = 1 << 20;
        final int taps;
        final int stride;
        // old generation
        long[] data;
        int capacity;
        private int used;
        private int free = NIL;
        /** Records in the old generation. */
        int oldSize;
        /** Oldest old record (NIL: none). */
        int head = NIL;
        private int tail = NIL;
        // young generation: entries [yHead, yTail) of the ring (absolute numbers)
        long[] young;
        int youngMask;
        long yHead;
        long yTail;
        /** Records pending in both generations. */
        int size;
        int maxCapacity;
        int maxYoungCapacity;
        int maxSize;

        Pending(int taps, int capacity) {
            this(taps, capacity, capacity);
        }

        Pending(int taps, int capacity, int youngCapacity) {
            if ((long) Math.max(capacity, youngCapacity) * (TS + taps) > MAX_LONGS) {
                throw new IllegalArgumentException("capacity x record size must be <= " + MAX_LONGS + " longs: "
                        + capacity + " x " + (TS + taps));
            }
            if (Integer.bitCount(youngCapacity) != 1 || youngCapacity > MAX_YOUNG) {
                throw new IllegalArgumentException("youngCapacity must be a power of two <= " + MAX_YOUNG + ": "
                        + youngCapacity);
            }
            this.taps = taps;
            this.stride = TS + taps;
            this.capacity = capacity;
            data = new long[capacity * stride];
            maxCapacity = capacity;
            young = new long[youngCapacity * stride];
            youngMask = youngCapacity - 1;
            maxYoungCapacity = youngCapacity;
        }

        static long link(int prev, int next) {
            return ((long) prev << 32) | (next & 0xFFFFFFFFL);
        }

        static int prev(long link) {
            return (int) (link >> 32);
        }

        static int next(long link) {
            return (int) link;
        }

        static long chain(int next, int tail) {
            return ((long) next << 32) | (tail & 0xFFFFFFFFL);
        }

        static int chainNext(long chain) {
            return (int) (chain >> 32);
        }

        static int chainTail(long chain) {
            return (int) chain;
        }

        /** The array that holds record {@code rec}. */
        long[] arr(int rec) {
            return rec >= YOUNG ? young : data;
        }

        /** Index of record {@code rec}'s first field in {@link #arr}. */
        int base(int rec) {
            return rec >= YOUNG ? (rec & youngMask) * stride : rec * stride;
        }

        static int youngName(long entry) {
            return YOUNG | (int) (entry & (YOUNG - 1));
        }

        /** The oldest pending record (old generation first), or NIL. */
        int oldest() {
            if (head != NIL) {
                return head;
            }
            return yHead < yTail ? youngName(yHead) : NIL;
        }

        /** Entries the young ring spans (live and dead). */
        int youngSpan() {
            return (int) (yTail - yHead);
        }

        /** Young ring capacity. */
        int youngCapacity() {
            return youngMask + 1;
        }

        /** A young record at the tail of the ring (its fields are stale); the ring must not be full. */
        int allocYoung() {
            long e = yTail++;
            if (++size > maxSize) {
                maxSize = size;
            }
            return youngName(e);
        }

        /** Doubles the young ring, keeping every entry's name. */
        void growYoung() {
            int cap = youngMask + 1;
            int bigger = cap * 2;
            long[] g = new long[bigger * stride];
            int newMask = bigger - 1;
            for (long e = yHead; e < yTail; e++) {
                System.arraycopy(young, (int) (e & youngMask) * stride, g, (int) (e & newMask) * stride, stride);
            }
            young = g;
            youngMask = newMask;
            maxYoungCapacity = Math.max(maxYoungCapacity, bigger);
        }

        /** A record linked at the end of the old list (its fields other than the links are stale). */
        int allocLast() {
            int rec;
            if (free != NIL) {
                rec = free;
                free = next(data[rec * stride + LINK]);
            } else {
                if (used == capacity) {
                    grow();
                }
                rec = used++;
            }
            data[rec * stride + LINK] = link(tail, NIL);
            if (tail != NIL) {
                int tl = tail * stride + LINK;
                data[tl] = link(prev(data[tl]), rec);
            } else {
                head = rec;
            }
            tail = rec;
            oldSize++;
            if (++size > maxSize) {
                maxSize = size;
            }
            return rec;
        }

        /** Ends a record: a young one is marked dead, an old one unlinked and put on the free list. */
        void release(int rec) {
            size--;
            if (rec >= YOUNG) {
                young[(rec & youngMask) * stride + CHAIN] = DEAD;
                long e = yHead;
                while (e < yTail && young[(int) (e & youngMask) * stride + CHAIN] == DEAD) {
                    e++;
                }
                yHead = e;
                return;
            }
            int l = rec * stride + LINK;
            long link = data[l];
            int p = prev(link);
            int nx = next(link);
            if (p != NIL) {
                int pl = p * stride + LINK;
                data[pl] = link(prev(data[pl]), nx);
            } else {
                head = nx;
            }
            if (nx != NIL) {
                int nl = nx * stride + LINK;
                data[nl] = link(p, next(data[nl]));
            } else {
                tail = p;
            }
            data[l] = link(NIL, free);
            free = rec;
            oldSize--;
        }

        /** Less than 1/8 of an old slab or young ring larger than the initial one is in use. */
        boolean shouldShrink() {
            return (capacity > INITIAL_CAPACITY && oldSize < capacity >>> 3)
                    || (youngMask + 1 > INITIAL_CAPACITY && youngSpan() < (youngMask + 1) >>> 3);
        }

        private void grow() {
            long bigger = (long) capacity * 2;
            if (bigger * stride > MAX_LONGS) {
                throw new IllegalStateException("more than " + capacity + " packets wait at one tap (records of "
                        + stride + " longs); use a shorter --window or --skew");
            }
            data = Arrays.copyOf(data, (int) (bigger * stride));
            capacity = (int) bigger;
            maxCapacity = Math.max(maxCapacity, capacity);
        }
    }
}
