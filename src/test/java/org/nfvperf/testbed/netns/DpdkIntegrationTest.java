package org.nfvperf.testbed.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfvperf.capture.CaptureReader;
import org.nfvperf.capture.CapturedPacket;

/**
 * The {@code dpdk} dataplane's NF semantics, shown from the captures rather than the configuration:
 * a firewall+l3fwd chain gets three flows from the generator namespace (the probe flow, UDP to port
 * 161 and UDP to 192.0.2.7, both of which the firewall's rules drop); the taps inside the dataplane
 * (the NFs' own rx/tx taps) and at the sink (tcpdump) must show the drops, one TTL decrement per router and
 * the MACs each router writes; afterwards hugepages, mounts and EAL files are as before. Needs root,
 * the DPDK packages and 2 MiB hugepages; skips with a message otherwise (CI installs them).
 */
class DpdkIntegrationTest {
    private static final int PER_FLOW = 20;

    @TempDir
    Path dir;

    @BeforeAll
    static void requireRootAndDpdk() {
        boolean root = false;
        try {
            NetnsRunner.requireRoot();
            root = true;
        } catch (IllegalArgumentException e) {
            // reported by the assumption below
        }
        assumeTrue(root, "skipped: the dpdk integration test needs root");
        for (String tool : List.of("ip", "tcpdump", "ethtool", "python3")) {
            assumeTrue(Host.onPath(tool), "skipped: the dpdk integration test needs " + tool);
        }
        Optional<String> why = DpdkChain.unavailableReason();
        assumeTrue(why.isEmpty(), () -> "skipped: " + why.orElse(""));
    }

    @Test
    void aTrialsStagesAreTheNfProcessesWithTheirCpuAndLossCounters() throws Exception {
        TrialConfig config = new TrialConfig(Chain.parse("l2fwd+l3fwd"), Dataplane.DPDK, 64, 2_000, 500, List.of(), 0);
        NetnsRunner runner = new NetnsRunner(NetnsRunner.Options.defaults());
        runner.validate(config);
        TrialReport r = runner.execute(config, dir);
        List<org.nfvperf.experiment.StageCounters.Stage> stages =
                org.nfvperf.experiment.StageCounters.read(dir).orElseThrow();
        Map<String, Object> c = org.nfvperf.experiment.StageCounters.columns(stages);
        for (String stage : List.of("dut1", "dut2")) {
            // a poll-mode NF spins: it has CPU time even at 2 kpps (nice'd, it still gets some)
            assertTrue(((Number) c.get("cpu_" + stage + "_pct")).doubleValue() > 0, stage + ": " + c);
            assertTrue(((Number) c.get("drop_" + stage + "_pkts")).longValue() >= 0, stage + ": " + c);
            assertEquals("dpdk", stages.stream().filter(s -> s.stage().equals(stage)).findFirst().orElseThrow().kind());
        }
        assertTrue(r.received() > 0, "frames reached the sink: " + r);
    }

