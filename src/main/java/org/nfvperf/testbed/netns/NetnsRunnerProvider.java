package org.nfvperf.testbed.netns;

import java.util.Map;
import java.util.Set;
import org.nfvperf.experiment.Runner;
import org.nfvperf.experiment.RunnerProvider;

/**
 * Creates the {@link NetnsRunner} for {@code runner: netns}; found by {@link java.util.ServiceLoader}.
 * Options: {@code helper_heap_mb} (heap of the generator and sink JVMs, default 128),
 * {@code java} (java executable for them, default this JVM's), {@code generator} ({@code auto}: trafgen
 * when installed, else the Java generator; {@code trafgen}; {@code java}). Stateless and thread-safe.
 *
 * <pre>{@code
 * runner: netns
 * runner_options: {helper_heap_mb: 256}
 * }</pre>
 */
public final class NetnsRunnerProvider implements RunnerProvider {
    private static final Set<String> KNOWN = Set.of("helper_heap_mb", "java", "generator");

    @Override
    public String id() {
        return NetnsRunner.ID;
    }

    @Override
    public Runner create(Map<String, Object> options) {
        for (String key : options.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException("runner_options key must be one of helper_heap_mb, java, generator for runner netns: " + key);
            }
        }
        NetnsRunner.Options d = NetnsRunner.Options.defaults();
        Object heap = options.getOrDefault("helper_heap_mb", d.helperHeapMb());
        int heapMb;
        try {
            heapMb = Integer.parseInt(heap.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("runner_options.helper_heap_mb must be an integer: " + heap);
        }
        return new NetnsRunner(new NetnsRunner.Options(options.getOrDefault("java", d.javaCommand()).toString(),
                d.classPath(), heapMb, options.getOrDefault("generator", "auto").toString()));
    }
}
