package org.nfvperf.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The house style of nfvperf figures: one colour per dataplane (the same everywhere), one marker
 * per CPU speed, one line style per variant (queues, chain length, placement), readable fonts,
 * legends right of the plot so they never cover data, and a light grid.
 *
 * <p>Colours come from the Okabe–Ito palette, which stays distinguishable for colour-blind
 * readers and in greyscale print. Known dataplanes have fixed colours; any other name gets one
 * of the remaining colours by a stable hash of its lower-cased name, so a dataplane keeps its
 * colour from figure to figure and from run to run.
 *
 * <p>Stateless and thread-safe.
 *
 * <pre>{@code
 * XYChart c = new XYChart(Style.PANEL_WIDTH, Style.PANEL_HEIGHT);
 * Style.apply(c);
 * c.addSeries("bess", x, y).setLineColor(Style.dataplaneColor("bess"));
 * }</pre>
 */
public final class Style {
    /** Width of one panel in points (1/72 in); exported PNGs scale this to the requested dpi. */
    public static final int PANEL_WIDTH = 640;
    /** Height of one panel in points. */
    public static final int PANEL_HEIGHT = 420;
    /** The colour of reference curves (line rate, y = x). */
    public static final Color REFERENCE = new Color(0x55, 0x55, 0x55);
    /** The colour of the paper's published numbers overlaid on reproduced figures. */
    public static final Color PUBLISHED = Color.BLACK;

    private static final Color[] PALETTE = {
        new Color(0x00, 0x72, 0xB2), // blue: bess
        new Color(0xD5, 0x5E, 0x00), // vermillion: clickos
        new Color(0x00, 0x9E, 0x73), // bluish green: ovs
        new Color(0xCC, 0x79, 0xA7), // reddish purple: vpp
        new Color(0xE6, 0x9F, 0x00), // orange: linux
        new Color(0x56, 0xB4, 0xE9), // sky blue: dpdk
        new Color(0x8C, 0x6D, 0x31), // brown: ovs-dpdk
        new Color(0x44, 0x44, 0x44), // dark grey
    };
    private static final Map<String, Integer> KNOWN_DATAPLANES =
            Map.of("bess", 0, "clickos", 1, "ovs", 2, "ovs-dpdk", 6, "vpp", 3, "linux", 4, "linux-bridge", 4, "dpdk", 5);
    private static final Marker[] MARKERS = {
        SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS, SeriesMarkers.TRAPEZOID,
    };
    private static final double[] KNOWN_CPU_GHZ = {1.2, 1.6, 2.0, 2.4, 2.6};
    private static final BasicStroke[] LINES = {
        SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT, SeriesLines.DASH_DOT,
    };
    // latency components are parts of one bar, not dataplanes: a grey ramp, light to dark, so no
    // component borrows the colour that means BESS or ClickOS in the same figure
    private static final Color[] COMPONENTS = {
        new Color(0xD4, 0xD4, 0xD4), new Color(0xA6, 0xA6, 0xA6), new Color(0x7A, 0x7A, 0x7A),
        new Color(0x52, 0x52, 0x52), new Color(0xBC, 0xBC, 0xBC), new Color(0x8E, 0x8E, 0x8E),
        new Color(0x66, 0x66, 0x66), new Color(0x3A, 0x3A, 0x3A),
    };

    private Style() {
    }

    /** The colour of a dataplane, the same in every figure (case-insensitive). */
    public static Color dataplaneColor(String dataplane) {
        String key = dataplane.strip().toLowerCase(Locale.ROOT);
        Integer known = KNOWN_DATAPLANES.get(key);
        if (known != null) {
            return PALETTE[known];
        }
        // unknown names share the colours left after the known ones, chosen by a stable hash
        int spare = PALETTE.length - 5;
        return PALETTE[5 + Math.floorMod(key.hashCode(), spare)];
    }

    /** The marker of a CPU speed in GHz: 1.2 circle, 1.6 square, 2.0 diamond, 2.4 and 2.6 triangles. */
    public static Marker cpuMarker(double cpuGhz) {
        for (int i = 0; i < KNOWN_CPU_GHZ.length; i++) {
            if (Math.abs(KNOWN_CPU_GHZ[i] - cpuGhz) < 1e-9) {
                return MARKERS[i];
            }
        }
        int spare = MARKERS.length - KNOWN_CPU_GHZ.length;
        return MARKERS[KNOWN_CPU_GHZ.length + Math.floorMod(Long.hashCode(Math.round(cpuGhz * 1000)), spare)];
    }

    /** The line style of the {@code index}-th variant of a series family (0 solid, 1 dashed, ...). */
    public static BasicStroke variantLine(int index) {
        return LINES[Math.floorMod(index, LINES.length)];
    }

    /** The marker of the {@code index}-th variant when no CPU speed distinguishes series. */
    public static Marker variantMarker(int index) {
        return MARKERS[Math.floorMod(index, MARKERS.length)];
    }

