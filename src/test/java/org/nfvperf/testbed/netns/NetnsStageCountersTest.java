package org.nfvperf.testbed.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfvperf.experiment.StageCounters;

class NetnsStageCountersTest {
    @TempDir
    Path dir;

    @Test
    void processTicksAndSoftirqComeFromProc() throws Exception {
        Path pid = dir.resolve("self.pid");
        Files.writeString(pid, ProcessHandle.current().pid() + "\n");
        long ticks = NetnsStageCounters.processTicks(pid);
        assertTrue(ticks > 0, "this JVM has used CPU: " + ticks);
        assertEquals(-1, NetnsStageCounters.processTicks(dir.resolve("missing.pid")));
        assertTrue(NetnsStageCounters.softirqTicks() >= 0);
    }

    @Test
    void aTrialLeavesDropsPerNamespaceAndTheHostsSoftirqTime() throws Exception {
        boolean root;
        try {
            NetnsRunner.requireRoot();
            root = true;
        } catch (IllegalArgumentException e) {
            root = false;
        }
        assumeTrue(root && Host.onPath("ip") && Host.onPath("nft"), "skipped: needs root, iproute2 and nftables");
        TrialConfig config = new TrialConfig(Chain.parse("firewall+l3fwd"), Dataplane.LINUX, 128, 5_000, 500, List.of(), 0);
        NetnsRunner runner = new NetnsRunner(NetnsRunner.Options.defaults());
        runner.validate(config);
        runner.execute(config, dir);
        Map<String, Object> c = StageCounters.columns(StageCounters.read(dir).orElseThrow());
        for (String stage : List.of("gen", "dut1", "dut2", "sink")) {
            assertTrue(c.containsKey("drop_" + stage + "_pkts"), stage + " in " + c);
        }
        assertTrue(((Number) c.get("cpu_host_softirq_pct")).doubleValue() >= 0, c.toString());
        assertTrue(!c.containsKey("cpu_dut1_pct"), "kernel forwarding has no process to account: " + c);
    }

    @Test
    void dpdkStagesAddTheNfsLossCountersButNotItsIntendedDrops() throws Exception {
        ChainPlan plan = new ChainPlan("nfvp-t-", Chain.parse("firewall+l3fwd"), NetnsRunner.UDP_PORT, Dataplane.DPDK);
        Map<String, Long> dropsBefore = new java.util.LinkedHashMap<>();
        Map<String, Long> dropsAfter = new java.util.LinkedHashMap<>();
        for (String ns : plan.namespaces()) {
            dropsBefore.put(ns, 10L);
            dropsAfter.put(ns, 12L);
        }
        NetnsStageCounters.Snapshot before = new NetnsStageCounters.Snapshot(0, dropsBefore, Map.of(1, 100L, 2, 50L), 0);
        NetnsStageCounters.Snapshot after = new NetnsStageCounters.Snapshot(2_000_000_000L, dropsAfter,
                Map.of(1, 300L, 2, 60L), 0);
        Map<Integer, Map<String, Long>> nf = Map.of(
                1, Map.of("tx_failed", 3L, "port_imissed", 4L, "port_rx_nombuf", 1L, "drop_rule", 500L, "drop_policy", 7L),
                2, Map.of("tx_failed", 0L, "port_imissed", 0L, "drop_no_route", 9L));
        NetnsStageCounters.write(dir, plan, before, after, nf);
        List<StageCounters.Stage> stages = StageCounters.read(dir).orElseThrow();
        Map<String, Object> c = StageCounters.columns(stages);
        assertEquals(2L + 3 + 4 + 1, ((Number) c.get("drop_dut1_pkts")).longValue(), c.toString());
        assertEquals(2L, ((Number) c.get("drop_dut2_pkts")).longValue(), c.toString());
        assertEquals(2L, ((Number) c.get("drop_gen_pkts")).longValue(), c.toString());
        assertEquals(100.0, ((Number) c.get("cpu_dut1_pct")).doubleValue(), 1e-9, c.toString());
        assertEquals(5.0, ((Number) c.get("cpu_dut2_pct")).doubleValue(), 1e-9, c.toString());
        assertEquals("dpdk", stages.stream().filter(s -> s.stage().equals("dut1")).findFirst().orElseThrow().kind());
    }

    /**
     * OVS's losses are seen: the stages' drops (interface drops plus ovs-vswitchd's packet-socket
     * drops) add up to the packets sent and not received, at a rate where the userspace switch
     * loses some on a busy machine (on an idle one both may be 0).
     */
    @Test
    void ovsDropsAccountForEveryLostPacket() throws Exception {
        NetnsRunner.ovsUnavailableReason().ifPresent(reason -> assumeTrue(false, reason));
        assumeTrue(Host.onPath("ss"), "skipped: needs ss (iproute2)");
        TrialConfig config = new TrialConfig(Chain.parse("firewall+l3fwd"), Dataplane.OVS, 128, 100_000, 1000, List.of(), 0);
        NetnsRunner runner = new NetnsRunner(NetnsRunner.Options.defaults());
        runner.validate(config);
        TrialReport o = runner.execute(config, dir);
        Map<String, Object> c = StageCounters.columns(StageCounters.read(dir).orElseThrow());
        long drops = 0;
        for (String stage : List.of("gen", "dut1", "dut2", "sink")) {
            drops += ((Number) c.get("drop_" + stage + "_pkts")).longValue();
        }
        long lost = o.sent() - o.received();
        assertTrue(Math.abs(lost - drops) <= 2 + o.sent() / 1000, "sent " + o.sent() + ", received " + o.received()
                + ", stage drops " + drops + ": " + c);
    }

