package org.nfvperf.latency;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.nfvperf.capture.LinkType;
import org.nfvperf.capture.PcapWriter;
import org.nfvperf.capture.TimestampPrecision;

/**
 * Writes the benchmark's two captures of one path: {@code in.pcap} (every packet, as sent) and
 * {@code out.pcap} (after a router: TTL − 1, other MACs, 1% loss, 20–20.5 µs delay, 0.2% of the
 * packets held 5 µs longer so that later ones overtake them). Frames are 60 bytes (64B with FCS):
 * Ethernet, IPv4, UDP and the 18-byte probe header, so {@code --key auto} picks {@code seq:4:6}.
 *
 * <p>Run: {@code java -cp target/benchmarks.jar org.nfvperf.latency.LatencyBenchData DIR PACKETS RATE_PPS [TAPS]}.
 * With TAPS (>= 2) it writes {@code tap0.pcap .. tap<TAPS-1>.pcap} instead, from a
 * {@link SyntheticPath} with 1% loss per hop (same delays and hold-backs).
 * Allocation and speed are irrelevant here; the data is deterministic (seed 1).
 */
public final class LatencyBenchData {
    private LatencyBenchData() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3 && args.length != 4) {
            throw new IllegalArgumentException("usage: LatencyBenchData DIR PACKETS RATE_PPS [TAPS]");
        }
        Path dir = Path.of(args[0]);
        long packets = Long.parseLong(args[1]);
        long rate = Long.parseLong(args[2]);
        Files.createDirectories(dir);
        if (args.length == 4) {
            writeTaps(dir, packets, rate, Integer.parseInt(args[3]));
        } else {
            write(dir.resolve("in.pcap"), dir.resolve("out.pcap"), packets, rate);
        }
    }

    /** {@code tap0.pcap ...}: the taps of a {@link SyntheticPath} with 1% loss per hop. */
    static void writeTaps(Path dir, long packets, long ratePps, int taps) throws IOException {
        SyntheticPath path = new SyntheticPath(ratePps, packets, taps, 0.01, 20_000, 500, 0.002, 1);
        for (int t = 0; t < taps; t++) {
            byte[] f = frame(64 - t, 0x02 + 2 * t);
            TapStream s = path.tap(t);
            try (PcapWriter w = PcapWriter.builder().linkType(LinkType.ETHERNET).precision(TimestampPrecision.NANOS)
                    .open(dir.resolve("tap" + t + ".pcap"))) {
                while (s.next()) {
                    ProbeHeader.write(f, 42, s.key(), s.timestampNanos());
                    w.write(s.timestampNanos(), f, 0, f.length);
                }
            }
            System.out.printf("%s: %d packets%n", dir.resolve("tap" + t + ".pcap"), s.packets());
        }
    }

    static void write(Path in, Path out, long packets, long ratePps) throws IOException {
        SplittableRandom rnd = new SplittableRandom(1);
        long t0 = 1_700_000_000_000_000_000L;
        double gap = 1e9 / ratePps;
        byte[] a = frame(64, 0x02);
        byte[] b = frame(63, 0x04);
        long lost = 0;
        long overtaken = 0;
        // (arrival ts, seq) of packets on their way to the second tap, in arrival order
        PriorityQueue<long[]> wire = new PriorityQueue<>((x, y) -> Long.compare(x[0], y[0]));
        try (PcapWriter wa = PcapWriter.builder().linkType(LinkType.ETHERNET).precision(TimestampPrecision.NANOS).open(in);
             PcapWriter wb = PcapWriter.builder().linkType(LinkType.ETHERNET).precision(TimestampPrecision.NANOS).open(out)) {
            for (long i = 0; i < packets; i++) {
                long ts = t0 + (long) (i * gap);
                while (!wire.isEmpty() && wire.peek()[0] <= ts) {
                    long[] p = wire.poll();
                    ProbeHeader.write(b, 42, p[1], p[2]);
                    wb.write(p[0], b, 0, b.length);
                }
                ProbeHeader.write(a, 42, i, ts);
                wa.write(ts, a, 0, a.length);
                if (rnd.nextInt(100) == 0) {
                    lost++;
                    continue;
                }
                long delay = 20_000 + rnd.nextInt(500);
                if (rnd.nextInt(500) == 0) {
                    delay += 5_000;
                    overtaken++;
                }
                wire.add(new long[] {ts + delay, i, ts});
            }
            while (!wire.isEmpty()) {
                long[] p = wire.poll();
                ProbeHeader.write(b, 42, p[1], p[2]);
                wb.write(p[0], b, 0, b.length);
            }
        }
        System.out.printf("%s: %d packets; %s: %d packets (%d lost, %d held back)%n", in, packets, out,
                packets - lost, lost, overtaken);
    }

    /** A 60-byte Ethernet/IPv4/UDP frame with room for the probe header at 42. */
    static byte[] frame(int ttl, int macByte) {
        byte[] f = new byte[60];
        for (int i = 0; i < 12; i++) {
            f[i] = (byte) (i < 6 ? macByte : macByte + 1);
        }
        f[12] = 0x08;
        f[14] = 0x45;
        f[16] = 0;
        f[17] = 46;              // IPv4 total length: 20 + 8 + 18
        f[20] = 0x40;            // DF
        f[22] = (byte) ttl;
        f[23] = 17;
        f[24] = (byte) ttl;      // checksum differs between the taps, as after a router
        int[] ip = {10, 0, 0, 1, 10, 0, 1, 1};
        for (int i = 0; i < 8; i++) {
            f[26 + i] = (byte) ip[i];
        }
        f[34] = 0x04;
        f[35] = (byte) 0xD2;     // source port 1234
        f[36] = 0x16;
        f[37] = 0x2E;            // destination port 5678
        f[39] = 26;              // UDP length: 8 + 18
        return f;
    }
}
