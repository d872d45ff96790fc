package org.nfvperf.figures;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

/** Reads series data back out of XChart category charts for assertions. */
final class ChartData {
    private ChartData() {
    }

    static double[] ys(CategorySeries s) {
        return s.getYData().stream().mapToDouble(n -> n == null ? Double.NaN : n.doubleValue()).toArray();
    }

    static double[] ys(CategoryChart c, String series) {
        CategorySeries s = c.getSeriesMap().get(series);
        if (s == null) {
            throw new AssertionError("no series '" + series + "' in " + c.getSeriesMap().keySet());
        }
        return ys(s);
    }

    static List<Object> xs(CategoryChart c, String series) {
        return new ArrayList<>(c.getSeriesMap().get(series).getXData());
    }
}
