package org.nfvperf.testbed.emulated;

import java.util.Map;

import org.nfvperf.experiment.Runner;
import org.nfvperf.experiment.RunnerProvider;

/**
 * Creates the {@code emulated} runner from a spec's {@code runner_options}; the only option is
 * {@code window_packets} (largest simulated window, default 1,000,000). Registered in
 * {@code META-INF/services/org.nfvperf.experiment.RunnerProvider}. Stateless and thread-safe.
 *
 * <pre>{@code
 * Runner r = new EmulatedRunnerProvider().create(Map.of("window_packets", 200000));
 * }</pre>
 */
public final class EmulatedRunnerProvider implements RunnerProvider {
    @Override
    public String id() {
        return EmulatedRunner.ID;
    }

    @Override
    public Runner create(Map<String, Object> options) {
        for (String key : options.keySet()) {
            if (!key.equals("window_packets")) {
                throw new IllegalArgumentException("runner_options must only set window_packets for the emulated runner: "
                        + key);
            }
        }
        Object w = options.get("window_packets");
        if (w == null) {
            return new EmulatedRunner();
        }
        long v;
        try {
            v = w instanceof Number n ? n.longValue() : Long.parseLong(w.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("window_packets must be a whole number: " + w);
        }
        if (v < 1000 || v > 100_000_000) {
            throw new IllegalArgumentException("window_packets must be in [1000, 100000000]: " + w);
        }
        return new EmulatedRunner((int) v);
    }
}
