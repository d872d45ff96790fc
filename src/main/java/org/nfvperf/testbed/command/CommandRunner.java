package org.nfvperf.testbed.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.nfvperf.experiment.Runner;
import org.nfvperf.experiment.Trial;
import org.nfvperf.throughput.LinkSpeed;

/**
 * The {@code command} runner: runs a trial on the user's own testbed through shell templates.
 * Thread-safe: trials in parallel run separate processes.
 *
 * <p>Steps, each a template in {@code runner_options}, run in this order with {@code bash -c} in the
 * trial folder (the working directory), each in its own process group: {@code setup} (optional),
 * {@code run} (required), {@code collect} (optional), then {@code teardown} (optional, always, even
 * after a failure). Together they must leave {@code gen-tx.log}, {@code gen-rx.log} and
 * {@code tap-<name>.pcap} (or {@code .pcapng}) for every tap in the trial folder. Each step's stdout
 * and stderr are kept as {@code cmd-<step>.out} and {@code cmd-<step>.err}.
 *
 * <p>Other options: {@code timeout_s} (seconds for setup + run + collect together; default
 * {@code 60 + 10 × duration_s}); on expiry the step's whole process group is killed and the trial
 * fails), {@code teardown_timeout_s} (default 60), {@code shell} (default {@code bash}),
 * {@code env} (a mapping of environment variables for every step). When the trial ends, every
 * process still left in a step's process group is killed, and so are those of running trials when
 * the JVM exits (Ctrl-C, SIGTERM; not SIGKILL, which leaves them to the operating system).
 *
 * <p>Placeholders, each replaced by a single-quoted value: {@code {frame_size}} (bytes, 64 when the
 * spec has no such factor), {@code {rate}} (as written, {@code line} when absent),
 * {@code {rate_mpps}} (offered Mpps, the line rate for {@code line}), {@code {duration_s}},
 * {@code {trial_dir}} (absolute), {@code {trial_id}}, {@code {experiment}}, {@code {repetition}},
 * {@code {link}} (as written), {@code {link_bps}}, {@code {taps}} (one quoted word per tap, in path order),
 * {@code {max_packets}}, and every factor of the spec by its name. The same values are in the
 * environment as {@code NFVPERF_<NAME>} (upper case).
 *
 * <pre>{@code
 * runner: command
 * runner_options:
 *   timeout_s: 30
 *   run: |
 *     ssh gen1 pkt-gen -i ix0 -f tx -l {frame_size} -R {rate_mpps}e6 -T 1000 > gen-tx.log
 * }</pre>
 */
public final class CommandRunner implements Runner {
    /** The runner's id. */
    public static final String ID = "command";
    /** The steps in the order they run. */
    public static final List<String> STEPS = List.of("setup", "run", "collect", "teardown");
    private static final Set<String> OPTIONS = Set.of("setup", "run", "collect", "teardown", "timeout_s",
            "teardown_timeout_s", "shell", "env");
    private static final Set<String> BUILT_IN = Set.of("frame_size", "rate", "rate_mpps", "duration_s", "trial_dir",
            "trial_id", "experiment", "repetition", "link", "link_bps", "taps", "max_packets");

    private final Map<String, Template> templates;
    private final double timeoutSeconds;
    private final double teardownTimeoutSeconds;
    private final String shell;
    private final Map<String, String> env;

    /**
     * @param templates              step name to template; {@code run} required
     * @param timeoutSeconds         seconds for setup + run + collect, or NaN for {@code 60 + 10 × duration_s}
     * @param teardownTimeoutSeconds seconds for teardown, &gt; 0
     * @param shell                  the shell that runs each step with {@code -c}
     * @param env                    extra environment variables
     */
    public CommandRunner(Map<String, Template> templates, double timeoutSeconds, double teardownTimeoutSeconds,
                         String shell, Map<String, String> env) {
        if (!templates.containsKey("run")) {
            throw new IllegalArgumentException("option 'run' is required: the command that runs a trial");
        }
        if (!Double.isNaN(timeoutSeconds) && !(timeoutSeconds > 0)) {
            throw new IllegalArgumentException("timeout_s must be > 0: " + timeoutSeconds);
        }
        if (!(teardownTimeoutSeconds > 0)) {
            throw new IllegalArgumentException("teardown_timeout_s must be > 0: " + teardownTimeoutSeconds);
        }
        this.templates = new LinkedHashMap<>();
        for (String step : STEPS) {
            if (templates.containsKey(step)) {
                this.templates.put(step, templates.get(step));
            }
        }
        this.timeoutSeconds = timeoutSeconds;
        this.teardownTimeoutSeconds = teardownTimeoutSeconds;
        this.shell = shell;
        this.env = Map.copyOf(env);
    }