    /** The output of {@code ss -N <dut> -0 -a -m -n -p} during an ovs trial that lost 81% at dut1's input socket. */
    static final String SS = String.join("\n",
            "Netid State  Recv-Q Send-Q Local Address:Port     Peer Address:PortProcess",
            "p_raw UNCONN 0      0                  *:dut1_in              *     users:((\"ovs-vswitchd\",pid=28319,fd=34)) "
                    + "skmem:(r0,rb212992,t0,tb212992,f0,w0,o176,bl0,d243338)",
            "p_raw UNCONN 0      0                  *:dut1_out             *     users:((\"ovs-vswitchd\",pid=28319,fd=35)) "
                    + "skmem:(r0,rb212992,t0,tb212992,f0,w0,o176,bl0,d12)     ",
            "p_raw UNCONN 0      0                  *:dut1_in              *     users:((\"tcpdump\",pid=28400,fd=3)) "
                    + "skmem:(r0,rb212992,t0,tb212992,f0,w0,o0,bl0,d999)",
            "p_raw UNCONN 0      0                [0]:*                    *     users:((\"ovs-vswitchd\",pid=28319,fd=39)) "
                    + "skmem:(r0,rb212992,t0,tb212992,f0,w0,o0,bl0,d0)       ", "");

    @Test
    void ovsPacketSocketDropsAreReadFromSsAndOnlyThoseOfTheSwitch() {
        // the tap's (tcpdump's) drops are the capture's, not the path's
        assertEquals(243338 + 12, NetnsStageCounters.packetSocketDrops(SS, NetnsStageCounters.OVS_PROCESS));
        assertEquals(999, NetnsStageCounters.packetSocketDrops(SS, "tcpdump"));
        assertEquals(-1, NetnsStageCounters.packetSocketDrops(SS.lines().findFirst().orElseThrow(), "ovs-vswitchd"));
        // ovs-vswitchd-dpdk's comm, as ss shows it, starts the same
        assertEquals(5, NetnsStageCounters.packetSocketDrops("p_raw UNCONN 0 0 *:x * users:((\"ovs-vswitchd-dp\",pid=1,fd=2))"
                + " skmem:(r0,rb1,t0,tb1,f0,w0,o0,bl0,d5)", NetnsStageCounters.OVS_PROCESS));
    }

    @Test
    void ovsStagesAddTheSwitchsPacketSocketDropsToTheInterfaceDrops() throws Exception {
        ChainPlan plan = new ChainPlan("nfvp-t-", Chain.parse("firewall+l3fwd"), NetnsRunner.UDP_PORT, Dataplane.OVS);
        Map<String, Long> drops = new java.util.LinkedHashMap<>();
        for (String ns : plan.namespaces()) {
            drops.put(ns, 7L);
        }
        NetnsStageCounters.Snapshot before = new NetnsStageCounters.Snapshot(0, drops, Map.of(1, 0L, 2, 0L), 0,
                Map.of(1, 1000L, 2, 5L));
        Map<String, Long> dropsAfter = new java.util.LinkedHashMap<>(drops);
        dropsAfter.put(plan.namespace(2), 9L);
        NetnsStageCounters.Snapshot after = new NetnsStageCounters.Snapshot(1_000_000_000L, dropsAfter,
                Map.of(1, 50L, 2, 20L), 0, Map.of(1, 1000L + 243338, 2, 5L));
        NetnsStageCounters.write(dir, plan, before, after);
        Map<String, Object> c = StageCounters.columns(StageCounters.read(dir).orElseThrow());
        assertEquals(243338L, ((Number) c.get("drop_dut1_pkts")).longValue(), c.toString());
        assertEquals(2L, ((Number) c.get("drop_dut2_pkts")).longValue(), c.toString());
        assertEquals(50.0, ((Number) c.get("cpu_dut1_pct")).doubleValue(), 1e-9, c.toString());
        // a snapshot without the sockets (ss failed) leaves the interface drops alone
        NetnsStageCounters.write(dir, plan, before, new NetnsStageCounters.Snapshot(1_000_000_000L, dropsAfter,
                Map.of(), 0));
        assertEquals(0L, ((Number) StageCounters.columns(StageCounters.read(dir).orElseThrow()).get("drop_dut1_pkts"))
                .longValue());
    }

    @Test
    void processTicksOfAPid() {
        assertTrue(NetnsStageCounters.processTicks(ProcessHandle.current().pid()) > 0);
        assertEquals(-1, NetnsStageCounters.processTicks(Long.MAX_VALUE));
    }
}
