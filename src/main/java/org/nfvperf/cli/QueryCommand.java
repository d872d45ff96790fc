package org.nfvperf.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nfvperf.results.Results;
import org.nfvperf.util.InputException;
import org.nfvperf.util.JsonText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nfvperf query [--in DIR] [--json|--csv] SQL}: DuckDB SQL over the Parquet files of a results
 * folder, with the views {@code results}, {@code summary} and {@code packets} of {@link Results}.
 * Thin: the views are defined in {@link Results#open}.
 *
 * <pre>{@code
 * ./nfvperf query --in results --csv "SELECT experiment, count(*) FROM results GROUP BY 1"
 * }</pre>
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run SQL (DuckDB) over every Parquet file under a results folder: views results "
                + "(results.parquet of every sweep), summary (summary.parquet) and packets "
                + "(packets/trial=<id>/*.parquet, per-packet latency records), each with an experiment column.",
                "Default output is an aligned text table; --csv and --json are for programs."})
public final class QueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SQL", description = "One SQL statement, e.g. \"SELECT * FROM results\".")
    String sql;

    @Option(names = "--in", defaultValue = "results", paramLabel = "DIR",
            description = "The results folder (the --out of nfvperf run; default ${DEFAULT-VALUE}).")
    Path in;

    @Option(names = "--json", description = "Print a JSON array with one object per row.")
    boolean json;

    @Option(names = "--csv", description = "Print CSV with a header line.")
    boolean csv;

    @Override
    public Integer call() throws Exception {
        if (json && csv) {
            throw new IllegalArgumentException("output must be one of --json or --csv: both given");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<String> names = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        try (Connection c = Results.open(in); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            for (int i = 1; i <= n; i++) {
                names.add(md.getColumnLabel(i));
            }
            while (rs.next()) {
                Object[] r = new Object[n];
                for (int i = 1; i <= n; i++) {
                    Object o = rs.getObject(i);
                    r[i - 1] = o == null || o instanceof Number || o instanceof Boolean ? o : rs.getString(i);
                }
                rows.add(r);
            }
        } catch (SQLException e) {
            String m = e.getMessage() == null ? "failed" : e.getMessage().strip();
            int nl = m.indexOf('\n');
            throw new InputException("query over " + in + " (views " + Results.views(in) + "): "
                    + (nl < 0 ? m : m.substring(0, nl)).strip());
        }
        if (json) {
            List<Object> list = new ArrayList<>();
            for (Object[] r : rows) {
                Map<String, Object> o = new LinkedHashMap<>();
                for (int i = 0; i < r.length; i++) {
                    o.put(names.get(i), jsonValue(r[i]));
                }
                list.add(o);
            }
            out.println(JsonText.write(list));
        } else if (csv) {
            out.println(csvLine(names.toArray()));
            for (Object[] r : rows) {
                out.println(csvLine(r));
            }
        } else {
            printText(out, names, rows);
        }
        out.flush();
        return 0;
    }

    private static Object jsonValue(Object o) {
        if (o instanceof java.math.BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : b.toString();
        }
        if (o instanceof java.math.BigDecimal d) {
            return d.doubleValue();
        }
        if (o instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return null;
        }
        return o;
    }

    private static String csvLine(Object[] values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            String s = values[i] == null ? "" : values[i].toString();
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                s = '"' + s.replace("\"", "\"\"") + '"';
            }
            b.append(s);
        }
        return b.toString();
    }

    private static void printText(PrintWriter out, List<String> names, List<Object[]> rows) {
        int[] w = new int[names.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = names.get(i).length();
            for (Object[] r : rows) {
                w[i] = Math.max(w[i], String.valueOf(r[i] == null ? "" : r[i]).length());
            }
        }
        StringBuilder h = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            h.append(i == 0 ? "" : "  ").append(String.format("%-" + w[i] + "s", names.get(i)));
        }
        out.println(h.toString().stripTrailing());
        for (Object[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < w.length; i++) {
                String s = r[i] == null ? "" : r[i].toString();
                boolean num = r[i] instanceof Number;
                b.append(i == 0 ? "" : "  ").append(String.format("%" + (num ? "" : "-") + w[i] + "s", s));
            }
            out.println(b.toString().stripTrailing());
        }
        out.printf("(%d rows)%n", rows.size());
    }
}
