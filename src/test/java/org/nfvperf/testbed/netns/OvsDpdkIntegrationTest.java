package org.nfvperf.testbed.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
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
 * The {@code ovs-dpdk} dataplane's semantics, shown from the captures: a firewall+l3fwd chain (one
 * ovs-vswitchd-dpdk per DUT, af_packet DPDK ports on the veths) gets three flows from the generator
 * namespace (the probe flow, UDP to port 161 and UDP to 192.0.2.7, both of which the firewall's rules
 * drop); tcpdump on the veths after each switch must show the drops, one TTL decrement per router and
 * the MACs each router writes; afterwards hugepages, mounts, EAL files and the switches' processes are
 * gone and the host's ovs-vswitchd alternative is untouched. Needs root, openvswitch-switch-dpdk and
 * 2 MiB hugepages; skips with a message otherwise (CI installs them).
 */
class OvsDpdkIntegrationTest {
    private static final int PER_FLOW = 20;

    @TempDir
    Path dir;

    @BeforeAll
    static void requireRootAndOvsDpdk() {
        boolean root = false;
        try {
            NetnsRunner.requireRoot();
            root = true;
        } catch (IllegalArgumentException e) {
            // reported by the assumption below
        }
        assumeTrue(root, "skipped: the ovs-dpdk integration test needs root");
        for (String tool : List.of("ip", "tcpdump", "python3")) {
            assumeTrue(Host.onPath(tool), "skipped: the ovs-dpdk integration test needs " + tool);
        }
        Optional<String> why = NetnsRunner.ovsUnavailableReason().or(NetnsRunner::ovsDpdkUnavailableReason);
        assumeTrue(why.isEmpty(), () -> "skipped: " + why.orElse(""));
    }

    @Test
    void firewallDropsAndRoutersDecrementTtlAndRewriteMacsAsTheCapturesShow() throws Exception {
        ChainPlan plan = new ChainPlan(Testbed.newPrefix(), Chain.parse("firewall+l3fwd"), NetnsRunner.UDP_PORT,
                Dataplane.OVS_DPDK);
        long hugepagesBefore = Hugepages.read();
        String alternativeBefore = alternative();
        try (Testbed tb = Testbed.create(plan)) {
            assertTrue(Files.readString(Path.of("/proc/mounts")).contains(plan.ovsDpdkHugeDir().toString()), "hugetlbfs mounted");
            // at least this run's pages (other runs on the machine may reserve or return theirs meanwhile)
            assertTrue(Hugepages.read() >= plan.ovsDpdkHugepages(), "hugepages reserved for the run");
            Map<String, Process> taps = new LinkedHashMap<>();
            for (String name : List.of("dut1_in", "dut1_out", "dut2_out", "sink")) {
                ChainPlan.TapPoint tp = plan.tap(name);
                Path err = dir.resolve("tcpdump-" + name + ".err");
                Process p = tb.start(tp.namespace(), NetnsRunner.tcpdumpCommand(tp, dir.resolve("tap-" + name + ".pcap"),
                        NetnsRunner.UDP_PORT, 0, false), dir.resolve("tcpdump-" + name + ".out"), err);
                assertTrue(Testbed.awaitMarker(err, "listening on", p, 20_000_000_000L), "tcpdump started on " + name);
                taps.put(name, p);
            }
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
            for (Process p : taps.values()) {
                Host.run(HostCommand.of("kill", "-INT", Long.toString(p.pid())), Host.DEFAULT_TIMEOUT_NANOS);
            }
            for (Process p : taps.values()) {
                assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            }
        }

        // set-up undone: pages, mount, EAL runtime files, the switches
        assertEquals(hugepagesBefore, Hugepages.read(), "nr_hugepages restored");
        assertFalse(Files.readString(Path.of("/proc/mounts")).contains(plan.ovsDpdkHugeDir().toString()), "hugetlbfs unmounted");
        assertFalse(Files.exists(plan.ovsDpdkHugeDir().getParent()), "state directory removed");
        for (int dut = 1; dut <= 2; dut++) {
            assertFalse(Files.exists(DpdkChain.EAL_RUNTIME.resolve(plan.namespace(dut))), "EAL files removed");
            assertFalse(Files.exists(plan.ovsDir(dut)), "OVS directory removed");
        }
        assertFalse(ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains(plan.prefix())),
                "no process of the run left");
        assertEquals(alternativeBefore, alternative(), "the host's ovs-vswitchd alternative is untouched");

        List<Frame> in = frames("tap-dut1_in.pcap");
        assertEquals(3 * PER_FLOW, in.size(), "all three flows reach the firewall");
        assertTrue(in.stream().allMatch(f -> f.ttl == 64));
        List<Frame> afterFirewall = frames("tap-dut1_out.pcap");
        assertEquals(PER_FLOW, afterFirewall.size(), "only the probe flow passes the firewall");
        for (Frame f : afterFirewall) {
            assertEquals(plan.sinkAddress() + ":" + NetnsRunner.UDP_PORT, f.dst + ":" + f.dport);
            assertEquals(63, f.ttl, "TTL decremented by the firewall's route");
            assertEquals(plan.routeMacs(1), List.of(f.srcMac, f.dstMac), "MACs rewritten by the firewall");
        }
        for (String file : List.of("tap-dut2_out.pcap", "tap-sink.pcap")) {
            List<Frame> out = frames(file);
            assertEquals(PER_FLOW, out.size(), file);
            for (Frame f : out) {
                assertEquals(62, f.ttl, file + ": TTL decremented once more by l3fwd");
                assertEquals(plan.routeMacs(2), List.of(f.srcMac, f.dstMac), file + ": MACs rewritten by l3fwd");
            }
        }
    }

    private static String alternative() throws Exception {
        Host.Result r = Host.tryRun(HostCommand.of("readlink", "-f", "/usr/sbin/ovs-vswitchd"), Host.DEFAULT_TIMEOUT_NANOS);
        return r.stdout().strip();
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
