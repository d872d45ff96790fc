package org.nfvperf.experiment;

import java.io.Closeable;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.nfvperf.util.InputException;
import org.nfvperf.util.Numbers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The results of a sweep: {@code <experiment dir>/results.csv}, one row per finished trial, and
 * {@code summary.csv} over repetitions. Reading is static ({@link #read(Path)}); writing is done by
 * the {@link Orchestrator} through an open store, which is thread-safe.
 *
 * <p><b>Commit protocol.</b> A trial is finished once its row is in {@code results.csv}. The header
 * is written to a temporary file that is then renamed atomically; each row is appended with a single
 * {@code write} of the whole line, terminated by {@code '\n'}, and no value contains a line break. A
 * process killed mid-append (SIGKILL) leaves at most one trailing line without its {@code '\n'};
 * opening the store drops that fragment, so every trial is in the file exactly once and the killed
 * trial runs again. A lock file ({@code .lock}) keeps two runs from writing the same store.
 *
 * <pre>{@code
 * Table results = ResultStore.read(Path.of("out/fig2"));
 * Table summary = ResultStore.readSummary(Path.of("out/fig2"));
 * }</pre>
 */
public final class ResultStore implements Closeable {
    /** File name of the per-trial results. */
    public static final String RESULTS = "results.csv";
    /** File name of the mean and 95% confidence intervals over repetitions. */
    public static final String SUMMARY = "summary.csv";
    /** Columns that identify and describe a row, after the factor columns. */
    public static final List<String> ROW_COLUMNS = List.of("trial", "repetition", "status", "error");
    /** Metric columns, after {@link #ROW_COLUMNS}; segment columns follow. */
    public static final List<String> METRICS = List.of("tx_mpps", "rx_mpps", "rx_gbps_l2", "rx_gbps_l1",
            "line_rate_pct", "loss_pct", "lat_min_ns", "lat_mean_ns", "lat_p50_ns", "lat_p99_ns", "lat_max_ns");
    /** Statistics reported per segment, as column suffixes {@code _mean_ns} etc. */
    public static final List<String> SEGMENT_STATS = List.of("mean", "p50", "p99");
    /** Status of a trial whose runner and analysis succeeded. */
    public static final String OK = "ok";
    /** Status of a trial whose runner or analysis failed; {@code error} says why. */
    public static final String FAILED = "failed";

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

    private final Path dir;
    private final Path file;
    private final List<String> columns;
    private final Map<String, List<String>> rows = new LinkedHashMap<>();
    private final FileChannel lockChannel;
    private final FileLock lock;
    private FileChannel out;
    private int droppedFragments;

    private ResultStore(Path dir, List<String> columns) throws IOException {
        this.dir = dir;
        this.file = dir.resolve(RESULTS);
        this.columns = List.copyOf(columns);
        Files.createDirectories(dir);
        lockChannel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            l = null; // held by this JVM
        }
        if (l == null) {
            lockChannel.close();
            throw new InputException(dir + ": another nfvperf run is writing these results (lock " + dir.resolve(".lock")
                    + " is held)");
        }
        lock = l;
    }

    /**
     * Opens (or creates) the store of an experiment folder for writing, dropping the fragment of a
     * row a killed run left behind.
     *
     * @param columns the header the sweep writes ({@link #columns(Experiment)})
     * @throws InputException when an existing {@code results.csv} has another header
     */
    static ResultStore open(Path dir, List<String> columns) throws IOException {
        ResultStore store = new ResultStore(dir, columns);
        try {
            store.load();
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private void load() throws IOException {
        if (!Files.exists(file)) {
            rewrite();
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end < bytes.length) {
            droppedFragments = 1;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(end);
                ch.force(true);
            }
        }
        List<List<String>> records = parse(file, new String(bytes, 0, end, StandardCharsets.UTF_8));
        if (records.isEmpty()) {
            rewrite();
            return;
        }
        List<String> header = records.get(0);
        if (!header.equals(columns)) {
            throw new InputException(file + ": its columns " + header + " differ from this spec's " + columns
                    + "; use another --out or experiment name");
        }
        int trial = columns.indexOf("trial");
        for (int i = 1; i < records.size(); i++) {
            List<String> r = records.get(i);
            if (r.size() != columns.size()) {
                throw new InputException(file + ": row " + i + " has " + r.size() + " fields, expected " + columns.size());
            }
            rows.put(r.get(trial), List.copyOf(r));
        }
        openForAppend();
    }

    /** Number of incomplete rows (0 or 1) a killed run had left and {@link #open} removed. */
    int droppedFragments() {
        return droppedFragments;
    }

    /** Whether a row for the trial is committed; {@code failedToo=false} treats failed rows as missing. */
    synchronized boolean isFinished(String trialId, boolean failedToo) {
        List<String> row = rows.get(trialId);
        return row != null && (failedToo || OK.equals(row.get(columns.indexOf("status"))));
    }

    /** Committed rows by trial id, in file order. */
    synchronized Map<String, List<String>> rows() {
        return new LinkedHashMap<>(rows);
    }

    /** The header. */
    List<String> columns() {
        return columns;
    }

    /**
     * Drops the rows of the given trials (to run them again), rewriting the file atomically.
     */
    synchronized void forget(java.util.Collection<String> trialIds) throws IOException {
        boolean changed = false;
        for (String id : trialIds) {
            changed |= rows.remove(id) != null;
        }
        if (changed) {
            rewrite();
        }
    }

    /**
     * Commits one row: appends it with one write. A row for the same trial must not exist.
     */
    synchronized void append(List<String> row) throws IOException {
        if (row.size() != columns.size()) {
            throw new IllegalArgumentException("row must have " + columns.size() + " values: " + row.size());
        }
        String id = row.get(columns.indexOf("trial"));
        if (rows.containsKey(id)) {
            throw new IllegalStateException("trial " + id + " already has a row in " + file);
        }
        ByteBuffer buf = ByteBuffer.wrap(line(row).getBytes(StandardCharsets.UTF_8));
        try {
            while (buf.hasRemaining()) {
                out.write(buf);
            }
        } catch (IOException e) {
            // "No space left on device" alone does not say which disk
            throw org.nfvperf.util.OutputFiles.naming(file, e);
        }
        rows.put(id, List.copyOf(row));
    }

    private void rewrite() throws IOException {
        StringBuilder sb = new StringBuilder(line(columns));
        for (List<String> r : rows.values()) {
            sb.append(line(r));
        }
        if (out != null) {
            out.close();
            out = null;
        }
        writeAtomically(file, sb.toString());
        openForAppend();
    }

    private void openForAppend() throws IOException {
        out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** Writes {@code text} to a temporary file beside {@code target}, then renames it over {@code target}. */
    static void writeAtomically(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (IOException e) {
            throw org.nfvperf.util.OutputFiles.naming(target, e);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** One CSV line with its {@code '\n'}; line breaks inside values become spaces. */
    static String line(List<String> values) {
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter p = new CSVPrinter(sb, FORMAT)) {
            List<String> clean = new ArrayList<>(values.size());
            for (String v : values) {
                clean.add(v == null ? "" : v.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' '));
            }
            p.printRecord(clean);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    /** All records of a CSV text as lists of cells, the header first. */
    private static List<List<String>> parse(Path file, String text) throws IOException {
        try (CSVParser p = CSVParser.builder().setFormat(CSVFormat.DEFAULT).setReader(new StringReader(text)).get()) {
            List<List<String>> out = new ArrayList<>();
            for (CSVRecord r : p) {
                out.add(r.toList());
            }
            return out;
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            throw new InputException(file + ": not a CSV file: " + e.getMessage());
        }
    }

    /** The header of an experiment's {@code results.csv}: factors, {@link #ROW_COLUMNS}, metrics, segments. */
    public static List<String> columns(Experiment e) {
        List<String> c = new ArrayList<>(e.factors().keySet());
        c.addAll(ROW_COLUMNS);
        c.addAll(METRICS);
        c.addAll(segmentColumns(e.taps()));
        if (reportsTapDrops(e)) {
            c.add(TAPS_DROPPED);
        }
        return c;
    }

    /**
     * Last column of a sweep on real captures (runner {@code netns}) with taps: packets the taps'
     * kernel buffers dropped (tcpdump's "dropped by kernel", summed over the taps; the runner's
     * {@code taps_dropped_packets}). Above 0, per-hop latency covers fewer packets than were sent.
     */
    public static final String TAPS_DROPPED = "taps_dropped_pkts";

    /** Whether the sweep's rows carry {@link #TAPS_DROPPED}: the netns runner with at least one tap. */
    static boolean reportsTapDrops(Experiment e) {
        return "netns".equals(e.runner()) && !e.taps().isEmpty();
    }

    /** {@code seg_<from>_<to>_<stat>_ns} for every pair of consecutive taps. */
    public static List<String> segmentColumns(List<String> taps) {
        List<String> c = new ArrayList<>();
        for (int i = 0; i + 1 < taps.size(); i++) {
            for (String stat : SEGMENT_STATS) {
                c.add("seg_" + taps.get(i) + "_" + taps.get(i + 1) + "_" + stat + "_ns");
            }
        }
        return c;
    }

    /** The row of one trial; {@code metrics} null for a failed trial. */
    static List<String> row(Experiment e, Trial t, String error, TrialMetrics metrics) {
        return row(e, t, error, metrics, Map.of());
    }

    /** As {@link #row(Experiment, Trial, String, TrialMetrics)} with what the runner reported (for {@link #TAPS_DROPPED}). */
    static List<String> row(Experiment e, Trial t, String error, TrialMetrics metrics, Map<String, Object> runnerInfo) {
        List<String> r = new ArrayList<>();
        for (String f : e.factors().keySet()) {
            r.add(t.factors().get(f));
        }
        r.add(t.id());
        r.add(Integer.toString(t.repetition()));
        r.add(error == null ? OK : FAILED);
        r.add(error == null ? "" : error);
        TrialMetrics m = metrics != null ? metrics
                : new TrialMetrics(TrialMetrics.Throughput.NONE, TrialMetrics.Latency.NONE, List.of());
        TrialMetrics.Throughput tp = m.throughput();
        for (double v : new double[] {tp.txMpps(), tp.rxMpps(), tp.rxGbpsL2(), tp.rxGbpsL1(), tp.lineRatePercent(), tp.lossPercent()}) {
            r.add(number(v));
        }
        addLatency(r, m.endToEnd(), true);
        List<String> taps = e.taps();
        for (int i = 0; i + 1 < taps.size(); i++) {
            TrialMetrics.Latency l = TrialMetrics.Latency.NONE;
            for (TrialMetrics.Segment s : m.segments()) {
                if (s.from().equals(taps.get(i)) && s.to().equals(taps.get(i + 1))) {
                    l = s.latency();
                }
            }
            addLatency(r, l, false);
        }
        if (reportsTapDrops(e)) {
            Object dropped = runnerInfo.get("taps_dropped_packets");
            r.add(dropped instanceof Number n ? Long.toString(n.longValue()) : "");
        }
        return r;
    }

    private static void addLatency(List<String> r, TrialMetrics.Latency l, boolean full) {
        if (full) {
            r.add(number(l.minNanos()));
        }
        r.add(number(l.meanNanos()));
        r.add(number(l.p50Nanos()));
        r.add(number(l.p99Nanos()));
        if (full) {
            r.add(number(l.maxNanos()));
        }
    }

    /** A number as written into every CSV of the project ({@link Numbers#csv(double)}). */
    static String number(double v) {
        return Numbers.csv(v);
    }

    /**
     * Reads {@code results.csv} of an experiment folder (or the file itself) as a table: factor
     * columns as integers, numbers or strings by their content, {@code repetition} as integers,
     * metrics as doubles (missing values for empty cells), {@code trial}, {@code status} and
     * {@code error} as strings.
     *
     * @throws NoSuchFileException when there is no results file
     */
    public static Table read(Path dirOrFile) throws IOException {
        return readTable(Files.isDirectory(dirOrFile) ? dirOrFile.resolve(RESULTS) : dirOrFile);
    }

    /** Reads {@code summary.csv} of an experiment folder (or the file itself) as a table. */
    public static Table readSummary(Path dirOrFile) throws IOException {
        return readTable(Files.isDirectory(dirOrFile) ? dirOrFile.resolve(SUMMARY) : dirOrFile);
    }

    private static Table readTable(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n') + 1;
        List<List<String>> records = parse(file, text.substring(0, end));
        if (records.isEmpty()) {
            throw new InputException(file + ": empty, expected a header line");
        }
        return toTable(file.getParent() == null ? file.toString() : file.getParent().getFileName().toString(),
                records.get(0), records.subList(1, records.size()));
    }

    /** Builds a typed table from CSV cells; see {@link #read(Path)} for the column types. */
    static Table toTable(String name, List<String> header, List<List<String>> data) {
        Table t = Table.create(name);
        int trialIndex = header.indexOf("trial");
        for (int c = 0; c < header.size(); c++) {
            String col = header.get(c);
            List<String> cells = new ArrayList<>(data.size());
            for (List<String> r : data) {
                cells.add(c < r.size() ? r.get(c) : "");
            }
            boolean factor = trialIndex < 0 ? !looksMetric(col) : c < trialIndex;
            Column<?> column;
            if (col.equals("trial") || col.equals("status") || col.equals("error")) {
                column = StringColumn.create(col, cells);
            } else if (factor) {
                column = typedByContent(col, cells);
            } else if (col.equals("repetition") || col.equals("n") || col.equals("failed")) {
                column = IntColumn.create(col, cells.stream().mapToInt(s -> s.isEmpty() ? 0 : Integer.parseInt(s)).toArray());
            } else {
                DoubleColumn d = DoubleColumn.create(col);
                for (String s : cells) {
                    if (s.isEmpty()) {
                        d.appendMissing();
                    } else {
                        d.append(Double.parseDouble(s));
                    }
                }
                column = d;
            }
            t.addColumns(column);
        }
        return t;
    }

    private static boolean looksMetric(String col) {
        return col.endsWith("_ns") || col.endsWith("_mpps") || col.endsWith("_pct") || col.contains("_gbps_")
                || col.endsWith("_mean") || col.endsWith("_ci95") || col.equals("n") || col.equals("failed");
    }

    private static Column<?> typedByContent(String col, List<String> cells) {
        boolean ints = true;
        boolean numbers = true;
        for (String s : cells) {
            if (!s.matches("-?\\d{1,9}")) {
                ints = false;
            }
            if (!s.matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                numbers = false;
            }
        }
        if (ints && !cells.isEmpty()) {
            return IntColumn.create(col, cells.stream().mapToInt(Integer::parseInt).toArray());
        }
        if (numbers && !cells.isEmpty()) {
            return DoubleColumn.create(col, cells.stream().mapToDouble(Double::parseDouble).toArray());
        }
        return StringColumn.create(col, cells);
    }

    /** The experiment folder. */
    Path dir() {
        return dir;
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            if (out != null) {
                out.close();
                out = null;
            }
        } finally {
            try {
                lock.release();
            } finally {
                lockChannel.close();
            }
        }
    }
}
