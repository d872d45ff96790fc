package org.nfvperf.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nfvperf.throughput.LinkSpeed;

/**
 * A sweep as a YAML spec describes it: the runner, the link, the trial duration, the taps to
 * capture, and factors whose full cross product (times {@code repetitions}) gives the trials.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * Experiment e = Experiment.fromYaml("""
 *     name: fig2
 *     runner: emulated
 *     link: 10G
 *     duration_s: 1
 *     capture: {taps: [pnic0, pnic1], max_packets: 100000}
 *     factors:
 *       dataplane: [bess, clickos]
 *       frame_size: [64, 1500]
 *     """);
 * List<Trial> trials = e.trials();   // 4 trials
 * }</pre>
 *
 * @param name             the sweep's name, also its folder under the output directory
 * @param source           where the spec came from (file name as given, or {@code <string>}), for messages
 * @param runner           runner id, e.g. {@code emulated}
 * @param runnerOptions    the spec's {@code runner_options} as plain Java values (String, Long, Double,
 *                         Boolean, List, Map), never null
 * @param link             link speed
 * @param durationSeconds  trial duration in seconds, &gt; 0
 * @param repetitions      repetitions of every point, &gt;= 1
 * @param taps             capture points in path order
 * @param maxPacketsPerTap cap on packets per tap capture, &gt;= 0
 * @param factors          factor name to values as written, in spec order
 * @param lines            1-based spec line of each key path ({@code factors.rate}, {@code factors.rate[1]},
 *                         {@code runner_options.run}); see {@link #lineOf(String)}
 */
public record Experiment(String name, String source, String runner, Map<String, Object> runnerOptions,
                         LinkSpeed link, double durationSeconds, int repetitions, List<String> taps,
                         long maxPacketsPerTap, Map<String, List<String>> factors, Map<String, Integer> lines) {
    /** The runner used when a spec names none. */
    public static final String DEFAULT_RUNNER = "emulated";

    public Experiment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(runner, "runner");
        runnerOptions = Collections.unmodifiableMap(new LinkedHashMap<>(runnerOptions));
        Objects.requireNonNull(link, "link");
        if (!(durationSeconds > 0) || Double.isInfinite(durationSeconds)) {
            throw new IllegalArgumentException("durationSeconds must be > 0: " + durationSeconds);
        }
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be >= 1: " + repetitions);
        }
        taps = List.copyOf(taps);
        if (maxPacketsPerTap < 0) {
            throw new IllegalArgumentException("maxPacketsPerTap must be >= 0: " + maxPacketsPerTap);
        }
        Map<String, List<String>> f = new LinkedHashMap<>();
        factors.forEach((k, v) -> {
            if (v.isEmpty()) {
                throw new IllegalArgumentException("factor " + k + " must have at least one value: " + v);
            }
            f.put(k, List.copyOf(v));
        });
        factors = Collections.unmodifiableMap(f);
        lines = Map.copyOf(lines);
    }

    /**
     * Reads and checks a spec file.
     *
     * @throws SpecException naming the file and line of the first fault
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     */
    public static Experiment load(Path path) throws IOException {
        return SpecParser.parse(SpecParser.read(path), path.toString());
    }

    /** Parses and checks a spec given as text; messages name it {@code <string>}. */
    public static Experiment fromYaml(String yaml) {
        return SpecParser.parse(yaml, "<string>");
    }

    /** Parses and checks a spec given as text; messages name it {@code source}. */
    public static Experiment fromYaml(String yaml, String source) {
        return SpecParser.parse(yaml, source);
    }

    /** Number of trials: the product of the factors' value counts times {@link #repetitions()}. */
    public int trialCount() {
        long n = repetitions;
        for (List<String> v : factors.values()) {
            n *= v.size();
        }
        return Math.toIntExact(n);
    }

    /**
     * Every trial of the sweep: repetition 1 of every point first (the first factor varies
     * slowest, the last fastest), then repetition 2, and so on. Ids come from {@link TrialIds}.
     */
    public List<Trial> trials() {
        List<Map<String, String>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> f : factors.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>(points.size() * f.getValue().size());
            for (Map<String, String> p : points) {
                for (String v : f.getValue()) {
                    Map<String, String> q = new LinkedHashMap<>(p);
                    q.put(f.getKey(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        List<Trial> trials = new ArrayList<>(points.size() * repetitions);
        for (int rep = 1; rep <= repetitions; rep++) {
            for (Map<String, String> p : points) {
                trials.add(new Trial(name, TrialIds.of(this, p, rep), p, link.toString(), durationSeconds, rep, taps,
                        maxPacketsPerTap));
            }
        }
        return trials;
    }

    /**
     * The spec line of a key path, or of its nearest parent that has one ({@code factors.rate[2]}
     * falls back to {@code factors.rate}, then {@code factors}); 1 when none is known.
     */
    public int lineOf(String path) {
        String p = path;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                return 1;
            }
            p = p.substring(0, cut);
        }
    }

    /** The line of one factor value, e.g. {@code lineOfFactorValue("rate", "8")}. */
    public int lineOfFactorValue(String factor, String value) {
        List<String> values = factors.get(factor);
        int i = values == null ? -1 : values.indexOf(value);
        return lineOf(i < 0 ? "factors." + factor : "factors." + factor + "[" + i + "]");
    }

    /** A {@link SpecException} located at the line of {@code path}. */
    public SpecException error(String path, String detail) {
        return new SpecException(source, lineOf(path), detail);
    }
}
