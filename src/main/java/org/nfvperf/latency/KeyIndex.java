package org.nfvperf.latency;

/**
 * The matcher's index from identity to ring position: a direct-mapped table indexed by the low
 * bits of the key folded onto itself ({@code (k ^ k>>>16 ^ k>>>32 ^ k>>>48) mod capacity}), with a {@link LongLongMap} for the keys whose
 * direct slot is taken by another key. Sequence numbers thus land in consecutive slots, so that
 * inserting at one tap and looking up at the next walk the table in order (cache- and
 * prefetch-friendly) and removal is one store, while any key pattern stays correct through the
 * fallback. The direct table doubles (up to {@value #MAX_DIRECT} slots) while more than 1/16 of
 * its capacity (1/16: a table of 16 bytes per slot must stay small next to the records it indexes)
 * has spilled to the fallback; at that point every key is re-placed.
 *
 * <p>Same protocol as {@link LongLongMap}: {@link #slot} finds a key's slot (or where to insert
 * it), then {@link #valueAt}, {@link #setAt}, {@link #insertAt}, {@link #removeAt} use that slot
 * until the next change. Slots below zero are direct ({@code ~index}), others are the fallback's.
 * Values are non-negative; {@link LongLongMap#MISSING} means absent. Allocates only when growing.
 * Not thread-safe.
 *
 * <pre>{@code
 * KeyIndex ix = new KeyIndex(1 << 12);
 * int s = ix.slot(42);
 * if (ix.valueAt(s) == LongLongMap.MISSING) ix.insertAt(s, 42, 7);
 * long pos = ix.valueAt(ix.slot(42));   // 7
 * }</pre>
 */
final class KeyIndex {
    /** Largest direct table, in slots (16 bytes each). */
    static final int MAX_DIRECT = 1 << 21;
    private static final long MISSING = LongLongMap.MISSING;

    private long[] direct;
    /** Per direct slot: how many keys of that slot live in the fallback (so most misses skip it). */
    private int[] spilledAt;
    private int mask;
    private int directSize;
    private LongLongMap spill = new LongLongMap(64);

    /** False: every key goes to the hash map (for identities that are hashes already). */
    private final boolean directOn;

    /**
     * An index with a direct table of {@code capacity} slots, or none if {@code capacity} is 0:
     * identities that are hashes spread at random, so a direct table would only be a larger,
     * colder hash table; sequence numbers are what it is for.
     */
    KeyIndex(int capacity) {
        if (capacity < 0 || (capacity > 0 && Integer.bitCount(capacity) != 1) || capacity > MAX_DIRECT) {
            throw new IllegalArgumentException("capacity must be 0 or a power of two in [1, " + MAX_DIRECT + "]: "
                    + capacity);
        }
        directOn = capacity > 0;
        capacity = Math.max(1, capacity);
        direct = empty(capacity);
        spilledAt = new int[capacity];
        mask = capacity - 1;
    }

    private static long[] empty(int capacity) {
        long[] t = new long[capacity * 2];
        for (int i = 1; i < t.length; i += 2) {
            t[i] = MISSING;
        }
        return t;
    }

    /** Keys held. */
    int size() {
        return directSize + spill.size();
    }

    /** Slots of the direct table. */
    int directCapacity() {
        return mask + 1;
    }

    /** Keys held in the fallback map. */
    int spilled() {
        return spill.size();
    }

    /** The slot of {@code key}, or where to insert it (its value is then {@link LongLongMap#MISSING}). */
    int slot(long key) {
        if (!directOn) {
            return spill.slot(key);
        }
        int d = home(key);
        long v = direct[2 * d + 1];
        if (v != MISSING && direct[2 * d] == key) {
            return ~d;
        }
        if (spilledAt[d] == 0) {
            return v == MISSING ? ~d : spill.slot(key);
        }
        int s = spill.slot(key);
        if (spill.valueAt(s) != MISSING || v != MISSING) {
            return s;
        }
        return ~d;
    }

    long valueAt(int slot) {
        return slot < 0 ? direct[2 * ~slot + 1] : spill.valueAt(slot);
    }

    void setAt(int slot, long value) {
        if (slot < 0) {
            if (value < 0) {
                throw new IllegalArgumentException("value must be >= 0: " + value);
            }
            direct[2 * ~slot + 1] = value;
        } else {
            spill.setAt(slot, value);
        }
    }

    void insertAt(int slot, long key, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("value must be >= 0: " + value);
        }
        if (slot < 0) {
            direct[2 * ~slot] = key;
            direct[2 * ~slot + 1] = value;
            directSize++;
            return;
        }
        spill.insertAt(slot, key, value);
        spilledAt[home(key)]++;
        if (directOn && spill.size() > (mask + 1) >>> 4 && mask + 1 < MAX_DIRECT) {
            grow();
        }
    }

    void removeAt(int slot) {
        if (slot < 0) {
            direct[2 * ~slot + 1] = MISSING;
            directSize--;
        } else {
            spilledAt[home(spill.keyAt(slot))]--;
            spill.removeAt(slot);
        }
    }

    /** Doubles the direct table and places every key again. */
    private void grow() {
        long[] oldDirect = direct;
        LongLongMap oldSpill = spill;
        direct = empty((mask + 1) * 2);
        spilledAt = new int[(mask + 1) * 2];
        mask = (mask + 1) * 2 - 1;
        directSize = 0;
        spill = new LongLongMap(Math.max(64, oldSpill.size()));
        for (int i = 0; i < oldDirect.length; i += 2) {
            if (oldDirect[i + 1] != MISSING) {
                place(oldDirect[i], oldDirect[i + 1]);
            }
        }
        oldSpill.forEach(this::place);
    }

    /**
     * The direct slot of a key: its 16-bit parts folded together, so that consecutive numbers
     * take consecutive slots and numbers that differ only in higher bits still spread.
     */
    private int home(long key) {
        return (int) (key ^ (key >>> 16) ^ (key >>> 32) ^ (key >>> 48)) & mask;
    }

    private void place(long key, long value) {
        int d = home(key);
        if (direct[2 * d + 1] == MISSING) {
            direct[2 * d] = key;
            direct[2 * d + 1] = value;
            directSize++;
        } else {
            spill.insertAt(spill.slot(key), key, value);
            spilledAt[d]++;
        }
    }
}