    /**
     * Builds a runner from a spec's {@code runner_options}.
     *
     * @throws IllegalArgumentException naming the bad option
     */
    public static CommandRunner fromOptions(Map<String, Object> options) {
        for (String k : options.keySet()) {
            if (!OPTIONS.contains(k)) {
                throw new IllegalArgumentException("unknown option '" + k + "' (known: setup, run, collect, teardown, "
                        + "timeout_s, teardown_timeout_s, shell, env)");
            }
        }
        Map<String, Template> templates = new LinkedHashMap<>();
        for (String step : STEPS) {
            Object v = options.get(step);
            if (v == null) {
                continue;
            }
            if (!(v instanceof String s)) {
                throw new IllegalArgumentException("option '" + step + "' must be a command string, found " + v);
            }
            templates.put(step, Template.parse(step, s));
        }
        double timeout = seconds(options, "timeout_s", Double.NaN);
        double teardownTimeout = seconds(options, "teardown_timeout_s", 60);
        Object shell = options.getOrDefault("shell", "bash");
        if (!(shell instanceof String sh) || sh.isBlank()) {
            throw new IllegalArgumentException("option 'shell' must be a program name: " + shell);
        }
        Map<String, String> env = new LinkedHashMap<>();
        Object e = options.get("env");
        if (e != null) {
            if (!(e instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("option 'env' must be a mapping of variables: " + e);
            }
            m.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
        }
        return new CommandRunner(templates, timeout, teardownTimeout, sh, env);
    }

    private static double seconds(Map<String, Object> options, String key, double otherwise) {
        Object v = options.get(key);
        if (v == null) {
            return otherwise;
        }
        if (!(v instanceof Number n) || !(n.doubleValue() > 0)) {
            throw new IllegalArgumentException("option '" + key + "' must be a number of seconds > 0: " + v);
        }
        return n.doubleValue();
    }

    @Override
    public String id() {
        return ID;
    }

    /** A factor is taken when a template uses it as a placeholder. */
    @Override
    public boolean acceptsFactor(String name) {
        return templates.values().stream().anyMatch(t -> t.placeholders().contains(name));
    }

    @Override
    public void validate(Trial trial) {
        Map<String, Object> values = values(trial, Path.of("/trial"));
        for (Template t : templates.values()) {
            t.expand(values);
        }
    }

    /** The placeholder values of a trial. */
    static Map<String, Object> values(Trial trial, Path trialDir) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("experiment", trial.experiment());
        v.put("trial_id", trial.id());
        v.put("trial_dir", trialDir.toAbsolutePath().toString());
        v.put("repetition", Integer.toString(trial.repetition()));
        v.put("link", trial.link());
        v.put("link_bps", Long.toString(LinkSpeed.parse(trial.link()).bitsPerSecond()));
        v.put("duration_s", plain(trial.durationSeconds()));
        v.put("taps", trial.taps());
        v.put("max_packets", Long.toString(trial.maxPacketsPerTap()));
        v.put("frame_size", Integer.toString(trial.frameSizeBytes()));
        v.put("rate", trial.factor("rate", "line"));
        v.put("rate_mpps", plain(trial.offeredMpps()));
        v.putAll(trial.factors());
        return v;
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : java.math.BigDecimal.valueOf(v).toPlainString();
    }

