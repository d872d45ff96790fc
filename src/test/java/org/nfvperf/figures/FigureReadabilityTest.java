package org.nfvperf.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.nfvperf.reproduction.PublishedNumbers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Axis;
import org.knowm.xchart.internal.chartpart.AxisTickCalculator;
import org.knowm.xchart.internal.chartpart.AxisTickCalculator_;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.AxesChartSeries;
import tech.tablesaw.api.Table;

/**
 * What a reader sees, for every paper figure: every axis has tick labels (those XChart places,
 * run through the figure's own label functions) and the exported PDF holds them as text, as well
 * as titles; no two legend entries look alike; series that coincide stay visible.
 */
class FigureReadabilityTest {
    @TempDir
    static Path dir;
    static Path tables;
    static PublishedNumbers paper;
    static final Provenance EMU = Provenance.emulated("test");

    @BeforeAll
    static void tables() throws Exception {
        tables = SyntheticTables.write(dir);
        paper = PublishedNumbers.load(Path.of(PublishedNumbers.RELATIVE_PATH));
    }

    static Stream<String> ids() {
        return PaperFigures.IDS.stream();
    }

    static Figure build(String id) throws Exception {
        Table t = Tables.read(tables.resolve(id + ".csv"));
        return switch (id) {
            case "fig2" -> PaperFigures.fig2(t, paper, EMU);
            case "table1" -> PaperFigures.table1(t, EMU);
            case "bottleneck" -> PaperFigures.bottleneck(t, paper, EMU);
            case "stages" -> PaperFigures.stages(t, EMU);
            case "fig3" -> PaperFigures.fig3(t, EMU);
            case "fig4" -> PaperFigures.fig4(t, paper, EMU);
            case "fig5" -> PaperFigures.fig5(t, paper, EMU);
            case "fig6" -> PaperFigures.fig6(t, paper, EMU);
            case "fbmix" -> PaperFigures.fbmix(t, paper, EMU);
            default -> throw new IllegalArgumentException(id);
        };
    }

    /** The tick labels XChart placed on the x and y axes of a painted chart (its label functions applied). */
    static Map<String, List<String>> tickLabels(Chart<?, ?> chart) throws Exception {
        BufferedImage img = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        chart.paint(g, chart.getWidth(), chart.getHeight());
        g.dispose();
        Field f = Chart.class.getDeclaredField("axisPair");
        f.setAccessible(true);
        Object pair = f.get(chart);
        Method x = pair.getClass().getDeclaredMethod("getXAxis");
        Method y = pair.getClass().getDeclaredMethod("getYAxis");
        x.setAccessible(true);
        y.setAccessible(true);
        Map<String, List<String>> out = new HashMap<>();
        out.put("x", drawn(((Axis<?, ?>) x.invoke(pair)).getAxisTickCalculator()));
        out.put("y", drawn(((Axis<?, ?>) y.invoke(pair)).getAxisTickCalculator()));
        return out;
    }

