package org.nfvperf.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SummaryTest {
    /** Two-sided 95% Student t quantiles as printed in statistics tables (scipy.stats.t.ppf(0.975, df)). */
    @ParameterizedTest
    @CsvSource({"1, 12.706204736174696", "2, 4.302652729749464", "4, 2.7764451051977934", "9, 2.2621571628540993",
            "29, 2.045229642132703", "1000, 1.9623390808264078"})
    void studentTQuantiles(int df, double expected) {
        assertEquals(expected, Summary.tQuantile975(df), 1e-9);
    }

    @Test
    void ciHalfWidthOfThreeValues() {
        // mean 10, sample sd 1 -> 4.302652729749464 / sqrt(3)
        assertEquals(4.302652729749464 / Math.sqrt(3), Summary.ci95HalfWidth(new double[] {9, 10, 11}), 1e-9);
        assertEquals("values must number at least 2 for a confidence interval: 1",
                assertThrows(IllegalArgumentException.class, () -> Summary.ci95HalfWidth(new double[] {1})).getMessage());
    }

    @Test
    void rowsGroupRepetitionsAndSkipFailedOnes() {
        List<String> cols = List.of("f", "trial", "repetition", "status", "error", "rx_mpps", "lat_mean_ns");
        List<List<String>> rows = List.of(
                List.of("a", "t1", "1", "ok", "", "9", ""),
                List.of("a", "t2", "2", "ok", "", "11", "100"),
                List.of("b", "t3", "1", "failed", "x", "", ""),
                List.of("a", "t4", "3", "failed", "x", "", ""),
                List.of("b", "t5", "2", "ok", "", "3", "7"));
        assertEquals(List.of("f", "n", "failed", "rx_mpps_mean", "rx_mpps_ci95", "lat_mean_ns_mean", "lat_mean_ns_ci95"),
                Summary.columns(cols));
        List<List<String>> s = Summary.rows(cols, rows);
        assertEquals(List.of(List.of("a", "2", "1", "10", s.get(0).get(4), "100", ""), List.of("b", "1", "1", "3", "", "7", "")), s);
        // 9 and 11: sd sqrt(2), n 2 -> t(0.975, 1) * sqrt(2) / sqrt(2)
        assertEquals(12.706204736174696, Double.parseDouble(s.get(0).get(4)), 1e-9);
    }

    @ParameterizedTest
    @CsvSource({"14.0, 14", "12000000.0, 12000000", "0.0001, 0.0001", "14.880952380952381, 14.880952380952381",
            "1.5E-7, 0.00000015", "-3.25, -3.25", "NaN, ''"})
    void numbersArePlainDecimals(double v, String expected) {
        assertEquals(expected, ResultStore.number(v));
    }
}
