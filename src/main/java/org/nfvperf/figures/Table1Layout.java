package org.nfvperf.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Table 1 of the paper in its own layout — one row per CPU speed, one column per dataplane and
 * NF — with each cell {@code reproduced (paper published, error %)}, e.g.
 * {@code 9.36 (paper 9.34, +0.2%)}, built from the tidy {@code table1.csv}.
 *
 * <p>Stateless and thread-safe.
 *
 * <pre>{@code
 * Table paperLayout = Table1Layout.of(Tables.read(Path.of("out/tables/table1.csv")));
 * paperLayout.write().csv("out/figures/table1.csv");
 * }</pre>
 */
final class Table1Layout {
    private Table1Layout() {
    }

    /** The paper-layout table (all text cells); missing combinations are empty. */
    public static Table of(Table tidy) {
        Tables.require(tidy, "dataplane", "nf", "cpu_ghz", "reproduced_mpps", "published_mpps", "error_pct");
        List<String> dps = PaperFigures.dataplanes(tidy);
        List<String> nfs = Tables.distinct(tidy, "nf");
        List<Double> cpus = PaperFigures.sortedNumbers(tidy, "cpu_ghz");
        StringColumn cpu = StringColumn.create("CPU");
        List<StringColumn> cols = new ArrayList<>();
        for (String dp : dps) {
            for (String nf : nfs) {
                cols.add(StringColumn.create(Style.dataplaneName(dp) + " " + PaperFigures.nfName(nf) + " (Mpps)"));
            }
        }
        for (double g : cpus) {
            cpu.append(Style.ghz(g));
            int c = 0;
            for (String dp : dps) {
                for (String nf : nfs) {
                    Table r = Tables.where(Tables.where(Tables.where(tidy, "dataplane", dp), "nf", nf), "cpu_ghz",
                            Tables.canonical(g));
                    cols.get(c++).append(r.rowCount() == 0 ? "" : cell(r));
                }
            }
        }
        Table out = Table.create("Table 1", cpu);
        cols.forEach(out::addColumns);
        return out;
    }

    private static String cell(Table r) {
        double rep = Tables.doubles(r, "reproduced_mpps")[0];
        double pub = Tables.doubles(r, "published_mpps")[0];
        double err = Tables.doubles(r, "error_pct")[0];
        if (Double.isNaN(pub)) {
            return String.format(Locale.ROOT, "%.2f", rep);
        }
        return String.format(Locale.ROOT, "%.2f (paper %.2f, %+.1f%%)", rep, pub, err);
    }
}
