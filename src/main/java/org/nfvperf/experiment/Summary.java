package org.nfvperf.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Mean and 95% confidence interval of every metric over the repetitions of each point of a sweep
 * ({@code summary.csv}). Stateless and thread-safe.
 *
 * <p>Columns: the factor columns, {@code n} (repetitions with status {@code ok}), {@code failed}
 * (repetitions that failed), then for every metric {@code <metric>_mean} and {@code <metric>_ci95},
 * the half-width of the two-sided 95% interval of the mean from Student's t with {@code n - 1}
 * degrees of freedom: {@code t(0.975, n-1) * s / sqrt(n)}, {@code s} the sample standard deviation.
 * A metric with fewer than two values has an empty {@code _ci95}; one with none an empty {@code _mean}.
 *
 * <pre>{@code
 * double half = Summary.ci95HalfWidth(new double[] {9.8, 10.1, 10.0});   // 0.3795...
 * }</pre>
 */
public final class Summary {
    private Summary() {
    }

    /** The header of {@code summary.csv} for a results header. */
    static List<String> columns(List<String> resultColumns) {
        int trial = resultColumns.indexOf("trial");
        List<String> c = new ArrayList<>(resultColumns.subList(0, trial));
        c.add("n");
        c.add("failed");
        for (String m : metricColumns(resultColumns)) {
            c.add(m + "_mean");
            c.add(m + "_ci95");
        }
        return c;
    }

    private static List<String> metricColumns(List<String> resultColumns) {
        int error = resultColumns.indexOf("error");
        return resultColumns.subList(error + 1, resultColumns.size());
    }

    /**
     * Summary rows of the given result rows (trials of one sweep), one per point, in the order the
     * points first appear.
     */
    static List<List<String>> rows(List<String> resultColumns, List<List<String>> results) {
        int trial = resultColumns.indexOf("trial");
        int status = resultColumns.indexOf("status");
        int firstMetric = resultColumns.indexOf("error") + 1;
        Map<List<String>, List<List<String>>> groups = new LinkedHashMap<>();
        for (List<String> r : results) {
            groups.computeIfAbsent(List.copyOf(r.subList(0, trial)), k -> new ArrayList<>()).add(r);
        }
        List<List<String>> out = new ArrayList<>();
        for (Map.Entry<List<String>, List<List<String>>> g : groups.entrySet()) {
            List<List<String>> ok = g.getValue().stream().filter(r -> ResultStore.OK.equals(r.get(status))).toList();
            List<String> row = new ArrayList<>(g.getKey());
            row.add(Integer.toString(ok.size()));
            row.add(Integer.toString(g.getValue().size() - ok.size()));
            for (int c = firstMetric; c < resultColumns.size(); c++) {
                double[] values = new double[ok.size()];
                int n = 0;
                for (List<String> r : ok) {
                    String cell = r.get(c);
                    if (!cell.isEmpty()) {
                        values[n++] = Double.parseDouble(cell);
                    }
                }
                double[] v = java.util.Arrays.copyOf(values, n);
                row.add(n == 0 ? "" : ResultStore.number(mean(v)));
                row.add(n < 2 ? "" : ResultStore.number(ci95HalfWidth(v)));
            }
            out.add(row);
        }
        return out;
    }

    /** Arithmetic mean; NaN for no values. */
    public static double mean(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /**
     * Half-width of the two-sided 95% confidence interval of the mean (Student's t, n - 1 degrees
     * of freedom), in the unit of the values.
     *
     * @throws IllegalArgumentException when there are fewer than two values
     */
    public static double ci95HalfWidth(double[] values) {
        int n = values.length;
        if (n < 2) {
            throw new IllegalArgumentException("values must number at least 2 for a confidence interval: " + n);
        }
        double mean = mean(values);
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        return tQuantile975(n - 1) * sd / Math.sqrt(n);
    }

    /** The 0.975 quantile of Student's t with {@code degreesOfFreedom} (&gt;= 1): 12.706 for 1, 1.960 in the limit. */
    public static double tQuantile975(int degreesOfFreedom) {
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("degreesOfFreedom must be >= 1: " + degreesOfFreedom);
        }
        return new TDistribution(null, degreesOfFreedom).inverseCumulativeProbability(0.975);
    }
}
