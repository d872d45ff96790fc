package org.nfvperf.figures;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;
import org.nfvperf.reproduction.PublishedNumbers;

/**
 * One builder per figure of Niu et al., each from the tidy table that {@code nfvperf reproduce}
 * writes (schemas in the README): {@link #fig2}, {@link #table1}, {@link #bottleneck},
 * {@link #fig3}, {@link #fig4}, {@link #fig5}, {@link #fig6}, {@link #fbmix}. A builder checks
 * the columns it needs, draws the data in the house {@link Style} and overlays the numbers the
 * paper's text gives (black markers or lines named {@code paper: ...}) where there are any.
 * Throughput is in Mpps and layer-1 Gb/s, latency in µs, on a 10 Gb/s link.
 *
 * <p>Stateless and thread-safe; the figures returned are not.
 *
 * <pre>{@code
 * Table t = Tables.read(Path.of("out/tables/fig2.csv"));
 * Figure f = PaperFigures.fig2(t, PublishedNumbers.load(path), Provenance.emulated(""));
 * FigureExporter.writeAll(f, Path.of("out/figures"));
 * }</pre>
 */
public final class PaperFigures {
    /** The link speed of the paper's testbed. */
    public static final double LINK_GBPS = 10.0;
    /** The ids of the figures, in the paper's order. */
    public static final List<String> IDS = List.of("fig2", "table1", "bottleneck", "stages", "fig3", "fig4", "fig5", "fig6",
            "fbmix");

    private PaperFigures() {
    }

    /** Fig. 2: L3FWD throughput (Mpps and Gb/s) vs frame size per CPU speed, BESS and ClickOS, with Table 1 overlaid at 64B. */
    public static Figure fig2(Table t, PublishedNumbers paper, Provenance p) {
        Tables.require(t, "dataplane", "nf", "cpu_ghz", "frame_size", "rx_mpps", "rx_gbps_l1");
        List<String> nfs = Tables.distinct(t, "nf");
        String nf = nfs.contains("l3fwd") ? "l3fwd" : nfs.get(0);
        Table data = Tables.where(t, "nf", nf);
        List<Series> mpps = new ArrayList<>();
        List<Series> gbps = new ArrayList<>();
        forEachDataplaneAndCpu(data, "frame_size", (d, dp, ghz, r) -> {
            // ghz < 0 carries a CPU share (cores per NF) instead of a CPU speed
            String name = Double.isNaN(ghz) ? Style.dataplaneName(dp) : ghz < 0
                    ? Style.dataplaneName(dp) + ", CPU share " + Tables.canonical(-ghz)
                    : Style.dataplaneName(dp) + " " + Style.ghz(ghz);
            Marker marker = Double.isNaN(ghz) ? Style.variantMarker(d) : ghz < 0
                    ? Style.variantMarker((int) Math.round(-ghz * 4) % 8) : Style.cpuMarker(ghz);
            double[] x = Tables.doubles(r, "frame_size");
            BasicStroke line = ghz < 0 ? Style.variantLine((int) Math.round(-ghz * 4) % 4) : Style.variantLine(d);
            mpps.add(Series.line(name, x, Tables.doubles(r, "rx_mpps"), Style.dataplaneColor(dp), marker).withLine(line));
            gbps.add(Series.line(name, x, Tables.doubles(r, "rx_gbps_l1"), Style.dataplaneColor(dp), marker).withLine(line));
        });
        List<String> dps = dataplanes(data);
        for (int d = 0; d < dps.size(); d++) {
            String dp = dps.get(d);
            Table rows = Tables.where(data, "dataplane", dp);
            // one series per CPU speed (a frame-size category holds one value per series), one legend entry
            boolean first = true;
            for (double ghz : sortedNumbers(rows, "cpu_ghz")) {
                Optional<Double> v = paper.table1(dp, nf, ghz);
                if (v.isPresent()) {
                    String name = "paper: " + Style.dataplaneName(dp) + " 64B (Table 1)" + (first ? "" : " " + Style.ghz(ghz));
                    Series s = Series.scatter(name, new double[] {64}, new double[] {v.get()}, Style.PUBLISHED,
                            publishedMarker(d));
                    mpps.add(first ? s : s.withoutLegend());
                    first = false;
                }
            }
        }
        String nfName = nf.toUpperCase(Locale.ROOT);
        boolean speeds = !sortedNumbers(data, "cpu_ghz").isEmpty();
        List<Chart<?, ?>> panels = pair(title("Fig. 2: " + nfName + " throughput", p), mpps, gbps);
        String lineRate = offScale(mpps) ? " The 10G line rate (14.88 Mpps at 64B) is far above these rates and left out." : "";
        return new Figure("fig2", speeds ? "Throughput of " + nfName + " vs frame size at each CPU speed (marker), BESS and ClickOS"
                + " (colour); black markers: Table 1 of the paper. The legend of the first panel holds for both." + lineRate
                : "Throughput of " + nfName + " vs frame size, one colour per dataplane (no CPU-speed factor in this run: the"
                        + " rate each dataplane forwarded at the offered rate of the spec"
                        + (data.containsColumn("cpu_share") ? "; CPU share = the CPU time each NF process may use, in cores,"
                        + " through its cgroup's CFS quota, this testbed's stand-in for the paper's CPU speed" : "")
                        + "). The legend of the first panel holds for both." + lineRate, panels, 2, p);
    }

