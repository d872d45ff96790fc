package org.nfvperf.latency;

/**
 * An open-addressing hash map from {@code long} keys to non-negative {@code long} values, with
 * linear probing and backward-shift deletion, so that matching allocates nothing per packet.
 * Keys and values sit side by side in one array, so a lookup usually touches one cache line. Any
 * {@code long} is a valid key (including 0); values must be {@code >= 0} because {@link #MISSING}
 * marks both "absent" and empty slots. The table doubles when it is half full and never shrinks,
 * so its size follows the largest number of identities pending at once (rate × window), not the
 * length of the capture.
 *
 * <p>Besides {@link #get}/{@link #put}/{@link #remove}, {@link #slot} finds a key once so that
 * {@link #valueAt}, {@link #setAt} and {@link #removeAt} can read and change it without probing
 * again (valid until the next change of the map).
 *
 * <p>Not thread-safe.
 *
 * <pre>{@code
 * LongLongMap m = new LongLongMap(1024);
 * m.put(0xBE9BE955L, 7);
 * int s = m.slot(0xBE9BE955L);
 * long v = m.valueAt(s);   // 7
 * m.removeAt(s);
 * }</pre>
 */
final class LongLongMap {
    /** Returned by {@link #get} for an absent key. */
    static final long MISSING = -1L;

    /** key at 2i, value at 2i+1. */
    private long[] table;
    private int mask;
    private int size;

    /** Creates a map that holds {@code expected} entries before it grows. */
    LongLongMap(int expected) {
        if (expected < 1) {
            throw new IllegalArgumentException("expected must be >= 1: " + expected);
        }
        allocate(Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1);
    }

    private void allocate(int cap) {
        table = new long[cap * 2];
        for (int i = 1; i < table.length; i += 2) {
            table[i] = MISSING;
        }
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

    /** Spreads the bits of a key (the murmur3 64-bit finaliser). */
    static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    /**
     * The home slot of a key: the mixed key without its two lowest bits, which are kept, so that
     * four consecutive keys (sequence numbers) share one cache line while groups still scatter.
     * (Folding keys without mixing would make sequences one long run of occupied slots, which
     * linear probing and backward-shift deletion walk end to end.)
     */
    private static int home(long k) {
        return ((int) mix(k >>> 2) << 2) | ((int) k & 3);
    }

    /** The slot holding {@code key}, or the empty slot where it would go. */
    int slot(long key) {
        long[] t = table;
        int m = mask;
        int i = home(key) & m;
        while (true) {
            long v = t[2 * i + 1];
            if (v == MISSING || t[2 * i] == key) {
                return i;
            }
            i = (i + 1) & m;
        }
    }

    /** The value in {@code slot}, or {@link #MISSING} if the slot is empty. */
    /** The key at an occupied slot. */
    long keyAt(int slot) {
        return table[2 * slot];
    }

    long valueAt(int slot) {
        return table[2 * slot + 1];
    }

    /** Replaces the value of the key present in {@code slot}. */
    void setAt(int slot, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("value must be >= 0: " + value);
        }
        table[2 * slot + 1] = value;
    }

    /** The value of {@code key}, or {@link #MISSING}. */
    long get(long key) {
        return valueAt(slot(key));
    }

    /**
     * Associates {@code value} ({@code >= 0}) with {@code key} and returns the previous value or
     * {@link #MISSING}.
     */
    long put(long key, long value) {
        int s = slot(key);
        long old = valueAt(s);
        if (old == MISSING) {
            insertAt(s, key, value);
        } else {
            setAt(s, value);
        }
        return old;
    }

    /** Puts {@code key} into the empty {@code slot} that {@link #slot} returned for it. */
    void insertAt(int slot, long key, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("value must be >= 0: " + value);
        }
        table[2 * slot] = key;
        table[2 * slot + 1] = value;
        if (++size > (mask + 1) >>> 1) {
            grow();
        }
    }

    /** Removes {@code key} and returns its value or {@link #MISSING}. */
    long remove(long key) {
        int s = slot(key);
        long old = valueAt(s);
        if (old != MISSING) {
            removeAt(s);
        }
        return old;
    }

    /** Removes the key present in {@code slot}. */
    void removeAt(int slot) {
        long[] t = table;
        int m = mask;
        size--;
        // backward-shift deletion keeps probe sequences intact without tombstones
        int hole = slot;
        int j = (slot + 1) & m;
        while (t[2 * j + 1] != MISSING) {
            int home = home(t[2 * j]) & m;
            // j may fill the hole unless its home lies cyclically in (hole, j]
            boolean stays = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!stays) {
                t[2 * hole] = t[2 * j];
                t[2 * hole + 1] = t[2 * j + 1];
                hole = j;
            }
            j = (j + 1) & m;
        }
        t[2 * hole + 1] = MISSING;
    }

    /** Receives the entries of {@link #forEach}. */
    interface EntryConsumer {
        void accept(long key, long value);
    }

    /** Calls {@code c} with every entry, in table order. */
    void forEach(EntryConsumer c) {
        long[] t = table;
        for (int i = 0; i < t.length; i += 2) {
            if (t[i + 1] != MISSING) {
                c.accept(t[i], t[i + 1]);
            }
        }
    }

    private void grow() {
        long[] old = table;
        allocate((mask + 1) << 1);
        for (int i = 0; i < old.length; i += 2) {
            if (old[i + 1] != MISSING) {
                int s = slot(old[i]);
                table[2 * s] = old[i];
                table[2 * s + 1] = old[i + 1];
            }
        }
    }
}
