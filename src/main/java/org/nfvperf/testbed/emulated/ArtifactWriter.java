package org.nfvperf.testbed.emulated;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.nfvperf.capture.LinkType;
import org.nfvperf.capture.PcapWriter;
import org.nfvperf.capture.TimestampPrecision;
import org.nfvperf.latency.ProbeHeader;
import org.nfvperf.loadgen.Direction;
import org.nfvperf.loadgen.PktGenLogWriter;

/**
 * Turns a {@link SimulationResult} into the artifacts a real run leaves in its trial folder:
 * {@code gen-tx.log} and {@code gen-rx.log} in netmap pkt-gen's format (through
 * {@link PktGenLogWriter}) and one nanosecond pcap per tap, {@code tap-<name>.pcap} (through
 * {@link PcapWriter}), holding the probe packets that passed the tap in time order.
 *
 * <p>Every probe frame is Ethernet / IPv4 (10.0.0.1 to 10.1.0.1) / UDP (1234 to 4321) with a
 * {@link ProbeHeader} (sequence number, generator send time) at the start of the UDP payload,
 * padded to the frame size; captures exclude the 4-byte FCS, as tcpdump shows them.
 *
 * <pre>
 *  0         14        34      42                60                frame-4
 *  +---------+---------+-------+-----------------+-----------------+
 *  | Ethernet| IPv4    | UDP   | probe header 18 | zero padding    |
 *  +---------+---------+-------+-----------------+-----------------+
 * </pre>
 *
 * <p>Not thread-safe (one writer per trial). Example:
 * <pre>{@code
 * new ArtifactWriter(result).writeLogs(dir, txTotal, rxTotal, durationNanos, 64);
 * }</pre>
 */
public final class ArtifactWriter {
    /** UDP source port of generated frames. */
    public static final int UDP_SOURCE_PORT = 1234;
    /** UDP destination port of generated frames. */
    public static final int UDP_DESTINATION_PORT = 4321;
    private static final int HEADERS = 14 + 20 + 8;

    private final SimulationResult result;
    private final byte[] frame = new byte[Traffic.MAX_FRAME];

    /** @param result the simulated window whose probes are written */
    public ArtifactWriter(SimulationResult result) {
        this.result = result;
        initFrame();
    }

    /**
     * Writes {@code gen-tx.log} and {@code gen-rx.log} with one report per second (the last one
     * shorter) and the summary.
     *
     * @param txPackets     packets sent over the trial
     * @param rxPackets     packets received over the trial
     * @param durationNanos trial duration, &gt; 0
     * @param frameSize     frame size reported by the log (the mean for a mix), with FCS
     */
    public static void writeLogs(Path dir, long txPackets, long rxPackets, long durationNanos, int frameSize)
            throws IOException {
        writeLog(dir.resolve("gen-tx.log"), Direction.TX, "eth0", txPackets, durationNanos, frameSize);
        writeLog(dir.resolve("gen-rx.log"), Direction.RX, "eth1", rxPackets, durationNanos, frameSize);
    }

    private static void writeLog(Path file, Direction dir, String port, long packets, long durationNanos,
                                 int frameSize) throws IOException {
        try {
            writeLogLines(file, dir, port, packets, durationNanos, frameSize);
        } catch (IOException e) {
            throw org.nfvperf.util.OutputFiles.naming(file, e);
        }
    }

