package org.nfvperf.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.nfvperf.util.InputException;
import org.nfvperf.util.Json;

/**
 * Writes {@code results.parquet} beside {@code results.csv} and {@code summary.parquet} beside
 * {@code summary.csv} in an experiment folder, with typed columns. Stateless and thread-safe.
 *
 * <p>{@code results.parquet}: {@code experiment} VARCHAR (the folder's name), the factor columns
 * typed by their content (BIGINT when every value is an integer, DOUBLE when every value is a
 * number, else VARCHAR), {@code trial} VARCHAR, {@code repetition} INTEGER, {@code status},
 * {@code error} VARCHAR, the metrics ({@code *_ns} columns other than means BIGINT, the others
 * DOUBLE; an empty CSV cell is NULL), then provenance from each trial's {@code meta.json}:
 * {@code runner}, {@code host}, {@code nfvperf_version}, {@code start} (TIMESTAMP WITH TIME ZONE),
 * {@code elapsed_s}, and the HdrHistograms of the trial's {@code latency.json} as base64 compressed
 * V2 strings: {@code lat_hdrh} end to end and {@code seg_<from>_<to>_hdrh} per segment.
 * {@code summary.parquet}: the factor columns typed as above, {@code n} and {@code failed}
 * INTEGER, every other column DOUBLE.
 *
 * <p>How: the rows are staged as a CSV of strings, and DuckDB casts them while it writes the
 * Parquet file (ZSTD) under a temporary name that is then renamed.
 *
 * <pre>{@code
 * ResultsParquet.write(Path.of("results/fig2"));   // results.parquet (+ summary.parquet)
 * }</pre>
 */
public final class ResultsParquet {
    /** File name of the per-trial results. */
    public static final String RESULTS = "results.parquet";
    /** File name of the summary over repetitions. */
    public static final String SUMMARY = "summary.parquet";
    /** Provenance columns appended to every results row. */
    public static final List<String> PROVENANCE = List.of("runner", "host", "nfvperf_version", "start", "elapsed_s");

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

    private ResultsParquet() {
    }

    /**
     * Writes the Parquet files of an experiment folder from its {@code results.csv} (and
     * {@code summary.csv}, if present), replacing older ones.
     *
     * @throws InputException when {@code results.csv} is missing or has no header
     */
    public static void write(Path experimentDir) throws IOException {
        Path csv = experimentDir.resolve("results.csv");
        if (!Files.isRegularFile(csv)) {
            throw new InputException(csv + ": no such file (not an experiment folder of nfvperf run)");
        }
        Table results = readCsv(csv);
        writeResults(experimentDir, results);
        Path summary = experimentDir.resolve("summary.csv");
        if (Files.isRegularFile(summary)) {
            writeSummary(experimentDir, readCsv(summary));
        }
    }

    /** A CSV file as header and rows of strings. */
    record Table(List<String> header, List<List<String>> rows) {
    }

