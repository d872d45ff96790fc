package org.nfvperf.experiment;

import java.util.Map;

/**
 * Creates a {@link Runner} from the {@code runner_options} mapping of a spec. Providers are found
 * with {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/org.nfvperf.experiment.RunnerProvider}), so that {@code experiment}
 * does not depend on the testbed packages that implement it.
 */
public interface RunnerProvider {
    /** The id a spec names in {@code runner:}. */
    String id();

    /**
     * @param options the spec's runner options (may be empty), as parsed from YAML
     * @throws IllegalArgumentException naming the bad option
     */
    Runner create(Map<String, Object> options);
}
