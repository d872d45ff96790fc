package org.nfvperf.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The blind spots of the matcher found in review (issues 12 and 17), each checked against the
 * new engine and, where it applies, shown to be wrong in {@link ReferenceMatcher} (the engine
 * before the fix), so that every test here failed before.
 */
class MatcherBlindSpotsTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long SKEW = 10_000_000L;

    /** Two taps of {@code count} packets 1 µs apart, 20 µs delay, sequence keys. */
    private static long[][] path(int count) {
        long[] ts0 = new long[count];
        long[] ts1 = new long[count];
        long[] k = new long[count];
        for (int i = 0; i < count; i++) {
            ts0[i] = T0 + i * 1000L;
            ts1[i] = ts0[i] + 20_000;
            k[i] = i;
        }
        return new long[][] {ts0, ts1, k};
    }

    private static Matcher matcher(long[][] ts, long[][] keys, List<String> rows) {
        TapStream[] s = new TapStream[ts.length];
        for (int i = 0; i < ts.length; i++) {
            s[i] = TapStream.of(ts[i], keys[i]);
        }
        return new Matcher(s, new long[ts.length], SECOND, SKEW, 0, true,
                rows == null ? null : (k, t) -> rows.add(k + "=" + Arrays.toString(t).replace(
                        Long.toString(Matcher.NONE), "-")));
    }

    private static ReferenceMatcher reference(long[][] ts, long[][] keys) {
        TapStream[] s = new TapStream[ts.length];
        for (int i = 0; i < ts.length; i++) {
            s[i] = TapStream.of(ts[i], keys[i]);
        }
        return new ReferenceMatcher(s, new long[ts.length], SECOND, SKEW, 0, true, null);
    }

    // ---- issue 17: window and skew bound every match, not only the expiry walk

    /** The arrays without element {@code i}. */
    private static long[] without(long[] a, int i) {
        long[] r = new long[a.length - 1];
        System.arraycopy(a, 0, r, 0, i);
        System.arraycopy(a, i + 1, r, i, a.length - i - 1);
        return r;
    }

    @Test
    void aZeroedUpstreamTimestampIsSetAsideNotMatchedFiftyYearsLate() throws IOException {
        long[][] p = path(300);
        p[0][100] = 0;
        // packet 50 is lost: it pins the head of the old ring for the whole (short) capture
        long[][] ts = {p[0], without(p[1], 50)};
        long[][] keys = {p[2], without(p[2], 50)};
        Matcher m = matcher(ts, keys, null);
        m.run();
        LatencySummary s = m.segments[0].summary();
        assertEquals(298, s.matched());
        assertEquals(20_000, s.maxNanos());
        assertEquals(1, s.lost());
        assertEquals(1, s.unexpected());
        assertEquals(1, m.taps[0].outliers);
        assertEquals(300, m.taps[0].keyed);
        ReferenceMatcher r = reference(ts, keys);
        r.run();
        assertEquals(T0 + 100 * 1000L + 20_000, r.segments[0].summary().maxNanos());   // the bug
        assertEquals(1, r.segments[0].summary().lost() + r.segments[0].summary().truncated());
    }

    @Test
    void twoZeroedTimestampsInARowAreBoundedByTheWindowAtTheMatch() throws IOException {
        long[][] p = path(300);
        p[0][100] = 0;
        p[0][101] = 0;    // not a lone spike: matched only if within [-skew, window], which it is not
        Matcher m = matcher(new long[][] {p[0], p[1]}, new long[][] {p[2], p[2]}, null);
        m.run();
        LatencySummary s = m.segments[0].summary();
        assertEquals(298, s.matched());
        assertEquals(20_000, s.maxNanos());
        assertEquals(20_000, s.minNanos());
        assertEquals(2, s.lost());
        assertEquals(2, s.unexpected());
        assertEquals(1, m.taps[0].regressions);
        assertEquals(T0 + 99 * 1000L, m.taps[0].firstRegressionNanos);
        assertEquals(100, m.taps[0].firstRegressionIndex);
    }

    @Test
    void zeroedDownstreamTimestampsNeverGiveDelaysBelowTheSkew() throws IOException {
        long[][] p = path(300);
        p[1][200] = 0;
        p[1][201] = 0;
        Matcher m = matcher(new long[][] {p[0], p[1]}, new long[][] {p[2], p[2]}, null);
        m.run();
        LatencySummary s = m.segments[0].summary();
        assertEquals(298, s.matched());
        assertEquals(20_000, s.minNanos());
        assertEquals(2, s.lost());
        assertEquals(2, s.unexpected());
        ReferenceMatcher r = reference(new long[][] {p[0], p[1]}, new long[][] {p[2], p[2]});
        r.run();
        assertTrue(r.segments[0].summary().minNanos() < -SKEW, "the reference matched far below -skew");
    }

    // ---- issue 17: one out-of-order packet must not take the rest of the capture down

    @Test
    void onePacketHundredSecondsAheadIsOneOutlierNotTwoHundredNinetyFiveLosses() throws IOException {
        long[][] p = path(300);
        p[0][5] += 100 * SECOND;
        List<String> rows = new ArrayList<>();
        Matcher m = matcher(new long[][] {p[0], p[1]}, new long[][] {p[2], p[2]}, rows);
        m.run();
        LatencySummary s = m.segments[0].summary();
        assertEquals(299, s.matched());
        assertEquals(0, s.truncated());
        assertEquals(0, s.lost());
        assertEquals(1, s.unexpected());
        assertEquals(1, m.taps[0].outliers);
        assertEquals(5, m.taps[0].outlierExamples.get(0)[0]);
        assertEquals(0, m.taps[0].regressions);
        assertTrue(rows.contains("5=[" + p[0][5] + ", -]"), rows.toString());
        assertTrue(rows.contains("5=[-, " + p[1][5] + "]"), rows.toString());
        assertEquals(301, rows.size());
        ReferenceMatcher r = reference(new long[][] {p[0], p[1]}, new long[][] {p[2], p[2]});
        r.run();
        assertEquals(5, r.segments[0].summary().matched());   // the bug
    }

    @Test
    void theFirstPacketFarAheadAndTheLastFarBehindAreOutliersToo() throws IOException {
        long[][] p = path(300);
        p[1][0] += 100 * SECOND;
        p[1][299] -= 100 * SECOND;
        Matcher m = matcher(new long[][] {p[0], p[1]}, new long[][] {p[2], p[2]}, null);
        m.run();
        assertEquals(298, m.segments[0].summary().matched());
        assertEquals(2, m.taps[1].outliers);
        assertEquals(2, m.segments[0].summary().lost() + m.segments[0].summary().truncated());
    }

    @Test
    void aTapTwentyNineMillisecondsOutOfOrderIsCountedAsRegression() throws IOException {
        long[][] p = path(300);
        // packet 150 at the second tap carries a timestamp 29 ms too early (beyond the 10 ms skew)
        p[1][150] -= 29_000_000L;
        Matcher m = matcher(new long[][] {p[0], p[1]}, new long[][] {p[2], p[2]}, null);
        m.run();
        assertEquals(1, m.taps[1].regressions);
        assertEquals(150, m.taps[1].firstRegressionIndex);
        assertEquals(29_000_000L - 1000, m.taps[1].firstRegressionNanos);
        assertEquals(299, m.segments[0].summary().matched());
        assertEquals(0, m.taps[0].regressions);
    }

    @Test
    void regressionsAndOutliersAreReportedAsSuchInTheWarnings() throws IOException {
        long[][] p = path(300);
        p[0][5] += 100 * SECOND;
        p[1][150] -= 29_000_000L;
        LatencyBreakdown b = LatencyAnalysis.builder()
                .tap("a", TapStream.of(p[0], p[2]))
                .tap("b", TapStream.of(p[1], p[2]))
                .key(Key.parse("seq:0:8"))
                .run();
        String all = String.join("\n", b.warnings());
        assertTrue(all.contains("tap b: capture not in timestamp order: 1 packets have an earlier timestamp than the"
                + " one before them (first: packet 151 with an identity, 28999000 ns back"), all);
        assertTrue(all.contains("tap a: 1 packets with a timestamp more than the window (1000000000 ns) away from both"
                + " neighbours were not matched"), all);
        assertTrue(all.contains("packet 6 at " + p[0][5] + " ns, 100000001000 ns from the one before"), all);
    }

    // ---- issue 17: a packet missed at an intermediate tap only is not lost end to end

    @Test
    void eightTapsAPacketMissedAtAnIntermediateTapIsNotLostEndToEnd() throws IOException {
        int taps = 8;
        int count = 200;
        long[][] ts = new long[taps][];
        long[][] keys = new long[taps][];
        int missed = 0;
        for (int t = 0; t < taps; t++) {
            List<Long> tt = new ArrayList<>();
            List<Long> kk = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                // 20 packets are missing from one intermediate capture each (taps 1..6)
                boolean miss = t > 0 && t < taps - 1 && i % 10 == 3 && (i / 10) % 6 == t - 1;
                if (miss) {
                    missed++;
                    continue;
                }
                tt.add(T0 + i * 1000L + t * 20_000L);
                kk.add((long) i);
            }
            ts[t] = tt.stream().mapToLong(Long::longValue).toArray();
            keys[t] = kk.stream().mapToLong(Long::longValue).toArray();
        }
        assertEquals(20, missed);
        List<String> rows = new ArrayList<>();
        Matcher m = matcher(ts, keys, rows);
        m.run();
        LatencySummary e2e = m.endToEnd.summary();
        assertEquals(count, e2e.matched());
        assertEquals(0, e2e.lost());
        assertEquals(0, e2e.unexpected());
        assertEquals(7 * 20_000, e2e.minNanos());
        assertEquals(7 * 20_000, e2e.maxNanos());
        long lostPerSegment = 0;
        long unexpectedPerSegment = 0;
        for (LatencyStats s : m.segments) {
            lostPerSegment += s.summary().lost();
            unexpectedPerSegment += s.summary().unexpected();
        }
        assertEquals(20, lostPerSegment);      // seen before the gap, not at the next tap
        assertEquals(20, unexpectedPerSegment); // seen after the gap without the tap before
        assertEquals(count, rows.size());
        // packet 3 was missed at tap 1 only
        assertTrue(rows.contains("3=[" + (T0 + 3000) + ", -, " + (T0 + 3000 + 40_000) + ", " + (T0 + 3000 + 60_000)
                + ", " + (T0 + 3000 + 80_000) + ", " + (T0 + 3000 + 100_000) + ", " + (T0 + 3000 + 120_000) + ", "
                + (T0 + 3000 + 140_000) + "]"), rows.toString());
        ReferenceMatcher r = reference(ts, keys);
        r.run();
        assertEquals(20, r.endToEnd.summary().lost());   // the bug
    }

    // ---- issue 12: sequence numbers that wrap are not reordering (RFC 1982)

    @Test
    void aSixteenBitSequenceThatWrapsThreeTimesIsNotReordered() throws IOException {
        int count = 200_000;
        long[] ts = new long[count];
        long[] k = new long[count];
        for (int i = 0; i < count; i++) {
            ts[i] = T0 + i * 1000L;
            k[i] = i & 0xFFFF;
        }
        // and one real reordering: swap two neighbours
        long x = k[1000];
        k[1000] = k[1001];
        k[1001] = x;
        long[] ts1 = Arrays.stream(ts).map(t -> t + 20_000).toArray();
        Matcher m = new Matcher(new TapStream[] {TapStream.of(ts, k), TapStream.of(ts1, k)}, new long[2], 100_000,
                10_000, 0, true, 16, null);
        m.run();
        assertEquals(1, m.taps[0].reordered);
        assertEquals(count, m.segments[0].summary().matched());
        ReferenceMatcher r = new ReferenceMatcher(new TapStream[] {TapStream.of(ts, k), TapStream.of(ts1, k)},
                new long[2], 100_000, 10_000, 0, true, null);
        r.run();
        assertTrue(r.taps[0].reordered > 100_000, "reference: " + r.taps[0].reordered);
    }

    @Test
    void theKeyWidthComesFromTheKeyOption() throws IOException {
        int count = 70_000;
        long[] ts = new long[count];
        long[] k = new long[count];
        for (int i = 0; i < count; i++) {
            ts[i] = T0 + i * 1000L;
            k[i] = i & 0xFFFF;
        }
        LatencyBreakdown b = LatencyAnalysis.builder()
                .tap("a", TapStream.of(ts, k))
                .tap("b", TapStream.of(Arrays.stream(ts).map(t -> t + 500).toArray(), k))
                .key(Key.parse("seq:0:2"))
                .windowNanos(10_000)
                .run();
        assertEquals(0L, b.taps().get(0).reordered());
    }

    // ---- issue 12: memory bounded by what is pending, not rate x window

    @Test
    void memoryWithLossFollowsThePendingPacketsNotRateTimesWindow() throws IOException {
        // 3 M packets at 10GbE line rate (0.2 s, shorter than the 1 s window), 1% lost: ~30 K pending
        SyntheticPath path = new SyntheticPath(14_880_952.0, 3_000_000, 2, 0.01, 20_000, 500, 0.002, 5);
        Matcher m = new Matcher(new TapStream[] {path.tap(0), path.tap(1)}, new long[2], SECOND, SKEW, 0, true, null);
        m.run();
        LatencySummary s = m.segments[0].summary();
        long lost = 3_000_000 - path.packetsAt(1);
        assertEquals(lost, s.lost() + s.truncated());
        assertTrue(lost > 25_000 && lost < 35_000, "lost " + lost);
        // what waits at most: the lost ones plus what is in flight, rate x (skew + delay) = 149 K
        long inFlight = (long) (14_880_952.0 * (SKEW + 20_500 + SyntheticPath.HELD_NANOS) / SECOND);
        assertTrue(m.maxPending() <= lost + inFlight, "max pending " + m.maxPending() + " > " + (lost + inFlight));
        assertTrue(m.maxRingCapacity() <= 262_144, "capacity " + m.maxRingCapacity());
        ReferenceMatcher r = new ReferenceMatcher(new TapStream[] {path.tap(0), path.tap(1)}, new long[2], SECOND,
                SKEW, 0, true, null);
        r.run();
        assertTrue(r.maxRingCapacity() >= 2_000_000, "reference ring " + r.maxRingCapacity());   // the bug
    }

    @Test
    void memoryDoesNotGrowWithTheLengthOfTheCapture() throws IOException {
        // window 10 ms, 2 Mpps, 1% loss: ~200 packets lost per window; 0.1 s and 2 s of traffic need the same
        int[] peak = new int[2];
        int[] capacity = new int[2];
        long[] lengths = {200_000, 4_000_000};
        for (int i = 0; i < 2; i++) {
            SyntheticPath path = new SyntheticPath(2_000_000.0, lengths[i], 2, 0.01, 20_000, 500, 0.002, 9);
            Matcher m = new Matcher(new TapStream[] {path.tap(0), path.tap(1)}, new long[2], 10_000_000L, 1_000_000L,
                    0, true, null);
            m.run();
            peak[i] = m.maxPending();
            capacity[i] = m.maxRingCapacity();
            assertTrue(m.segments[0].summary().lost() > lengths[i] / 200, "lost " + m.segments[0].summary().lost());
        }
        assertEquals(capacity[0], capacity[1]);
        assertEquals(Matcher.INITIAL_CAPACITY, capacity[1]);
        assertTrue(peak[1] < peak[0] * 1.3, Arrays.toString(peak));
    }

    @Test
    void slabsShrinkWhenTheBacklogIsGone() throws IOException {
        // a burst of 200 K packets that are all lost, then 1 M packets that all arrive
        int lostBurst = 200_000;
        int count = lostBurst + 1_000_000;
        long[] ts0 = new long[count];
        long[] k = new long[count];
        List<Long> ts1 = new ArrayList<>();
        List<Long> k1 = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ts0[i] = T0 + i * 100L;
            k[i] = i;
            if (i >= lostBurst) {
                ts1.add(ts0[i] + 20_000);
                k1.add((long) i);
            }
        }
        Matcher m = new Matcher(new TapStream[] {TapStream.of(ts0, k),
            TapStream.of(ts1.stream().mapToLong(Long::longValue).toArray(),
                    k1.stream().mapToLong(Long::longValue).toArray())},
                new long[2], 50_000_000L, 1_000_000L, 0, true, null);
        m.run();
        assertEquals(lostBurst, m.segments[0].summary().lost());
        assertEquals(262_144, m.maxRingCapacity());
        assertEquals(Matcher.INITIAL_CAPACITY, m.currentCapacity(0));
    }

    // ---- issue 12: running out of heap is one line naming rate, window and what to change

    @Test
    void runningOutOfHeapIsOneLineNamingRateWindowAndWhatToChange() {
        long[][] p = path(100_000);
        TapStream exhausted = new TapStream() {
            private final TapStream all = TapStream.of(p[1], p[2]);

            @Override
            public boolean next() throws IOException {
                if (all.packets() == 50_000) {
                    throw new OutOfMemoryError("Java heap space");
                }
                return all.next();
            }

            @Override
            public long timestampNanos() {
                return all.timestampNanos();
            }

            @Override
            public long key() {
                return all.key();
            }

            @Override
            public long packets() {
                return all.packets();
            }
        };
        org.nfvperf.util.InputException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.nfvperf.util.InputException.class, () -> LatencyAnalysis.builder()
                        .tap("in", TapStream.of(p[0], p[2])).tap("out", exhausted)
                        .key(Key.parse("seq:0:8")).window(java.time.Duration.ofMillis(500)).run());
        String m = e.getMessage();
        assertTrue(m.startsWith("out of memory matching 1.00 Mpps ("), m);
        assertTrue(m.contains("with --window 500ms and --skew 10ms in a heap of "), m);
        assertTrue(m.contains("give a shorter --window or --skew, or more heap (JAVA_OPTS=-Xmx"), m);
        assertTrue(!m.contains("\n"), m);
    }
}
