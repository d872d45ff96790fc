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

    @Test
    void processTicksOfAPid() {
        assertTrue(NetnsStageCounters.processTicks(ProcessHandle.current().pid()) > 0);
        assertEquals(-1, NetnsStageCounters.processTicks(Long.MAX_VALUE));
    }
}
