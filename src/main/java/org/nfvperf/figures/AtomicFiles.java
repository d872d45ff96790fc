package org.nfvperf.figures;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

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
    /** What writes the content. */
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    static void write(Path file, Content content) throws IOException {
        // one implementation for every output: temporary sibling, rename, stale temporaries of
        // dead processes removed, I/O errors naming the path
        org.nfvperf.util.OutputFiles.write(file, content::writeTo);
    }
}
