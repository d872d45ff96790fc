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
                StringColumn.create("dataplane", "BESS<1>", "a&b"), DoubleColumn.create("rx_mpps", 14.88, 8.45));
        DisplayData d = renderer.render(t);
        assertEquals(Set.of("text/html", "text/plain"), mimes(d));
        assertEquals("""
                <table class="nfvperf-table">
                <caption>runs (2 rows × 3 columns)</caption>
                <thead><tr><th>frame_size</th><th>dataplane</th><th>rx_mpps</th></tr></thead>
                <tbody>
                <tr><td>64</td><td>BESS&lt;1&gt;</td><td>14.88</td></tr>
                <tr><td>128</td><td>a&amp;b</td><td>8.45</td></tr>
                </tbody>
                </table>""", data(d, "text/html"));
        assertEquals(t.printAll(), data(d, "text/plain"));
    }

    @Test
    void longTablesAreCut() {
        Table t = Table.create("big", IntColumn.indexColumn("i", 5, 0));
        String html = Renderers.html(t, 2);
        assertTrue(html.endsWith("<tr><td>0</td></tr>\n<tr><td>1</td></tr>\n<tr><td colspan=\"1\">… 3 more rows</td></tr>\n</tbody>\n</table>"), html);
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
