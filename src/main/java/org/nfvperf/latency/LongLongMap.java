package org.nfvperf.latency;

/**
 * An open-addressing hash map from {@code long} keys to non-negative {@code long} values, with
 * linear probing and backward-shift deletion, so that matching allocates nothing per packet.
 * Any {@code long} is a valid key (including 0); values must be {@code >= 0} because
 * {@link #MISSING} marks both "absent" and empty slots. The table doubles when it is half full
 * and never shrinks, so its size follows the largest number of identities pending at once
 * (rate × window), not the length of the capture.
 *
 * <p>Not thread-safe.
 *
 * <pre>{@code
 * LongLongMap m = new LongLongMap(1024);
 * m.put(0xBE9BE955L, 7);
 * long v = m.get(0xBE9BE955L);   // 7
 * m.remove(0xBE9BE955L);
 * }</pre>
 */
final class LongLongMap {
    /** Returned by {@link #get} for an absent key. */
    static final long MISSING = -1L;

    private long[] keys;
    private long[] values;
    private int mask;
    private int size;

    /** Creates a map that holds {@code expected} entries before it grows. */
    LongLongMap(int expected) {
        if (expected < 1) {
            throw new IllegalArgumentException("expected must be >= 1: " + expected);
        }
        int cap = Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1;
        allocate(cap);
    }

    private void allocate(int cap) {
        keys = new long[cap];
        values = new long[cap];
        java.util.Arrays.fill(values, MISSING);
        mask = cap - 1;
    }

    /** Number of keys present. */
    int size() {
        return size;
    }

    /** Current table capacity (slots). */
    int capacity() {
        return mask + 1;
    }

    /** Spreads the bits of a key (the murmur3 64-bit finaliser) so that sequences do not cluster. */
    static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    private int slotOf(long key) {
        int i = (int) mix(key) & mask;
        while (values[i] != MISSING && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** The value of {@code key}, or {@link #MISSING}. */
    long get(long key) {
        return values[slotOf(key)];
    }

    /**
     * Associates {@code value} ({@code >= 0}) with {@code key} and returns the previous value or
     * {@link #MISSING}.
     */
    long put(long key, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("value must be >= 0: " + value);
        }
        int i = slotOf(key);
        long old = values[i];
        keys[i] = key;
        values[i] = value;
        if (old == MISSING && ++size > (mask + 1) >>> 1) {
            grow();
        }
        return old;
    }

    /** Removes {@code key} and returns its value or {@link #MISSING}. */
    long remove(long key) {
        int i = slotOf(key);
        long old = values[i];
        if (old == MISSING) {
            return MISSING;
        }
        size--;
        // backward-shift deletion keeps probe sequences intact without tombstones
        int hole = i;
        int j = (i + 1) & mask;
        while (values[j] != MISSING) {
            int home = (int) mix(keys[j]) & mask;
            // move j into the hole unless its home lies cyclically in (hole, j]
            boolean stays = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!stays) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
            j = (j + 1) & mask;
        }
        values[hole] = MISSING;
        return old;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        allocate(oldKeys.length << 1);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != MISSING) {
                int s = slotOf(oldKeys[i]);
                keys[s] = oldKeys[i];
                values[s] = oldValues[i];
            }
        }
    }
}
