package org.nfvperf.figures;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a file through a hidden sibling and a rename, so a reader (a browser on the report, a
 * notebook) never sees half a figure. The file gets the default permissions of a new file (umask),
 * unlike {@link Files#createTempFile}'s owner-only ones. Thread-safe.
 *
 * <pre>{@code
 * AtomicFiles.write(Path.of("out/report.html"), out -> out.write(html.getBytes(UTF_8)));
 * }</pre>
 */
final class AtomicFiles {
    private static final AtomicLong COUNTER = new AtomicLong();

    /** What writes the content. */
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    static void write(Path file, Content content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + "."
                + COUNTER.incrementAndGet() + ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                content.writeTo(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
