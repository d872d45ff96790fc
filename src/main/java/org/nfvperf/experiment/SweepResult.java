package org.nfvperf.experiment;

import java.nio.file.Path;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * What {@link Orchestrator#execute} did: the result rows of the sweep's trials (as CSV cells, in run
 * order) and how many trials ran now. Immutable and thread-safe.
 *
 * <pre>{@code
 * SweepResult r = Orchestrator.execute(experiment, Path.of("out"), options);
 * System.out.println(r.ran() + " trials ran, " + r.failed() + " failed; " + r.dir().resolve("results.csv"));
 * }</pre>
 *
 * @param dir     the experiment folder {@code <out>/<name>}
 * @param columns the header of {@code results.csv}
 * @param rows    one row per trial of the sweep, in run order
 * @param ran     trials run by this call (the others were finished before)
 */
public record SweepResult(Path dir, List<String> columns, List<List<String>> rows, int ran) {
    public SweepResult {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        if (ran < 0 || ran > rows.size()) {
            throw new IllegalArgumentException("ran must be in [0, " + rows.size() + "]: " + ran);
        }
    }

    /** Rows whose status is {@code failed}. */
    public int failed() {
        int status = columns.indexOf("status");
        return (int) rows.stream().filter(r -> !ResultStore.OK.equals(r.get(status))).count();
    }

    /** The rows as a typed table (see {@link ResultStore#read(Path)}). */
    public Table table() {
        return ResultStore.toTable(dir.getFileName().toString(), columns, rows);
    }
}
