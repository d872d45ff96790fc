package org.nfvperf.experiment;

import java.nio.file.Path;
import java.util.Map;

/**
 * Executes one trial on some testbed and leaves its raw artifacts in the trial folder:
 * {@code gen-tx.log}, {@code gen-rx.log} (generator logs in a format {@code loadgen} reads) and
 * {@code tap-<name>.pcap} for each requested tap. The orchestrator analyses those files with the
 * same parsers a user would run by hand; a runner reports no numbers of its own.
 *
 * <p>Implementations: {@code testbed.emulated} (default), {@code testbed.netns}, {@code testbed.command}.
 * An instance may be called from several threads at once for different trials.
 */
public interface Runner {
    /** The runner's id as written in a spec: {@code emulated}, {@code netns}, {@code command}. */
    String id();

    /**
     * Whether the runner takes a factor beyond the built-in ones of {@link Factors#KNOWN} (e.g. a
     * packet-size mix, or any placeholder of a command template). A spec naming a factor that neither
     * knows fails before anything runs.
     */
    default boolean acceptsFactor(String name) {
        return false;
    }

    /**
     * Checks a trial before anything runs (unknown NF, rate above line rate, missing privileges).
     *
     * @throws IllegalArgumentException naming the offending factor and value
     */
    default void validate(Trial trial) {
    }

    /**
     * Runs the trial, writing its artifacts under {@code trialDir} (which exists and is empty).
     *
     * @return extra provenance for {@code meta.json} (tool versions, host details), never null
     */
    Map<String, Object> run(Trial trial, Path trialDir) throws Exception;
}
