package org.nfvperf.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Scan throughput of {@link CaptureReader} over a pcap of 64-byte frames (page cache warm), with
 * and without header decoding, and of {@link CaptureSummary} (what {@code pcap-info} runs). The
 * time per operation divided by {@code packets} is the cost per packet; the {@code packets}
 * parameter shows it is linear.
 *
 * <pre>
 * mvn -P benchmarks -DskipTests package
 * java -jar target/benchmarks.jar CaptureScanBenchmark -p packets=1000000,4000000
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CaptureScanBenchmark {
    @Param({"1000000", "4000000"})
    public long packets;

    private Path file;

    @Setup(Level.Trial)
    public void write() throws IOException {
        file = Files.createTempFile("nfvperf-scan-", ".pcap");
        SyntheticCapture.writePcap(file, packets, 64, 1_700_000_000_000_000_000L, 67, TimestampPrecision.NANOS);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public void scan(Blackhole bh) throws IOException {
        long bytes = 0;
        long last = 0;
        try (CaptureReader r = CaptureReader.open(file)) {
            while (r.next()) {
                bytes += r.capturedLength();
                last = r.timestampNanos();
            }
        }
        bh.consume(bytes);
        bh.consume(last);
    }

    @Benchmark
    public void scanAndDecode(Blackhole bh) throws IOException {
        PacketHeaders h = new PacketHeaders();
        long ports = 0;
        try (CaptureReader r = CaptureReader.open(file)) {
            while (r.next()) {
                if (h.decode(r)) {
                    ports += h.srcPort();
                }
            }
        }
        bh.consume(ports);
    }

    @Benchmark
    public CaptureSummary summary() throws IOException {
        return CaptureSummary.of(file);
    }
}
