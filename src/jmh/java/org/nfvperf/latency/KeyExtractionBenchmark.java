package org.nfvperf.latency;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.nfvperf.capture.LinkType;
import org.nfvperf.capture.PacketHeaders;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per frame of computing identities from 60-byte Ethernet/IPv4/UDP probe frames held in a
 * direct buffer (as the memory-mapped capture reader hands them out): the general path
 * ({@link PacketHeaders#decode} then {@link KeyExtractor#extract}) against
 * {@link KeyExtractor#extractFast}, for the probe key and for {@code hash}. Reported in ns per
 * frame.
 *
 * <p>Run: {@code mvn -P benchmarks -DskipTests package && java -jar target/benchmarks.jar KeyExtractionBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KeyExtractionBenchmark {
    static final int FRAMES = 4096;
    static final int STRIDE = 16 + 60;

    @Param({"probe", "hash"})
    String key;

    ByteBuffer buf;
    KeyExtractor extractor;
    final PacketHeaders headers = new PacketHeaders();

    @Setup
    public void setup() {
        buf = ByteBuffer.allocateDirect(FRAMES * STRIDE);
        byte[] f = LatencyBenchData.frame(64, 0x02);
        for (int i = 0; i < FRAMES; i++) {
            ProbeHeader.write(f, 42, i, 1_000_000L * i);
            f[19] = (byte) i;   // IP ID
            buf.put(i * STRIDE + 16, f);
        }
        extractor = key.equals("probe") ? KeyExtractor.probe() : KeyExtractor.of(Key.hash());
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long general() {
        long sum = 0;
        for (int i = 0; i < FRAMES; i++) {
            int off = i * STRIDE + 16;
            if (headers.decode(LinkType.ETHERNET, buf, off, 60)
                    && extractor.extract(headers, buf, off + 60) == KeyExtractor.OK) {
                sum += extractor.key();
            }
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long fast() {
        long sum = 0;
        for (int i = 0; i < FRAMES; i++) {
            if (extractor.extractFast(buf, i * STRIDE + 16, 60) == KeyExtractor.OK) {
                sum += extractor.key();
            }
        }
        return sum;
    }
}