    private static void writeLogLines(Path file, Direction dir, String port, long packets, long durationNanos,
                                      int frameSize) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            PktGenLogWriter w = new PktGenLogWriter(out, dir, port, frameSize);
            w.header();
            long second = 1_000_000_000L;
            long full = durationNanos / second;
            long rest = durationNanos % second;
            long written = 0;
            for (long i = 0; i < full; i++) {
                long upTo = Math.round((double) packets * (i + 1) * second / durationNanos);
                w.report(second, upTo - written);
                written = upTo;
            }
            if (rest >= 10_000_000L) {
                w.report(rest, packets - written);
            }
            w.summary(packets, durationNanos);
        }
    }

    /**
     * Writes {@code tap-<name>.pcap} for each name (a name of {@link Topology#tapNames}).
     *
     * @param maxPackets cap on the probes written per tap
     * @return packets written per tap, in the order of {@code taps}
     */
    public long[] writeTaps(Path dir, List<String> taps, long maxPackets) throws IOException {
        long[] written = new long[taps.size()];
        for (int t = 0; t < taps.size(); t++) {
            written[t] = writeTap(dir.resolve("tap-" + taps.get(t) + ".pcap"), times(taps.get(t)), maxPackets);
        }
        return written;
    }

    /** Probe timestamps at a tap (-1 = not there), indexed by probe number. */
    long[] times(String tap) {
        if (tap.equals(Topology.GEN_TX)) {
            return result.genTx();
        }
        if (tap.equals(Topology.GEN_RX)) {
            return result.genRx();
        }
        int k = result.tapIndex(tap);
        if (k < 0) {
            throw new IllegalArgumentException("tap must be one of " + Topology.tapNames(result.path()) + ": " + tap);
        }
        return result.tapTimes()[k];
    }

    private long writeTap(Path file, long[] times, long maxPackets) throws IOException {
        int n = 0;
        for (long t : times) {
            if (t >= 0) {
                n++;
            }
        }
        long[] ts = new long[n];
        int[] probe = new int[n];
        int j = 0;
        for (int i = 0; i < times.length; i++) {
            if (times[i] >= 0) {
                ts[j] = times[i];
                probe[j] = i;
                j++;
            }
        }
        sortByTime(ts, probe);
        long limit = Math.min(n, maxPackets);
        try (PcapWriter w = PcapWriter.builder().linkType(LinkType.ETHERNET).precision(TimestampPrecision.NANOS)
                .open(file)) {
            for (int i = 0; i < limit; i++) {
                int seq = probe[i] * result.sampleStride();
                int len = fill(seq, result.genTx()[probe[i]]);
                w.write(ts[i], frame, 0, len);
            }
        }
        return limit;
    }

    /** Insertion sort by time: probes reach a tap almost in order (round-robin queues reorder a little). */
    private static void sortByTime(long[] ts, int[] probe) {
        for (int i = 1; i < ts.length; i++) {
            long t = ts[i];
            int p = probe[i];
            int k = i - 1;
            if (ts[k] <= t) {
                continue;
            }
            while (k >= 0 && ts[k] > t) {
                ts[k + 1] = ts[k];
                probe[k + 1] = probe[k];
                k--;
            }
            ts[k + 1] = t;
            probe[k + 1] = p;
        }
    }

    /**
     * Ethernet 02:00:00:00:00:01 to 02:00:00:00:00:02, IPv4 10.0.0.1 to 10.1.0.1 (DF, TTL 64, UDP),
     * UDP 1234 to 4321; lengths, IP id and checksums are filled per packet.
     */
    private static final byte[] HEADER_TEMPLATE = {
        2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00,
        0x45, 0, 0, 0, 0, 0, 0x40, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 1, 0, 1,
        (byte) (UDP_SOURCE_PORT >>> 8), (byte) UDP_SOURCE_PORT, (byte) (UDP_DESTINATION_PORT >>> 8),
        (byte) UDP_DESTINATION_PORT, 0, 0, 0, 0};

    private void initFrame() {
        System.arraycopy(HEADER_TEMPLATE, 0, frame, 0, HEADERS);
    }

    /** Fills the frame for probe {@code seq}; returns the captured length (frame size without FCS). */
    private int fill(int seq, long sendNanos) {
        byte[] f = frame;
        int len = result.traffic().frameSize(seq) - 4;
        int ipLen = len - 14;
        f[16] = (byte) (ipLen >>> 8);
        f[17] = (byte) ipLen;
        f[18] = (byte) (seq >>> 8);
        f[19] = (byte) seq;
        f[24] = 0;
        f[25] = 0;
        int sum = 0;
        for (int i = 14; i < 34; i += 2) {
            sum += ((f[i] & 0xFF) << 8) | (f[i + 1] & 0xFF);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        sum = ~sum & 0xFFFF;
        f[24] = (byte) (sum >>> 8);
        f[25] = (byte) sum;
        int udpLen = ipLen - 20;
        f[38] = (byte) (udpLen >>> 8);
        f[39] = (byte) udpLen;
        ProbeHeader.write(f, HEADERS, seq, sendNanos);
        // padding after the probe header stays zero: nothing else ever writes there
        return len;
    }
}
