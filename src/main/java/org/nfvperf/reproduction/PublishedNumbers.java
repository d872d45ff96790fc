package org.nfvperf.reproduction;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.nfvperf.util.InputException;

/**
 * The numbers the paper publishes ({@code data/paper/published.csv}: key, section, source,
 * dataplane, subject, cpu_ghz, frame_size, metric, value, unit, note), which reproduced figures
 * overlay on their own data and the reproduction's claims are checked against; the one loader of that
 * file. Values stay text because some are not numbers (a component name).
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * PublishedNumbers paper = PublishedNumbers.load(PublishedNumbers.locate().orElseThrow());
 * double bess64 = paper.number("table1.bess.l3fwd.2.6").orElseThrow();   // 9.34
 * }</pre>
 */
public final class PublishedNumbers {
    /** Where the file lives in the repository. */
    public static final String RELATIVE_PATH = "data/paper/published.csv";

    /**
     * One published number.
     *
     * @param key       stable id, e.g. {@code table1.bess.l3fwd.2.6}
     * @param section   the paper's section, e.g. {@code 4.1}
     * @param dataplane {@code bess}, {@code clickos} or {@code both}
     * @param subject   the NF or chain
     * @param cpuGhz    CPU speed, {@code NaN} when not given
     * @param frameSize frame size in bytes, 0 when not given
     * @param metric    what is measured
     * @param value     the value as written
     * @param unit      its unit
     * @param note      the sentence it paraphrases
     */
    public record Entry(String key, String section, String dataplane, String subject, double cpuGhz, int frameSize,
            String metric, String value, String unit, String note) {
        public Entry {
            Objects.requireNonNull(key, "key");
            if (key.isBlank()) {
                throw new IllegalArgumentException("key must be non-blank: '" + key + "'");
            }
        }

        /** The value as a number, if it is one. */
        public Optional<Double> number() {
            try {
                return Optional.of(Double.parseDouble(value));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    private final Map<String, Entry> byKey;
    private final String source;

    private PublishedNumbers(Map<String, Entry> byKey, String source) {
        this.byKey = byKey;
        this.source = source;
    }

    /** No published numbers (figures then show reproduced data only). */
    public static PublishedNumbers none() {
        return new PublishedNumbers(Map.of(), "none");
    }

    /** Columns the file must have. */
    public static final List<String> COLUMNS = List.of("key", "section", "dataplane", "subject", "cpu_ghz",
            "frame_size", "metric", "value", "unit", "note");

    /** Loads the CSV; fails with the line of a bad row. */
    public static PublishedNumbers load(Path csv) throws IOException {
        Map<String, Entry> map = new LinkedHashMap<>();
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                        .setIgnoreSurroundingSpaces(true).get().parse(r)) {
            for (String c : COLUMNS) {
                if (!p.getHeaderNames().contains(c)) {
                    throw new InputException(csv + " line 1: expected column " + c + " among " + COLUMNS + ", found "
                            + p.getHeaderNames());
                }
            }
            for (CSVRecord rec : p) {
                long line = rec.getRecordNumber() + 1;
                if (!rec.isConsistent()) {
                    throw new InputException(csv + " line " + line + ": expected " + p.getHeaderNames().size()
                            + " fields, found " + rec.size());
                }
                String cpu = rec.get("cpu_ghz").strip();
                String size = rec.get("frame_size").strip();
                try {
                    Entry e = new Entry(rec.get("key"), rec.get("section"), rec.get("dataplane"), rec.get("subject"),
                            cpu.isEmpty() ? Double.NaN : Double.parseDouble(cpu),
                            size.isEmpty() ? 0 : Integer.parseInt(size), rec.get("metric"), rec.get("value"),
                            rec.get("unit"), rec.get("note"));
                    if (map.putIfAbsent(e.key(), e) != null) {
                        throw new InputException(csv + " line " + line + ": duplicate key " + e.key());
                    }
                } catch (NumberFormatException e) {
                    throw new InputException(csv + " line " + line + ": expected numbers in cpu_ghz and frame_size, "
                            + "found '" + cpu + "' and '" + size + "'");
                } catch (IllegalArgumentException e) {
                    throw new InputException(csv + " line " + line + ": " + e.getMessage());
                }
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new InputException(csv + ": not a CSV file: " + e.getMessage());
        }
        return new PublishedNumbers(map, csv.toString());
    }

    /**
     * Finds {@code data/paper/published.csv}: the system property {@code nfvperf.published}, then
     * the working directory and its parents, then the repository holding the running jar or classes.
     */
    public static Optional<Path> locate() {
        String prop = System.getProperty("nfvperf.published");
        if (prop != null && !prop.isBlank()) {
            return Optional.of(Path.of(prop));
        }
        List<Path> roots = new ArrayList<>();
        roots.add(Path.of("").toAbsolutePath());
        try {
            roots.add(Path.of(PublishedNumbers.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // no code source: only the working directory is searched
        }
        for (Path root : roots) {
            for (Path p = root; p != null; p = p.getParent()) {
                Path candidate = p.resolve(RELATIVE_PATH);
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Where these numbers were read from, or {@code none}. */
    public String source() {
        return source;
    }

    /** All entries in file order. */
    public List<Entry> entries() {
        return List.copyOf(byKey.values());
    }

    /** The entry with this key. */
    public Optional<Entry> get(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** The numeric value of the entry with this key. */
    public Optional<Double> number(String key) {
        return get(key).flatMap(Entry::number);
    }

    /** Table 1's published 64B throughput (Mpps) for a dataplane, NF and CPU speed. */
    public Optional<Double> table1(String dataplane, String nf, double cpuGhz) {
        return number(String.format(Locale.ROOT, "table1.%s.%s.%.1f", dataplane.toLowerCase(Locale.ROOT),
                nf.toLowerCase(Locale.ROOT), cpuGhz));
    }
}
