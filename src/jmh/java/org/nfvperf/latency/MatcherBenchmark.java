package org.nfvperf.latency;

import java.io.IOException;
import java.util.SplittableRandom;
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
 * Cost of the matching engine alone (no capture decoding): two taps of {@code packets} identities
 * at 1 Mpps, 1% lost, 0.2% overtaken, 20 µs delay; sequence keys or random (hash-like) keys; a
 * 10 ms window (1 ms skew), so that 1 M and 4 M packets are 100 and 400 windows long and lost
 * packets expire all along. The time per operation divided by {@code packets} is the cost per
 * packet pair; it should stay flat as {@code packets} grows (memory bounded by what is pending).
 *
 * <p>Run: {@code mvn -P benchmarks -DskipTests package && java -jar target/benchmarks.jar MatcherBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class MatcherBenchmark {
    static final long WINDOW_NANOS = 10_000_000L;
    static final long SKEW_NANOS = 1_000_000L;

    @Param({"1000000", "4000000"})
    int packets;

    @Param({"sequence", "random"})
    String keys;

    long[] ts0;
    long[] k0;
    long[] ts1;
    long[] k1;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(7);
        ts0 = new long[packets];
        k0 = new long[packets];
        long[] t1 = new long[packets];
        long[] kk1 = new long[packets];
        int m = 0;
        for (int i = 0; i < packets; i++) {
            ts0[i] = 1_000_000_000L + i * 1000L;
            k0[i] = keys.equals("sequence") ? i : rnd.nextLong();
            if (rnd.nextInt(100) != 0) {
                t1[m] = ts0[i] + 20_000 + (rnd.nextInt(500) == 0 ? 5_000 : rnd.nextInt(500));
                kk1[m++] = k0[i];
            }
        }
        // arrival order at the second tap
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(t1[a], t1[b]));
        ts1 = new long[m];
        k1 = new long[m];
        for (int i = 0; i < m; i++) {
            ts1[i] = t1[order[i]];
            k1[i] = kk1[order[i]];
        }
    }

    @Benchmark
    public void match(Blackhole bh) throws IOException {
        Matcher matcher = new Matcher(new TapStream[] {TapStream.of(ts0, k0), TapStream.of(ts1, k1)}, new long[2],
                WINDOW_NANOS, SKEW_NANOS, 0, keys.equals("sequence"), null);
        matcher.run();
        bh.consume(matcher.segments[0].summary());
    }
}
