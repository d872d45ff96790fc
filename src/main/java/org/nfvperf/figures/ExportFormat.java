package org.nfvperf.figures;

import java.nio.file.Path;
import java.util.Locale;
import org.nfvperf.util.UsageException;

/**
 * The file formats a {@link Figure} can be exported to, chosen from a file name's extension.
 *
 * <pre>{@code
 * ExportFormat.ofFileName(Path.of("fig2.svg"));   // SVG
 * }</pre>
 */
public enum ExportFormat {
    /** Raster, with the dpi recorded in the file's pHYs chunk. */
    PNG("png"),
    /** Scalable vector graphics; text stays text. */
    SVG("svg"),
    /** PDF through PDFBox; vector. */
    PDF("pdf");

    private final String extension;

    ExportFormat(String extension) {
        this.extension = extension;
    }

    /** The file extension without the dot. */
    public String extension() {
        return extension;
    }

    /**
     * The format named by the extension of {@code file}.
     *
     * @throws IllegalArgumentException if the extension is not png, svg or pdf
     */
    public static ExportFormat ofFileName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (ExportFormat f : values()) {
            if (f.extension.equals(ext)) {
                return f;
            }
        }
        throw new UsageException("chart file must end in .png, .svg or .pdf: " + file);
    }
}
