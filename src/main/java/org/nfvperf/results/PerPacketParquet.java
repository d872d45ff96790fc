package org.nfvperf.results;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.nfvperf.latency.PacketSink;

/**
 * Per-packet latency records as Parquet: one row per packet and segment (tap i to tap i+1) that the
 * packet entered. Columns: {@code trial} VARCHAR (null outside a sweep), {@code key} BIGINT (the
 * identity as a signed 64-bit value: Spark reads unsigned 64-bit as DECIMAL), {@code from_tap},
 * {@code to_tap} VARCHAR (dictionary-encoded), {@code t_in_ns}, {@code t_out_ns} BIGINT (ns since
 * the epoch, offsets applied; {@code t_out_ns} null unless matched), {@code status} one of
 * {@code matched}, {@code lost}, {@code truncated}. Rows are sorted by {@code t_in_ns} in row groups
 * of {@value #ROW_GROUP_ROWS} rows, ZSTD-compressed. Not thread-safe: one analysis thread.
 *
 * <p>How: the packets stream into a staged CSV beside the target ({@code key,<tap>_ns...,fate}, one
 * line per packet, no allocation per packet); {@link #close()} has DuckDB turn it into the Parquet
 * file (written under a temporary name, then renamed) and deletes the staged file. Measured against
 * DuckDB's row-by-row Appender in {@code bench/parquet-write.sh}: see the README.
 *
 * <pre>{@code
 * LatencyAnalysis.builder().tap("in", pin).tap("out", pout)
 *         .perPacket(PerPacketParquet.factory(Path.of("packets.parquet"), null)).run();
 * }</pre>
 */
public final class PerPacketParquet implements PacketSink {
    /** Rows per Parquet row group. */
    public static final int ROW_GROUP_ROWS = 1_000_000;

    private final Path target;
    private final Path staged;
    private final String trial;
    private final List<String> taps;
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int len;
    private long packets;

    private PerPacketParquet(Path target, String trial, List<String> taps) throws IOException {
        if (taps.size() < 2) {
            throw new IllegalArgumentException("taps must be >= 2: " + taps);
        }
        this.target = target.toAbsolutePath();
        this.trial = trial;
        this.taps = List.copyOf(taps);
        Path parent = this.target.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.staged = this.target.resolveSibling("." + this.target.getFileName() + ".staged.csv");
        this.out = new BufferedOutputStream(Files.newOutputStream(staged), 1 << 16);
    }

    /** A factory for {@code LatencyAnalysis.Builder.perPacket}: writes {@code file}, {@code trial} in every row (may be null). */
    public static PacketSink.Factory factory(Path file, String trial) {
        return (taps, sequence) -> new PerPacketParquet(file, trial, taps);
    }

    /**
     * For {@code new StandardAnalyzer(...)} in a sweep: each trial's records go to
     * {@link #pathFor}{@code (experiment folder, trial id)}, the trial folder being
     * {@code <experiment>/trials/<id>}.
     */
    public static java.util.function.BiFunction<org.nfvperf.experiment.Trial, Path, PacketSink.Factory> forSweep() {
        return (trial, trialDir) -> factory(pathFor(trialDir.toAbsolutePath().getParent().getParent(), trial.id()),
                trial.id());
    }

    /** {@code <experimentDir>/packets/trial=<id>/part-0.parquet}, the hive-partitioned layout {@code nfvperf query} reads. */
    public static Path pathFor(Path experimentDir, String trialId) {
        return experimentDir.resolve("packets").resolve("trial=" + trialId).resolve("part-0.parquet");
    }

    @Override
    public void packet(long key, long[] ts) throws IOException {
        line(key, ts, false);
    }

    @Override
    public void truncated(long key, long[] ts) throws IOException {
        line(key, ts, true);
    }

    private void line(long key, long[] ts, boolean truncated) throws IOException {
        if (len > buf.length - 21 * (ts.length + 2)) {
            out.write(buf, 0, len);
            len = 0;
        }
        decimal(key);
        for (long t : ts) {
            buf[len++] = ',';
            if (t != UNSEEN) {
                decimal(t);
            }
        }
        buf[len++] = ',';
        if (truncated) {
            buf[len++] = 't';
        }
        buf[len++] = '\n';
        packets++;
    }

    private void decimal(long v) {
        if (v == Long.MIN_VALUE) {
            for (byte b : "-9223372036854775808".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) {
                buf[len++] = b;
            }
            return;
        }
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        int start = len;
        do {
            buf[len++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        for (int i = start, j = len - 1; i < j; i++, j--) {
            byte b = buf[i];
            buf[i] = buf[j];
            buf[j] = b;
        }
    }

    /** Packets written so far. */
    public long packets() {
        return packets;
    }

    /** Converts the staged records into the Parquet file. */
    @Override
    public void close() throws IOException {
        try {
            out.write(buf, 0, len);
            len = 0;
            out.close();
            Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
            try (Connection c = DuckDb.connect(); Statement s = c.createStatement()) {
                s.execute("COPY (" + select() + ") TO " + Sql.literal(tmp.toString())
                        + " (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE " + ROW_GROUP_ROWS + ")");
            } catch (SQLException e) {
                throw new IOException(target + ": cannot write Parquet: " + e.getMessage(), e);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /** The query that turns the staged wide lines into one row per packet and segment, by {@code t_in_ns}. */
    private String select() {
        StringBuilder cols = new StringBuilder("{'key': 'BIGINT'");
        for (int i = 0; i < taps.size(); i++) {
            cols.append(", 't").append(i).append("': 'BIGINT'");
        }
        cols.append(", 'fate': 'VARCHAR'}");
        String read = "read_csv(" + Sql.literal(staged.toString()) + ", header = false, delim = ',', quote = '', "
                + "columns = " + cols + ")";
        if (packets == 0) {
            StringBuilder none = new StringBuilder("SELECT CAST(NULL AS BIGINT) AS key");
            for (int i = 0; i < taps.size(); i++) {
                none.append(", CAST(NULL AS BIGINT) AS t").append(i);
            }
            read = "(" + none + ", CAST(NULL AS VARCHAR) AS fate WHERE false)";
        }
        String src = "staged";
        StringBuilder q = new StringBuilder("WITH staged AS (SELECT * FROM " + read + ") SELECT * FROM (");
        for (int i = 0; i + 1 < taps.size(); i++) {
            if (i > 0) {
                q.append(" UNION ALL ");
            }
            q.append("SELECT ").append(trial == null ? "CAST(NULL AS VARCHAR)" : Sql.literal(trial)).append(" AS trial, key, ")
                    .append(Sql.literal(taps.get(i))).append(" AS from_tap, ").append(Sql.literal(taps.get(i + 1)))
                    .append(" AS to_tap, t").append(i).append(" AS t_in_ns, t").append(i + 1).append(" AS t_out_ns, ")
                    .append("CASE WHEN t").append(i + 1).append(" IS NOT NULL THEN 'matched' WHEN fate = 't' THEN 'truncated' ")
                    .append("ELSE 'lost' END AS status FROM ").append(src).append(" WHERE t").append(i).append(" IS NOT NULL");
        }
        return q.append(") ORDER BY t_in_ns, from_tap").toString();
    }
}