    /**
     * When the highest Mpps value is below this share of the highest line rate the panel would draw
     * (the 64B one), the line-rate curve is left out of both throughput panels: the y axis follows
     * the curve, and the data would lie flat along the bottom.
     */
    static final double OFF_SCALE_SHARE = 0.05;

    /** Whether the data of {@code mpps} stay below {@link #OFF_SCALE_SHARE} of the top of the 10G line-rate curve. */
    static boolean offScale(List<Series> mpps) {
        double maxData = Double.NEGATIVE_INFINITY;
        double maxLine = 0;
        for (Series s : mpps) {
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isNaN(s.y()[i])) {
                    maxData = Math.max(maxData, s.y()[i]);
                }
                maxLine = Math.max(maxLine, Charts.lineRateMpps(LINK_GBPS, s.x()[i]));
            }
        }
        return maxData > Double.NEGATIVE_INFINITY && maxData < OFF_SCALE_SHARE * maxLine;
    }

    /** Table 1 as a chart: 64B throughput vs CPU speed per dataplane and NF, reproduced (lines) and published (black). */
    public static Figure table1(Table t, Provenance p) {
        Tables.require(t, "dataplane", "nf", "cpu_ghz", "reproduced_mpps", "published_mpps");
        List<Series> series = new ArrayList<>();
        List<String> dps = dataplanes(t);
        List<String> nfs = Tables.distinct(t, "nf");
        java.util.Set<Integer> paperNfs = new java.util.HashSet<>();
        for (int d = 0; d < dps.size(); d++) {
            for (int n = 0; n < nfs.size(); n++) {
                Table r = Tables.sortedBy(Tables.where(Tables.where(t, "dataplane", dps.get(d)), "nf", nfs.get(n)), "cpu_ghz");
                if (r.rowCount() == 0) {
                    continue;
                }
                String name = Style.dataplaneName(dps.get(d)) + " " + nfName(nfs.get(n));
                double[] x = Tables.doubles(r, "cpu_ghz");
                series.add(new Series(name, x, Tables.doubles(r, "reproduced_mpps"), Style.dataplaneColor(dps.get(d)),
                        Style.variantMarker(n), Style.variantLine(n)));
                double[] pub = Tables.doubles(r, "published_mpps");
                if (java.util.Arrays.stream(pub).anyMatch(v -> !Double.isNaN(v))) {
                    // one legend entry per NF ("paper: L3FWD"): the black markers of two dataplanes
                    // look alike, and each sits beside the line of its own dataplane
                    Series s = Series.scatter(d == 0 || !paperNfs.contains(n) ? "paper: " + nfName(nfs.get(n))
                            : "paper: " + name, x, pub, Style.PUBLISHED, Style.variantMarker(n));
                    series.add(paperNfs.add(n) ? s : s.withoutLegend());
                }
            }
        }
        XYChart c = Charts.xy(title("Table 1: 64B throughput", p), "CPU speed (GHz)", "Throughput (Mpps)", series);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setXAxisDecimalPattern("0.0");
        return Figure.of("table1", "64B throughput per CPU speed; lines reproduced, black markers the paper's Table 1.", c, p);
    }

    /** §4.2: BESS and ClickOS throughput with one and two vNIC queues at 2.6 GHz. */
    public static Figure bottleneck(Table t, PublishedNumbers paper, Provenance p) {
        Tables.require(t, "dataplane", "vnic_queues", "frame_size", "rx_mpps");
        List<Series> series = new ArrayList<>();
        List<String> dps = dataplanes(t);
        List<Double> sizes = sortedNumbers(t, "frame_size");
        for (String dp : dps) {
            Table rows = Tables.where(t, "dataplane", dp);
            List<Double> queues = sortedNumbers(rows, "vnic_queues");
            for (int q = 0; q < queues.size(); q++) {
                int nq = (int) Math.round(queues.get(q));
                Table r = Tables.sortedBy(Tables.where(rows, "vnic_queues", Tables.canonical(queues.get(q))), "frame_size");
                series.add(new Series(Style.dataplaneName(dp) + ", " + nq + (nq == 1 ? " vNIC queue" : " vNIC queues"),
                        Tables.doubles(r, "frame_size"), Tables.doubles(r, "rx_mpps"), Style.dataplaneColor(dp),
                        Style.variantMarker(q), Style.variantLine(q)));
            }
        }
        if (paper.get("bottleneck.bess.two_vnics").flatMap(PublishedNumbers.Entry::number).orElse(0.0) == 1.0 && !sizes.isEmpty()) {
            double[] x = sizes.stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = Charts.lineRateMpps(LINK_GBPS, x[i]);
            }
            series.add(Series.scatter("paper: BESS, 2 queues at line rate", x, y, Style.PUBLISHED, SeriesMarkers.CROSS));
        }
        CategoryChart c = Charts.throughputVsFrameSize(title("§4.2: one vs two vNIC queues, 2.6 GHz", p), series, false, LINK_GBPS);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        return Figure.of("bottleneck", "Throughput with one and two vNIC queues (line style); the paper reports line rate"
                + " at every size for BESS with two queues and no gain for ClickOS.", c, p);
    }

    /**
     * Section 4.2 as the rate rises: per dataplane, the CPU share and the drops of every stage of
     * the path vs the offered rate ({@link StageFigures}), from the {@code stages} table
     * ({@code dataplane, offered_mpps, duration_s, cpu_<stage>_pct, drop_<stage>_pkts}).
     */
    public static Figure stages(Table t, Provenance p) {
        Tables.require(t, "dataplane", "offered_mpps", "duration_s");
        Figure f = StageFigures.bottleneck(t, "dataplane", "offered_mpps", 1.0, "§4.2 (" + p.shortTag() + "), ", p);
        return new Figure("stages", "Which stage saturates first as the offered rate rises (L3FWD, 64B, 2.6 GHz, one "
                + "vNIC queue): the CPU share of each stage of the path (left) and the packets dropped at its input "
                + "(right), from the per-stage counters of every trial. A stage whose CPU share reaches 100% is where "
                + "the drops start.", f.panels(), f.columns(), p);
    }

    /** Fig. 3: throughput vs frame size for 1-, 2- and 3-NF chains, one row of panels (Mpps, Gb/s) per dataplane. */
    public static Figure fig3(Table t, Provenance p) {
        Tables.require(t, "dataplane", "chain_length", "frame_size", "rx_mpps");
        List<Chart<?, ?>> panels = new ArrayList<>();
        for (String dp : dataplanes(t)) {
            Table rows = Tables.where(t, "dataplane", dp);
            List<Series> mpps = new ArrayList<>();
            List<Series> gbps = new ArrayList<>();
            List<Double> lengths = sortedNumbers(rows, "chain_length");
            for (int i = 0; i < lengths.size(); i++) {
                Table r = Tables.sortedBy(Tables.where(rows, "chain_length", Tables.canonical(lengths.get(i))), "frame_size");
                String name = Style.dataplaneName(dp) + " " + Math.round(lengths.get(i)) + "-NF";
                addThroughput(mpps, gbps, name, r, new Series(name, new double[0], new double[0],
                        Style.dataplaneColor(dp), Style.variantMarker(i), Style.variantLine(i)));
            }
            panels.addAll(pair(title("Fig. 3: " + Style.dataplaneName(dp) + " NF chains", p), mpps, gbps));
        }
        return new Figure("fig3", "Throughput of 1-NF (L3FWD), 2-NF (firewall, L3FWD) and 3-NF (+L2FWD) chains,"
                + " all vCPUs on one socket.", panels, 2, p);
    }

    /** Fig. 4: BESS chains on one socket, across sockets (*) and across servers via NICs (^). */
    public static Figure fig4(Table t, PublishedNumbers paper, Provenance p) {
        Tables.require(t, "chain_length", "placement", "frame_size", "rx_mpps");
        Table data = t.containsColumn("dataplane") && Tables.distinct(t, "dataplane").contains("bess")
                ? Tables.where(t, "dataplane", "bess") : t;
        List<Series> mpps = new ArrayList<>();
        List<Series> gbps = new ArrayList<>();
        List<Double> lengths = sortedNumbers(data, "chain_length");
        List<String> placements = new ArrayList<>(Tables.distinct(data, "placement"));
        placements.sort(Comparator.comparingInt(PaperFigures::placementOrder));
        for (int li = 0; li < lengths.size(); li++) {
            for (String pl : placements) {
                Table r = Tables.where(Tables.where(data, "chain_length", Tables.canonical(lengths.get(li))), "placement", pl);
                if (r.rowCount() == 0) {
                    continue;
                }
                r = Tables.sortedBy(r, "frame_size");
                String name = Math.round(lengths.get(li)) + "-NF" + placementMark(pl);
                addThroughput(mpps, gbps, name, r, new Series(name, new double[0], new double[0],
                        Style.dataplaneColor("bess"), Style.variantMarker(li), Style.variantLine(placementOrder(pl))));
            }
        }
        // the paper: a cross-socket 2-NF chain carries about half the 64B rate of the same-socket one
        Optional<Double> ratio = paper.number("fig4.bess.cross_socket_2nf_64");
        Optional<Double> same = value(data, Map.of("chain_length", "2", "placement", "same-socket", "frame_size", "64"), "rx_mpps");
        if (ratio.isPresent() && same.isPresent()) {
            mpps.add(Series.scatter("paper: 2-NF* ≈ " + Tables.canonical(ratio.get()) + " × 2-NF at 64B",
                    new double[] {64}, new double[] {ratio.get() * same.get()}, Style.PUBLISHED, SeriesMarkers.CROSS));
        }
        String base = "Fig. 4: BESS chains and NUMA";
        return new Figure("fig4", "BESS chains on one socket, with vCPUs on different sockets (*) and chained via NICs"
                + " of two servers (^).", pair(title(base, p), mpps, gbps), 2, p);
    }

    /** Fig. 5: mean (and p99) latency vs offered rate at 128B, log latency axis, with the knee of each curve marked. */
    public static Figure fig5(Table t, PublishedNumbers paper, Provenance p) {
        Tables.require(t, "dataplane", "offered_mpps", "lat_mean_ns");
        List<Series> series = new ArrayList<>();
        List<Series> knees = new ArrayList<>();
        List<String> dps = dataplanes(t);
        double maxUs = 0;
        double minUs = Double.POSITIVE_INFINITY;
        for (String dp : dps) {
            Table r = Tables.sortedBy(Tables.where(t, "dataplane", dp), "offered_mpps");
            double[] x = Tables.doubles(r, "offered_mpps");
            double[] mean = Tables.doubles(r, "lat_mean_ns");
            double[] us = scale(mean, 1e-3);
            series.add(Series.line(Style.dataplaneName(dp) + " mean", x, us, Style.dataplaneColor(dp), SeriesMarkers.CIRCLE));
            if (t.containsColumn("lat_p99_ns")) {
                double[] p99 = scale(Tables.doubles(r, "lat_p99_ns"), 1e-3);
                series.add(new Series(Style.dataplaneName(dp) + " p99", x, p99, Style.dataplaneColor(dp),
                        SeriesMarkers.TRIANGLE_UP, SeriesLines.DASH_DASH));
                maxUs = Math.max(maxUs, max(p99));
            }
            maxUs = Math.max(maxUs, max(us));
            minUs = Math.min(minUs, min(us));
            Knee.find(x, mean).ifPresent(k -> knees.add(new Series(String.format(Locale.ROOT, "%s knee: %s Mpps",
                    Style.dataplaneName(dp), Tables.canonical(k.rateMpps())), new double[] {k.rateMpps(), k.rateMpps()},
                    new double[] {Double.NaN, k.latencyNanos() / 1e3}, Style.dataplaneColor(dp), SeriesMarkers.NONE,
                    SeriesLines.DASH_DOT)));
        }
        Optional<Double> paperKnee = paper.number("fig5.bess.knee");
        double maxRate = 0;
        for (Series s : series) {
            maxRate = Math.max(maxRate, max(s.x()));
        }
        // the paper's knee only where the measured rates reach near it: a testbed two orders of
        // magnitude slower (netns) would be squeezed against the y axis by a line at 7 Mpps
        if (paperKnee.isPresent() && maxUs > 0 && maxRate >= paperKnee.get() / 4) {
            // the paper's knee hangs from the top of the plot down to just above the reproduced BESS
            // curve, and the reproduced knee rises from the bottom to its point: at the same rate the
            // two stay apart instead of one hiding the other
            double bottom = minUs * 0.8;
            for (Series s : series) {
                if (s.name().equals("BESS mean")) {
                    double[] sx = s.x();
                    double[] sy = s.y();
                    for (int i = 0; i < sx.length; i++) {
                        if (Math.abs(sx[i] - paperKnee.get()) < 1e-9 && sy[i] > 0) {
                            bottom = Math.max(bottom, sy[i] * 1.25);
                        }
                    }
                }
            }
            if (t.containsColumn("lat_p99_ns")) {
                for (Series s : series) {
                    if (s.name().equals("BESS p99")) {
                        double[] sx = s.x();
                        double[] sy = s.y();
                        for (int i = 0; i < sx.length; i++) {
                            if (Math.abs(sx[i] - paperKnee.get()) < 1e-9 && sy[i] > 0) {
                                bottom = Math.max(bottom, sy[i] * 1.25);
                            }
                        }
                    }
                }
            }
            double top = Math.max(maxUs * 1.2, bottom * 1.5);
            series.add(new Series("paper: BESS knee ≈ " + Tables.canonical(paperKnee.get()) + " Mpps",
                    new double[] {paperKnee.get(), paperKnee.get()}, new double[] {bottom, top},
                    Style.PUBLISHED, SeriesMarkers.NONE, SeriesLines.DOT_DOT));
        }
        // each knee is a drop line from the bottom of the plot to the point, drawn over the paper's line
        for (Series k : knees) {
            double[] ky = k.y();
            ky[0] = minUs * 0.8;
            series.add(new Series(k.name(), k.x(), ky, k.color(), k.marker(), k.line()));
        }
        XYChart c = Charts.xy(title("Fig. 5: latency vs sending rate, 128B", p), "Offered rate (Mpps)", "Latency (µs)", series);
        c.getStyler().setYAxisLogarithmic(true);
        // labelled decades (10, 100 µs). No label function: XChart 3.8 gives an axis that has one its
        // linear tick calculator, whose ticks fall outside a log axis (the axis showed no label at
        // all); and ticks at every 1..9 × 10^n put "90" and "100" on top of each other
        c.getStyler().setYAxisLogarithmicDecadeOnly(true);
        c.getStyler().setYAxisDecimalPattern("#,##0.#");
        // the axis spans whole decades, so that at least two of them are labelled even when the
        // data covers less than two (22-400 µs: 10, 100, 1,000)
        if (minUs > 0 && Double.isFinite(minUs) && maxUs > 0) {
            double lo = Math.pow(10, Math.floor(Math.log10(minUs * 0.8)));
            double hi = Math.pow(10, Math.ceil(Math.log10(maxUs * 1.2)));
            if (hi / lo < 100) {
                hi = lo * 100;
            }
            c.getStyler().setYAxisMin(lo);
            c.getStyler().setYAxisMax(hi);
        }
        c.getStyler().setXAxisMin(0.0);
        return Figure.of("fig5", "Latency vs offered rate (100 pps drawn at 0.0001 Mpps); drop lines mark the knee: the last"
                + " rate within 10% of the lowest loaded latency before latency rises for good.", c, p);
    }

    /** The component columns of a fig6 table: numeric columns other than factors and {@code lat_*} summaries. */
    public static List<String> latencyComponents(Table t) {
        List<String> out = new ArrayList<>();
        for (String c : t.columnNames()) {
            if (c.startsWith("lat_") || List.of("dataplane", "chain", "largest_component", "cpu_ghz", "frame_size",
                    "offered_mpps", "chain_length", "rate", "trial").contains(c)) {
                continue;
            }
            if (Tables.isNumeric(t, c)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Fig. 6: mean latency of NF chains stacked by component, one panel per dataplane, and the paper's BESS numbers. */
    public static Figure fig6(Table t, PublishedNumbers paper, Provenance p) {
        Tables.require(t, "dataplane", "chain", "lat_mean_ns");
        List<String> components = latencyComponents(t);
        if (components.isEmpty()) {
            throw new IllegalArgumentException("table " + t.name() + " must have latency component columns besides "
                    + String.join(", ", t.columnNames()));
        }
        List<Chart<?, ?>> panels = new ArrayList<>();
        for (String dp : dataplanes(t)) {
            Table r = Tables.where(t, "dataplane", dp);
            List<String> chains = new ArrayList<>(Tables.distinct(r, "chain"));
            chains.sort(Comparator.comparingInt(c -> c.split("\\+").length));
            Map<String, double[]> comp = new LinkedHashMap<>();
            for (String c : components) {
                double[] v = new double[chains.size()];
                for (int i = 0; i < chains.size(); i++) {
                    v[i] = Tables.doubles(Tables.where(r, "chain", chains.get(i)), c)[0];
                }
                comp.put(componentName(c), v);
            }
            List<String> labels = chainLabels(chains);
            CategoryChart c = Charts.breakdownBars(title("Fig. 6: " + Style.dataplaneName(dp) + " chain latency", p), labels, comp);
            c.setXAxisTitle("NF chain (" + fig6Load(p) + ")");
            if (labels.stream().anyMatch(l -> l.contains("+"))) {
                c.getStyler().setXAxisLabelRotation(20);
            }
            panels.add(c);
        }
        // a 2-NF chain against its NFs measured alone: one bar per dataplane in its own colour (as in
        // every other figure), the paper's BESS numbers in black beside them
        Optional<Double> chain2 = paper.number("fig6.bess.chain2");
        Optional<Double> sum = paper.number("fig6.bess.fw_plus_l3fwd");
        List<String> cats = List.of("FW+L3FWD chain", "FW + L3FWD alone");
        Map<String, double[]> groups = new LinkedHashMap<>();
        Map<String, java.awt.Color> colours = new LinkedHashMap<>();
        for (String dp : dataplanes(t)) {
            Table r = Tables.where(t, "dataplane", dp);
            Optional<Double> fw = value(r, Map.of("chain", "firewall"), "lat_mean_ns");
            Optional<Double> l3 = value(r, Map.of("chain", "l3fwd"), "lat_mean_ns");
            Optional<Double> both = value(r, Map.of("chain", "firewall+l3fwd"), "lat_mean_ns");
            if (both.isEmpty() || fw.isEmpty() || l3.isEmpty()) {
                continue;
            }
            groups.put(Style.dataplaneName(dp), new double[] {both.get() / 1e3, (fw.get() + l3.get()) / 1e3});
            colours.put(Style.dataplaneName(dp), Style.dataplaneColor(dp));
            if (dp.equalsIgnoreCase("bess") && (chain2.isPresent() || sum.isPresent())) {
                groups.put("paper: BESS", new double[] {chain2.orElse(Double.NaN), sum.orElse(Double.NaN)});
                colours.put("paper: BESS", Style.PUBLISHED);
            }
        }
        if (!groups.isEmpty()) {
            CategoryChart cmp = Charts.groupedBars(title("Fig. 6: chain vs NFs alone", p), "Mean latency (µs)", cats, groups);
            cmp.setXAxisTitle("FW and L3FWD chained, or the sum of each alone (" + fig6Load(p) + ")");
            colours.forEach((name, colour) -> {
                cmp.getSeriesMap().get(name).setFillColor(colour);
                cmp.getSeriesMap().get(name).setLineColor(colour);
            });
            panels.add(cmp);
        }
        // no empty cell in the grid: one row of up to three panels, else rows of two or three
        int columns = panels.size() <= 3 ? panels.size() : panels.size() % 2 == 0 ? 2 : 3;
        String parts = p.kind() == Provenance.Kind.NETNS ? " Components from the taps: gen→dut1_in and dutN_out→sink"
                + " transmission, dut<i>_in→dut<i>_out NF processing, dut<i>_out→dut<i+1>_in NF I/O." : "";
        return new Figure("fig6", "Mean latency of NF chains by component (" + fig6Load(p) + "); 2-NF is FW+L3FWD, 3-NF adds"
                + " L2FWD. Last panel: the 2-NF chain against the sum of its NFs measured alone, with the paper's BESS"
                + " numbers." + parts, panels, columns, p);
    }

    /** The load of the fig6 trials: the paper's 128B at 2 Mpps on the emulated testbed, the spec's own elsewhere. */
    private static String fig6Load(Provenance p) {
        return p.kind() == Provenance.Kind.EMULATED ? "128B at 2 Mpps" : "128B at the spec's rate";
    }

    /** The Facebook web-cluster packet-size mix: received vs offered rate per dataplane and CPU speed. */
    public static Figure fbmix(Table t, PublishedNumbers paper, Provenance p) {
        Tables.require(t, "dataplane", "cpu_ghz", "offered_mpps", "rx_mpps");
        List<Series> series = new ArrayList<>();
        forEachDataplaneAndCpu(t, "offered_mpps", (d, dp, ghz, r) -> series.add(Series.line(Style.dataplaneName(dp)
                + " " + Style.ghz(ghz), Tables.doubles(r, "offered_mpps"), Tables.doubles(r, "rx_mpps"),
                Style.dataplaneColor(dp), Style.cpuMarker(ghz)).withLine(Style.variantLine(d))));
        double maxOffered = max(Tables.doubles(t, "offered_mpps"));
        series.add(new Series("no loss (rx = offered)", new double[] {0, maxOffered}, new double[] {0, maxOffered},
                Style.REFERENCE, SeriesMarkers.NONE, SeriesLines.DASH_DASH));
        Optional<Double> bess = paper.number("fbmix.bess.offered_10g");
        if (bess.isPresent()) {
            series.add(Series.scatter("paper: BESS at 10G offered", new double[] {maxOffered}, new double[] {bess.get()},
                    Style.PUBLISHED, SeriesMarkers.CROSS));
        }
        Optional<Double> low = paper.number("fbmix.median_util_low");
        Optional<Double> high = paper.number("fbmix.median_util_high");
        if (low.isPresent() && high.isPresent()) {
            // the median need is a range: one bracket (two uprights joined at the top), one legend entry
            double top = maxOffered * 1.05;
            series.add(new Series("paper: median load " + Tables.canonical(low.get()) + "–" + Tables.canonical(high.get())
                    + " Mpps", new double[] {low.get(), low.get(), high.get(), high.get()}, new double[] {0, top, top, 0},
                    Style.PUBLISHED, SeriesMarkers.NONE, SeriesLines.DOT_DOT));
        } else {
            for (Optional<Double> v : List.of(low, high)) {
                v.ifPresent(m -> series.add(new Series("paper: median load " + Tables.canonical(m) + " Mpps",
                        new double[] {m, m}, new double[] {0, maxOffered}, Style.PUBLISHED, SeriesMarkers.NONE,
                        SeriesLines.DOT_DOT)));
            }
        }
        XYChart c = Charts.xy(title("Facebook packet-size mix", p), "Offered rate (Mpps)", "Throughput (Mpps)", series);
        c.getStyler().setXAxisMin(0.0);
        c.getStyler().setYAxisMin(0.0);
        return Figure.of("fbmix", "Received vs offered rate with the Facebook web-cluster packet-size mix; the paper"
                + " reports 8.662 Mpps for BESS at 10G and a median need of 0.87–1.73 Mpps.", c, p);
    }

    // ---- helpers

    /** What is done with the rows of one dataplane (the {@code d}-th) at one CPU speed. */
    private interface DataplaneCpuRows {
        void accept(int d, String dataplane, double cpuGhz, Table rows);
    }

    /** Calls {@code f} for each dataplane and CPU speed with their rows sorted by {@code sortColumn}. */
    private static void forEachDataplaneAndCpu(Table t, String sortColumn, DataplaneCpuRows f) {
        List<String> dps = dataplanes(t);
        for (int d = 0; d < dps.size(); d++) {
            Table rows = Tables.where(t, "dataplane", dps.get(d));
            if (sortedNumbers(rows, "cpu_ghz").isEmpty()) {
                // a run without the CPU-speed factor (netns): one series per dataplane, or per
                // dataplane and CPU share where the run limited it (ghz is then -share, see below)
                List<Double> shares = rows.containsColumn("cpu_share") ? sortedNumbers(rows, "cpu_share") : List.of();
                if (shares.isEmpty()) {
                    f.accept(d, dps.get(d), Double.NaN, Tables.sortedBy(rows, sortColumn));
                }
                for (double share : shares) {
                    f.accept(d, dps.get(d), -share, Tables.sortedBy(Tables.where(rows, "cpu_share", Tables.canonical(share)),
                            sortColumn));
                }
                continue;
            }
            for (double ghz : sortedNumbers(rows, "cpu_ghz")) {
                f.accept(d, dps.get(d), ghz, Tables.sortedBy(Tables.where(rows, "cpu_ghz", Tables.canonical(ghz)), sortColumn));
            }
        }
    }

    /**
     * A Mpps panel and a Gb/s panel of the same series. Throughput in Mpps falls with frame size
     * below the line-rate curve, so the upper right of the Mpps panel is free: the legend goes
     * there, and the Gb/s panel (whose data reach the upper right) shows none.
     */
    private static List<Chart<?, ?>> pair(String title, List<Series> mpps, List<Series> gbps) {
        // rates far below the line rate (a namespace testbed) would lie flat under its curve: leave it out then
        boolean lineRate = !offScale(mpps);
        CategoryChart a = Charts.throughputVsFrameSize(title, mpps, false, LINK_GBPS, lineRate);
        CategoryChart b = Charts.throughputVsFrameSize(title, gbps, true, LINK_GBPS, lineRate);
        // without the line-rate curve the rates need not fall with frame size, so the upper right
        // may hold data: the legend then goes beside the plot
        a.getStyler().setLegendPosition(lineRate ? Styler.LegendPosition.InsideNE : Styler.LegendPosition.OutsideE);
        b.getStyler().setLegendVisible(false);
        return List.of(a, b);
    }

    static String title(String base, Provenance p) {
        return base + " (" + p.shortTag() + ")";
    }

    private static void addThroughput(List<Series> mpps, List<Series> gbps, String name, Table r, Series look) {
        double[] x = Tables.doubles(r, "frame_size");
        double[] m = Tables.doubles(r, "rx_mpps");
        double[] g = r.containsColumn("rx_gbps_l1") ? Tables.doubles(r, "rx_gbps_l1") : new double[x.length];
        if (!r.containsColumn("rx_gbps_l1")) {
            for (int i = 0; i < x.length; i++) {
                g[i] = m[i] * (x[i] + 20) * 8 / 1e3;
            }
        }
        mpps.add(new Series(name, x, m, look.color(), look.marker(), look.line()));
        gbps.add(new Series(name, x, g, look.color(), look.marker(), look.line()));
    }

    /** Dataplanes of a table: bess, clickos first, then the others in order of appearance. */
    static List<String> dataplanes(Table t) {
        List<String> all = new ArrayList<>(Tables.distinct(t, "dataplane"));
        all.sort(Comparator.comparingInt(d -> d.equalsIgnoreCase("bess") ? 0 : d.equalsIgnoreCase("clickos") ? 1 : 2));
        return all;
    }

    static List<Double> sortedNumbers(Table t, String column) {
        double[] v = Tables.doubles(t, column);
        return java.util.Arrays.stream(v).filter(d -> !Double.isNaN(d)).distinct().sorted().boxed().toList();
    }

    private static Optional<Double> value(Table t, Map<String, String> where, String column) {
        Table r = t;
        for (Map.Entry<String, String> e : where.entrySet()) {
            if (!r.containsColumn(e.getKey())) {
                return Optional.empty();
            }
            r = Tables.where(r, e.getKey(), e.getValue());
        }
        if (r.rowCount() == 0) {
            return Optional.empty();
        }
        double v = Tables.doubles(r, column)[0];
        return Double.isNaN(v) ? Optional.empty() : Optional.of(v);
    }

    private static org.knowm.xchart.style.markers.Marker publishedMarker(int dataplaneIndex) {
        return dataplaneIndex == 0 ? SeriesMarkers.CROSS : SeriesMarkers.PLUS;
    }

    static int placementOrder(String placement) {
        return switch (placement) {
            case "same-socket" -> 0;
            case "cross-socket" -> 1;
            case "via-nic" -> 2;
            default -> 3;
        };
    }

    static String placementMark(String placement) {
        return switch (placement) {
            case "same-socket" -> "";
            case "cross-socket" -> "*";
            case "via-nic" -> "^";
            default -> " (" + placement + ")";
        };
    }

    static String nfName(String nf) {
        return switch (nf.toLowerCase(Locale.ROOT)) {
            case "l3fwd" -> "L3FWD";
            case "l2fwd" -> "L2FWD";
            case "firewall" -> "Firewall";
            default -> nf;
        };
    }

    /**
     * Bar labels of chains as the paper writes them: a single NF by name (FW, L3FWD), a longer
     * chain as {@code 2-NF}, {@code 3-NF} when that is unambiguous in the list, else in full.
     */
    static List<String> chainLabels(List<String> chains) {
        java.util.Map<Integer, Long> perLength = chains.stream().collect(java.util.stream.Collectors.groupingBy(
                c -> c.split("\\+").length, java.util.stream.Collectors.counting()));
        List<String> out = new ArrayList<>();
        for (String c : chains) {
            int n = c.split("\\+").length;
            out.add(n > 1 && perLength.get(n) == 1 ? n + "-NF" : chainLabel(c));
        }
        return out;
    }

    static String chainLabel(String chain) {
        return String.join("+", java.util.Arrays.stream(chain.split("\\+"))
                .map(n -> n.equalsIgnoreCase("firewall") ? "FW" : nfName(n)).toList());
    }

    /** A component column as a legend entry: {@code nf_io_ns} becomes {@code NF I/O}. */
    static String componentName(String column) {
        String s = column.endsWith("_ns") ? column.substring(0, column.length() - 3) : column;
        List<String> words = new ArrayList<>();
        for (String w : s.split("_")) {
            if (w.isEmpty()) {
                continue;
            }
            words.add(switch (w.toLowerCase(Locale.ROOT)) {
                case "nf", "nic", "cpu", "vm", "tx", "rx" -> w.toUpperCase(Locale.ROOT);
                case "io" -> "I/O";
                case "pnic" -> "pNIC";
                case "vnic" -> "vNIC";
                default -> w;
            });
        }
        if (words.isEmpty()) {
            return column;
        }
        String first = words.get(0);
        words.set(0, Character.toUpperCase(first.charAt(0)) + first.substring(1));
        return String.join(" ", words);
    }

    private static double[] scale(double[] v, double f) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * f;
        }
        return out;
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).filter(d -> !Double.isNaN(d)).max().orElse(0);
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).filter(d -> !Double.isNaN(d) && d > 0).min().orElse(1);
    }
}
