package org.nfvperf.notebook;

import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.common.Image;
import io.github.spencerpark.jupyter.kernel.display.common.Text;
import io.github.spencerpark.jupyter.kernel.display.common.Url;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.nfvperf.figures.CellFormat;
import org.nfvperf.figures.ExportFormat;
import org.nfvperf.figures.Figure;
import org.nfvperf.figures.FigureExporter;
import org.nfvperf.figures.Html;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * How notebook values look in Jupyter: an XChart chart or an nfvperf {@link Figure} (all panels
 * with caption and provenance) as {@code image/png} (also {@code image/svg+xml} and
 * {@code application/pdf} on request), a Tablesaw table as an HTML
 * table of at most {@value #MAX_TABLE_ROWS} rows with numbers rounded to their unit (and aligned
 * text), a map or a record as a small key/value table ({@link Summaries}), anything else as
 * {@code text/plain} through {@code String.valueOf}.
 *
 * <p>The registrations go into a jupyter-jvm-basekernel {@link Renderer}, the class IJava uses
 * too, so {@link #attach()} can add them to a stock IJava kernel from a notebook.
 *
 * <p>Stateless and thread-safe (a {@link Renderer} itself is not safe for concurrent registration).
 * <pre>{@code
 * Renderer r = Renderers.newRenderer();
 * DisplayData d = r.render(chart);                    // image/png + text/plain
 * DisplayData svg = r.renderAs(chart, "image/svg+xml");
 * }</pre>
 */
public final class Renderers {
    /** MIME type of SVG output. */
    public static final MIMEType SVG = MIMEType.IMAGE_SVG;
    /** MIME type of PDF output. */
    public static final MIMEType PDF = MIMEType.parse("application/pdf");
    /** Resolution of figures shown in a notebook, dots per inch. */
    public static final int SCREEN_DPI = 96;
    /** Widest figure image a notebook shows without shrinking it (the width of its output area), px. */
    public static final int MAX_SCREEN_WIDTH_PX = 1000;
    /** Most rows a table shows; a longer one shows its first {@link #HEAD_ROWS} and says how many more there are. */
    public static final int MAX_TABLE_ROWS = 30;
    /** Rows shown of a table longer than {@link #MAX_TABLE_ROWS}. */
    public static final int HEAD_ROWS = 20;
    /** Entries of a map or list shown in a summary. */
    public static final int MAX_ENTRIES = 30;

    private Renderers() {
    }

    /** A renderer with the basekernel's image, URL and text renderers plus ours. */
    public static Renderer newRenderer() {
        Renderer r = new Renderer();
        Image.registerAll(r);
        Url.registerAll(r);
        Text.registerAll(r);
        registerAll(r);
        return r;
    }

    /** Adds the chart and table renderers to {@code renderer}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static void registerAll(Renderer renderer) {
        renderer.createRegistration(Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(SVG, PDF)
                .register((chart, ctx) -> renderChart((Chart<?, ?>) chart, ctx));
        renderer.createRegistration(Figure.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(SVG, PDF)
                .register(Renderers::renderFigure);
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register(Renderers::renderTable);
        renderer.createRegistration(java.util.Map.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((map, ctx) -> renderSummary(map, ctx));
        renderer.createRegistration(Record.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((rec, ctx) -> renderSummary(rec, ctx));
    }

    /**
     * A record or map: a record with a public {@code toTable()} (the front door's results) shows
     * that table, one with a {@code summary()} map shows the map; others their components.
     */
    private static void renderSummary(Object value, RenderContext ctx) {
        Object shown = value;
        if (value instanceof Record) {
            for (String name : new String[] {"toTable", "summary"}) {
                try {
                    Method m = value.getClass().getMethod(name);
                    m.setAccessible(true);
                    Object v = m.invoke(value);
                    if (v instanceof Table || v instanceof java.util.Map<?, ?>) {
                        shown = v;
                        break;
                    }
                } catch (NoSuchMethodException e) {
                    // not this kind of result
                } catch (ReflectiveOperationException | RuntimeException e) {
                    break;
                }
            }
        }
        if (shown instanceof Table t) {
            ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> html(t));
            ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> text(t));
            return;
        }
        Object summary = shown;
        ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> Summaries.html(summary));
        ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> Summaries.text(summary));
    }

    /**
     * Registers the renderers with a running stock IJava kernel, found by reflection, so that
     * the same notebook shows charts and tables there too. In this project's kernel they are
     * always registered already.
     *
     * @return a one-line description of what was done
     */
    public static String attach() {
        if (NfvperfKernel.current() != null) {
            return "nfvperf kernel: renderers already registered";
        }
        try {
            Class<?> ijava = ijavaClass();
            Object kernel = ijava.getMethod("getKernelInstance").invoke(null);
            if (kernel == null) {
                return "IJava is loaded but no kernel is running; nothing registered";
            }
            Method getRenderer = kernel.getClass().getMethod("getRenderer");
            registerAll((Renderer) getRenderer.invoke(kernel));
            return "IJava kernel: chart and table renderers registered";
        } catch (ClassNotFoundException e) {
            return "no Jupyter kernel found; nothing registered";
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot register renderers with IJava: " + e, e);
        }
    }

    /** IJava's main class as the notebook's code sees it: through the context loader, else ours. */
    private static Class<?> ijavaClass() throws ClassNotFoundException {
        String name = "io.github.spencerpark.ijava.IJava";
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            try {
                return Class.forName(name, true, context);
            } catch (ClassNotFoundException e) {
                // not visible there; try the loader of this class below
            }
        }
        return Class.forName(name, true, Renderers.class.getClassLoader());
    }

    private static void renderChart(Chart<?, ?> chart, RenderContext ctx) {
        ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> Base64.getEncoder().encodeToString(png(chart)));
        ctx.renderIfRequested(SVG, () -> new String(vector(chart, VectorGraphicsEncoder.VectorGraphicsFormat.SVG),
                StandardCharsets.UTF_8));
        ctx.renderIfRequested(PDF, () -> Base64.getEncoder().encodeToString(
                vector(chart, VectorGraphicsEncoder.VectorGraphicsFormat.PDF)));
        ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> describe(chart));
    }

    /** PNG bytes of a chart at its own width and height. */
    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] vector(Chart<?, ?> chart, VectorGraphicsEncoder.VectorGraphicsFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String describe(Chart<?, ?> chart) {
        String title = chart.getTitle() == null || chart.getTitle().isEmpty() ? "untitled" : chart.getTitle();
        return chart.getClass().getSimpleName() + " '" + title + "' " + chart.getWidth() + "x" + chart.getHeight()
                + ", series " + chart.getSeriesMap().keySet();
    }

    private static void renderFigure(Figure original, RenderContext ctx) {
        Figure figure = forScreen(original);
        ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> Base64.getEncoder().encodeToString(export(figure, ExportFormat.PNG)));
        ctx.renderIfRequested(SVG, () -> new String(export(figure, ExportFormat.SVG), StandardCharsets.UTF_8));
        ctx.renderIfRequested(PDF, () -> Base64.getEncoder().encodeToString(export(figure, ExportFormat.PDF)));
        ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> "Figure " + figure.id() + " (" + figure.panels().size() + " panels): "
                + figure.caption() + " Data: " + figure.provenance().label());
    }

    /**
     * The figure as a notebook shows it: panels side by side only while the image stays within
     * {@value #MAX_SCREEN_WIDTH_PX} px at {@value #SCREEN_DPI} dpi, else fewer per row (one above the
     * other), because a notebook shrinks a wider image to its width and the labels with it.
     * {@code Figures.save} and the report keep the figure's own layout.
     */
    public static Figure forScreen(Figure figure) {
        int panelPx = figure.panels().stream().mapToInt(Chart::getWidth).max().orElseThrow() * SCREEN_DPI / 72;
        int columns = Math.max(1, Math.min(figure.columns(), MAX_SCREEN_WIDTH_PX / Math.max(1, panelPx)));
        return columns == figure.columns() ? figure
                : new Figure(figure.id(), figure.caption(), figure.panels(), columns, figure.provenance());
    }

    /**
     * A figure (all panels, caption and provenance footer) as {@link FigureExporter} writes it;
     * PNG at {@value #SCREEN_DPI} dpi.
     */
    public static byte[] export(Figure figure, ExportFormat format) {
        try {
            Path tmp = Files.createTempFile("nfvperf-figure-", "." + format.extension());
            try {
                FigureExporter.write(figure, tmp, format, SCREEN_DPI);
                return Files.readAllBytes(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void renderTable(Table table, RenderContext ctx) {
        ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> html(table));
        ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> text(table));
    }

    /**
     * A table as aligned text (what a console shows): the same rows and number formats as
     * {@link #html(Table)}, columns separated by two spaces, numbers right-aligned.
     */
    public static String text(Table table) {
        int rows = table.rowCount() <= MAX_TABLE_ROWS ? table.rowCount() : HEAD_ROWS;
        int cols = table.columnCount();
        String[][] cells = new String[rows + 1][cols];
        int[] width = new int[cols];
        for (int c = 0; c < cols; c++) {
            cells[0][c] = table.column(c).name();
            for (int r = 0; r < rows; r++) {
                cells[r + 1][c] = CellFormat.cell(table, r, table.column(c).name());
            }
            for (String[] row : cells) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder(256);
        sb.append(table.name() == null ? "" : table.name()).append(" (").append(table.rowCount()).append(" rows × ")
                .append(cols).append(" columns)\n");
        for (String[] row : cells) {
            for (int c = 0; c < cols; c++) {
                boolean right = table.column(c) instanceof tech.tablesaw.api.NumericColumn<?>;
                String pad = " ".repeat(width[c] - row[c].length());
                sb.append(c == 0 ? "" : "  ").append(right ? pad + row[c] : row[c] + (c == cols - 1 ? "" : pad));
            }
            sb.append('\n');
        }
        if (rows < table.rowCount()) {
            sb.append("... ").append(table.rowCount() - rows).append(" more rows (of ").append(table.rowCount()).append(")\n");
        }
        return sb.toString();
    }

    /**
     * An HTML table as a notebook shows it: all rows up to {@value #MAX_TABLE_ROWS}, else the first
     * {@value #HEAD_ROWS} and a row saying how many more there are.
     */
    public static String html(Table table) {
        return html(table, table.rowCount() <= MAX_TABLE_ROWS ? MAX_TABLE_ROWS : HEAD_ROWS);
    }

    /**
     * An HTML table: caption with the table's name and size, one header row, at most
     * {@code maxRows} rows (then a row saying how many more there are), numbers with the
     * precision of their unit and unknown values empty ({@link CellFormat}), cells escaped.
     */
    public static String html(Table table, int maxRows) {
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows must be >= 0: " + maxRows);
        }
        StringBuilder sb = new StringBuilder(256);
        sb.append("<table class=\"nfvperf-table\">\n<caption>")
                .append(Html.escape(table.name() == null ? "" : table.name()))
                .append(" (").append(table.rowCount()).append(" rows × ").append(table.columnCount())
                .append(" columns)</caption>\n<thead><tr>");
        for (String name : table.columnNames()) {
            sb.append("<th>").append(Html.escape(name)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        int rows = Math.min(maxRows, table.rowCount());
        for (int r = 0; r < rows; r++) {
            sb.append("<tr>");
            for (int c = 0; c < table.columnCount(); c++) {
                String v = CellFormat.cell(table, r, table.column(c).name());
                sb.append(table.column(c) instanceof tech.tablesaw.api.NumericColumn<?> ? "<td style=\"text-align:right\">" : "<td>")
                        .append(Html.escape(v)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        if (rows < table.rowCount()) {
            sb.append("<tr><td colspan=\"").append(table.columnCount()).append("\">… ")
                    .append(table.rowCount() - rows).append(" more rows (of ").append(table.rowCount())
                    .append("): filter with <code>where</code> or summarise with a pivot</td></tr>\n");
        }
        sb.append("</tbody>\n</table>");
        return sb.toString();
    }
}