    @Override
    public Map<String, Object> run(Trial trial, Path trialDir) throws Exception {
        Map<String, Object> values = values(trial, trialDir);
        double timeout = Double.isNaN(timeoutSeconds) ? 60 + 10 * trial.durationSeconds() : timeoutSeconds;
        long deadline = System.nanoTime() + (long) (timeout * 1e9);
        List<Map<String, Object>> steps = new ArrayList<>();
        List<Long> groups = new ArrayList<>();
        IOException failure = null;
        RUNNING.incrementAndGet();
        try {
            for (Map.Entry<String, Template> e : templates.entrySet()) {
                if (e.getKey().equals("teardown")) {
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    failure = new IOException("step '" + e.getKey() + "' not started: timeout_s " + plain(timeout) + " used up");
                    break;
                }
                failure = runStep(e.getKey(), e.getValue().expand(values), trialDir, values, left,
                        "timeout_s " + plain(timeout), steps, groups);
                if (failure != null) {
                    break;
                }
            }
            if (failure == null) {
                failure = missingArtifacts(trial, trialDir);
            }
        } finally {
            try {
                Template teardown = templates.get("teardown");
                if (teardown != null) {
                    IOException t = runStep("teardown", teardown.expand(values), trialDir, values,
                            (long) (teardownTimeoutSeconds * 1e9), "teardown_timeout_s " + plain(teardownTimeoutSeconds),
                            steps, groups);
                    if (failure == null) {
                        failure = t;
                    }
                }
            } finally {
                for (long g : groups) {
                    killGroup(g);
                    LIVE_GROUPS.remove(g);
                }
                RUNNING.decrementAndGet();
            }
        }
        if (failure != null) {
            throw failure;
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("shell", shell);
        info.put("steps", steps);
        return info;
    }

    /** Runs one step; returns null on success, else why it failed. */
    private IOException runStep(String step, String command, Path trialDir, Map<String, Object> values, long timeoutNanos,
                                String limit, List<Map<String, Object>> steps, List<Long> groups)
            throws IOException, InterruptedException {
        Path out = trialDir.resolve("cmd-" + step + ".out");
        Path err = trialDir.resolve("cmd-" + step + ".err");
        List<String> argv = new ArrayList<>();
        if (SETSID != null) {
            argv.add(SETSID);
            argv.add("--wait");
        }
        argv.add(shell);
        argv.add("-c");
        argv.add(command);
        ProcessBuilder pb = new ProcessBuilder(argv).directory(trialDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                        Path.of("/dev/null").toFile()));
        Map<String, String> environment = pb.environment();
        values.forEach((k, v) -> environment.put("NFVPERF_" + k.toUpperCase(Locale.ROOT),
                v instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf).toList()) : String.valueOf(v)));
        environment.putAll(env);
        long t0 = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new IOException("step '" + step + "': cannot start " + shell + ": " + e.getMessage());
        }
        if (SETSID != null) {
            groups.add(p.pid());
            LIVE_GROUPS.add(p.pid());
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("step", step);
        record.put("command", command);
        steps.add(record);
        boolean done;
        try {
            done = p.waitFor(Math.max(timeoutNanos, 1), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            kill(p);
            throw e;
        }
        record.put("elapsed_s", (System.nanoTime() - t0) / 1e9);
        if (!done) {
            kill(p);
            record.put("exit_code", null);
            return new IOException("step '" + step + "' timed out (" + limit + "); its process group was killed");
        }
        int code = p.exitValue();
        record.put("exit_code", code);
        if (code != 0) {
            String last = lastLine(err);
            return new IOException("step '" + step + "' exited with status " + code + (last.isEmpty() ? "" : ": " + last)
                    + " (see " + err.getFileName() + ")");
        }
        return null;
    }

    private static IOException missingArtifacts(Trial trial, Path dir) {
        List<String> missing = new ArrayList<>();
        for (String f : List.of("gen-tx.log", "gen-rx.log")) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                missing.add(f);
            }
        }
        for (String tap : trial.taps()) {
            if (!Files.isRegularFile(dir.resolve("tap-" + tap + ".pcap"))
                    && !Files.isRegularFile(dir.resolve("tap-" + tap + ".pcapng"))) {
                missing.add("tap-" + tap + ".pcap");
            }
        }
        return missing.isEmpty() ? null : new IOException("the commands left no " + String.join(", ", missing)
                + " in the trial folder");
    }

    private static String lastLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String l = lines.get(i).strip();
                if (!l.isEmpty()) {
                    return l.length() > 200 ? l.substring(0, 200) + "..." : l;
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // the message then has no excerpt
        }
        return "";
    }

    /** Kills the process's group (or, without setsid, the process and its descendants) and waits for it. */
    private static void kill(Process p) throws InterruptedException {
        if (SETSID != null) {
            killGroup(p.pid());
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
    }

    /** SIGKILL to every process of group {@code pgid}; no error when none is left. */
    private static void killGroup(long pgid) {
        try {
            Process k = new ProcessBuilder("kill", "-KILL", "--", "-" + pgid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            k.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill(1): the caller also destroys the process and its descendants
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code setsid(1)} when present: every step gets its own process group to kill. */
    private static final String SETSID = findSetsid();

    /**
     * Process groups of trials still running. Steps run in their own sessions, out of reach of a
     * terminal's Ctrl-C, so a JVM that exits (Ctrl-C, SIGTERM) kills them on its way out.
     */
    private static final Set<Long> LIVE_GROUPS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Trials of this runner running now. */
    private static final java.util.concurrent.atomic.AtomicInteger RUNNING = new java.util.concurrent.atomic.AtomicInteger();

    static {
        // the groups catch what a step left in the background; the descendants what started a moment
        // before its group was registered
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LIVE_GROUPS.forEach(CommandRunner::killGroup);
            if (RUNNING.get() > 0) {
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
            }
        }, "nfvperf-command-cleanup"));
    }

    private static String findSetsid() {
        for (String p : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }

    /** The steps this runner has, in run order. */
    public Set<String> steps() {
        return new LinkedHashSet<>(templates.keySet());
    }
}