    @Test
    void firewallDropsAndRoutersDecrementTtlAndRewriteMacsAsTheCapturesShow() throws Exception {
        ChainPlan plan = new ChainPlan(Testbed.newPrefix(), Chain.parse("firewall+l3fwd"), NetnsRunner.UDP_PORT, Dataplane.DPDK);
        DpdkPlan d = new DpdkPlan(plan, new DpdkSettings(32, 0, 20, List.of(Runtime.getRuntime().availableProcessors() - 1)),
                DpdkChain.binary());
        long hugepagesBefore = Hugepages.read();
        Map<Integer, Map<String, Long>> counters;
        try (Testbed tb = Testbed.create(plan)) {
            DpdkChain chain = DpdkChain.start(tb, d, dir, dir, List.of("dut1_in", "dut1_out", "dut2_out"));
            Path tcpdumpErr = dir.resolve("tcpdump.err");
            Process sinkTap = tb.start(plan.sinkNamespace(), NetnsRunner.tcpdumpCommand(plan.tap("sink"),
                    dir.resolve("tap-sink.pcap"), NetnsRunner.UDP_PORT, 0, false), dir.resolve("tcpdump.out"), tcpdumpErr);
            assertTrue(Testbed.awaitMarker(tcpdumpErr, "listening on", sinkTap, 20_000_000_000L), "tcpdump started");
            String send = "import socket, time\n"
                    + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                    + "s.bind(('" + plan.generatorAddress() + "', " + NetnsRunner.UDP_PORT + "))\n"
                    + "for i in range(" + PER_FLOW + "):\n"
                    + "    for dst in (('" + plan.sinkAddress() + "', " + NetnsRunner.UDP_PORT + "), ('" + plan.sinkAddress()
                    + "', 161), ('192.0.2.7', " + NetnsRunner.UDP_PORT + ")):\n"
                    + "        s.sendto(b'nfvperf' * 10, dst)\n"
                    + "    time.sleep(0.005)\n";
            Process gen = tb.start(plan.generatorNamespace(), List.of("python3", "-c", send), dir.resolve("gen.out"),
                    dir.resolve("gen.err"));
            assertTrue(gen.waitFor(60, TimeUnit.SECONDS) && gen.exitValue() == 0, () -> "sender: " + read(dir.resolve("gen.err")));
            Thread.sleep(NetnsRunner.TAP_BLOCK_TIMEOUT_MILLIS + 500);
            Host.run(HostCommand.of("kill", "-INT", Long.toString(sinkTap.pid())), Host.DEFAULT_TIMEOUT_NANOS);
            assertTrue(sinkTap.waitFor(20, TimeUnit.SECONDS));
            counters = chain.stopNfs();
        }

        // set-up undone: pages, mount, sockets, EAL runtime files
        assertEquals(hugepagesBefore, Hugepages.read(), "nr_hugepages restored");
        assertFalse(Files.readString(Path.of("/proc/mounts")).contains(d.hugeDir().toString()), "hugetlbfs unmounted");
        assertFalse(Files.exists(d.stateDir()), "sockets removed");
        assertFalse(Files.exists(DpdkChain.EAL_RUNTIME.resolve(d.filePrefix(1))), "EAL files removed");

        List<Frame> in = frames("tap-dut1_in.pcap");
        assertEquals(3 * PER_FLOW, in.size(), "all three flows reach the firewall");
        assertTrue(in.stream().allMatch(f -> f.ttl == 64));

        List<String> fw = plan.routeMacs(1);
        List<Frame> afterFirewall = frames("tap-dut1_out.pcap");
        assertEquals(PER_FLOW, afterFirewall.size(), "only the probe flow passes the firewall");
        for (Frame f : afterFirewall) {
            assertEquals(plan.sinkAddress() + ":" + NetnsRunner.UDP_PORT, f.dst + ":" + f.dport);
            assertEquals(63, f.ttl, "TTL decremented by the firewall's route");
            assertEquals(fw, List.of(f.srcMac, f.dstMac), "MACs rewritten by the firewall");
        }
        List<String> l3 = plan.routeMacs(2);
        for (String file : List.of("tap-dut2_out.pcap", "tap-sink.pcap")) {
            List<Frame> out = frames(file);
            assertEquals(PER_FLOW, out.size(), file);
            for (Frame f : out) {
                assertEquals(62, f.ttl, file + ": TTL decremented once more by l3fwd");
                assertEquals(l3, List.of(f.srcMac, f.dstMac), file + ": MACs rewritten by l3fwd");
            }
        }
        assertEquals(2L * PER_FLOW, counters.get(1).get("drop_rule"), "the firewall counted its drops");
        assertEquals((long) PER_FLOW, counters.get(2).get("tx_out"));
    }

    private record Frame(String dstMac, String srcMac, int ttl, String dst, int dport) {
    }

    private List<Frame> frames(String file) throws Exception {
        HexFormat hex = HexFormat.ofDelimiter(":");
        return CaptureReader.readAll(dir.resolve(file)).stream().map(CapturedPacket::data).map(b -> new Frame(
                hex.formatHex(b, 0, 6), hex.formatHex(b, 6, 12), b[22] & 0xff,
                (b[30] & 0xff) + "." + (b[31] & 0xff) + "." + (b[32] & 0xff) + "." + (b[33] & 0xff),
                ((b[36] & 0xff) << 8) | (b[37] & 0xff))).toList();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.getMessage();
        }
    }
}