    static Table readCsv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVParser.builder().setFormat(CSVFormat.DEFAULT).setReader(r).get()) {
            List<List<String>> rows = new ArrayList<>();
            List<String> header = null;
            for (CSVRecord rec : p) {
                if (header == null) {
                    header = rec.toList();
                } else if (rec.size() == header.size()) {
                    rows.add(rec.toList());
                } else {
                    throw new InputException(file + ": line " + rec.getRecordNumber() + " has " + rec.size()
                            + " fields, expected " + header.size());
                }
            }
            if (header == null) {
                throw new InputException(file + ": empty, expected a header line");
            }
            return new Table(header, rows);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new InputException(file + ": not a CSV file: " + e.getMessage());
        }
    }

    private static void writeResults(Path dir, Table t) throws IOException {
        int trial = t.header().indexOf("trial");
        if (trial < 0) {
            throw new InputException(dir.resolve("results.csv") + ": no trial column in its header " + t.header());
        }
        Map<String, String> types = new LinkedHashMap<>();
        List<String> header = new ArrayList<>();
        header.add("experiment");
        types.put("experiment", "VARCHAR");
        for (int c = 0; c < t.header().size(); c++) {
            String col = t.header().get(c);
            header.add(col);
            types.put(col, c < trial ? typeByContent(t, c) : resultType(col));
        }
        List<String> hdrhCols = new ArrayList<>();
        List<Map<String, String>> extra = new ArrayList<>();
        for (List<String> row : t.rows()) {
            Map<String, String> e = provenance(dir.resolve("trials").resolve(row.get(trial)));
            for (String k : e.keySet()) {
                if (k.endsWith("_hdrh") && !hdrhCols.contains(k)) {
                    hdrhCols.add(k);
                }
            }
            extra.add(e);
        }
        for (String p : PROVENANCE) {
            header.add(p);
            types.put(p, p.equals("start") ? "TIMESTAMPTZ" : p.equals("elapsed_s") ? "DOUBLE" : "VARCHAR");
        }
        for (String h : hdrhCols) {
            header.add(h);
            types.put(h, "VARCHAR");
        }
        List<List<String>> rows = new ArrayList<>();
        String name = dir.toAbsolutePath().normalize().getFileName() == null ? ""
                : dir.toAbsolutePath().normalize().getFileName().toString();
        for (int i = 0; i < t.rows().size(); i++) {
            List<String> r = new ArrayList<>();
            r.add(name);
            r.addAll(t.rows().get(i));
            for (String k : PROVENANCE) {
                r.add(extra.get(i).getOrDefault(k, ""));
            }
            for (String k : hdrhCols) {
                r.add(extra.get(i).getOrDefault(k, ""));
            }
            rows.add(r);
        }
        convert(dir.resolve(RESULTS), header, types, rows);
    }

    private static void writeSummary(Path dir, Table t) throws IOException {
        int n = t.header().indexOf("n");
        Map<String, String> types = new LinkedHashMap<>();
        for (int c = 0; c < t.header().size(); c++) {
            String col = t.header().get(c);
            types.put(col, n >= 0 && c < n ? typeByContent(t, c)
                    : col.equals("n") || col.equals("failed") ? "INTEGER" : "DOUBLE");
        }
        convert(dir.resolve(SUMMARY), t.header(), types, t.rows());
    }

    /** The DuckDB type of a measurement column of {@code results.csv}. */
    static String resultType(String col) {
        return switch (col) {
            case "trial", "status", "error" -> "VARCHAR";
            case "repetition" -> "INTEGER";
            default -> col.endsWith("_ns") && !col.contains("mean") ? "BIGINT" : "DOUBLE";
        };
    }

    /** BIGINT when every cell is an integer, DOUBLE when every cell is a number, else VARCHAR. */
    static String typeByContent(Table t, int c) {
        boolean ints = !t.rows().isEmpty();
        boolean numbers = !t.rows().isEmpty();
        for (List<String> r : t.rows()) {
            String s = r.get(c);
            ints &= s.matches("-?\\d{1,18}");
            numbers &= s.matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
        }
        return ints ? "BIGINT" : numbers ? "DOUBLE" : "VARCHAR";
    }

    /** runner, host, version, start and elapsed time from {@code meta.json}, histograms from {@code latency.json}. */
    private static Map<String, String> provenance(Path trialDir) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        Path meta = trialDir.resolve("meta.json");
        if (Files.isRegularFile(meta)) {
            JsonNode j = readJson(meta);
            m.put("runner", j.path("runner").asText(""));
            m.put("host", j.path("host").path("hostname").asText(""));
            m.put("nfvperf_version", j.path("versions").path("nfvperf").asText(""));
            m.put("start", j.path("start").asText(""));
            m.put("elapsed_s", j.path("elapsed_s").isNumber() ? j.path("elapsed_s").asText() : "");
        }
        Path latency = trialDir.resolve("latency.json");
        if (Files.isRegularFile(latency)) {
            JsonNode j = readJson(latency);
            for (JsonNode s : j.path("segments")) {
                if (s.hasNonNull("hdrh")) {
                    m.put("seg_" + s.path("from").asText() + "_" + s.path("to").asText() + "_hdrh", s.path("hdrh").asText());
                }
            }
            if (j.path("end_to_end").hasNonNull("hdrh")) {
                m.put("lat_hdrh", j.path("end_to_end").path("hdrh").asText());
            }
        }
        return m;
    }

    private static JsonNode readJson(Path file) throws IOException {
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InputException(file + ": not JSON at line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage());
        }
    }

    /** Stages the rows as CSV and has DuckDB write them, cast to {@code types}, as ZSTD Parquet. */
    static void convert(Path target, List<String> header, Map<String, String> types, List<List<String>> rows)
            throws IOException {
        Path abs = target.toAbsolutePath();
        Path staged = abs.resolveSibling("." + abs.getFileName() + ".staged.csv");
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(staged, StandardCharsets.UTF_8);
                 CSVPrinter p = new CSVPrinter(w, FORMAT)) {
                p.printRecord(header);
                for (List<String> r : rows) {
                    p.printRecord(r);
                }
            }
            StringBuilder cols = new StringBuilder("{");
            StringBuilder select = new StringBuilder("SELECT ");
            for (int i = 0; i < header.size(); i++) {
                String h = header.get(i);
                String staging = "c" + i;
                cols.append(i == 0 ? "" : ", ").append(Sql.literal(staging)).append(": 'VARCHAR'");
                select.append(i == 0 ? "" : ", ").append("CAST(NULLIF(").append(staging).append(", '') AS ")
                        .append(types.getOrDefault(h, "VARCHAR")).append(") AS ").append(Sql.identifier(h));
            }
            cols.append('}');
            select.append(" FROM read_csv(").append(Sql.literal(staged.toString()))
                    .append(", header = true, delim = ',', quote = '\"', escape = '\"', columns = ").append(cols)
                    .append(")");
            try (Connection c = DuckDb.connect(); Statement s = c.createStatement()) {
                s.execute("COPY (" + select + ") TO " + Sql.literal(tmp.toString()) + " (FORMAT parquet, COMPRESSION zstd)");
            } catch (SQLException e) {
                throw new IOException(target + ": cannot write Parquet: " + e.getMessage(), e);
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(staged);
            Files.deleteIfExists(tmp);
        }
    }
}
