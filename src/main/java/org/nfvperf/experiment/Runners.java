package org.nfvperf.experiment;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds runner providers on the class path with {@link ServiceLoader}. Thread-safe.
 *
 * <pre>{@code
 * RunnerProvider p = Runners.available().get("command");
 * }</pre>
 */
public final class Runners {
    private Runners() {
    }

    /** Every provider on the class path by id, sorted by id. */
    public static Map<String, RunnerProvider> available() {
        Map<String, RunnerProvider> byId = new TreeMap<>();
        for (RunnerProvider p : ServiceLoader.load(RunnerProvider.class, Runners.class.getClassLoader())) {
            byId.putIfAbsent(p.id(), p);
        }
        return byId;
    }
}
