package org.nfvperf.latency;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads another {@link TapStream} ahead on a thread of its own, so that decoding the captures of
 * all taps runs in parallel with matching. Identities travel in batches of primitive arrays that
 * are recycled between the two threads: nothing is allocated per packet. A failure of the source
 * (an {@link org.nfvperf.util.InputException}, an I/O error) is rethrown by {@link #next()} at the
 * point where the consumer reaches it, so every packet before it is still delivered.
 *
 * <p>One consumer thread; {@link #close()} stops the reader thread before closing the source.
 *
 * <pre>{@code
 * try (TapStream s = new PrefetchingTapStream("pnic0", CaptureTapStream.open(...))) {
 *     while (s.next()) { ... }
 * }
 * }</pre>
 */
final class PrefetchingTapStream implements TapStream {
    static final int BATCH = 8192;
    private static final int BATCHES = 4;

    private static final class Batch {
        final long[] ts = new long[BATCH];
        final long[] keys = new long[BATCH];
        int size;
        boolean last;
        Throwable error;
        long packets;
        long skipped;
    }

    private final TapStream source;
    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES);
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
    private final Thread thread;
    private volatile boolean stop;
    private Batch cur;
    private int index;
    private boolean ended;
    private long packets;
    private long skipped;

    PrefetchingTapStream(String name, TapStream source) {
        this.source = source;
        for (int i = 0; i < BATCHES; i++) {
            free.add(new Batch());
        }
        thread = new Thread(this::produce, "nfvperf-tap-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void produce() {
        try {
            while (!stop) {
                Batch b = free.take();
                b.size = 0;
                b.error = null;
                try {
                    boolean more = true;
                    while (b.size < BATCH && (more = source.next())) {
                        b.ts[b.size] = source.timestampNanos();
                        b.keys[b.size] = source.key();
                        b.size++;
                    }
                    b.last = !more;
                } catch (Throwable t) {
                    b.error = t;
                    b.last = true;
                }
                b.packets = source.packets();
                b.skipped = source.skipped();
                full.put(b);
                if (b.last) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean next() throws IOException {
        if (cur != null && index + 1 < cur.size) {
            index++;
            return true;
        }
        if (!nextBatch()) {
            return false;
        }
        index = 0;
        return true;
    }

    private boolean end() throws IOException {
        ended = true;
        Throwable t = cur.error;
        if (t == null) {
            return false;
        }
        if (t instanceof IOException e) {
            throw e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new UncheckedIOException(new IOException(t));
    }

    /**
     * Moves to the next batch of packets (the matcher's bulk access; {@link #next()} walks the
     * same batches one packet at a time): false at the end, else {@link #batchSize()} (at least 1) packets are in
     * {@link #batchTimestamps()} and {@link #batchKeys()} until the next call. The source's failure
     * is thrown by the call after the batch that holds the packets read before it.
     */
    boolean nextBatch() throws IOException {
        while (true) {
            if (ended) {
                return false;
            }
            if (cur != null) {
                if (cur.last) {
                    return end();
                }
                free.add(cur);
            }
            try {
                cur = full.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading ahead", e);
            }
            packets = cur.packets;
            skipped = cur.skipped;
            index = cur.size - 1;
            if (cur.size > 0) {
                return true;
            }
        }
    }

    long[] batchTimestamps() {
        return cur.ts;
    }

    long[] batchKeys() {
        return cur.keys;
    }

    int batchSize() {
        return cur.size;
    }

    @Override
    public long timestampNanos() {
        return cur.ts[index];
    }

    @Override
    public long key() {
        return cur.keys[index];
    }

    @Override
    public long packets() {
        return packets;
    }

    @Override
    public long skipped() {
        return skipped;
    }

    /** The stream read ahead. */
    TapStream source() {
        return source;
    }

    @Override
    public void close() throws IOException {
        stop = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
