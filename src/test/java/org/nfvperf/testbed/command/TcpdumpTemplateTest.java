package org.nfvperf.testbed.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfvperf.capture.CaptureReader;
import org.nfvperf.capture.CapturedPacket;
import org.nfvperf.experiment.Trial;

/**
 * Templates that capture for real: tcpdump on loopback started in {@code setup}, 20 UDP datagrams
 * sent in {@code run}, tcpdump stopped in {@code collect}. Needs root and tcpdump (skipped otherwise).
 */
class TcpdumpTemplateTest {
    @TempDir
    Path dir;

    @Test
    void tcpdumpOnLoopbackLeavesARealCapture() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tcpdump")) || Files.isExecutable(Path.of("/usr/sbin/tcpdump")),
                "tcpdump is not installed");
        assumeTrue("root".equals(System.getProperty("user.name")), "capturing needs root");
        int port = 40000 + (int) (ProcessHandle.current().pid() % 20000);
        Path logs = Path.of("src/test/resources/logs").toAbsolutePath();
        CommandRunner r = CommandRunner.fromOptions(Map.of(
                "timeout_s", 30L,
                "setup", "tcpdump -i lo -U -n --immediate-mode --time-stamp-precision nano -w tap-lo.pcap udp dst port " + port
                        + " 2> tcpdump.err & echo $! > tcpdump.pid\n"
                        + "for i in $(seq 100); do grep -q listening tcpdump.err && break; sleep 0.05; done; sleep 0.5",
                "run", "for i in $(seq 1 20); do echo \"probe $i\" > /dev/udp/127.0.0.1/" + port + "; done\n"
                        + "cp " + logs + "/netmap-pkt-gen-2016-tx.log gen-tx.log; cp " + logs + "/netmap-pkt-gen-2015-rx.log gen-rx.log",
                "collect", "sleep 1; pid=$(cat tcpdump.pid); kill -INT $pid\n"
                        + "for i in $(seq 100); do kill -0 $pid 2>/dev/null || break; sleep 0.05; done"));
        r.run(new Trial("t", "00000000000000aa", Map.of(), "10G", 1, 1, List.of("lo"), 100), dir);
        List<CapturedPacket> packets = CaptureReader.readAll(dir.resolve("tap-lo.pcap"));
        // tcpdump's own count ("N packets captured" on stderr) must match what the capture holds; on a
        // loaded machine a datagram may slip past the start of the capture, so not necessarily 20
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) packets? captured")
                .matcher(Files.readString(dir.resolve("tcpdump.err")));
        assertTrue(m.find(), Files.readString(dir.resolve("tcpdump.err")));
        assertEquals(Integer.parseInt(m.group(1)), packets.size());
        assertTrue(packets.size() > 0 && packets.size() <= 20, "packets: " + packets.size());
        assertEquals(14 + 20 + 8 + 9, packets.get(packets.size() - 1).wireLength(), "Ethernet + IPv4 + UDP + 'probe 20\\n'");
    }
}
