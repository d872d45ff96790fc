package org.nfvperf.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.nfvperf.util.InputException;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * SQL (DuckDB) over every Parquet file of a results folder, from Java and notebooks. Three views
 * cover all sweeps under the folder, whatever their depth: {@code results} (every
 * {@code results.parquet}, columns united by name, so sweeps with other factors or taps mix),
 * {@code summary} (every {@code summary.parquet}) and {@code packets} (every
 * {@code packets/trial=<id>/*.parquet}, hive-partitioned, with an {@code experiment} column taken
 * from the folder above {@code packets}). A view whose files do not exist is not defined. Stateless
 * and thread-safe; each call opens its own in-memory database.
 *
 * <pre>{@code
 * Table t = Results.sql(Path.of("results"),
 *         "SELECT dataplane, avg(rx_mpps) AS rx_mpps FROM results GROUP BY dataplane ORDER BY 1");
 * }</pre>
 */
public final class Results {
    private Results() {
    }

    /**
     * Runs one query over the views of {@code dir} and returns its rows as a table (BIGINT as long,
     * INTEGER as int, floating and decimal types as double, BOOLEAN as boolean, everything else as
     * text; SQL NULL as a missing value).
     *
     * @throws InputException when {@code dir} is not a folder or the query is not valid for these views
     */
    public static Table sql(Path dir, String query) throws IOException {
        try (Connection c = open(dir); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            return toTable(rs);
        } catch (SQLException e) {
            throw new InputException("query over " + dir + ": " + firstLine(e.getMessage()));
        }
    }

    /** The names of the views {@link #open} defines for {@code dir} (some of results, summary, packets). */
    public static List<String> views(Path dir) throws IOException {
        List<String> v = new ArrayList<>();
        if (any(dir, "results.parquet", false)) {
            v.add("results");
        }
        if (any(dir, "summary.parquet", false)) {
            v.add("summary");
        }
        if (any(dir, ".parquet", true)) {
            v.add("packets");
        }
        return v;
    }

    /**
     * A DuckDB connection with the views of {@code dir} defined; the caller closes it.
     *
     * @throws InputException when {@code dir} is not a folder
     */
    public static Connection open(Path dir) throws IOException, SQLException {
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir + ": no such folder (a results folder of nfvperf run, e.g. results)");
        }
        List<String> views = views(dir);
        String root = dir.toAbsolutePath().normalize().toString().replace("\\", "/");
        Connection c = DuckDb.connect();
        try (Statement s = c.createStatement()) {
            if (views.contains("results")) {
                s.execute("CREATE VIEW results AS SELECT * FROM read_parquet(" + Sql.literal(root + "/**/results.parquet")
                        + ", union_by_name = true)");
            }
            if (views.contains("summary")) {
                s.execute("CREATE VIEW summary AS SELECT regexp_extract(filename, '([^/]+)/summary\\.parquet$', 1) AS "
                        + "experiment, * EXCLUDE (filename) FROM read_parquet(" + Sql.literal(root + "/**/summary.parquet")
                        + ", union_by_name = true, filename = true)");
            }
            if (views.contains("packets")) {
                s.execute("CREATE VIEW packets AS SELECT regexp_extract(filename, '([^/]+)/packets/trial=[^/]+/[^/]+$', 1) "
                        + "AS experiment, * EXCLUDE (filename) FROM read_parquet("
                        + Sql.literal(root + "/**/packets/trial=*/*.parquet")
                        + ", hive_partitioning = true, hive_types_autocast = false, union_by_name = true, filename = true)");
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static boolean any(Path dir, String suffix, boolean underPackets) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(p -> {
                String name = p.getFileName().toString();
                if (!name.endsWith(suffix) || name.startsWith(".")) {
                    return false;
                }
                Path parent = p.getParent();
                boolean packets = parent != null && parent.getFileName().toString().startsWith("trial=")
                        && parent.getParent() != null && parent.getParent().getFileName().toString().equals("packets");
                return underPackets == packets && (underPackets || name.equals(suffix));
            });
        }
    }

    /** The rows of a result set as a Tablesaw table (see {@link #sql} for the column types). */
    public static Table toTable(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<Column<?>> cols = new ArrayList<>();
        int[] kinds = new int[n];
        for (int i = 1; i <= n; i++) {
            String name = md.getColumnLabel(i);
            kinds[i - 1] = kind(md.getColumnType(i));
            cols.add(switch (kinds[i - 1]) {
                case LONG -> LongColumn.create(name);
                case INT -> IntColumn.create(name);
                case DOUBLE -> DoubleColumn.create(name);
                case BOOLEAN -> BooleanColumn.create(name);
                default -> StringColumn.create(name);
            });
        }
        while (rs.next()) {
            for (int i = 1; i <= n; i++) {
                Column<?> col = cols.get(i - 1);
                Object o = rs.getObject(i);
                if (o == null) {
                    col.appendMissing();
                    continue;
                }
                switch (kinds[i - 1]) {
                    case LONG -> ((LongColumn) col).append(((Number) o).longValue());
                    case INT -> ((IntColumn) col).append(((Number) o).intValue());
                    case DOUBLE -> ((DoubleColumn) col).append(((Number) o).doubleValue());
                    case BOOLEAN -> ((BooleanColumn) col).append((Boolean) o);
                    default -> ((StringColumn) col).append(rs.getString(i));
                }
            }
        }
        Table t = Table.create("query");
        cols.forEach(t::addColumns);
        return t;
    }

    private static final int TEXT = 0;
    private static final int LONG = 1;
    private static final int INT = 2;
    private static final int DOUBLE = 3;
    private static final int BOOLEAN = 4;

    private static int kind(int sqlType) {
        return switch (sqlType) {
            case Types.BIGINT -> LONG;
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> INT;
            case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.DECIMAL, Types.NUMERIC -> DOUBLE;
            case Types.BOOLEAN, Types.BIT -> BOOLEAN;
            default -> TEXT;
        };
    }

    static String firstLine(String message) {
        if (message == null) {
            return "failed";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }
}