    /** The colour of the {@code index}-th latency component in stacked bars: a grey, darker for later components. */
    public static Color componentColor(int index) {
        return COMPONENTS[Math.floorMod(index, COMPONENTS.length)];
    }

    /** True if {@code name} is a dataplane with a fixed colour (bess, clickos, ovs, vpp, linux). */
    public static boolean isKnownDataplane(String name) {
        return KNOWN_DATAPLANES.containsKey(name.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * The colour of a series named {@code name}: the dataplane's colour if it names a known
     * dataplane (case-insensitive, pretty names too), otherwise the {@code index}-th of the palette's
     * colours that no default dataplane (BESS, ClickOS) uses.
     */
    public static Color seriesColor(String name, int index) {
        return isKnownDataplane(name) ? dataplaneColor(name) : OTHER[Math.floorMod(index, OTHER.length)];
    }

    // series that are not dataplanes (hops, files): palette colours other than BESS blue and ClickOS vermillion
    private static final Color[] OTHER = {PALETTE[5], PALETTE[6], PALETTE[2], PALETTE[3], PALETTE[4], PALETTE[7]};

    /** Pretty name of a dataplane id for legends: {@code bess} becomes {@code BESS}. */
    public static String dataplaneName(String dataplane) {
        return switch (dataplane.strip().toLowerCase(Locale.ROOT)) {
            case "bess" -> "BESS";
            case "clickos" -> "ClickOS";
            case "ovs" -> "OVS";
            case "ovs-dpdk" -> "OVS-DPDK";
            case "linux" -> "Linux";
            case "dpdk" -> "DPDK";
            case "vpp" -> "VPP";
            default -> dataplane.strip();
        };
    }

    /** A CPU speed for legends: {@code 2.0 GHz}. */
    public static String ghz(double cpuGhz) {
        return String.format(Locale.ROOT, "%.1f GHz", cpuGhz);
    }

    /**
     * A marker drawn {@code factor} times the chart's marker size: a series lying under another
     * (see {@link Overlaps}) gets a larger marker, so its points show as a rim around the points
     * drawn over them.
     */
    public static Marker scaled(Marker base, double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("factor must be > 0: " + factor);
        }
        Marker b = base instanceof ScaledMarker sm ? sm.base : base;
        double f = base instanceof ScaledMarker sm ? sm.factor * factor : factor;
        return new ScaledMarker(b, f);
    }

    /** The shape a marker draws: {@code m} itself, or what a {@link #scaled} marker enlarges. */
    public static Marker baseMarker(Marker m) {
        return m instanceof ScaledMarker sm ? sm.base : m;
    }

    /** A lighter tint of {@code c}: {@code amount} 0 keeps it, 1 makes it white. */
    public static Color tint(Color c, double amount) {
        if (!(amount >= 0 && amount <= 1)) {
            throw new IllegalArgumentException("amount must be in [0, 1]: " + amount);
        }
        return new Color((int) Math.round(c.getRed() + (255 - c.getRed()) * amount),
                (int) Math.round(c.getGreen() + (255 - c.getGreen()) * amount),
                (int) Math.round(c.getBlue() + (255 - c.getBlue()) * amount));
    }

    /** A marker painted at a multiple of the chart's marker size; see {@link #scaled}. */
    public static final class ScaledMarker extends Marker {
        private final Marker base;
        private final double factor;

        ScaledMarker(Marker base, double factor) {
            this.base = base;
            this.factor = factor;
        }

        @Override
        public void paint(java.awt.Graphics2D g, double x, double y, int markerSize) {
            base.paint(g, x, y, (int) Math.round(markerSize * factor));
        }

        /** The marker this one enlarges. */
        public Marker base() {
            return base;
        }

        /** The base marker's class and the factor, e.g. {@code Circle×1.6}. */
        public String describe() {
            return base.getClass().getSimpleName() + "×" + factor;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ScaledMarker m && m.base.getClass() == base.getClass() && m.factor == factor;
        }

        @Override
        public int hashCode() {
            return base.getClass().hashCode() * 31 + Double.hashCode(factor);
        }
    }

    /** Applies the house style to an XY chart. */
    public static XYChart apply(XYChart chart) {
        applyAxes(chart.getStyler());
        chart.getStyler().setMarkerSize(7);
        return chart;
    }

    /** Applies the house style to a category (bar) chart. */
    public static CategoryChart apply(CategoryChart chart) {
        applyAxes(chart.getStyler());
        chart.getStyler().setAvailableSpaceFill(0.8);
        return chart;
    }

    private static void applyAxes(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setPlotBorderColor(Color.DARK_GRAY);
        s.setPlotGridLinesVisible(true);
        s.setPlotGridLinesColor(new Color(0xDD, 0xDD, 0xDD));
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setChartFontColor(Color.BLACK);
        s.setAxisTickLabelsColor(Color.BLACK);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendLayout(Styler.LegendLayout.Vertical);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendPadding(6);
        s.setAntiAlias(true);
        s.setAxisTickPadding(4);
        s.setPlotMargin(6);
    }
}
