package org.nfvperf.figures;

import java.util.List;
import java.util.Objects;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A figure: one or more XChart panels laid out in a grid, with an id (the file name stem, e.g.
 * {@code fig2}), a caption and the {@link Provenance} of its data. {@link FigureExporter} writes it
 * as one PNG, SVG or PDF with the caption and provenance in a footer under the panels; a notebook
 * can display the panels one by one.
 *
 * <p>Immutable as a value (the panel list is copied), but the XChart panels themselves are mutable
 * and not thread-safe: build, style and export a figure on one thread.
 *
 * <pre>{@code
 * Figure f = PaperFigures.fig2(table, published, provenance);
 * XYChart mpps = (XYChart) f.panels().get(0);
 * FigureExporter.write(f, Path.of("out/fig2.svg"));
 * }</pre>
 *
 * @param id         file name stem: letters, digits, '-', '_'
 * @param caption    one sentence saying what the figure shows; may be empty
 * @param panels     the charts, at least one, laid out row by row
 * @param columns    panels per row, at least 1
 * @param provenance where the data came from
 */
public record Figure(String id, String caption, List<Chart<?, ?>> panels, int columns, Provenance provenance) {
    public Figure {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("id must be letters, digits, '-' or '_': '" + id + "'");
        }
        caption = caption == null ? "" : caption;
        panels = List.copyOf(panels);
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("panels must be non-empty: " + panels);
        }
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be >= 1: " + columns);
        }
        Objects.requireNonNull(provenance, "provenance");
    }

    /** A figure of a single panel. */
    public static Figure of(String id, String caption, Chart<?, ?> panel, Provenance provenance) {
        return new Figure(id, caption, List.of(panel), 1, provenance);
    }

    /** Rows of the panel grid. */
    public int rows() {
        return (panels.size() + columns - 1) / columns;
    }

    /** The {@code i}-th panel (0-based). */
    public Chart<?, ?> panel(int i) {
        return panels.get(i);
    }
}
