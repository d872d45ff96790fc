package org.nfvperf.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.nfvperf.figures.Charts;
import org.nfvperf.figures.Figure;
import org.nfvperf.figures.PaperFigures;
import org.nfvperf.figures.Provenance;
import org.nfvperf.figures.Series;
import org.nfvperf.figures.Style;
import org.nfvperf.reproduction.PublishedNumbers;
import tech.tablesaw.api.Table;

/**
 * The figures of the front door's results, in the house style of {@code org.nfvperf.figures}
 * (one colour per dataplane, units on the axes, provenance footer); a notebook shows a
 * {@link Figure} as a PNG.
 *
 * <p>Stateless and thread-safe.
 * <pre>{@code
 * Figures.paper(Sweeps.paper(out, "fig5"), "fig5");
 * Figures.latency(Latency.taps(taps));
 * Figures.rateOverTime(Throughput.logs("10G", logs));
 * }</pre>
 */
public final class Figures {
    private Figures() {
    }

    /**
     * The paper's figure {@code id} (fig2, table1, bottleneck, fig3, fig4, fig5, fig6, fbmix) from
     * the sweeps that ran, with the published numbers overlaid where the paper gives them.
     */
    public static Figure paper(Sweeps.Paper sweeps, String id) throws IOException {
        Table t = sweeps.table(id);
        PublishedNumbers paper = PublishedNumbers.locate().map(p -> {
            try {
                return PublishedNumbers.load(p);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).orElse(PublishedNumbers.none());
        Provenance p = Provenance.emulated(sweeps.runsLabel(id));
        return switch (id) {
            case "fig2" -> PaperFigures.fig2(t, paper, p);
            case "table1" -> PaperFigures.table1(t, p);
            case "bottleneck" -> PaperFigures.bottleneck(t, paper, p);
            case "stages" -> PaperFigures.stages(t, p);
            case "fig3" -> PaperFigures.fig3(t, p);
            case "fig4" -> PaperFigures.fig4(t, paper, p);
            case "fig5" -> PaperFigures.fig5(t, paper, p);
            case "fig6" -> PaperFigures.fig6(t, paper, p);
            case "fbmix" -> PaperFigures.fbmix(t, paper, p);
            default -> throw new IllegalArgumentException("id must be one of " + PaperFigures.IDS + ": " + id);
        };
    }

    /** Mean one-way latency per segment as bars, from the captures the result names. */
    public static Figure latency(Latency.Result r) {
        Map<String, double[]> parts = new LinkedHashMap<>();
        r.meanNanosBySegment().forEach((segment, mean) -> parts.put(segment, new double[] {mean}));
        List<String> files = new ArrayList<>();
        r.breakdown().taps().forEach(t -> files.add(t.file() == null ? t.name() : t.file()));
        return Figure.of("latency-breakdown", "Mean one-way latency per segment (key " + r.key() + ").",
                Charts.breakdownBars("Latency by segment", List.of("mean"), parts), Provenance.userFiles(shortNames(files)));
    }

    /**
     * Files as a footer names them: normalised ({@code a/../b} is {@code b}), relative to the working
     * directory when under its parent, and the folder said once when all are in one:
     * {@code tap-gen.pcap, tap-sink.pcap in ../out/trial}.
     */
    static List<String> shortNames(List<String> files) {
        Path cwd = Path.of("").toAbsolutePath();
        List<Path> paths = new ArrayList<>();
        for (String f : files) {
            Path p = Path.of(f).toAbsolutePath().normalize();
            paths.add(cwd.getParent() != null && p.startsWith(cwd.getParent()) ? cwd.relativize(p) : p);
        }
        Path dir = paths.isEmpty() ? null : paths.get(0).getParent();
        for (Path p : paths) {
            if (dir == null || !dir.equals(p.getParent())) {
                return paths.stream().map(Path::toString).toList();
            }
        }
        List<String> names = new ArrayList<>(paths.stream().map(p -> p.getFileName().toString()).toList());
        names.set(names.size() - 1, names.get(names.size() - 1) + " in " + dir);
        return names;
    }

    /**
     * Rate over time, one panel per log (so that a 14 Mpps generator and a 20 kpps dataplane each
     * get a readable scale), one line per port and direction. Each panel has its own unit (Mpps,
     * kpps or pps, whichever keeps its largest rate at 1 or more), a y axis from 0 with round ticks,
     * and the legend beside the plot; two small panels per row.
     */
    public static Figure rateOverTime(Throughput.Result r) {
        Table samples = r.samples();
        List<Chart<?, ?>> panels = new ArrayList<>();
        List<String> files = new ArrayList<>();
        List<String> tools = new ArrayList<>();
        for (String file : samples.stringColumn("file").unique().asList()) {
            Table f = samples.where(samples.stringColumn("file").isEqualTo(file));
            files.add(file);
            double maxMpps = 0;
            for (double v : f.doubleColumn("mpps").asDoubleArray()) {
                maxMpps = Double.isNaN(v) ? maxMpps : Math.max(maxMpps, v);
            }
            RateUnit unit = RateUnit.of(maxMpps);
            List<Series> series = new ArrayList<>();
            int i = 0;
            for (String port : f.stringColumn("port").unique().asList()) {
                Table fp = f.where(f.stringColumn("port").isEqualTo(port));
                for (String dir : fp.stringColumn("direction").unique().asList()) {
                    Table s = fp.where(fp.stringColumn("direction").isEqualTo(dir));
                    double[] y = s.doubleColumn("mpps").asDoubleArray();
                    for (int k = 0; k < y.length; k++) {
                        y[k] *= unit.perMpps;
                    }
                    series.add(Series.line(port + " " + dir, s.doubleColumn("time_s").asDoubleArray(), y,
                            Style.seriesColor(port + " " + dir, i), Style.variantMarker(i)));
                    i++;
                }
            }
            String tool = f.stringColumn("tool").get(0);
            tools.add(file + ": " + tool);
            // the file alone: with the tool the title outgrows a half-width panel
            XYChart c = Charts.xy(file, "time (s)", "rate (" + unit.label + ")", series,
                    PANEL_WIDTH, PANEL_HEIGHT);
            c.getStyler().setYAxisMin(0.0);
            c.getStyler().setYAxisMax(niceCeiling(maxMpps * unit.perMpps * 1.1));
            c.getStyler().setYAxisDecimalPattern("#,##0.##");
            c.getStyler().setXAxisDecimalPattern("0.#");
            c.getStyler().setXAxisMin(0.0);
            panels.add(c);
        }
        return new Figure("rate-over-time", "Rate per port and direction over time, one panel per log ("
                + String.join("; ", tools) + ").", panels,
                Math.min(2, Math.max(1, panels.size())), Provenance.userFiles(files));
    }

    /** Size of a rate-over-time panel, points: two fit side by side in a notebook. */
    static final int PANEL_WIDTH = 370;
    static final int PANEL_HEIGHT = 250;

    /** Units of a rate axis, chosen so that the largest rate shown is at least 1. */
    enum RateUnit {
        MPPS("Mpps", 1), KPPS("kpps", 1e3), PPS("pps", 1e6);

        final String label;
        final double perMpps;

        RateUnit(String label, double perMpps) {
            this.label = label;
            this.perMpps = perMpps;
        }

        static RateUnit of(double maxMpps) {
            return maxMpps >= 1 || maxMpps == 0 ? MPPS : maxMpps >= 1e-3 ? KPPS : PPS;
        }
    }

    /** The smallest of 1, 2, 2.5, 5 times a power of ten that is >= {@code v} (1 for v <= 0). */
    static double niceCeiling(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v * (1 - 1e-12)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** Saves a figure as PNG, SVG or PDF by the file's extension. */
    public static Path save(Figure figure, Path file) throws IOException {
        String name = file.getFileName().toString();
        org.nfvperf.figures.ExportFormat format = org.nfvperf.figures.ExportFormat.valueOf(
                name.substring(name.lastIndexOf('.') + 1).toUpperCase(java.util.Locale.ROOT));
        org.nfvperf.figures.FigureExporter.write(figure, file, format, 150);
        return file;
    }
}
