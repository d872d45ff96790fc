package org.nfvperf.figures;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawerDefaultFonts;
import java.awt.FontFormatException;
import java.awt.Shape;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes a {@link Figure} — its panels in a grid, then a footer with the caption and the data's
 * provenance — as PNG (at a chosen dpi, recorded in the file), SVG (VectorGraphics2D) or PDF
 * (PDFBox). Works headless ({@code -Djava.awt.headless=true}); text needs at least one font known
 * to fontconfig (Debian: {@code fonts-dejavu-core}).
 *
 * <p>Sizes are in points (1/72 in): a 640×420 panel exported at 300 dpi is 2667×1750 pixels.
 * Files are written to a temporary sibling and moved into place, so a reader never sees half a
 * figure. Stateless and thread-safe as long as each figure is exported by one thread.
 *
 * <pre>{@code
 * FigureExporter.write(figure, Path.of("out/figures/fig2.png"));     // format from the extension
 * FigureExporter.writeAll(figure, Path.of("out/figures"));           // fig2.png, fig2.svg, fig2.pdf
 * }</pre>
 */
public final class FigureExporter {
    /** The default PNG resolution. */
    public static final int DEFAULT_DPI = 300;
    private static final int FOOTER_FONT_SIZE = 11;
    private static final int MARGIN = 8;

    private FigureExporter() {
    }

    /** Writes {@code figure} in the format named by {@code file}'s extension (PNG at 300 dpi). */
    public static void write(Figure figure, Path file) throws IOException {
        write(figure, file, ExportFormat.ofFileName(file), DEFAULT_DPI);
    }

    /** Writes {@code figure} to {@code file} in {@code format}; {@code dpi} applies to PNG only. */
    public static void write(Figure figure, Path file, ExportFormat format, int dpi) throws IOException {
        if (dpi < 36 || dpi > 1200) {
            throw new IllegalArgumentException("dpi must be in [36, 1200]: " + dpi);
        }
        AtomicFiles.write(file, out -> {
            switch (format) {
                case PNG -> writePng(figure, out, dpi);
                case SVG -> writeSvg(figure, out);
                case PDF -> writePdf(figure, out);
                default -> throw new IllegalStateException("format " + format);
            }
        });
    }

    /** Writes {@code dir/<id>.png}, {@code .svg} and {@code .pdf}; returns the three paths. */
    public static List<Path> writeAll(Figure figure, Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        for (ExportFormat f : ExportFormat.values()) {
            Path file = dir.resolve(figure.id() + "." + f.extension());
            write(figure, file, f, DEFAULT_DPI);
            written.add(file);
        }
        return written;
    }

    /** Width of the whole figure in points. */
    public static int width(Figure f) {
        return panelWidth(f) * Math.min(f.columns(), f.panels().size());
    }

    /** Height of the whole figure in points, footer included. */
    public static int height(Figure f) {
        return panelHeight(f) * f.rows() + footerHeight(f);
    }

    private static int panelWidth(Figure f) {
        return f.panels().stream().mapToInt(Chart::getWidth).max().orElseThrow();
    }

    private static int panelHeight(Figure f) {
        return f.panels().stream().mapToInt(Chart::getHeight).max().orElseThrow();
    }

