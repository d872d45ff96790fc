package org.nfvperf.figures;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the data of a figure, table or report came from: the emulated testbed calibrated to the
 * paper, a run of real dataplanes in Linux network namespaces on a named host at a given date, or
 * the user's own files. Every builder of this package prints {@link #label()} on what it makes
 * (a footer under each exported figure, a line in each report), so that nobody mistakes a model's
 * output for a measurement.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * Provenance p = Provenance.netns("lab-01", "2026-11-26T01:10Z");
 * p.label();     // "netns run on host lab-01 at 2026-11-26T01:10Z"
 * p.shortTag();  // "netns"
 * }</pre>
 *
 * @param kind   the kind of source
 * @param detail free text that completes the label (model version, file names); may be empty
 * @param host   the host that produced the data (netns runs); may be empty
 * @param date   when the data was produced, ISO-8601 as written by the producer; may be empty
 */
public record Provenance(Kind kind, String detail, String host, String date) {
    /** The kinds of data source. */
    public enum Kind {
        /** The embedded discrete-event model of the paper's testbed. */
        EMULATED,
        /** Real dataplanes in Linux network namespaces on this or another host. */
        NETNS,
        /** Tables or results the user brought. */
        USER_FILES
    }

    public Provenance {
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? "" : detail.strip();
        host = host == null ? "" : host.strip();
        date = date == null ? "" : date.strip();
        if (kind == Kind.NETNS && host.isEmpty()) {
            throw new IllegalArgumentException("host must be non-empty for a netns run: '" + host + "'");
        }
    }

    /** Data from the emulated testbed; {@code detail} names the model or its version (may be empty). */
    public static Provenance emulated(String detail) {
        return new Provenance(Kind.EMULATED, detail, "", "");
    }

    /** Data from a netns run on {@code host} at {@code date}. */
    public static Provenance netns(String host, String date) {
        return new Provenance(Kind.NETNS, "", host, date);
    }

    /** Data from the user's own files, named in the label. */
    public static Provenance userFiles(List<String> files) {
        return new Provenance(Kind.USER_FILES, String.join(", ", files), "", "");
    }

    /** Returns a copy with the given date. */
    public Provenance withDate(String newDate) {
        return new Provenance(kind, detail, host, newDate);
    }

    /** Writes this provenance as JSON ({@code kind, detail, host, date}) to {@code file}. */
    public void write(java.nio.file.Path file) throws java.io.IOException {
        java.nio.file.Files.writeString(file, org.nfvperf.util.Json.write(this) + "\n");
    }

    /**
     * Reads a provenance written by {@link #write}.
     *
     * @throws org.nfvperf.util.InputException if the file is not such JSON
     */
    public static Provenance read(java.nio.file.Path file) throws java.io.IOException {
        try {
            return org.nfvperf.util.Json.MAPPER.readValue(file.toFile(), Provenance.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new org.nfvperf.util.InputException(file + ": expected a provenance object {kind, detail, host, date}, found "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** One line saying where the data came from, for footers and reports. */
    public String label() {
        String base = switch (kind) {
            case EMULATED -> "emulated testbed calibrated to Niu et al. (no measurement)";
            case NETNS -> "netns run on host " + host;
            case USER_FILES -> "user's files";
        };
        StringBuilder sb = new StringBuilder(base);
        if (!detail.isEmpty()) {
            sb.append(kind == Kind.USER_FILES ? ": " : ", ").append(detail);
        }
        if (!date.isEmpty()) {
            sb.append(" at ").append(date);
        }
        return sb.toString();
    }

    /** A word for chart titles: {@code emulated}, {@code netns} or {@code user data}. */
    public String shortTag() {
        return kind == Kind.USER_FILES ? "user data" : kind.name().toLowerCase(Locale.ROOT);
    }
}
