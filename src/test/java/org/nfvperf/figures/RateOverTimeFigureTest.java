package org.nfvperf.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.nfvperf.api.Figures;
import org.nfvperf.api.Throughput;
import org.nfvperf.notebook.Renderers;

/**
 * The quickstart's rate-over-time figure on the sample logs (a 14.9 Mpps generator next to a
 * 20 kpps netns trial): every panel reads on its own scale, with round ticks and a unit.
 */
class RateOverTimeFigureTest {
    @Test
    void eachPanelHasItsOwnUnitRoundTicksAndFitsTwoPerRowInANotebook() throws Exception {
        Throughput.Result r = Throughput.logs("10G", Path.of("data/samples/logs"), Path.of("data/samples/netns-l3fwd"));
        Figure f = Figures.rateOverTime(r);
        assertEquals(2, f.columns());
        assertEquals(2, Renderers.forScreen(f).columns(), "two panels side by side fit a notebook's width");
        List<String> units = new ArrayList<>();
        for (Chart<?, ?> panel : f.panels()) {
            XYChart c = (XYChart) panel;
            double max = c.getSeriesMap().values().stream()
                    .flatMapToDouble(s -> java.util.Arrays.stream(s.getYData())).filter(v -> !Double.isNaN(v)).max().orElse(0);
            String unit = c.getYAxisTitle().replaceAll(".*\\((.*)\\)", "$1");
            units.add(unit);
            assertTrue(max == 0 || max >= 1 && max < 1000, c.getTitle() + ": largest rate " + max + " " + unit + " (unit too large or small)");
            java.awt.Graphics2D g = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB).createGraphics();
            int titleWidth = g.getFontMetrics(c.getStyler().getChartTitleFont()).stringWidth(c.getTitle());
            assertTrue(titleWidth < c.getWidth() - 20, "title '" + c.getTitle() + "' is " + titleWidth + " pt in a " + c.getWidth() + " pt panel");
            Map<String, List<String>> ticks = FigureReadabilityTest.tickLabels(c);
            List<String> y = ticks.get("y");
            assertTrue(y.size() >= 3, c.getTitle() + ": y ticks " + y);
            assertEquals("0", y.get(0), c.getTitle() + ": y axis starts at 0: " + y);
            for (String label : y) {
                assertTrue(label.matches("[0-9,]+(\\.[0-9]{1,2})?"), c.getTitle() + ": y tick '" + label + "' of " + y);
            }
            for (String label : ticks.get("x")) {
                assertTrue(label.matches("[0-9,]+(\\.[0-9])?"), c.getTitle() + ": x tick '" + label + "' of " + ticks.get("x"));
            }
        }
        assertTrue(units.contains("Mpps") && units.contains("kpps"), "generators in Mpps, the 20 kpps trial in kpps: " + units);
    }
}
