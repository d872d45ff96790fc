package org.nfvperf.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nfvperf.experiment.Summary;
import org.nfvperf.util.InputException;

/**
 * Compares a sweep's {@code results.csv} with a stored baseline point by point (the factor columns
 * before {@code trial}; repetitions of a point are pooled) on chosen metrics, and says what
 * regressed. Stateless and thread-safe.
 *
 * <p>For each point and metric: the mean of the ok repetitions in the baseline and now, the change
 * in percent of the baseline mean (signed so that positive is worse: a drop for throughput, a rise
 * for latency and loss), and, when both sides have two repetitions or more, the 95% confidence
 * interval of that change (Welch: {@code t(0.975, df) * sqrt(s1²/n1 + s2²/n2)}, in percent of the
 * baseline mean). A point <b>regressed</b> when its change is worse than the threshold and, where
 * the interval exists, the whole interval lies beyond zero (the change is not noise). A point that
 * was ok in the baseline and failed now regressed too; a point missing on either side is listed as
 * missing and does not fail the check.
 *
 * <pre>{@code
 * RegressionCheck.Report r = RegressionCheck.compare(Path.of("nightly/fig2"), Path.of("baseline/fig2"),
 *         List.of("rx_mpps", "lat_p99_ns"), 5.0);
 * if (r.regressed()) System.exit(1);
 * }</pre>
 */
public final class RegressionCheck {
    /** Metrics checked when none are named: throughput and tail latency. */
    public static final List<String> DEFAULT_METRICS = List.of("rx_mpps", "lat_p99_ns");

    private RegressionCheck() {
    }

    /**
     * One point and metric.
     *
     * @param point          factor values, {@code name=value} joined by spaces
     * @param metric         column name
     * @param baselineMean   mean over the baseline's ok repetitions (NaN if none)
     * @param currentMean    mean over the current ok repetitions (NaN if none)
     * @param worsePercent       change in percent of the baseline mean, positive when worse
     * @param ci95Percent        half-width of the 95% interval of {@code worsePercent}; NaN without repetitions
     * @param verdict        {@code regressed}, {@code improved}, {@code ok}, {@code failed}, {@code missing}
     */
    public record Line(String point, String metric, double baselineMean, double currentMean, double worsePercent,
                       double ci95Percent, String verdict) {
    }

    /** All lines and whether any regressed. */
    public record Report(List<Line> lines, double thresholdPercent) {
        public boolean regressed() {
            return lines.stream().anyMatch(l -> l.verdict().equals("regressed") || l.verdict().equals("failed"));
        }

        /** An aligned text table, regressions first. */
        public String text() {
            List<Line> sorted = new ArrayList<>(lines);
            sorted.sort((a, b) -> Integer.compare(rank(a.verdict()), rank(b.verdict())));
            StringBuilder sb = new StringBuilder();
            int w = "point".length();
            for (Line l : sorted) {
                w = Math.max(w, l.point().length());
            }
            sb.append(String.format(Locale.ROOT, "%-" + w + "s  %-14s %14s %14s %9s %9s  %s%n", "point", "metric",
                    "baseline", "current", "worse_%", "ci95_%", "verdict"));
            for (Line l : sorted) {
                sb.append(String.format(Locale.ROOT, "%-" + w + "s  %-14s %14s %14s %9s %9s  %s%n", l.point(), l.metric(),
                        num(l.baselineMean()), num(l.currentMean()), pct(l.worsePercent()), pct(l.ci95Percent()), l.verdict()));
            }
            long bad = lines.stream().filter(l -> l.verdict().equals("regressed") || l.verdict().equals("failed")).count();
            sb.append(String.format(Locale.ROOT, "%d of %d checks regressed (threshold %s%% worse)%n", bad, lines.size(),
                    num(thresholdPercent)));
            return sb.toString();
        }

        private static int rank(String verdict) {
            return switch (verdict) {
                case "regressed", "failed" -> 0;
                case "missing" -> 1;
                case "improved" -> 2;
                default -> 3;
            };
        }

        private static String num(double v) {
            return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4g", v);
        }

        private static String pct(double v) {
            return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%+.2f", v);
        }
    }

    /**
     * Compares {@code current} with {@code baseline}: each a sweep folder or its {@code results.csv}.
     *
     * @param thresholdPercent how much worse (in percent of the baseline) counts as a regression, &gt;= 0
     * @throws InputException when a file is missing or a metric is not a column of both
     */
    public static Report compare(Path current, Path baseline, List<String> metrics, double thresholdPercent)
            throws IOException {
        if (!(thresholdPercent >= 0)) {
            throw new IllegalArgumentException("threshold must be >= 0 (percent): " + thresholdPercent);
        }
        ResultsParquet.Table now = ResultsParquet.readCsv(csv(current));
        ResultsParquet.Table base = ResultsParquet.readCsv(csv(baseline));
        List<String> ms = metrics == null || metrics.isEmpty() ? DEFAULT_METRICS : metrics;
        for (String m : ms) {
            for (var t : List.of(Map.entry(csv(current), now), Map.entry(csv(baseline), base))) {
                if (!t.getValue().header().contains(m)) {
                    throw new InputException(t.getKey() + ": no column " + m + " (columns " + t.getValue().header() + ")");
                }
            }
        }
        Map<String, List<List<String>>> a = points(base);
        Map<String, List<List<String>>> b = points(now);
        List<Line> lines = new ArrayList<>();
        for (String point : union(a, b)) {
            for (String m : ms) {
                lines.add(line(point, m, a.get(point), b.get(point), base.header(), now.header(), thresholdPercent));
            }
        }
        return new Report(lines, thresholdPercent);
    }

