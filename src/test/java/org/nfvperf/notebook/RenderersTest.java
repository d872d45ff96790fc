package org.nfvperf.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class RenderersTest {
    private final Renderer renderer = Renderers.newRenderer();

    private static final java.util.List<String> CANDIDATES = java.util.List.of("image/png", "image/svg+xml", "application/pdf",
            "image/jpeg", "text/html", "text/plain", "text/markdown");

    private static Set<String> mimes(DisplayData d) {
        Set<String> out = new java.util.TreeSet<>();
        for (String m : CANDIDATES) {
            if (d.hasDataForType(MIMEType.parse(m))) {
                out.add(m);
            }
        }
        return out;
    }

    private static Object data(DisplayData d, String mime) {
        return d.getData(MIMEType.parse(mime));
    }

    private static XYChart chart() {
        XYChart c = new XYChartBuilder().width(320).height(240).title("fig2").build();
        c.addSeries("BESS 2.6GHz", new double[] {64, 128}, new double[] {14.88, 8.45});
        return c;
    }

    @Test
    void chartRendersAsPngByDefault() {
        DisplayData d = renderer.render(chart());
        assertEquals(Set.of("image/png", "text/plain"), mimes(d));
        byte[] png = Base64.getDecoder().decode((String) data(d, "image/png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        assertEquals("XYChart 'fig2' 320x240, series [BESS 2.6GHz]", data(d, "text/plain"));
    }

    @Test
    void chartRendersAsSvgOrPdfOnRequest() {
        DisplayData svg = renderer.renderAs(chart(), "image/svg+xml");
        assertEquals(Set.of("image/svg+xml", "text/plain"), mimes(svg));
        String text = (String) data(svg, "image/svg+xml");
        assertTrue(text.startsWith("<?xml") && text.contains("<svg"), text.substring(0, 80));
        CategoryChart bars = new CategoryChartBuilder().width(200).height(100).build();
        bars.addSeries("FW", List.of("1-NF"), List.of(10.5));
        DisplayData pdf = renderer.renderAs(bars, "application/pdf");
        assertTrue(new String(Base64.getDecoder().decode((String) data(pdf, "application/pdf")), 0, 5,
                java.nio.charset.StandardCharsets.ISO_8859_1).equals("%PDF-"));
    }

    @Test
    void figureRendersAllPanelsWithItsProvenance() throws Exception {
        org.nfvperf.figures.Figure f = new org.nfvperf.figures.Figure("fig2", "Throughput vs frame size.",
                List.of(chart(), chart()), 2, org.nfvperf.figures.Provenance.emulated("calibrated model"));
        DisplayData d = renderer.render(f);
        assertEquals(Set.of("image/png", "text/plain"), mimes(d));
        byte[] png = Base64.getDecoder().decode((String) data(d, "image/png"));
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        int scale = Renderers.SCREEN_DPI;
        assertEquals(Math.round(org.nfvperf.figures.FigureExporter.width(f) * scale / 72.0), img.getWidth(), 1.0);
        assertTrue(((String) data(d, "text/plain")).startsWith("Figure fig2 (2 panels): Throughput vs frame size. Data: "),
                (String) data(d, "text/plain"));
        assertTrue(((String) data(renderer.renderAs(f, "image/svg+xml"), "image/svg+xml")).contains("<svg"));
    }

    @Test
    void tableRendersAsEscapedHtmlAndText() {
        Table t = Table.create("runs", IntColumn.create("frame_size", 64, 128),
                StringColumn.create("dataplane", "BESS<1>", "a&b"), DoubleColumn.create("rx_mpps", 14.88, 9.346666666666666),
                DoubleColumn.create("error_pct", Double.NaN, 0.00006016359410468436),
                DoubleColumn.create("ratio", 62.809599999999996, 2));
        DisplayData d = renderer.render(t);
        assertEquals(Set.of("text/html", "text/plain"), mimes(d));
        assertEquals("""
                <table class="nfvperf-table">
                <caption>runs (2 rows × 5 columns)</caption>
                <thead><tr><th>frame_size</th><th>dataplane</th><th>rx_mpps</th><th>error_pct</th><th>ratio</th></tr></thead>
                <tbody>
                <tr><td style="text-align:right">64</td><td>BESS&lt;1&gt;</td><td style="text-align:right">14.880</td><td style="text-align:right"></td><td style="text-align:right">62.81</td></tr>
                <tr><td style="text-align:right">128</td><td>a&amp;b</td><td style="text-align:right">9.347</td><td style="text-align:right">0.00</td><td style="text-align:right">2</td></tr>
                </tbody>
                </table>""", data(d, "text/html"));
        assertEquals("""
                runs (2 rows × 5 columns)
                frame_size  dataplane  rx_mpps  error_pct  ratio
                        64  BESS<1>     14.880             62.81
                       128  a&b          9.347       0.00      2
                """, data(d, "text/plain"));
    }

    @Test
    void numbersReadAsTextAreRoundedByTheirColumnsUnit() {
        Table t = Table.create("fig6", StringColumn.create("dataplane_io_ns", "9356.4384", "23883.209600000002", "n/a"),
                StringColumn.create("note", "1.25", "0.1234567", "x"));
        assertEquals(List.of("9356", "23883", "n/a"), cells(t, "dataplane_io_ns"));
        assertEquals(List.of("1.25", "0.1235", "x"), cells(t, "note"));
        Table ghz = Table.create("t", StringColumn.create("cpu_ghz", "1.2", "2"));
        assertEquals(List.of("1.20", "2.00"), cells(ghz, "cpu_ghz"), "one precision down the column");
    }

    private static List<String> cells(Table t, String column) {
        List<String> out = new java.util.ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            out.add(org.nfvperf.figures.CellFormat.cell(t, r, column));
        }
        return out;
    }

    @Test
    void tablesOverThirtyRowsShowTheirHead() {
        assertEquals(30, Renderers.html(Table.create("thirty", IntColumn.indexColumn("i", 30, 0))).split("<tr><td").length - 1);
        String html = Renderers.html(Table.create("big", IntColumn.indexColumn("i", 120, 0)));
        assertEquals(Renderers.HEAD_ROWS + 1, html.split("<tr><td").length - 1, html);
        assertTrue(html.contains("… 100 more rows (of 120)"), html);
        String text = Renderers.text(Table.create("big", IntColumn.indexColumn("i", 120, 0)));
        assertEquals(1 + 1 + Renderers.HEAD_ROWS + 1, text.split("\n").length, text);
        assertTrue(text.endsWith("... 100 more rows (of 120)\n"), text);
    }

    @Test
    void figuresStillRenderAsImagesAndResultsAsTheirTables() {
        var chart = new org.knowm.xchart.XYChartBuilder().width(200).height(100).title("t").build();
        chart.addSeries("s", new double[] {1, 2}, new double[] {1, 2});
        var figure = org.nfvperf.figures.Figure.of("f", "caption", chart, org.nfvperf.figures.Provenance.emulated("test"));
        assertTrue(mimes(renderer.render(figure)).contains("image/png"), mimes(renderer.render(figure)).toString());
        record WithTable(int n) {
            public Table toTable() {
                return Table.create("from toTable", IntColumn.create("n", new int[] {n}));
            }
        }
        String withTable = (String) data(renderer.render(new WithTable(3)), "text/html");
        assertTrue(withTable.contains("<caption>from toTable (1 rows × 1 columns)</caption>"), withTable);
    }

    @Test
    void panelsTooWideForANotebookStackInsteadOfShrinking() throws Exception {
        List<org.knowm.xchart.internal.chartpart.Chart<?, ?>> panels = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var c = new XYChartBuilder().width(640).height(420).title("p" + i).build();
            c.addSeries("s", new double[] {1, 2}, new double[] {1, 2});
            panels.add(c);
        }
        var wide = new org.nfvperf.figures.Figure("wide", "three panels", panels, 3, org.nfvperf.figures.Provenance.emulated("test"));
        assertEquals(1, Renderers.forScreen(wide).columns());
        byte[] png = Base64.getDecoder().decode((String) data(renderer.render(wide), "image/png"));
        var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        assertTrue(image.getWidth() <= Renderers.MAX_SCREEN_WIDTH_PX, "width " + image.getWidth());
        assertTrue(image.getHeight() > 3 * 420 * Renderers.SCREEN_DPI / 72, "height " + image.getHeight());
        var small = new org.nfvperf.figures.Figure("small", "", panels.subList(0, 2), 2, org.nfvperf.figures.Provenance.emulated("t"));
        var narrow = new XYChartBuilder().width(300).height(200).build();
        var two = new org.nfvperf.figures.Figure("two", "", List.of(narrow, narrow), 2, org.nfvperf.figures.Provenance.emulated("t"));
        assertEquals(1, Renderers.forScreen(small).columns());
        assertEquals(two, Renderers.forScreen(two), "panels that fit side by side stay so");
    }

    @Test
    void mapsAndRecordsRenderAsSmallTables() {
        DisplayData d = renderer.render(new java.util.LinkedHashMap<>(java.util.Map.of("elapsed_s", 1.989969702)));
        assertEquals(Set.of("text/html", "text/plain"), mimes(d));
        assertEquals("""
                <table class="nfvperf-summary">
                <caption>1 entry</caption>
                <tbody>
                <tr><th style="text-align:left">elapsed_s</th><td style="text-align:left">1.99</td></tr>
                </tbody>
                </table>""", data(d, "text/html"));
        record Trial(String dataplane, double lossPercent, double rxMpps, long p99Nanos, double ratio) {
        }
        String text = (String) data(renderer.render(new Trial("bess", Double.NaN, 9.346666666666666, 81234, 0.00006016359410468436)), "text/plain");
        assertEquals("Trial\n  dataplane    bess\n  lossPercent  \n  rxMpps       9.347\n  p99Nanos     81234\n  ratio        0.00006016", text);
    }

    @Test
    void longTablesAreCut() {
        Table t = Table.create("big", IntColumn.indexColumn("i", 5, 0));
        String html = Renderers.html(t, 2);
        assertTrue(html.endsWith("<tr><td style=\"text-align:right\">0</td></tr>\n<tr><td style=\"text-align:right\">1</td></tr>\n<tr><td colspan=\"1\">… 3 more rows (of 5): filter with <code>where</code> or summarise with a pivot</td></tr>\n</tbody>\n</table>"), html);
    }

    @Test
    void otherValuesRenderAsText() {
        assertEquals("[1, 2]", data(renderer.render(java.util.List.of(1, 2)), "text/plain"));
        assertEquals("[1, 2]", data(Display.render(java.util.List.of(1, 2)), "text/plain"));
    }

    @Test
    void attachWithoutAKernelSaysSo() {
        assertEquals("no Jupyter kernel found; nothing registered", Renderers.attach());
    }
}
