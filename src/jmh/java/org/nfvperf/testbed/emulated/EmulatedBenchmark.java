package org.nfvperf.testbed.emulated;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Speed of the emulated testbed: one trial of N packets (the issue asks 10 million in 2 s or
 * less) for the heaviest paths; {@link PaperSweepBenchmark} times the whole paper sweep.
 *
 * <p>Run: {@code mvn -P benchmarks -DskipTests package && java -Xmx2g -jar target/benchmarks.jar
 * EmulatedBenchmark -f 1 -wi 1 -i 3}. Single-shot mode: each invocation is one complete trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx3g"})
public class EmulatedBenchmark {
    /** Packets per trial: linear cost shows as a 10x time ratio. */
    @Param({"1000000", "10000000"})
    public int packets;

    /** A trial: dataplane/chain at line rate with 64B frames (most packets per second). */
    @Param({"bess/l3fwd", "bess/firewall+l3fwd+l2fwd", "clickos/firewall+l3fwd"})
    public String path;

    private Scenario scenario;

    @Setup
    public void setup() {
        String[] p = path.split("/");
        scenario = new Scenario(Scenario.Dataplane.parse(p[0]), NetworkFunction.parseChain(p[1]), 2.6, 64, null,
                Double.NaN, Scenario.Placement.SAME_SOCKET, 1, 10_000_000_000L);
    }

    @Benchmark
    public void trial(Blackhole bh) {
        SimulationResult r = Emulator.simulate(scenario, packets, 42, Math.max(1, packets / 100_000));
        bh.consume(r.rxPackets());
    }
}
