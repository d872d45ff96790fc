package org.nfvperf.experiment;

import java.nio.file.Path;

/**
 * Turns the artifacts a runner left in a trial folder into numbers. The standard implementation,
 * {@link StandardAnalyzer}, runs the same parsers a user runs by hand ({@code nfvperf throughput}
 * on the generator logs, {@code nfvperf latency} over the taps in path order); tests substitute fakes.
 * Implementations must be thread-safe: trials are analysed in parallel with {@code --jobs}.
 *
 * <pre>{@code
 * TrialMetrics m = new StandardAnalyzer().analyze(trial, Path.of("out/fig2/trials/3f9c0a1b2d4e5f60"));
 * }</pre>
 */
@FunctionalInterface
public interface TrialAnalyzer {
    /**
     * @param trial    the trial as the runner ran it
     * @param trialDir its folder with {@code gen-tx.log}, {@code gen-rx.log} and {@code tap-<name>.pcap}
     * @throws Exception when an artifact is missing or unreadable; the trial is then recorded as failed
     */
    TrialMetrics analyze(Trial trial, Path trialDir) throws Exception;
}
