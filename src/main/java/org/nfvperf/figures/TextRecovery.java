package org.nfvperf.figures;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.PathIterator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the glyph outlines that XChart fills back into text, so vector exports keep their text as
 * text. XChart draws every string as {@code g.fill(new TextLayout(s, font, frc).getOutline(at))}:
 * the {@link Graphics2D} it paints on never sees a string. This class knows the fonts a chart
 * uses; it lays out each character of those fonts once and recognises a filled shape as a run of
 * those glyphs (contour by contour, up to a translation and one of a few rotations), giving back
 * the string, its font, its baseline origin and its angle. A shape that is not entirely such
 * glyphs (a marker, a bar, a string with a character outside the known set) is not text, and the
 * caller fills it as before.
 *
 * <p>Not thread-safe: one instance per export.
 *
 * <pre>{@code
 * TextRecovery text = new TextRecovery(fonts, List.of(0.0, -Math.PI / 2));
 * Optional<TextRecovery.Run> run = text.recover(shape, g.getFontRenderContext());
 * }</pre>
 */
final class TextRecovery {
    /** Coordinates of a glyph in a run and alone differ by float rounding only. */
    private static final double TOLERANCE = 0.05;
    /** Characters that labels, titles and legends of nfvperf use, beyond printable ASCII. */
    private static final String EXTRA = "µ×–—’‘“”•·≈≤≥±°²³¹⁰⁴⁵⁶⁷⁸⁹⁻→←↑↓…‰∞§αβγδΔλσπ";

    /** A recovered string: draw {@code text} in {@code font} at baseline origin (x, y), rotated by {@code angle} radians. */
    record Run(String text, Font font, double x, double y, double angle) {
    }

    private record Contour(String types, double[] coords) {
        double firstX() {
            return coords[0];
        }

        double firstY() {
            return coords[1];
        }
    }

    private record Glyph(char c, Font font, List<Contour> contours, double originDx, double originDy, double advance) {
    }

    private final List<Font> fonts;
    private final List<Double> angles;
    private final Map<FontRenderContext, Index> indexes = new HashMap<>();

    TextRecovery(Collection<Font> fonts, Collection<Double> anglesRadians) {
        this.fonts = List.copyOf(new LinkedHashSet<>(fonts));
        LinkedHashSet<Double> a = new LinkedHashSet<>();
        a.add(0.0);
        a.addAll(anglesRadians);
        this.angles = List.copyOf(a);
    }

    /** The text that {@code shape} draws, if it is nothing but glyphs of the known fonts. */
    Optional<Run> recover(Shape shape, FontRenderContext frc) {
        Index index = indexes.computeIfAbsent(frc, f -> new Index(fonts, f));
        for (double angle : angles) {
            AffineTransform unrotate = angle == 0 ? null : AffineTransform.getRotateInstance(-angle);
            List<Contour> contours = contours(shape, unrotate);
            if (contours.isEmpty()) {
                return Optional.empty();
            }
            Optional<Run> run = index.match(contours);
            if (run.isPresent()) {
                Run r = run.get();
                if (angle == 0) {
                    return run;
                }
                double[] p = {r.x(), r.y()};
                AffineTransform.getRotateInstance(angle).transform(p, 0, p, 0, 1);
                return Optional.of(new Run(r.text(), r.font(), p[0], p[1], angle));
            }
        }
        return Optional.empty();
    }

    /**
     * Draws {@code shape} as text on {@code g} if it is text: in its font and the current paint, at
     * its place. Returns false (and draws nothing) otherwise.
     */
    boolean drawAsText(Graphics2D g, Shape shape) {
        Optional<Run> run = recover(shape, g.getFontRenderContext());
        if (run.isEmpty()) {
            return false;
        }
        Run r = run.get();
        Font saved = g.getFont();
        AffineTransform savedTransform = g.getTransform();
        try {
            g.setFont(r.font());
            g.translate(r.x(), r.y());
            if (r.angle() != 0) {
                g.rotate(r.angle());
            }
            g.drawString(r.text(), 0f, 0f);
        } finally {
            g.setTransform(savedTransform);
            g.setFont(saved);
        }
        return true;
    }

    private static List<Contour> contours(Shape shape, AffineTransform at) {
        List<Contour> out = new ArrayList<>();
        StringBuilder types = new StringBuilder();
        double[] buf = new double[6];
        List<Double> coords = new ArrayList<>();
        for (PathIterator it = shape.getPathIterator(at); !it.isDone(); it.next()) {
            int type = it.currentSegment(buf);
            if (type == PathIterator.SEG_MOVETO && types.length() > 0) {
                out.add(toContour(types, coords));
                types.setLength(0);
                coords.clear();
            }
            int n = switch (type) {
                case PathIterator.SEG_MOVETO, PathIterator.SEG_LINETO -> 2;
                case PathIterator.SEG_QUADTO -> 4;
                case PathIterator.SEG_CUBICTO -> 6;
                default -> 0;
            };
            types.append((char) ('0' + type));
            for (int i = 0; i < n; i++) {
                coords.add(buf[i]);
            }
        }
        if (types.length() > 0) {
            out.add(toContour(types, coords));
        }
        return out;
    }

