package org.nfvperf.testbed.command;

import java.util.Map;
import org.nfvperf.experiment.Runner;
import org.nfvperf.experiment.RunnerProvider;

/**
 * Provides the {@code command} runner ({@link CommandRunner}): a user's own testbed driven by shell
 * templates in the spec's {@code runner_options}. Registered in
 * {@code META-INF/services/org.nfvperf.experiment.RunnerProvider}. Stateless and thread-safe.
 *
 * <pre>{@code
 * Runner r = new CommandRunnerProvider().create(Map.of("run", "cp /data/tx.log gen-tx.log"));
 * }</pre>
 */
public final class CommandRunnerProvider implements RunnerProvider {
    @Override
    public String id() {
        return CommandRunner.ID;
    }

    @Override
    public Runner create(Map<String, Object> options) {
        return CommandRunner.fromOptions(options);
    }
}
