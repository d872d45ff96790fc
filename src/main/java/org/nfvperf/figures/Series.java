package org.nfvperf.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Objects;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One line or scatter series in plain arrays, with its look: what the chart builders of this
 * package take, so they depend on no measurement class. Units are those of the chart it goes on.
 *
 * <p>Immutable as a value; the arrays are defensively copied, so the caller may reuse its own.
 *
 * <pre>{@code
 * Series s = Series.line("BESS 2.0 GHz", sizes, mpps, Style.dataplaneColor("bess"), Style.cpuMarker(2.0));
 * s.addTo(chart);
 * }</pre>
 *
 * @param name   legend entry, unique in its chart
 * @param x      x values
 * @param y      y values, same length as {@code x}
 * @param color  line and marker colour
 * @param marker marker shape, or {@link SeriesMarkers#NONE}
 * @param line   line stroke, or {@link SeriesLines#NONE} for a scatter
 * @param inLegend whether the series has a legend entry (points that share one entry with a
 *                 sibling series, e.g. published values at several CPU speeds, have none)
 * @param lineWidth width of the line in points ({@link #DEFAULT_WIDTH}; wider for a series that
 *                 lies under another, see {@link Overlaps}); 0 when {@code line} is NONE
 */
public record Series(String name, double[] x, double[] y, Color color, Marker marker, BasicStroke line, boolean inLegend,
        float lineWidth) {
    /** The width of a data line in points. */
    public static final float DEFAULT_WIDTH = 1.8f;

    public Series {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must be non-blank: '" + name + "'");
        }
        x = x.clone();
        y = y.clone();
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y must have the same length: " + x.length + " != " + y.length);
        }
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(marker, "marker");
        Objects.requireNonNull(line, "line");
        if (line == SeriesLines.NONE) {
            lineWidth = 0f;
        } else if (!(lineWidth > 0)) {
            throw new IllegalArgumentException("lineWidth must be > 0 for a drawn line: " + lineWidth);
        }
    }

    /** A series of the default line width. */
    public Series(String name, double[] x, double[] y, Color color, Marker marker, BasicStroke line, boolean inLegend) {
        this(name, x, y, color, marker, line, inLegend, DEFAULT_WIDTH);
    }

    /** A series with a legend entry. */
    public Series(String name, double[] x, double[] y, Color color, Marker marker, BasicStroke line) {
        this(name, x, y, color, marker, line, true);
    }

    /** A solid line with markers. */
    public static Series line(String name, double[] x, double[] y, Color color, Marker marker) {
        return new Series(name, x, y, color, marker, SeriesLines.SOLID);
    }

    /** Markers only. */
    public static Series scatter(String name, double[] x, double[] y, Color color, Marker marker) {
        return new Series(name, x, y, color, marker, SeriesLines.NONE);
    }

    /** A copy with another line stroke. */
    public Series withLine(BasicStroke stroke) {
        return new Series(name, x, y, color, marker, stroke, inLegend, lineWidth > 0 ? lineWidth : DEFAULT_WIDTH);
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    /** A copy without a legend entry. */
    public Series withoutLegend() {
        return new Series(name, x, y, color, marker, line, false, lineWidth);
    }

    /** A copy with another colour, marker and line width (how {@link Overlaps} lifts a hidden series). */
    public Series withLook(Color newColor, Marker newMarker, float newLineWidth) {
        return new Series(name, x, y, newColor, newMarker, line, inLegend, newLineWidth);
    }

    /** Adds this series to {@code chart} with its look and returns the XChart series. */
    public XYSeries addTo(XYChart chart) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(marker);
        s.setLineStyle(line);
        s.setLineWidth(lineWidth);
        s.setShowInLegend(inLegend);
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series s && name.equals(s.name) && java.util.Arrays.equals(x, s.x)
                && java.util.Arrays.equals(y, s.y) && color.equals(s.color) && marker.equals(s.marker)
                && line.equals(s.line) && inLegend == s.inLegend && lineWidth == s.lineWidth;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, java.util.Arrays.hashCode(x), java.util.Arrays.hashCode(y), color);
    }

    @Override
    public String toString() {
        return "Series[" + name + ", x=" + java.util.Arrays.toString(x) + ", y=" + java.util.Arrays.toString(y) + "]";
    }
}
