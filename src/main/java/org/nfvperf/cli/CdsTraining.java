package org.nfvperf.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.nfvperf.capture.PcapWriter;
import org.nfvperf.capture.TimestampPrecision;
import org.nfvperf.latency.ProbeHeader;
import picocli.CommandLine;

/**
 * The training run behind the launcher's class-data-sharing archive ({@code target/nfvperf.jsa}):
 * the launcher runs it once after each build under {@code -XX:ArchiveClassesAtExit}, so that the
 * archive holds the classes of every command plus the hot paths of {@code pcap-info} and
 * {@code latency}, whatever command the user runs first. Not a user command; prints nothing.
 *
 * <pre>{@code
 * java -XX:ArchiveClassesAtExit=target/nfvperf.jsa -cp target/nfvperf.jar org.nfvperf.cli.CdsTraining
 * }</pre>
 */
final class CdsTraining {
    private static final int FRAME_BYTES = 60; // a 64-byte frame without its FCS

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("nfvperf-cds-");
        try {
            Path a = dir.resolve("a.pcap");
            Path b = dir.resolve("b.pcap");
            writeProbes(a, 0);
            writeProbes(b, 4_000);
            run("--help");
            run("pcap-info", "--json", a.toString(), b.toString());
            run("pcap-info", a.toString());
            run("latency", "--tap", "a=" + a, "--tap", "b=" + b, "--json");
            run("latency", "--tap", "a=" + a, "--tap", "b=" + b, "--key", "hash", "--csv");
            run("linerate", "--link", "10G", "--size", "64,1518");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(String... args) {
        CommandLine cl = Main.commandLine(args);
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        cl.setOut(sink);
        cl.setErr(sink);
        cl.execute(args);
    }

    /** 20,000 Ethernet/IPv4/UDP frames with a probe header, 1 µs apart, shifted by {@code delayNanos}. */
    private static void writeProbes(Path file, long delayNanos) throws IOException {
        byte[] f = new byte[FRAME_BYTES];
        byte[] head = {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 8, 0, 0x45, 0, 0, 46, 0, 0, 0, 0, 64, 17, 0, 0,
            10, 0, 0, 1, 10, 0, 1, 1, 0x17, 0x70, 0x17, 0x70, 0, 26, 0, 0};
        System.arraycopy(head, 0, f, 0, head.length);
        long start = 1_700_000_000_000_000_000L;
        try (PcapWriter w = PcapWriter.builder().precision(TimestampPrecision.NANOS).open(file)) {
            for (int i = 0; i < 20_000; i++) {
                ProbeHeader.write(f, head.length, i, start + i * 1_000L);
                w.write(start + i * 1_000L + delayNanos, f, 0, FRAME_BYTES);
            }
        }
    }
}
