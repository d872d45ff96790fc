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
}
