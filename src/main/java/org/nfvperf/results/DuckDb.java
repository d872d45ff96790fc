package org.nfvperf.results;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The embedded DuckDB engine, loaded on first use only. {@code nfvperf.jar} does not carry DuckDB
 * (an 80 MB jar with native libraries): the build copies {@code duckdb_jdbc-<version>.jar} to
 * {@code target/lib/} beside it, and this class opens that jar in a class loader of its own, so the
 * commands that never touch Parquet ({@code pcap-info}, {@code latency} without a {@code .parquet}
 * per-packet file) start exactly as without DuckDB. Thread-safe.
 *
 * <p>Where the driver comes from, first match wins: the class path (tests, a notebook kernel started
 * with DuckDB on its class path); the system property {@code nfvperf.duckdb.jar}; {@code lib/duckdb_jdbc-*.jar}
 * beside the jar this class was loaded from; the local Maven repository
 * ({@code ~/.m2/repository/org/duckdb/duckdb_jdbc/VERSION/}).
 *
 * <pre>{@code
 * try (Connection c = DuckDb.connect(); Statement s = c.createStatement()) {
 *     s.execute("COPY (SELECT 42 AS answer) TO 'answer.parquet' (FORMAT parquet)");
 * }
 * }</pre>
 */
public final class DuckDb {
    /** The DuckDB JDBC version the build was made with (the pom's {@code duckdb.version}). */
    public static final String VERSION = "2.0.0.1";
    private static final String DRIVER = "org.duckdb.DuckDBDriver";
    private static volatile Driver driver;

    private DuckDb() {
    }

    /** A new in-memory database connection; the caller closes it. */
    public static Connection connect() throws SQLException {
        Connection c = driver().connect("jdbc:duckdb:", new Properties());
        if (c == null) {
            throw new SQLException("DuckDB driver " + DRIVER + " refused the URL jdbc:duckdb:");
        }
        return c;
    }

    /** Whether the driver can be found (see the class comment for where it is looked for). */
    public static boolean available() {
        try {
            driver();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static Driver driver() throws SQLException {
        Driver d = driver;
        if (d == null) {
            synchronized (DuckDb.class) {
                d = driver;
                if (d == null) {
                    d = load();
                    driver = d;
                }
            }
        }
        return d;
    }

    private static Driver load() throws SQLException {
        try {
            return instantiate(Class.forName(DRIVER, true, DuckDb.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            // not on the class path: look for the jar
        }
        List<Path> tried = new ArrayList<>();
        for (Path jar : candidates()) {
            tried.add(jar);
            if (Files.isRegularFile(jar)) {
                try {
                    // never closed: the driver's classes and native library live as long as the JVM
                    @SuppressWarnings("resource")
                    URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                            DuckDb.class.getClassLoader());
                    return instantiate(Class.forName(DRIVER, true, loader));
                } catch (IOException | ClassNotFoundException e) {
                    throw new SQLException(jar + ": not a usable DuckDB JDBC jar: " + e, e);
                }
            }
        }
        throw new SQLException("DuckDB (org.duckdb:duckdb_jdbc:" + VERSION + ") not found; looked in " + tried
                + "; build with mvn package (it copies the jar to target/lib/) or set -Dnfvperf.duckdb.jar=FILE");
    }

    private static Driver instantiate(Class<?> c) throws SQLException {
        try {
            return (Driver) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new SQLException("cannot create " + DRIVER + ": " + e, e);
        }
    }

    private static List<Path> candidates() {
        List<Path> c = new ArrayList<>();
        String prop = System.getProperty("nfvperf.duckdb.jar");
        if (prop != null && !prop.isBlank()) {
            c.add(Path.of(prop));
        }
        try {
            URL where = DuckDb.class.getProtectionDomain().getCodeSource().getLocation();
            Path self = Path.of(where.toURI());
            Path lib = (Files.isDirectory(self) ? self.getParent() : self.getParent()).resolve("lib");
            c.add(lib.resolve("duckdb_jdbc-" + VERSION + ".jar"));
            if (Files.isDirectory(lib)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(lib, "duckdb_jdbc-*.jar")) {
                    ds.forEach(c::add);
                }
            }
        } catch (URISyntaxException | IOException | SecurityException | NullPointerException e) {
            // no code source: only the other places
        }
        c.add(Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "duckdb", "duckdb_jdbc", VERSION,
                "duckdb_jdbc-" + VERSION + ".jar"));
        return c;
    }
}
