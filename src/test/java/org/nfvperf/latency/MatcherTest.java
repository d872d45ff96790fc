package org.nfvperf.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MatcherTest {
    private static final long W = 1_000_000; // 1 ms

    private static Matcher run(long window, List<String> rows, long[][] ts, long[][] keys) throws IOException {
        TapStream[] s = new TapStream[ts.length];
        for (int i = 0; i < ts.length; i++) {
            s[i] = TapStream.of(ts[i], keys[i]);
        }
        Matcher m = new Matcher(s, new long[ts.length], window, window, 0, true,
                rows == null ? null : (k, t) -> rows.add(k + "=" + Arrays.toString(t).replace(
                        Long.toString(Matcher.NONE), "-")));
        m.run();
        return m;
    }

    @Test
    void matchesTwoTapsWithLoss() throws IOException {
        long[] ts0 = new long[10];
        long[] k0 = new long[10];
        List<Long> ts1 = new ArrayList<>();
        List<Long> k1 = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ts0[i] = 10_000_000L + i * 1000;
            k0[i] = 100 + i;
            if (i != 4) {
                ts1.add(ts0[i] + 100 + i);
                k1.add(k0[i]);
            }
        }
        // the last packet at tap 1 arrives > W after packet 4 would have, so packet 4 is lost, not truncated
        ts1.add(ts0[9] + 3 * W);
        k1.add(999L);
        List<String> rows = new ArrayList<>();
        Matcher m = run(W, rows, new long[][] {ts0, ts1.stream().mapToLong(Long::longValue).toArray()},
                new long[][] {k0, k1.stream().mapToLong(Long::longValue).toArray()});
        LatencySummary s = m.segments[0].summary();
        assertEquals(9, s.matched());
        assertEquals(1, s.lost());
        assertEquals(0, s.negative());
        assertEquals(1, s.unexpected());
        assertEquals(100, s.minNanos());
        assertEquals(109, s.maxNanos());
        assertEquals((100 + 101 + 102 + 103 + 105 + 106 + 107 + 108 + 109) / 9.0, s.meanNanos(), 1e-9);
        assertEquals(s, m.endToEnd.summary());
        assertEquals(11, rows.size());
        assertTrue(rows.contains("104=[10004000, -]"), rows.toString());
        assertTrue(rows.contains("100=[10000000, 10000100]"), rows.toString());
        assertTrue(rows.contains("999=[-, " + (ts0[9] + 3 * W) + "]"), rows.toString());
    }

    @Test
    void negativeDelaysWithinTheWindowAreMatchedAndCounted() throws IOException {
        Matcher m = run(W, null, new long[][] {{5_000_000, 5_001_000}, {4_999_990, 5_001_500}},
                new long[][] {{1, 2}, {1, 2}});
        LatencySummary s = m.segments[0].summary();
        assertEquals(2, s.matched());
        assertEquals(1, s.negative());
        assertEquals(-10, s.minNanos());
        assertEquals(500, s.maxNanos());
        assertEquals(245.0, s.meanNanos(), 1e-9);
        assertEquals(255.0, s.stddevNanos(), 1e-9);
        assertEquals(0, s.p50Nanos());
    }

    @Test
    void repeatedIdentitiesMatchInOrderOfOccurrenceAndCountAsAmbiguous() throws IOException {
        List<String> rows = new ArrayList<>();
        Matcher m = run(W, rows, new long[][] {{1000, 2000, 3000}, {1500, 2700, 3100}},
                new long[][] {{7, 7, 8}, {7, 7, 8}});
        LatencySummary s = m.segments[0].summary();
        assertEquals(3, s.matched());
        assertEquals(1, s.ambiguous());
        assertEquals(1, m.taps[0].duplicates);
        assertEquals(List.of("7=[1000, 1500]", "7=[2000, 2700]", "8=[3000, 3100]"), rows);
    }

    @Test
    void threeTapsGiveSegmentsAndEndToEnd() throws IOException {
        List<String> rows = new ArrayList<>();
        // packet 2 lost between tap 1 and 2; packet 3 missing at tap 0 (capture drop) but seen at 1 and 2
        Matcher m = run(W, rows, new long[][] {
                {1000, 2000, 4000}, {1100, 2150, 3150, 4120}, {1300, 3400, 4500, 9 * W}},
                new long[][] {{1, 2, 4}, {1, 2, 3, 4}, {1, 3, 4, 99}});
        assertEquals(new LatencySummary(3, 0, 0, 100, 370 / 3.0, m.segments[0].summary().stddevNanos(),
                120, 150, 150, 150, 150, 0, 1, 0), m.segments[0].summary());
        LatencySummary s1 = m.segments[1].summary();
        assertEquals(3, s1.matched());
        assertEquals(1, s1.lost());
        assertEquals(1, s1.unexpected());
        assertEquals(200, s1.minNanos());
        assertEquals(380, s1.maxNanos());
        LatencySummary e = m.endToEnd.summary();
        assertEquals(2, e.matched());
        assertEquals(1, e.lost());
        assertEquals(300, e.minNanos());
        assertEquals(500, e.maxNanos());
        assertTrue(rows.contains("2=[2000, 2150, -]"), rows.toString());
        assertTrue(rows.contains("3=[-, 3150, 3400]"), rows.toString());
    }

    @Test
    void packetsPendingWhenTheDownstreamCaptureEndsAreTruncatedNotLost() throws IOException {
        Matcher m = run(W, null, new long[][] {{1000, 2000, 3000}, {1100}}, new long[][] {{1, 2, 3}, {1}});
        LatencySummary s = m.segments[0].summary();
        assertEquals(1, s.matched());
        assertEquals(0, s.lost());
        assertEquals(2, s.truncated());
    }

    @Test
    void delaysBelowMinusTheSkewAreLossPlusUnexpected() throws IOException {
        TapStream[] s = {TapStream.of(new long[] {5000, 6000, 90_000}, new long[] {1, 2, 3}),
            TapStream.of(new long[] {4000, 5500, 90_100}, new long[] {1, 2, 3})};
        Matcher m = new Matcher(s, new long[2], W, 600, 0, true, null);
        m.run();
        LatencySummary r = m.segments[0].summary();
        assertEquals(2, r.matched());
        assertEquals(-500, r.minNanos());
        assertEquals(1, r.negative());
        assertEquals(1, r.lost());
        assertEquals(1, r.unexpected());
    }

    @Test
    void delaysBeyondTheWindowAreLossPlusUnexpected() throws IOException {
        Matcher m = run(W, null, new long[][] {{1000, 2000}, {1000 + W + 1, 2000 + W}},
                new long[][] {{1, 2}, {1, 2}});
        LatencySummary s = m.segments[0].summary();
        assertEquals(1, s.matched());
        assertEquals(W, s.maxNanos());
        assertEquals(1, s.lost());
        assertEquals(1, s.unexpected());
    }

    @Test
    void reorderingAndJitterPerTap() throws IOException {
        // tap 1 sees 2 before 1: one reordered packet; transits 100, 300, 100 -> J = ((0+200/16)... )
        Matcher m = run(W, null, new long[][] {{1000, 1100, 1200}, {1300, 1400, 1500}},
                new long[][] {{1, 2, 3}, {2, 1, 3}});
        assertEquals(1, m.taps[1].reordered);
        assertEquals(0, m.taps[0].reordered);
        // transits: key2 1300-1100=200, key1 1400-1000=400, key3 1500-1200=300
        double j = 0;
        j += (200 - j) / 16;
        j += (100 - j) / 16;
        assertEquals(j, m.taps[1].jitter, 1e-12);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void agreesWithABruteForceMatcherOnRandomTraffic(long seed) throws IOException {
        Random rnd = new Random(seed);
        int count = 20_000;
        long[] ts0 = new long[count];
        long[] k0 = new long[count];
        long[] d = new long[count];
        List<long[]> down = new ArrayList<>();
        long t = 1_000_000_000L;
        for (int i = 0; i < count; i++) {
            t += 1 + rnd.nextInt(2000);
            ts0[i] = t;
            k0[i] = rnd.nextLong();
            d[i] = 10_000 + rnd.nextInt(200_000);
            if (rnd.nextInt(100) >= 2) {
                down.add(new long[] {t + d[i], k0[i]});
            }
        }
        down.add(new long[] {t + 10 * W, 0});
        down.sort((a, b) -> Long.compare(a[0], b[0]));
        long[] ts1 = down.stream().mapToLong(a -> a[0]).toArray();
        long[] k1 = down.stream().mapToLong(a -> a[1]).toArray();
        Matcher m = run(W, null, new long[][] {ts0, ts1}, new long[][] {k0, k1});

        Map<Long, Long> seen = new HashMap<>();
        for (int i = 0; i < count; i++) {
            seen.put(k0[i], ts0[i]);
        }
        long matched = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long sum = 0;
        for (int i = 0; i < ts1.length; i++) {
            Long up = seen.get(k1[i]);
            if (up != null) {
                long delay = ts1[i] - up;
                matched++;
                sum += delay;
                min = Math.min(min, delay);
                max = Math.max(max, delay);
            }
        }
        LatencySummary s = m.segments[0].summary();
        assertEquals(matched, s.matched());
        assertEquals(count - matched, s.lost());
        assertEquals(1, s.unexpected());
        assertEquals(min, s.minNanos());
        assertEquals(max, s.maxNanos());
        assertEquals((double) sum / matched, s.meanNanos(), 1e-6);
    }

    @Test
    void aFailingTapStillDeliversEveryPacketBeforeTheFailure() {
        int count = 5000; // more than one chunk of the matcher's copy of a stream
        long[] ts = new long[count];
        long[] k = new long[count];
        for (int i = 0; i < count; i++) {
            ts[i] = 1_000_000_000L + i * 1000L;
            k[i] = i;
        }
        TapStream all = TapStream.of(ts, k);
        TapStream failing = new TapStream() {
            @Override
            public boolean next() throws IOException {
                if (all.packets() == count) {
                    throw new org.nfvperf.util.InputException("tap a: broken record after packet " + count);
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
        long[] shifted = Arrays.stream(ts).map(t -> t + 100).toArray();
        List<Long> matched = new ArrayList<>();
        Matcher m = new Matcher(new TapStream[] {failing, TapStream.of(shifted, k)}, new long[2], W, W, 0, true,
                (key, t) -> matched.add(key));
        org.nfvperf.util.InputException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.nfvperf.util.InputException.class, m::run);
        assertTrue(e.getMessage().contains("after packet 5000"), e.getMessage());
        // tap b is read 1 ms (the skew) late: its packets up to 1 ms before tap a's last were matched
        assertEquals(3999, matched.size());
        assertEquals(3999, m.segments[0].summary().matched());
        for (int i = 0; i < matched.size(); i++) {
            assertEquals(i, matched.get(i));
        }
    }

    @Test
    void memoryFollowsRateTimesWindowNotCaptureLength() throws IOException {
        int count = 1_000_000;
        long[] ts0 = new long[count];
        long[] ts1 = new long[count];
        long[] k = new long[count];
        for (int i = 0; i < count; i++) {
            ts0[i] = 1_000_000L + i * 1000L; // 1 Mpps
            ts1[i] = ts0[i] + 5000;
            k[i] = i;
        }
        Matcher m = run(100_000, null, new long[][] {ts0, ts1}, new long[][] {k, k}); // 100 us window
        assertEquals(count, m.segments[0].summary().matched());
        // at most ~ (W + delay) x rate = 105 packets wait; the ring starts at 4096 and must not grow
        assertEquals(4096, m.maxRingCapacity());
    }
}
