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
    /** Filter cells per direct slot. */
    static final int FILTER_FACTOR = 16;
    private static final byte SATURATED = (byte) 0xFF;
    /** Flag of a demoted key's value in the fallback. */
    private static final long DEMOTED = 1L << 62;
    private static final long MISSING = LongLongMap.MISSING;

    private long[] direct;
    /**
     * Per filter cell ({@value #FILTER_FACTOR} per direct slot, so that keys that share a direct
     * slot mostly do not share a cell): how many keys of that cell live in the fallback, so that
     * most misses skip it; one byte each, counting to 255 ({@link #SATURATED}), where a count
     * stays (a permanent "maybe") until the next growth.
     */
    private byte[] spilledAt;
    private int filterMask;
    private int mask;
    /** Keys moved to the fallback by {@link #demoteAt} (flagged with {@link #DEMOTED} there). */
    private int demoted;
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
        spilledAt = new byte[capacity * FILTER_FACTOR];
        filterMask = capacity * FILTER_FACTOR - 1;
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
        if (spilledAt[cell(key)] == 0) {
            return v == MISSING ? ~d : spill.slot(key);
        }
        int s = spill.slot(key);
        if (spill.valueAt(s) != MISSING || v != MISSING) {
            return s;
        }
        return ~d;
    }

    long valueAt(int slot) {
        if (slot < 0) {
            return direct[2 * ~slot + 1];
        }
        long v = spill.valueAt(slot);
        return v == MISSING ? v : v & ~DEMOTED;
    }

    void setAt(int slot, long value) {
        if (slot < 0) {
            if (value < 0) {
                throw new IllegalArgumentException("value must be >= 0: " + value);
            }
            direct[2 * ~slot + 1] = value;
        } else {
            spill.setAt(slot, value | (spill.valueAt(slot) & DEMOTED));
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
        countSpilled(key);
        if (directOn && spill.size() - demoted > (mask + 1) >>> 4 && mask + 1 < MAX_DIRECT) {
            grow();
        }
    }

    /**
     * Moves the key in {@code slot} (a direct one, else nothing happens) to the fallback map, so
     * that its direct slot is free for another key: for keys that will wait long (the matcher's
     * lost packets, which would otherwise hold direct slots that later sequence numbers need).
     * Slots found before this call are invalid after it. Demoted keys do not count towards growth.
     */
    void demoteAt(int slot) {
        if (slot >= 0 || !directOn) {
            return;
        }
        int d = ~slot;
        long key = direct[2 * d];
        long value = direct[2 * d + 1];
        direct[2 * d + 1] = MISSING;
        directSize--;
        spill.insertAt(spill.slot(key), key, value | DEMOTED);
        countSpilled(key);
        demoted++;
    }

    /** Keys demoted and still held. */
    int demoted() {
        return demoted;
    }

    private void countSpilled(long key) {
        int c = cell(key);
        if (spilledAt[c] != SATURATED) {
            spilledAt[c]++;
        }
    }

    void removeAt(int slot) {
        if (slot < 0) {
            direct[2 * ~slot + 1] = MISSING;
            directSize--;
        } else {
            int c = cell(spill.keyAt(slot));
            if (spilledAt[c] != SATURATED) {
                spilledAt[c]--;
            }
            if ((spill.valueAt(slot) & DEMOTED) != 0) {
                demoted--;
            }
            spill.removeAt(slot);
        }
    }

    /** Doubles the direct table and places every key again. */
    private void grow() {
        long[] oldDirect = direct;
        LongLongMap oldSpill = spill;
        direct = empty((mask + 1) * 2);
        spilledAt = new byte[(mask + 1) * 2 * FILTER_FACTOR];
        filterMask = (mask + 1) * 2 * FILTER_FACTOR - 1;
        mask = (mask + 1) * 2 - 1;
        directSize = 0;
        demoted = 0;
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
        return fold(key) & mask;
    }

    /** The filter cell of a key (same folding as {@link #home}, more bits). */
    private int cell(long key) {
        return fold(key) & filterMask;
    }

    private static int fold(long key) {
        return (int) (key ^ (key >>> 16) ^ (key >>> 32) ^ (key >>> 48));
    }

    private void place(long key, long value) {
        int d = home(key);
        if ((value & DEMOTED) == 0 && direct[2 * d + 1] == MISSING) {
            direct[2 * d] = key;
            direct[2 * d + 1] = value;
            directSize++;
        } else {
            spill.insertAt(spill.slot(key), key, value);
            countSpilled(key);
            if ((value & DEMOTED) != 0) {
                demoted++;
            }
        }
    }
}