    private static List<String> footerLines(Figure f) {
        Font font = footerFont();
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            FontMetrics fm = g.getFontMetrics(font);
            List<String> lines = new ArrayList<>();
            int width = width(f) - 2 * MARGIN;
            if (!f.caption().isEmpty()) {
                lines.addAll(wrap(f.caption(), fm, width));
            }
            lines.addAll(wrap("Data: " + f.provenance().label(), fm, width));
            return lines;
        } finally {
            g.dispose();
        }
    }

    private static int footerHeight(Figure f) {
        return footerLines(f).size() * (FOOTER_FONT_SIZE + 4) + 2 * MARGIN;
    }

    private static Font footerFont() {
        return new Font(Font.SANS_SERIF, Font.PLAIN, FOOTER_FONT_SIZE);
    }

    static List<String> wrap(String text, FontMetrics fm, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (fm.stringWidth(candidate) > width && line.length() > 0) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** Paints the whole figure at the origin of {@code g}, in points. */
    public static void paint(Figure f, Graphics2D g) {
        int pw = panelWidth(f);
        int ph = panelHeight(f);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width(f), height(f));
        for (int i = 0; i < f.panels().size(); i++) {
            AffineTransform saved = g.getTransform();
            g.translate((i % f.columns()) * pw, (i / f.columns()) * ph);
            f.panels().get(i).paint(g, pw, ph);
            g.setTransform(saved);
        }
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(footerFont());
        g.setColor(Color.DARK_GRAY);
        int y = ph * f.rows() + MARGIN + FOOTER_FONT_SIZE;
        for (String line : footerLines(f)) {
            g.drawString(line, MARGIN, y);
            y += FOOTER_FONT_SIZE + 4;
        }
    }

    private static void writePng(Figure f, OutputStream out, int dpi) throws IOException {
        double scale = dpi / 72.0;
        int w = (int) Math.ceil(width(f) * scale);
        int h = (int) Math.ceil(height(f) * scale);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.scale(scale, scale);
            paint(f, g);
        } finally {
            g.dispose();
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("no PNG writer in this JVM");
        }
        ImageWriter writer = writers.next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (param.canWriteCompressed()) {
                // deflate at its fastest: a 300-dpi figure is 10+ megapixels and the default level
                // spends seconds for a few percent of file size
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.75f);
            }
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            setDpi(meta, dpi);
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, meta), param);
        } finally {
            writer.dispose();
        }
    }

    private static void setDpi(IIOMetadata meta, int dpi) throws IOException {
        // pHYs in the PNG's native tree: the standard tree's HorizontalPixelSize is turned into
        // pHYs the wrong way round by some JDKs (mm/pixel × 1000 instead of its inverse)
        String pixelsPerMetre = Long.toString(Math.round(dpi / 0.0254));
        IIOMetadataNode phys = new IIOMetadataNode("pHYs");
        phys.setAttribute("pixelsPerUnitXAxis", pixelsPerMetre);
        phys.setAttribute("pixelsPerUnitYAxis", pixelsPerMetre);
        phys.setAttribute("unitSpecifier", "meter");
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(phys);
        try {
            meta.mergeTree("javax_imageio_png_1.0", root);
        } catch (IIOInvalidTreeException e) {
            throw new IOException("cannot record " + dpi + " dpi in PNG metadata: " + e.getMessage(), e);
        }
    }

    private static void writeSvg(Figure f, OutputStream out) throws IOException {
        VectorGraphics2D g = new TextSvgGraphics(textRecovery(f));
        paint(f, g);
        new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width(f), height(f))).writeTo(out);
        g.dispose();
    }

    private static void writePdf(Figure f, OutputStream out) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(width(f), height(f)));
            doc.addPage(page);
            TextPdfGraphics g = new TextPdfGraphics(doc, width(f), height(f), textRecovery(f));
            try (PdfFonts fonts = new PdfFonts()) {
                g.setFontTextDrawer(fonts);
                paint(f, g);
                g.dispose();
            }
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.drawForm(g.getXFormObject());
            }
            doc.save(out);
        }
    }

    /** What turns XChart's glyph outlines of this figure back into text: its fonts and text angles. */
    static TextRecovery textRecovery(Figure f) {
        List<Font> fonts = new ArrayList<>();
        List<Double> angles = new ArrayList<>(List.of(-Math.PI / 2, Math.PI / 2));
        for (Chart<?, ?> c : f.panels()) {
            Styler s = c.getStyler();
            fonts.add(s.getChartTitleFont());
            fonts.add(s.getLegendFont());
            fonts.add(s.getAnnotationTextFont());
            if (s instanceof AxesChartStyler a) {
                fonts.add(a.getAxisTitleFont());
                fonts.add(a.getAxisTickLabelsFont());
                int rotation = a.getXAxisLabelRotation();
                if (rotation != 0) {
                    angles.add(-Math.toRadians(rotation));
                    angles.add(Math.toRadians(rotation));
                }
            }
        }
        return new TextRecovery(fonts, angles);
    }

    /** An SVG canvas that writes XChart's text as {@code <text>} elements instead of glyph outlines. */
    private static final class TextSvgGraphics extends VectorGraphics2D {
        private final TextRecovery text;

        TextSvgGraphics(TextRecovery text) {
            this.text = text;
        }

        @Override
        public void fill(Shape s) {
            if (!text.drawAsText(this, s)) {
                super.fill(s);
            }
        }
    }

    /** A PDF canvas that writes XChart's text as PDF text (searchable, copyable) instead of glyph outlines. */
    private static final class TextPdfGraphics extends PdfBoxGraphics2D {
        private final TextRecovery text;

        TextPdfGraphics(PDDocument doc, int width, int height, TextRecovery text) throws IOException {
            super(doc, width, height);
            this.text = text;
        }

        @Override
        public void fill(Shape s) {
            if (!text.drawAsText(this, s)) {
                super.fill(s);
            }
        }
    }

    /**
     * Fonts of PDF text: the sans-serif font Java draws with (DejaVu Sans on Debian), embedded as
     * a subset when its file is found, so the PDF looks like the PNG; otherwise the standard
     * Helvetica, named and not embedded. Characters neither can show are drawn as outlines.
     */
    private static final class PdfFonts extends PdfBoxGraphics2DFontTextDrawerDefaultFonts {
        private static final List<Path> FONT_DIRS = List.of(Path.of("/usr/share/fonts/truetype/dejavu"),
                Path.of("/usr/share/fonts/TTF"), Path.of("/usr/share/fonts/dejavu"), Path.of("/usr/share/fonts/truetype"));
        private final Map<String, PDFont> loaded = new HashMap<>();

        @Override
        protected PDFont mapFont(Font font, IFontTextDrawerEnv env) throws IOException, FontFormatException {
            String file = switch (font.getFamily(Locale.ROOT).toLowerCase(Locale.ROOT)) {
                case "sansserif", "dialog", "dejavu sans" -> font.isBold() ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf";
                default -> null;
            };
            if (file != null && !font.isItalic()) {
                if (!loaded.containsKey(file)) {
                    Path found = FONT_DIRS.stream().map(d -> d.resolve(file)).filter(Files::isReadable).findFirst().orElse(null);
                    loaded.put(file, found == null ? null : PDType0Font.load(env.getDocument(), found.toFile()));
                }
                PDFont pd = loaded.get(file);
                if (pd != null) {
                    return pd;
                }
            }
            return super.mapFont(font, env);
        }
    }
}
