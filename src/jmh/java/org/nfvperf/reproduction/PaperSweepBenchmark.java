package org.nfvperf.reproduction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Wall time of the whole paper sweep as {@code nfvperf reproduce} runs it (268 trials, tables and
 * claims, no figures); the issue asks 60 s or less on a two-core machine.
 *
 * <p>Run: {@code mvn -P benchmarks -DskipTests package && java -jar target/benchmarks.jar
 * PaperSweepBenchmark}. One cold single shot, as a user would see it, then two more.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx3g"})
public class PaperSweepBenchmark {
    private Path dir;

    @Setup
    public void setup() throws Exception {
        dir = Files.createTempDirectory("nfvperf-bench");
    }

    @TearDown
    public void tearDown() throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public void paperSweep(Blackhole bh) throws Exception {
        bh.consume(PaperReproduction.run(dir, Set.of(), null).claims());
    }
}
