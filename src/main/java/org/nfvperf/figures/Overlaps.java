package org.nfvperf.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Keeps lines that coincide visible. Series are drawn in list order, each over the ones before;
 * where two lines run together over a segment (same x at two neighbouring points, y within
 * {@value #COINCIDENT_FRACTION} of the panel's y range) the later one hides the earlier, even
 * if its dash pattern differs. {@link #separate} lifts each hidden series: it is drawn wider
 * ({@value #HALO_POINTS} pt more than what lies over it), in a lighter tint when it has the
 * same colour (so a BESS line under a BESS line stays BESS blue, only lighter), with a larger
 * marker, so it shows as a rim around the line over it. Its legend entry shows the same look.
 *
 * <p>Stateless and thread-safe.
 *
 * <pre>{@code
 * List<Series> drawn = Overlaps.separate(List.of(oneNf, twoNf, threeNf));
 * }</pre>
 */
final class Overlaps {
    /** Two lines closer than this fraction of the y range are drawn on the same pixels. */
    public static final double COINCIDENT_FRACTION = 0.012;
    /** How much wider a hidden line is drawn than the line over it, in points. */
    public static final float HALO_POINTS = 2.0f;
    /** No line is drawn wider than this (four lines on the same pixels). */
    static final float MAX_WIDTH = Series.DEFAULT_WIDTH + 3 * HALO_POINTS;
    /** How much larger a hidden series' markers are drawn than those over them. */
    static final double MARKER_FACTOR = 1.5;
    /** How far a hidden series' colour is moved towards white when it equals the colour over it. */
    static final double TINT = 0.5;

    private Overlaps() {
    }

    /** The series in the same order, each one that another would hide lifted as the class comment says. */
    public static List<Series> separate(List<Series> drawOrder) {
        List<Series> out = new ArrayList<>(drawOrder);
        double range = yRange(out);
        // from the top down: what lies over a series is settled before the series itself
        for (int under = out.size() - 2; under >= 0; under--) {
            Series u = out.get(under);
            List<Series> hiding = new ArrayList<>();
            boolean hidden = false;
            for (int over = under + 1; over < out.size(); over++) {
                if (coincide(u, out.get(over), range)) {
                    hiding.add(out.get(over));
                    hidden |= !visibleUnder(u, out.get(over));
                }
            }
            if (!hidden) {
                continue;
            }
            // its own colour, else one tint of it, else a darker shade: the first that differs from
            // every line over it; one marker size up; one halo wider than the widest line over it
            Color original = drawOrder.get(under).color();
            Color dark = new Color(original.getRed() * 3 / 5, original.getGreen() * 3 / 5, original.getBlue() * 3 / 5);
            Color c = original;
            for (Color candidate : List.of(u.color(), Style.tint(original, TINT), original, dark)) {
                if (hiding.stream().noneMatch(o -> tooClose(candidate, o.color()))) {
                    c = candidate;
                    break;
                }
            }
            float widest = 0;
            for (Series o : hiding) {
                widest = Math.max(widest, o.lineWidth());
            }
            float width = Math.min(MAX_WIDTH, Math.max(u.lineWidth(), widest + HALO_POINTS));
            out.set(under, u.withLook(c, u.marker() == SeriesMarkers.NONE ? u.marker()
                    : Style.scaled(Style.baseMarker(u.marker()), MARKER_FACTOR), width));
        }
        return out;
    }

    private static boolean tooClose(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen()) + Math.abs(a.getBlue() - b.getBlue()) < 30;
    }

    /** True if {@code under} still shows where {@code over} is drawn over it. */
    public static boolean visibleUnder(Series under, Series over) {
        boolean colours = !tooClose(under.color(), over.color());
        if (!colours) {
            return false;
        }
        if (under.lineWidth() >= over.lineWidth() + HALO_POINTS - 1e-6) {
            return true;
        }
        // a dashed line of another colour over a solid one lets the solid one show in its gaps
        return dashed(over.line()) && !dashed(under.line());
    }

    private static boolean dashed(BasicStroke s) {
        return s.getDashArray() != null && s.getDashArray().length > 0;
    }

    /** True if both are lines and they run together over at least one segment. */
    public static boolean coincide(Series a, Series b, double yRange) {
        if (a.line() == SeriesLines.NONE || b.line() == SeriesLines.NONE || a.lineWidth() <= 0 || b.lineWidth() <= 0) {
            return false;
        }
        double tol = Math.max(yRange, 1e-12) * COINCIDENT_FRACTION;
        double[] ax = a.x();
        double[] ay = a.y();
        double[] bx = b.x();
        double[] by = b.y();
        for (int i = 0; i + 1 < ax.length; i++) {
            int j = indexOf(bx, ax[i]);
            if (j < 0 || j + 1 >= bx.length || bx[j + 1] != ax[i + 1]) {
                continue;
            }
            if (close(ay[i], by[j], tol) && close(ay[i + 1], by[j + 1], tol)) {
                return true;
            }
        }
        return false;
    }

    private static boolean close(double a, double b, double tol) {
        return !Double.isNaN(a) && !Double.isNaN(b) && Math.abs(a - b) <= tol;
    }

    private static int indexOf(double[] v, double x) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] == x) {
                return i;
            }
        }
        return -1;
    }

    /** The span of all finite y values (at least the largest |y|, so a flat series still has a scale). */
    public static double yRange(List<Series> series) {
        double min = 0;
        double max = 0;
        for (Series s : series) {
            for (double v : s.y()) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return max - min;
    }

    /**
     * The line series of a chart as drawn, in drawing order, read back from XChart (category
     * x values that are numbers are taken as numbers, others by position). Bars are left out.
     */
    public static List<Series> drawnSeries(Chart<?, ?> chart) {
        List<Series> out = new ArrayList<>();
        if (chart instanceof XYChart c) {
            for (XYSeries s : c.getSeriesMap().values()) {
                out.add(new Series(s.getName(), s.getXData(), s.getYData(), s.getLineColor() == null ? Color.BLACK
                        : s.getLineColor(), s.getMarker() == null ? SeriesMarkers.NONE : s.getMarker(),
                        s.getLineStyle() == null ? SeriesLines.SOLID : s.getLineStyle(), s.isShowInLegend(),
                        s.getLineStyle() == SeriesLines.NONE ? 0f : Math.max(s.getLineWidth(), 0.1f)));
            }
        } else if (chart instanceof CategoryChart c) {
            for (CategorySeries s : c.getSeriesMap().values()) {
                if (s.getChartCategorySeriesRenderStyle() != CategorySeries.CategorySeriesRenderStyle.Line) {
                    continue;
                }
                List<?> xs = new ArrayList<>(s.getXData());
                List<? extends Number> ys = new ArrayList<>(s.getYData());
                double[] x = new double[xs.size()];
                double[] y = new double[xs.size()];
                for (int i = 0; i < x.length; i++) {
                    Object k = xs.get(i);
                    x[i] = k instanceof Number n ? n.doubleValue() : parseOr(k.toString(), i);
                    y[i] = ys.get(i) == null ? Double.NaN : ys.get(i).doubleValue();
                }
                out.add(new Series(s.getName(), x, y, s.getLineColor() == null ? Color.BLACK : s.getLineColor(),
                        s.getMarker() == null ? SeriesMarkers.NONE : s.getMarker(),
                        s.getLineStyle() == null ? SeriesLines.SOLID : s.getLineStyle(), s.isShowInLegend(),
                        s.getLineStyle() == SeriesLines.NONE ? 0f : Math.max(s.getLineWidth(), 0.1f)));
            }
        }
        return out;
    }

    private static double parseOr(String s, int fallback) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
