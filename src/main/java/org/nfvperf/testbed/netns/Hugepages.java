package org.nfvperf.testbed.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reserves 2 MiB hugepages for DPDK trials and gives them back: a reservation adds its pages to
 * {@code /proc/sys/vm/nr_hugepages}, a release subtracts them, so the value returns to what it was
 * once every reservation (of this or another process) is released. The record ({@code /run/nfvperf-netns/dpdk-hugepages-<pid>}: {@code previous=N
 * reserved=M}) lets a later run or {@code testbed cleanup} undo the reservation of a run that was
 * killed with SIGKILL ({@link #restoreDead()}). Thread-safe (the JVM's reservations are counted
 * under one lock).
 *
 * <pre>{@code
 * Hugepages.reserve(96);   // nr_hugepages 0 -> 96
 * ...
 * Hugepages.release(96);   // back to 0
 * }</pre>
 */
public final class Hugepages {
    /** The kernel's count of persistent 2 MiB hugepages. */
    public static final Path NR_HUGEPAGES = Path.of("/proc/sys/vm/nr_hugepages");
    /** Writing 1 makes the kernel compact free memory (so that 2 MiB blocks become available). */
    public static final Path COMPACT_MEMORY = Path.of("/proc/sys/vm/compact_memory");
    private static final String RECORD_PREFIX = "dpdk-hugepages-";

    private static int reservedHere;
    private static long previous;

    private Hugepages() {
    }

    /**
     * Adds {@code pages} to nr_hugepages.
     *
     * @throws IOException when the kernel grants fewer (the partial reservation is undone)
     */
    public static synchronized void reserve(int pages) throws IOException {
        if (pages < 1) {
            throw new IllegalArgumentException("pages must be >= 1: " + pages);
        }
        long now = read();
        if (reservedHere == 0) {
            previous = now;
        }
        write(now + pages);
        long got = read();
        for (int attempt = 0; attempt < 3 && got < now + pages; attempt++) {
            // Free memory is there but in pieces: let the kernel compact it into 2 MiB blocks, then ask again.
            writeSysctl(COMPACT_MEMORY, "1");
            write(now + pages);
            got = read();
        }
        reservedHere += pages;
        record();
        if (got < now + pages) {
            release(pages);
            throw new IOException("the kernel granted only " + (got - now) + " of " + pages
                    + " 2 MiB hugepages (memory fragmented or short: see /proc/meminfo)");
        }
    }

    /**
     * Takes {@code pages} back by subtracting them from the current value (not by writing back the
     * value seen first: another process may have reserved pages meanwhile), so that once every
     * reservation is released nr_hugepages is what it was before.
     */
    public static synchronized void release(int pages) throws IOException {
        int giveBack = Math.min(pages, reservedHere);
        reservedHere -= giveBack;
        write(Math.max(0, read() - giveBack));
        if (reservedHere == 0) {
            Files.deleteIfExists(recordOf(ProcessHandle.current().pid()));
        } else {
            record();
        }
    }

    /** Pages this JVM holds now. */
    public static synchronized int reservedHere() {
        return reservedHere;
    }

    /**
     * Gives back the pages of owners that died without releasing them and deletes their records.
     *
     * @return the number of pages given back
     */
    public static long restoreDead() throws IOException {
        if (!Files.isDirectory(Leftovers.STATE_DIR)) {
            return 0;
        }
        long total = 0;
        List<Path> records = new ArrayList<>();
        try (var files = Files.list(Leftovers.STATE_DIR)) {
            files.filter(p -> p.getFileName().toString().matches(RECORD_PREFIX + "\\d+")).forEach(records::add);
        }
        for (Path r : records) {
            long pid = Long.parseLong(r.getFileName().toString().substring(RECORD_PREFIX.length()));
            if (pid == ProcessHandle.current().pid() || Leftovers.ownerAlive(pid)) {
                continue;
            }
            Map<String, String> kv = NetnsRunner.keyValues("record " + Files.readString(r).strip(), "record");
            long reserved = Long.parseLong(kv.getOrDefault("reserved", "0"));
            synchronized (Hugepages.class) {
                write(Math.max(0, read() - reserved));
            }
            total += reserved;
            Files.deleteIfExists(r);
        }
        return total;
    }

    /** The record of owner {@code pid}, if it left one. */
    static Optional<Path> record(long pid) {
        Path p = recordOf(pid);
        return Files.exists(p) ? Optional.of(p) : Optional.empty();
    }

    private static Path recordOf(long pid) {
        return Leftovers.STATE_DIR.resolve(RECORD_PREFIX + pid);
    }

    private static void record() throws IOException {
        Leftovers.registerSelf();
        Files.writeString(recordOf(ProcessHandle.current().pid()), "previous=" + previous + " reserved=" + reservedHere + "\n");
    }

    /** The current nr_hugepages. */
    public static long read() throws IOException {
        // Files.readString sizes its buffer from the file's size, which is 0 or wrong for sysctl files.
        try (var in = new java.io.FileInputStream(NR_HUGEPAGES.toFile())) {
            return Long.parseLong(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip());
        }
    }

    private static void write(long pages) throws IOException {
        writeSysctl(NR_HUGEPAGES, Long.toString(pages));
    }

    /** One write(2) of the whole value: a sysctl file takes what each write call brings as a new value. */
    private static void writeSysctl(Path file, String value) throws IOException {
        try (var out = new java.io.FileOutputStream(file.toFile())) {
            out.write((value + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
    }
}
