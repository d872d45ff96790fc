package org.nfvperf.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nfvperf.capture.SyntheticCapture;
import org.nfvperf.capture.TimestampPrecision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.nfvperf.util.UsageException;

/**
 * Hidden developer command {@code nfvperf pcap-synth}: writes a synthetic pcap of identical
 * Ethernet/IPv4/UDP frames, e.g. for {@code bench/pcap-info.sh}.
 *
 * <pre>{@code
 * ./nfvperf pcap-synth --packets 40000000 --frame-size 64 --out /work/bench-data/capture/40M.pcap
 * }</pre>
 */
@Command(name = "pcap-synth", hidden = true, mixinStandardHelpOptions = true,
        description = "Write a synthetic pcap of Ethernet/IPv4/UDP frames (developer tool for benchmarks).")
public final class PcapSynthCommand implements Callable<Integer> {
    @Option(names = "--packets", required = true, description = "Number of frames.")
    long packets;

    @Option(names = "--frame-size", defaultValue = "64", description = "Frame size in bytes including FCS (default 64).")
    int frameSize;

    @Option(names = "--rate-pps", defaultValue = "14880952", description = "Frames per second for the timestamps.")
    long ratePps;

    @Option(names = "--micros", description = "Write µs timestamps (default ns).")
    boolean micros;

    @Option(names = "--out", required = true, description = "Output file (.gz compresses).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (ratePps < 1 || ratePps > 1_000_000_000L) {
            throw new UsageException("--rate-pps must be in [1, 1e9]: " + ratePps);
        }
        long bytes = SyntheticCapture.writePcap(out, packets, frameSize, 1_700_000_000_000_000_000L,
                1_000_000_000L / ratePps, micros ? TimestampPrecision.MICROS : TimestampPrecision.NANOS);
        System.out.println(out + ": " + packets + " packets, " + bytes + " bytes");
        return 0;
    }
}