    private static Contour toContour(StringBuilder types, List<Double> coords) {
        double[] c = new double[coords.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = coords.get(i);
        }
        return new Contour(types.toString(), c);
    }

    /** The glyphs of all fonts for one font render context, keyed by the segment types of their first contour. */
    private static final class Index {
        private final Map<String, List<Glyph>> byFirstContour = new HashMap<>();
        private final Map<Font, Double> spaceAdvance = new HashMap<>();

        Index(List<Font> fonts, FontRenderContext frc) {
            StringBuilder chars = new StringBuilder();
            for (char c = 33; c < 127; c++) {
                chars.append(c);
            }
            for (char c = 0xA1; c <= 0xFF; c++) {
                if (c != 0xAD) {
                    chars.append(c);
                }
            }
            chars.append(EXTRA);
            for (Font font : fonts) {
                spaceAdvance.put(font, (double) new TextLayout("a a", font, frc).getAdvance()
                        - 2 * new TextLayout("a", font, frc).getAdvance());
                for (int i = 0; i < chars.length(); i++) {
                    char c = chars.charAt(i);
                    if (!font.canDisplay(c)) {
                        continue;
                    }
                    TextLayout layout = new TextLayout(String.valueOf(c), font, frc);
                    List<Contour> contours = contours(layout.getOutline(null), null);
                    if (contours.isEmpty()) {
                        continue;
                    }
                    Contour first = contours.get(0);
                    List<Contour> relative = new ArrayList<>(contours.size());
                    for (Contour k : contours) {
                        relative.add(shift(k, -first.firstX(), -first.firstY()));
                    }
                    Glyph g = new Glyph(c, font, relative, -first.firstX(), -first.firstY(), layout.getAdvance());
                    byFirstContour.computeIfAbsent(first.types(), t -> new ArrayList<>()).add(g);
                }
            }
            // a glyph whose contours start like another's but has more of them is tried first ('i' before 'ı')
            for (List<Glyph> l : byFirstContour.values()) {
                l.sort((a, b) -> Integer.compare(b.contours().size(), a.contours().size()));
            }
        }

        Optional<Run> match(List<Contour> contours) {
            StringBuilder text = new StringBuilder();
            Font font = null;
            double startX = 0;
            double startY = 0;
            double nextX = 0;
            int pos = 0;
            while (pos < contours.size()) {
                Contour first = contours.get(pos);
                Glyph found = null;
                for (Glyph g : byFirstContour.getOrDefault(first.types(), List.of())) {
                    if ((font == null || g.font().equals(font)) && matches(g, contours, pos)) {
                        found = g;
                        break;
                    }
                }
                if (found == null) {
                    return Optional.empty();
                }
                double originX = first.firstX() + found.originDx();
                double originY = first.firstY() + found.originDy();
                if (font == null) {
                    font = found.font();
                    startX = originX;
                    startY = originY;
                } else {
                    if (Math.abs(originY - startY) > TOLERANCE) {
                        return Optional.empty();
                    }
                    double gap = originX - nextX;
                    double space = spaceAdvance.get(font);
                    long spaces = Math.round(gap / space);
                    if (spaces < 0 || Math.abs(gap - spaces * space) > 0.35) {
                        return Optional.empty();
                    }
                    text.append(" ".repeat((int) spaces));
                }
                text.append(found.c());
                nextX = originX + found.advance();
                pos += found.contours().size();
            }
            return font == null ? Optional.empty() : Optional.of(new Run(text.toString(), font, startX, startY, 0));
        }

        private static boolean matches(Glyph g, List<Contour> contours, int pos) {
            List<Contour> gc = g.contours();
            if (pos + gc.size() > contours.size()) {
                return false;
            }
            double dx = contours.get(pos).firstX();
            double dy = contours.get(pos).firstY();
            for (int k = 0; k < gc.size(); k++) {
                Contour want = gc.get(k);
                Contour have = contours.get(pos + k);
                if (!want.types().equals(have.types()) || want.coords().length != have.coords().length) {
                    return false;
                }
                double[] w = want.coords();
                double[] h = have.coords();
                for (int i = 0; i < w.length; i += 2) {
                    if (Math.abs(h[i] - dx - w[i]) > TOLERANCE || Math.abs(h[i + 1] - dy - w[i + 1]) > TOLERANCE) {
                        return false;
                    }
                }
            }
            return true;
        }

        private static Contour shift(Contour c, double dx, double dy) {
            double[] out = c.coords().clone();
            for (int i = 0; i < out.length; i += 2) {
                out[i] += dx;
                out[i + 1] += dy;
            }
            return new Contour(c.types(), out);
        }
    }
}
