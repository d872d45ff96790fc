package org.nfvperf.testbed.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfvperf.capture.CaptureReader;
import org.nfvperf.capture.PacketHeaders;
import org.nfvperf.latency.KeyExtractor;

class TrafgenTest {
    private static final List<String> MACS = List.of("02:00:0a:c8:00:01", "02:00:0a:c8:01:02");

    @Test
    void commandPacesOneCpuThroughTheQdisc() {
        assertEquals(List.of("chrt", "-f", "1", "trafgen", "--dev", "gen", "--conf", "c.cfg", "--cpus", "1", "--num", "400000",
                        "--rate", "200000pps", "--no-sock-mem", "--qdisc-path"),
                Trafgen.command("gen", Path.of("c.cfg"), 400_000, 200_000, true));
        assertEquals("trafgen", Trafgen.command("gen", Path.of("c.cfg"), 1, 100, false).get(0));
    }

    /**
     * The configuration compiled and written by trafgen itself (to a pcap file instead of a device):
     * every frame has the requested size, a valid IPv4 header checksum, UDP checksum 0, and the probe
     * key decodes to consecutive sequence numbers across the counters' wraps.
     */
    @Test
    void trafgenWritesTheFramesTheMatcherKeysOn(@TempDir Path dir) throws Exception {
        assumeTrue(Host.onPath("trafgen") && Host.onPath("editcap"), "trafgen (netsniff-ng) and editcap (tshark) needed");
        for (int frame : new int[] {64, 128, 1518}) {
            Path conf = dir.resolve("t" + frame + ".cfg");
            Files.writeString(conf, Trafgen.config(MACS, "10.200.0.1", "10.200.3.2", 6000, frame));
            Path raw = dir.resolve("raw" + frame + ".pcap");
            int n = 600;
            run(List.of("trafgen", "--conf", conf.toString(), "--out", raw.toString(), "--num", Integer.toString(n),
                    "--cpus", "1", "--rate", "100000pps"));
            // trafgen writes link type NULL to a file; the bytes are Ethernet frames
            Path pcap = dir.resolve("eth" + frame + ".pcap");
            run(List.of("editcap", "-T", "ether", raw.toString(), pcap.toString()));
            PacketHeaders h = new PacketHeaders();
            KeyExtractor key = KeyExtractor.probe();
            long previous = -1;
            int count = 0;
            try (CaptureReader r = CaptureReader.open(pcap)) {
                while (r.next()) {
                    assertEquals(frame - 4, r.wireLength(), "frame " + count);
                    assertTrue(h.decode(r));
                    ByteBuffer b = r.frameBuffer();
                    int ip = r.frameOffset() + 14;
                    assertEquals(0, ipChecksum(b, ip), "IPv4 header checksum of frame " + count);
                    assertEquals(0, b.getShort(ip + 26), "UDP checksum");
                    assertEquals(frame - 4 - 14, b.getShort(ip + 2) & 0xFFFF, "IPv4 total length");
                    assertEquals(KeyExtractor.OK, key.extract(h, b, r.frameOffset() + r.capturedLength()));
                    if (previous >= 0) {
                        assertEquals(previous + 1, key.key(), "sequence of frame " + count);
                    }
                    previous = key.key();
                    count++;
                }
            }
            assertEquals(n, count);
        }
    }

    private static int ipChecksum(ByteBuffer b, int ip) {
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += b.getShort(ip + i) & 0xFFFF;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return ~sum & 0xFFFF;
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
    }
}
