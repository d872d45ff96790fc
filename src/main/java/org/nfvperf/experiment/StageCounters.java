package org.nfvperf.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nfvperf.util.InputException;
import org.nfvperf.util.Json;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Where the CPU goes and where packets are dropped, per stage of the path, for one trial: the
 * runner-neutral artifact {@code stages.json} in a trial folder, and the sweep-wide table
 * {@code stages.csv} (one row per trial: the results row's factors and {@code cpu_<stage>_pct},
 * {@code drop_<stage>_pkts}). Stateless and thread-safe.
 *
 * <p>{@code stages.json} (written by the emulated runner from its model, by the netns runner from
 * /proc and interface counters, and by a {@code command} runner's collect step if it wants these
 * columns):
 * <pre>{@code
 * {"source": "emulated model",
 *  "stages": [{"stage": "bess_worker_pnic_vnic", "kind": "cpu", "cpu_pct": 97.5, "drop_pkts": 5560000},
 *             {"stage": "pnic1_tx", "kind": "wire", "drop_pkts": 0}]}
 * }</pre>
 * {@code stage} is a name of letters, digits and underscores; {@code cpu_pct} is the share of one
 * core the stage spent on packets over the trial (absent for stages that use no CPU, and for
 * busy-polling stages it counts useful work, not the empty polls); {@code drop_pkts} the packets
 * dropped at the stage's input (a full ring or queue in front of it) over the trial.
 *
 * <pre>{@code
 * Table wide = StageCounters.sweepTable(Path.of("results/bottleneck"));
 * wide.doubleColumn("cpu_bess_worker_pnic_vnic_pct");
 * }</pre>
 */
public final class StageCounters {
    /** File name of the per-trial counters. */
    public static final String FILE = "stages.json";
    /** File name of the sweep-wide table. */
    public static final String SWEEP_FILE = "stages.csv";

    private StageCounters() {
    }

    /**
     * One stage's counters.
     *
     * @param stage    name, letters, digits and underscores
     * @param kind     what the stage is ({@code cpu}, {@code wire}, {@code queue}, ...)
     * @param cpuPercent   share of one core spent on packets, percent; NaN when the stage uses no CPU
     * @param dropPkts packets dropped over the trial, &gt;= 0; -1 when unknown
     */
    public record Stage(String stage, String kind, double cpuPercent, long dropPkts) {
        public Stage {
            if (!stage.matches("[a-z0-9_]+")) {
                throw new IllegalArgumentException("stage must be lower-case letters, digits and _: " + stage);
            }
            if (!(Double.isNaN(cpuPercent) || cpuPercent >= 0)) {
                throw new IllegalArgumentException("cpuPercent must be >= 0: " + cpuPercent);
            }
            if (dropPkts < -1) {
                throw new IllegalArgumentException("dropPkts must be >= 0 or -1 (unknown): " + dropPkts);
            }
        }
    }

    /** A stage name from free text: {@code "bess-worker pnic->vnic"} becomes {@code bess_worker_pnic_vnic}. */
    public static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return s.replaceAll("^_+|_+$", "");
    }

    /** Writes {@code stages.json} into a trial folder. */
    public static void write(Path trialDir, String source, List<Stage> stages) throws IOException {
        List<Object> list = new ArrayList<>();
        for (Stage s : stages) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stage", s.stage());
            m.put("kind", s.kind());
            if (!Double.isNaN(s.cpuPercent())) {
                m.put("cpu_pct", s.cpuPercent());
            }
            if (s.dropPkts() >= 0) {
                m.put("drop_pkts", s.dropPkts());
            }
            list.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("source", source);
        doc.put("stages", list);
        ResultStore.writeAtomically(trialDir.resolve(FILE), Json.write(doc) + "\n");
    }

    /**
     * Reads a trial folder's {@code stages.json}; empty when there is none.
     *
     * @throws InputException naming the file when it is not as documented
     */
    public static Optional<List<Stage>> read(Path trialDir) throws IOException {
        Path f = trialDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        JsonNode doc;
        try {
            doc = Json.MAPPER.readTree(f.toFile());
        } catch (IOException e) {
            throw new InputException(f + ": not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        JsonNode stages = doc == null ? null : doc.get("stages");
        if (stages == null || !stages.isArray()) {
            throw new InputException(f + ": expected an object with a \"stages\" array");
        }
        List<Stage> out = new ArrayList<>();
        for (JsonNode n : stages) {
            try {
                JsonNode name = n.get("stage");
                if (name == null || !name.isTextual()) {
                    throw new IllegalArgumentException("a stage without a \"stage\" name");
                }
                JsonNode cpu = n.get("cpu_pct");
                JsonNode drop = n.get("drop_pkts");
                out.add(new Stage(name.asText(), n.path("kind").asText("unknown"),
                        cpu == null || cpu.isNull() ? Double.NaN : cpu.asDouble(),
                        drop == null || drop.isNull() ? -1 : drop.asLong()));
            } catch (IllegalArgumentException e) {
                throw new InputException(f + ": " + e.getMessage());
            }
        }
        return Optional.of(out);
    }

    /** The counters as flat {@code meta.json} entries: {@code cpu_<stage>_pct}, {@code drop_<stage>_pkts}. */
    public static Map<String, Object> columns(List<Stage> stages) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Stage s : stages) {
            if (!Double.isNaN(s.cpuPercent())) {
                m.put("cpu_" + s.stage() + "_pct", s.cpuPercent());
            }
            if (s.dropPkts() >= 0) {
                m.put("drop_" + s.stage() + "_pkts", s.dropPkts());
            }
        }
        return m;
    }

    /**
     * The sweep's results with one {@code cpu_<stage>_pct} and {@code drop_<stage>_pkts} column per
     * stage any trial reported (empty where a trial did not), from {@code results.csv} and each
     * trial's {@code stages.json}.
     */
    public static Table sweepTable(Path sweepDir) throws IOException {
        Table results = ResultStore.read(sweepDir);
        List<Map<String, Object>> perTrial = new ArrayList<>();
        Set<String> cols = new LinkedHashSet<>();
        for (String trial : results.stringColumn("trial")) {
            Map<String, Object> c = read(sweepDir.resolve("trials").resolve(trial)).map(StageCounters::columns)
                    .orElse(Map.of());
            cols.addAll(c.keySet());
            perTrial.add(c);
        }
        Table t = results.copy();
        for (String c : cols) {
            DoubleColumn col = DoubleColumn.create(c);
            for (Map<String, Object> m : perTrial) {
                Object v = m.get(c);
                col.append(v == null ? Double.NaN : ((Number) v).doubleValue());
            }
            t.addColumns(col);
        }
        return t;
    }

    /** Writes {@code stages.csv} beside {@code results.csv} when some trial has counters; whether it did. */
    static boolean writeSweepTable(Path sweepDir) throws IOException {
        Table t = sweepTable(sweepDir);
        if (t.columnNames().stream().noneMatch(c -> c.startsWith("cpu_") || c.startsWith("drop_"))) {
            return false;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            for (String c : t.columnNames()) {
                Object v = t.column(c).get(i);
                r.put(c, v instanceof Number n ? (Object) n.doubleValue() : v == null ? "" : v.toString());
            }
            rows.add(r);
        }
        ResultStore.writeAtomically(sweepDir.resolve(SWEEP_FILE), SpecSearch.csv(rows));
        return true;
    }
}
