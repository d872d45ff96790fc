package org.nfvperf.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LongLongMapTest {
    @ParameterizedTest
    @ValueSource(ints = {16, 64, 1024})
    void behavesLikeAHashMapUnderRandomOperations(int keySpace) {
        Random rnd = new Random(keySpace);
        LongLongMap m = new LongLongMap(1);
        Map<Long, Long> ref = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            // keys that collide after masking: multiples of a large power of two, plus 0 and negatives
            long key = (rnd.nextInt(keySpace) - keySpace / 2) * (1L << 40);
            int op = rnd.nextInt(4);
            long expected = ref.getOrDefault(key, -1L);
            if (op < 2) {
                assertEquals(expected, m.put(key, i));
                ref.put(key, (long) i);
            } else if (op == 2) {
                assertEquals(expected, m.remove(key));
                ref.remove(key);
            } else {
                assertEquals(expected, m.get(key));
            }
            assertEquals(ref.size(), m.size());
        }
    }

    @Test
    void slotAccessReadsChangesAndRemovesWithoutProbingAgain() {
        LongLongMap m = new LongLongMap(4);
        m.put(0, 5);
        int s = m.slot(0);
        assertEquals(5, m.valueAt(s));
        m.setAt(s, 6);
        assertEquals(6, m.get(0));
        m.removeAt(s);
        assertEquals(LongLongMap.MISSING, m.get(0));
        assertEquals(0, m.size());
    }

    @Test
    void negativeValuesAreRejected() {
        LongLongMap m = new LongLongMap(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.put(1, -2));
        assertEquals("value must be >= 0: -2", e.getMessage());
    }
}
