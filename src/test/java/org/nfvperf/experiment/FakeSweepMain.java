package org.nfvperf.experiment;

import java.nio.file.Path;

/** Test-only entry point: {@code FakeSweepMain SPEC OUT JOBS} runs a sweep with the fake analyzer. */
public final class FakeSweepMain {
    private FakeSweepMain() {
    }

    public static void main(String[] args) throws Exception {
        Orchestrator.execute(Experiment.load(Path.of(args[0])), Path.of(args[1]),
                RunOptions.of(new FakeAnalyzer()).withJobs(Integer.parseInt(args[2])));
    }
}