    private static Path csv(Path p) throws IOException {
        Path f = Files.isDirectory(p) ? p.resolve("results.csv") : p;
        if (!Files.isRegularFile(f)) {
            throw new InputException(f + ": no such file (a sweep folder of nfvperf run or its results.csv)");
        }
        return f;
    }

    private static Map<String, List<List<String>>> points(ResultsParquet.Table t) {
        int trial = t.header().indexOf("trial");
        if (trial < 0) {
            throw new InputException("results without a trial column: " + t.header());
        }
        Map<String, List<List<String>>> m = new LinkedHashMap<>();
        for (List<String> r : t.rows()) {
            StringBuilder key = new StringBuilder();
            for (int c = 0; c < trial; c++) {
                key.append(c == 0 ? "" : " ").append(t.header().get(c)).append('=').append(r.get(c));
            }
            m.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(r);
        }
        return m;
    }

    private static List<String> union(Map<String, ?> a, Map<String, ?> b) {
        List<String> keys = new ArrayList<>(a.keySet());
        for (String k : b.keySet()) {
            if (!a.containsKey(k)) {
                keys.add(k);
            }
        }
        return keys;
    }

    private static Line line(String point, String metric, List<List<String>> base, List<List<String>> now,
                             List<String> baseHeader, List<String> nowHeader, double threshold) {
        double[] x = values(base, baseHeader, metric);
        double[] y = values(now, nowHeader, metric);
        double mx = x == null || x.length == 0 ? Double.NaN : Summary.mean(x);
        double my = y == null || y.length == 0 ? Double.NaN : Summary.mean(y);
        if (base == null || now == null) {
            return new Line(point, metric, mx, my, Double.NaN, Double.NaN, "missing");
        }
        if (x.length > 0 && y.length == 0) {
            return new Line(point, metric, mx, my, Double.NaN, Double.NaN, "failed");
        }
        if (x.length == 0 || mx == 0) {
            return new Line(point, metric, mx, my, Double.NaN, Double.NaN, x.length == 0 ? "missing" : "ok");
        }
        double sign = higherIsBetter(metric) ? -1 : 1;
        double worse = sign * 100.0 * (my - mx) / Math.abs(mx);
        double ci = Double.NaN;
        if (x.length >= 2 && y.length >= 2) {
            double vx = variance(x) / x.length;
            double vy = variance(y) / y.length;
            double se = Math.sqrt(vx + vy);
            if (se > 0) {
                double df = (vx + vy) * (vx + vy) / (vx * vx / (x.length - 1) + vy * vy / (y.length - 1));
                ci = Summary.tQuantile975(Math.max(1, (int) Math.floor(df))) * se * 100.0 / Math.abs(mx);
            } else {
                ci = 0;
            }
        }
        boolean beyondNoise = Double.isNaN(ci) || worse - ci > 0;
        boolean betterBeyondNoise = Double.isNaN(ci) || worse + ci < 0;
        String verdict = worse > threshold && beyondNoise ? "regressed"
                : worse < -threshold && betterBeyondNoise ? "improved" : "ok";
        return new Line(point, metric, mx, my, worse, ci, verdict);
    }

    /** The metric's values over the ok rows; null when there are no rows. */
    private static double[] values(List<List<String>> rows, List<String> header, String metric) {
        if (rows == null) {
            return null;
        }
        int c = header.indexOf(metric);
        int status = header.indexOf("status");
        List<Double> v = new ArrayList<>();
        for (List<String> r : rows) {
            if ((status < 0 || "ok".equals(r.get(status))) && !r.get(c).isEmpty()) {
                v.add(Double.parseDouble(r.get(c)));
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double variance(double[] v) {
        double m = Summary.mean(v);
        double ss = 0;
        for (double d : v) {
            ss += (d - m) * (d - m);
        }
        return ss / (v.length - 1);
    }

    /** Throughput columns (mpps, gbps, line rate) are better higher; latency, loss and errors lower. */
    public static boolean higherIsBetter(String metric) {
        String m = metric.toLowerCase(Locale.ROOT);
        return !(m.startsWith("lat") || m.startsWith("seg_") || m.endsWith("_ns") || m.contains("loss") || m.contains("error"));
    }
}