    /** The labels of the ticks inside the axis (XChart computes some beyond its ends and draws none of those). */
    static List<String> drawn(AxisTickCalculator calc) throws Exception {
        Field ws = AxisTickCalculator_.class.getDeclaredField("workingSpace");
        ws.setAccessible(true);
        double space = calc instanceof AxisTickCalculator_ ? ws.getDouble(calc) : Double.MAX_VALUE;
        List<String> labels = calc.getTickLabels();
        List<Double> at = calc.getTickLocations();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            if (at.get(i) >= -0.5 && at.get(i) <= space + 0.5) {
                out.add(labels.get(i));
            }
        }
        return out;
    }

    static List<String> shown(List<String> labels) {
        return labels.stream().filter(l -> l != null && !l.isBlank()).toList();
    }

    @ParameterizedTest
    @MethodSource("ids")
    void everyAxisHasTickLabelsAndThePdfHoldsThemAsText(String id) throws Exception {
        Figure fig = build(id);
        Path pdf = dir.resolve(id + ".pdf");
        FigureExporter.write(fig, pdf);
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            text = new PDFTextStripper().getText(doc);
        }
        List<String> words = Arrays.asList(text.split("\\s+"));
        for (int i = 0; i < fig.panels().size(); i++) {
            Chart<?, ?> c = fig.panels().get(i);
            Map<String, List<String>> ticks = tickLabels(c);
            for (String axis : List.of("x", "y")) {
                List<String> labels = shown(ticks.get(axis));
                assertTrue(labels.size() >= 2, id + " panel " + i + " " + axis + " axis must have at least two tick labels: "
                        + ticks.get(axis));
                for (String l : labels) {
                    assertTrue(words.contains(l) || (l.contains(" ") && text.contains(l)), id + " panel " + i + ": tick label '" + l + "' of the " + axis
                            + " axis is not text in the PDF: " + text);
                }
            }
            assertTrue(text.contains(c.getTitle()), id + ": title '" + c.getTitle() + "' not text in the PDF");
            // the y axis title is turned 90°: text extraction breaks it into pieces, spaces aside it is whole
            assertTrue(text.replaceAll("\\s", "").contains(c.getYAxisTitle().replaceAll("\\s", "")),
                    id + ": y axis title not text in the PDF: " + text);
            if (!c.getXAxisTitle().isBlank()) {
                assertTrue(text.contains(c.getXAxisTitle()), id + ": x axis title not text in the PDF");
            }
        }
        assertTrue(text.contains("Data: "), id + ": provenance footer not text in the PDF");
        if (Files.isExecutable(Path.of("/usr/bin/pdftotext"))) {
            // the reader's tool agrees
            Process p = new ProcessBuilder("/usr/bin/pdftotext", pdf.toString(), "-").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertTrue(out.contains(fig.panels().get(0).getTitle()), id + ": pdftotext does not find the title: " + out);
            for (String l : shown(tickLabels(fig.panels().get(0)).get("y"))) {
                assertTrue(Arrays.asList(out.split("\\s+")).contains(l), id + ": pdftotext misses y tick " + l + ": " + out);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("ids")
    void svgKeepsTextAsText(String id) throws Exception {
        Figure fig = build(id);
        Path svg = dir.resolve(id + ".svg");
        FigureExporter.write(fig, svg);
        String s = Files.readString(svg);
        String title = fig.panels().get(0).getTitle();
        assertTrue(s.contains(">" + Html.escape(title) + "<") || s.contains(">" + title.replace("&", "&amp;") + "<"),
                id + ": title is not a text element of the SVG");
        for (String l : shown(tickLabels(fig.panels().get(0)).get("y"))) {
            assertTrue(s.contains(">" + l + "<"), id + ": y tick " + l + " is not a text element of the SVG");
        }
    }

    /** How a legend entry looks: colour, marker, dash pattern and width (or fill for bars). */
    static String look(AxesChartSeries s) {
        if (s instanceof XYSeries x) {
            return lookOf(x.getLineColor(), x.getMarker(), x.getLineStyle(), x.getLineWidth());
        }
        CategorySeries c = (CategorySeries) s;
        if (c.getChartCategorySeriesRenderStyle() == CategorySeries.CategorySeriesRenderStyle.Line) {
            return lookOf(c.getLineColor(), c.getMarker(), c.getLineStyle(), c.getLineWidth());
        }
        return "bar " + c.getFillColor();
    }

    static String lookOf(Color color, Object marker, BasicStroke line, float width) {
        String m = marker == null ? "none" : marker instanceof Style.ScaledMarker sm ? sm.describe()
                : marker.getClass().getSimpleName();
        String dash = line == null || line.getDashArray() == null ? "solid" : Arrays.toString(line.getDashArray());
        return color + " " + m + " " + dash + " " + width;
    }

    static List<AxesChartSeries> series(Chart<?, ?> c) {
        List<AxesChartSeries> out = new ArrayList<>();
        if (c instanceof XYChart x) {
            out.addAll(x.getSeriesMap().values());
        } else if (c instanceof CategoryChart k) {
            out.addAll(k.getSeriesMap().values());
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("ids")
    void noTwoLegendEntriesLookAlike(String id) throws Exception {
        Figure fig = build(id);
        for (Chart<?, ?> c : fig.panels()) {
            Map<String, String> seen = new HashMap<>();
            for (AxesChartSeries s : series(c)) {
                if (!s.isShowInLegend()) {
                    continue;
                }
                String prev = seen.put(look(s), s.getName());
                if (prev != null) {
                    fail(id + " '" + c.getTitle() + "': legend entries '" + prev + "' and '" + s.getName()
                            + "' look alike: " + look(s));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("ids")
    void coincidingLinesStayVisible(String id) throws Exception {
        Figure fig = build(id);
        for (Chart<?, ?> c : fig.panels()) {
            List<Series> drawn = Overlaps.drawnSeries(c);
            for (int a = 0; a < drawn.size(); a++) {
                for (int b = a + 1; b < drawn.size(); b++) {
                    Series under = drawn.get(a);
                    Series over = drawn.get(b);
                    if (Overlaps.coincide(under, over, Overlaps.yRange(drawn))) {
                        // beyond four lines on the same pixels the lowest is drawn at the widest rim allowed
                        assertTrue(Overlaps.visibleUnder(under, over) || under.lineWidth() >= Overlaps.MAX_WIDTH - 1e-6, id + " '" + c.getTitle() + "': '" + under.name()
                                + "' hides under '" + over.name() + "' where they coincide");
                    }
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void genericChartsLabelEveryAxis() throws Exception {
        double[] lat = new double[5000];
        for (int i = 0; i < lat.length; i++) {
            lat[i] = 5_000 + 40.0 * i + (i % 97 == 0 ? 400_000 : 0);
        }
        List<Chart<?, ?>> charts = List.of(
                Charts.latencyCdf("cdf", Map.of("bess", lat), true),
                Charts.latencyCdf("cdf", Map.of("bess", lat), false),
                Charts.breakdownBars("b", List.of("FW", "L3FWD"), Map.of("NF I/O", new double[] {1e3, 2e3})),
                Charts.groupedBars("g", "Throughput (Mpps)", List.of("64", "128"), Map.of("bess", new double[] {9, 8})),
                Charts.percentilePlot("p", List.of(PercentileSeries.fromHistogram("bess", hist(lat), 5))),
                Charts.latencyOverTime("t", List.of(new Charts.TimeSeries("bess", new long[] {0, 1_000_000, 2_000_000,
                    3_000_000}, new long[] {5_000, 7_000, 6_000, 9_000}))));
        for (Chart<?, ?> c : charts) {
            Map<String, List<String>> ticks = tickLabels(c);
            for (String axis : List.of("x", "y")) {
                assertTrue(shown(ticks.get(axis)).size() >= 2, c.getTitle() + " " + axis + " axis: " + ticks.get(axis));
            }
        }
    }

    static org.HdrHistogram.Histogram hist(double[] values) {
        org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(3);
        for (double v : values) {
            h.recordValue((long) v);
        }
        return h;
    }

    @org.junit.jupiter.api.Test
    void fig5LabelsItsLogLatencyAxis() throws Exception {
        Figure fig = build("fig5");
        XYChart c = (XYChart) fig.panels().get(0);
        List<String> y = shown(tickLabels(c).get("y"));
        assertTrue(y.size() >= 2, "fig5 latency axis labels: " + y + " of ticks " + tickLabels(c).get("y"));
        for (String l : y) {
            Double.parseDouble(l.replace(",", ""));
        }
    }

    @org.junit.jupiter.api.Test
    void fig5LabelsTwoDecadesWhenTheDataSpansLessThanTwo() throws Exception {
        // the emulated sweep spans 15-620 µs: with decade-only ticks XChart labelled only "100"
        StringBuilder csv = new StringBuilder("dataplane,offered_mpps,lat_mean_ns,lat_p50_ns,lat_p99_ns\n");
        double[] us = {611, 33, 24, 21, 19, 18, 17, 18, 50};
        for (int i = 0; i < us.length; i++) {
            double rate = i == 0 ? 0.0001 : i;
            csv.append("bess,").append(rate).append(',').append(us[i] * 1000).append(',').append(us[i] * 1000)
                    .append(',').append(us[i] * 1100).append('\n');
            csv.append("clickos,").append(rate).append(',').append(us[i] * 400 + 15_000).append(',')
                    .append(us[i] * 400 + 15_000).append(',').append(us[i] * 450 + 16_000).append('\n');
        }
        Path f = dir.resolve("fig5-narrow.csv");
        Files.writeString(f, csv);
        Figure fig = PaperFigures.fig5(Tables.read(f), paper, EMU);
        List<String> y = shown(tickLabels(fig.panels().get(0)).get("y"));
        assertTrue(y.size() >= 2, "fig5 latency axis labels: " + y);
        Path pdf = dir.resolve("fig5-narrow.pdf");
        FigureExporter.write(fig, pdf);
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            text = new PDFTextStripper().getText(doc);
        }
        for (String l : y) {
            assertTrue(Arrays.asList(text.split("\\s+")).contains(l), "tick " + l + " not text in the PDF: " + text);
        }
    }

    @org.junit.jupiter.api.Test
    void fig6FillsItsGridAndKeepsDataplaneColours() throws Exception {
        Figure fig = build("fig6");
        assertEquals(0, fig.panels().size() % fig.columns(), "fig6 leaves a cell of its grid empty: "
                + fig.panels().size() + " panels in " + fig.columns() + " columns");
        CategoryChart last = (CategoryChart) fig.panels().get(fig.panels().size() - 1);
        assertEquals(Style.dataplaneColor("bess"), last.getSeriesMap().get("BESS").getFillColor());
        assertEquals(Style.dataplaneColor("clickos"), last.getSeriesMap().get("ClickOS").getFillColor());
    }

}
