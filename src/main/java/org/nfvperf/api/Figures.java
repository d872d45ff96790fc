package org.nfvperf.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
                Charts.breakdownBars("Latency by segment", List.of("mean"), parts), Provenance.userFiles(files));
    }

    /**
     * Rate over time, one panel per log (so that a 14 Mpps generator and a 0.1 Mpps dataplane each
     * get a readable scale), one line per port and direction.
     */
    public static Figure rateOverTime(Throughput.Result r) {
        Table samples = r.samples();
        List<Chart<?, ?>> panels = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (String file : samples.stringColumn("file").unique().asList()) {
            Table f = samples.where(samples.stringColumn("file").isEqualTo(file));
            files.add(file);
            List<Series> series = new ArrayList<>();
            int i = 0;
            for (String port : f.stringColumn("port").unique().asList()) {
                Table fp = f.where(f.stringColumn("port").isEqualTo(port));
                for (String dir : fp.stringColumn("direction").unique().asList()) {
                    Table s = fp.where(fp.stringColumn("direction").isEqualTo(dir));
                    series.add(Series.line(port + " " + dir, s.doubleColumn("time_s").asDoubleArray(),
                            s.doubleColumn("mpps").asDoubleArray(), Style.seriesColor(port + " " + dir, i), Style.variantMarker(i)));
                    i++;
                }
            }
            String tool = f.stringColumn("tool").get(0);
            panels.add(Charts.xy(file + " (" + tool + ")", "time (s)", "rate (Mpps)", series));
        }
        return new Figure("rate-over-time", "Rate per port and direction over time, one panel per log.", panels,
                Math.min(2, Math.max(1, panels.size())), Provenance.userFiles(files));
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
