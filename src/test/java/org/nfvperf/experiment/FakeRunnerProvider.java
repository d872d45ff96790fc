package org.nfvperf.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test-only runner {@code fake}: writes small text artifacts that {@link FakeAnalyzer} reads back,
 * so that the orchestrator is tested without any testbed. Options:
 * <ul>
 *   <li>{@code journal}: a file to which every run appends {@code <trial id>\n} (counts runs);</li>
 *   <li>{@code sleep_ms}: time each trial takes;</li>
 *   <li>{@code fail_dataplane}: trials with this dataplane throw from {@code run};</li>
 *   <li>{@code reject_dataplane}: trials with this dataplane fail {@code validate};</li>
 *   <li>{@code extra_factors}: factor names accepted beyond the built-in ones.</li>
 * </ul>
 */
public final class FakeRunnerProvider implements RunnerProvider {
    private static final Set<String> OPTIONS = Set.of("journal", "sleep_ms", "fail_dataplane", "reject_dataplane",
            "extra_factors");

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public Runner create(Map<String, Object> options) {
        for (String k : options.keySet()) {
            if (!OPTIONS.contains(k)) {
                throw new IllegalArgumentException("unknown option '" + k + "'");
            }
        }
        return new FakeRunner(options);
    }

    static final class FakeRunner implements Runner {
        private final Map<String, Object> options;

        FakeRunner(Map<String, Object> options) {
            this.options = options;
        }

        @Override
        public String id() {
            return "fake";
        }

        @Override
        public boolean acceptsFactor(String name) {
            Object extra = options.get("extra_factors");
            return extra instanceof List<?> l && l.contains(name);
        }

        @Override
        public void validate(Trial trial) {
            Object reject = options.get("reject_dataplane");
            if (reject != null && reject.equals(trial.factor("dataplane", ""))) {
                throw new IllegalArgumentException("dataplane " + reject + " is not supported");
            }
        }

        @Override
        public Map<String, Object> run(Trial trial, Path trialDir) throws Exception {
            try (var files = Files.list(trialDir)) {
                if (files.findAny().isPresent()) {
                    throw new IllegalStateException("trial folder not empty: " + trialDir);
                }
            }
            Object journal = options.get("journal");
            if (journal != null) {
                synchronized (FakeRunner.class) {
                    Files.writeString(Path.of(journal.toString()), trial.id() + "\n", StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
            }
            Object sleep = options.get("sleep_ms");
            if (sleep != null) {
                Thread.sleep(((Number) sleep).longValue());
            }
            if (trial.factor("dataplane", "").equals(options.get("fail_dataplane"))) {
                throw new IOException("fake testbed lost the link");
            }
            double tx = trial.offeredMpps();
            double rx = tx * FakeAnalyzer.deliveredFraction(trial);
            Files.writeString(trialDir.resolve("gen-tx.log"), "fake tx_mpps=" + tx + "\n");
            Files.writeString(trialDir.resolve("gen-rx.log"), "fake rx_mpps=" + rx + "\n");
            for (String tap : trial.taps()) {
                Files.writeString(trialDir.resolve("tap-" + tap + ".pcap"), "fake capture " + tap + "\n");
            }
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("fake_version", "1.0");
            return info;
        }
    }
}
