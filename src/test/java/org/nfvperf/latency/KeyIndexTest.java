package org.nfvperf.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link KeyIndex} against a {@link HashMap} under inserts, updates and removals. */
class KeyIndexTest {

    /** Keys drawn from a pattern: sequences, sequences with constant low bits, random, colliding. */
    static long key(String pattern, SplittableRandom rnd, long i) {
        return switch (pattern) {
            case "sequence" -> i;
            case "shifted" -> i << 20;
            case "random" -> rnd.nextLong();
            case "colliding" -> (rnd.nextLong(64) << 32) | 5;
            default -> throw new IllegalArgumentException(pattern);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"sequence", "shifted", "random", "colliding", "random without direct table"})
    void behavesLikeAMap(String variant) {
        String pattern = variant.split(" ")[0];
        boolean direct = !variant.contains("without");
        SplittableRandom rnd = new SplittableRandom(3);
        KeyIndex ix = new KeyIndex(direct ? 16 : 0);
        Map<Long, Long> ref = new HashMap<>();
        List<Long> live = new ArrayList<>();
        for (long i = 0; i < 200_000; i++) {
            int op = rnd.nextInt(10);
            if (op < 5 || live.isEmpty()) {
                long k = key(pattern, rnd, i);
                int s = ix.slot(k);
                Long old = ref.get(k);
                assertEquals(old == null ? LongLongMap.MISSING : old, ix.valueAt(s), "key " + k);
                if (old == null) {
                    ix.insertAt(s, k, i);
                    live.add(k);
                } else {
                    ix.setAt(s, i);
                }
                ref.put(k, i);
            } else {
                // remove mostly the oldest, as the matcher does
                int at = rnd.nextInt(4) == 0 ? rnd.nextInt(live.size()) : 0;
                long k = live.get(at);
                live.set(at, live.get(live.size() - 1));
                live.remove(live.size() - 1);
                int s = ix.slot(k);
                assertEquals(ref.remove(k), ix.valueAt(s), "key " + k);
                ix.removeAt(s);
                assertEquals(LongLongMap.MISSING, ix.valueAt(ix.slot(k)));
            }
            assertEquals(ref.size(), ix.size());
        }
        for (Map.Entry<Long, Long> e : ref.entrySet()) {
            assertEquals(e.getValue(), ix.valueAt(ix.slot(e.getKey())));
        }
        if (!direct) {
            assertEquals(ref.size(), ix.spilled());
        } else if (!pattern.equals("colliding")) {
            // the direct table grows while more than 1/64 of its capacity spills
            assertTrue(ix.spilled() <= ix.directCapacity() / 32, "spilled " + ix.spilled() + " with "
                    + ix.directCapacity() + " direct slots");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 3, 1 << 22})
    void capacityMustBeAPowerOfTwo(int capacity) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KeyIndex(capacity));
        assertEquals("capacity must be 0 or a power of two in [1, 2097152]: " + capacity, e.getMessage());
    }

    /**
     * The matcher's line-rate pattern: sequence numbers pass through (inserted, removed ~1000
     * later) while one in 100 stays 50,000 numbers longer (a lost packet waiting for its window)
     * and is demoted. Demoted keys stay found, do not hold direct slots (so the sequence numbers
     * that later reach those slots need not spill) and do not make the direct table grow.
     */
    @Test
    void demotedKeysStayFoundAndLeaveTheirDirectSlots() {
        KeyIndex ix = new KeyIndex(1 << 12);
        Map<Long, Long> ref = new HashMap<>();
        java.util.ArrayDeque<Long> passing = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<Long> waiting = new java.util.ArrayDeque<>();
        int spilledInserts = 0;
        for (long k = 0; k < 400_000; k++) {
            int s = ix.slot(k);
            assertEquals(LongLongMap.MISSING, ix.valueAt(s), "key " + k);
            if (s >= 0) {
                spilledInserts++;
            }
            ix.insertAt(s, k, k * 3);
            ref.put(k, k * 3);
            if (k % 100 == 7) {
                ix.demoteAt(ix.slot(k));
                waiting.add(k);
            } else {
                passing.add(k);
            }
            while (passing.size() > 1000) {
                long old = passing.poll();
                int o = ix.slot(old);
                assertEquals(ref.remove(old), ix.valueAt(o), "key " + old);
                ix.removeAt(o);
            }
            while (!waiting.isEmpty() && waiting.peek() < k - 50_000) {
                long old = waiting.poll();
                int o = ix.slot(old);
                assertTrue(o >= 0, "a demoted key lives in the fallback");
                assertEquals(ref.remove(old), ix.valueAt(o), "key " + old);
                ix.setAt(o, 5);
                assertEquals(5, ix.valueAt(ix.slot(old)));
                ix.removeAt(ix.slot(old));
            }
            assertEquals(ref.size(), ix.size());
        }
        assertEquals(waiting.size(), ix.demoted());
        assertEquals(500, ix.demoted());
        // ~1,500 keys live at once: a 4,096-slot direct table holds the passing ones; the 500
        // waiting ones would otherwise take 1 in 8 of its slots, and new numbers would spill there
        assertEquals(1 << 12, ix.directCapacity());
        assertTrue(spilledInserts < 400_000 / 100, "inserts into the fallback: " + spilledInserts);
        for (Map.Entry<Long, Long> e : ref.entrySet()) {
            assertEquals(e.getValue(), ix.valueAt(ix.slot(e.getKey())));
        }
    }
}
