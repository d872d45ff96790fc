package org.nfvperf.util;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How every output file is written: never over one of the command's inputs, through a hidden
 * temporary sibling {@code .<name>.<pid>.<n>.tmp} that is renamed onto the final name once
 * complete (so a killed run leaves no truncated file under the final name), with the temporaries
 * of dead processes removed, and with I/O errors naming the path ({@code No space left on device}
 * alone does not say which disk). Thread-safe.
 *
 * <pre>{@code
 * OutputFiles.requireDistinct(csv, "--per-packet", List.of(tapA, tapB));
 * OutputFiles.write(csv, out -> out.write(bytes));
 * }</pre>
 */
public final class OutputFiles {
    private static final AtomicLong COUNTER = new AtomicLong();
    /** {@code .<name>.<pid>.<n>.tmp}: the pid decides whether a temporary is stale. */
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.(\\d{1,10})\\.\\d{1,19}\\.tmp");

    /** What writes the content of a file. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private OutputFiles() {
    }

    /**
     * Refuses an output that is the same file as one of the inputs (also through another path,
     * a hard link or a symbolic link), before anything is written.
     *
     * @param output  the output file or folder as the user gave it
     * @param option  how the user named the output, e.g. {@code --per-packet}
     * @param inputs  the files the command reads
     * @throws UsageException naming both paths
     */
    public static void requireDistinct(Path output, String option, Collection<Path> inputs) {
        if (output == null || !Files.exists(output)) {
            return;
        }
        for (Path in : inputs) {
            if (in == null || !Files.exists(in)) {
                continue;
            }
            boolean same;
            try {
                same = Files.isSameFile(output, in);
            } catch (IOException e) {
                same = output.toAbsolutePath().normalize().equals(in.toAbsolutePath().normalize());
            }
            if (same) {
                throw new UsageException(option + " " + output + " is the input " + in
                        + ": writing it would destroy the input; choose another output file");
            }
        }
    }

    /**
     * A fresh temporary sibling of {@code file} for {@link #commit}; removes the stale temporaries
     * of dead processes in the same folder first and creates the folder if needed.
     */
    public static Path temporaryFor(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw naming(parent, e);
        }
        removeStaleTemporaries(parent);
        return parent.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + "."
                + COUNTER.incrementAndGet() + ".tmp");
    }

    /** Renames a complete temporary onto its final name, atomically where the file system can. */
    public static void commit(Path temporary, Path file) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw naming(file, e);
        }
    }

    /** Writes {@code file} through a temporary and a rename; the temporary is gone afterwards in any case. */
    public static void write(Path file, Content content) throws IOException {
        Path tmp = temporaryFor(file);
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                content.writeTo(out);
            } catch (IOException e) {
                throw naming(file, e);
            }
            commit(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Deletes the temporaries ({@code .<name>.<pid>.<n>.tmp}) in {@code dir} whose process is no
     * longer alive: what a killed run left behind.
     *
     * @return how many were removed
     */
    public static int removeStaleTemporaries(Path dir) {
        int removed = 0;
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path p : ds) {
                Matcher m = TEMPORARY.matcher(p.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                long pid = Long.parseLong(m.group(1));
                if (pid != self && ProcessHandle.of(pid).isEmpty() && Files.isRegularFile(p)) {
                    try {
                        Files.deleteIfExists(p);
                        removed++;
                    } catch (IOException e) {
                        // another run removed it, or the folder is read-only: harmless
                    }
                }
            }
        } catch (IOException e) {
            // an unreadable folder has no temporaries of ours to clean
        }
        return removed;
    }

    /**
     * The same I/O error with the path in its message, for errors such as {@code No space left on
     * device} that name none. Errors that already name a file ({@link FileSystemException}) are
     * returned as they are.
     */
    public static IOException naming(Path file, IOException e) {
        if (e instanceof FileSystemException fse && fse.getFile() != null) {
            return e;
        }
        String msg = e.getMessage();
        if (msg != null && msg.contains(file.toString())) {
            return e;
        }
        if (e instanceof NoSuchFileException) {
            return e;
        }
        return new IOException(file + ": " + (msg == null ? e.getClass().getSimpleName() : msg), e);
    }
}
