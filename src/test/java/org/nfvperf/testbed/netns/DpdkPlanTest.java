package org.nfvperf.testbed.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nfvperf.experiment.Trial;

class DpdkPlanTest {
    private static final Path BIN = Path.of("/var/cache/nfvperf/nfvperf-nf-x");

    private static DpdkPlan plan(String chain, DpdkSettings s) {
        return new DpdkPlan(new ChainPlan("nfvp-4242-1-", Chain.parse(chain), 6000, Dataplane.DPDK), s, BIN);
    }

    @Test
    void firstAndLastNfSitOnTheVethsAndNeighboursShareAVhostUserSocket() {
        DpdkPlan d = plan("firewall+l3fwd", new DpdkSettings(64, 50, 0, List.of(1)));
        assertEquals(List.of("nice", "-n", "-10", BIN.toString(), "--lcores=0@1", "--no-pci", "--no-telemetry",
                "--huge-dir=/run/nfvperf-netns/nfvp-4242-1-dpdk/huge", "--file-prefix=nfvp-4242-1-dut1",
                "--single-file-segments", "-m", "48", "--vdev=net_af_packet0,iface=dut1_in,qpairs=1,framecnt=4096",
                "--vdev=net_vhost0,iface=/run/nfvperf-netns/nfvp-4242-1-dpdk/vhost-1.sock,queues=1",
                "--", "--config", "nf1.conf", "--in", "net_af_packet0", "--out", "net_vhost0", "--burst", "64",
                "--flush-us", "50", "--idle-sleep-us", "0"), d.nfCommand(1, Path.of("nf1.conf")));
        List<String> nf2 = d.nfCommand(2, Path.of("nf2.conf"));
        assertTrue(nf2.contains("--vdev=net_virtio_user0,path=/run/nfvperf-netns/nfvp-4242-1-dpdk/vhost-1.sock,queues=1,queue_size=1024"), nf2.toString());
        assertTrue(nf2.contains("--vdev=net_af_packet1,iface=dut2_out,qpairs=1,framecnt=4096"), nf2.toString());
        assertEquals(96, d.hugepages());
    }

    @Test
    void nfsArePinnedRoundRobinOverTheCpus() {
        DpdkPlan d = plan("l2fwd+l2fwd+l2fwd", new DpdkSettings(32, 0, 0, List.of(0, 1)));
        assertTrue(d.nfCommand(1, Path.of("c")).contains("--lcores=0@0"));
        assertTrue(d.nfCommand(2, Path.of("c")).contains("--lcores=0@1"));
        assertTrue(d.nfCommand(3, Path.of("c")).contains("--lcores=0@0"));
        assertEquals("net_virtio_user0", d.portName(3, false));
        assertEquals("net_vhost0", d.portName(2, true));
    }

    @Test
    void l3fwdHoldsTenRoutesThatRewriteTheMacsAsTheOvsFlowsDo() {
        DpdkPlan d = plan("l3fwd", DpdkSettings.defaults());
        List<String> routes = d.nfConfig(1).lines().filter(l -> l.startsWith("route ")).toList();
        assertEquals(ChainPlan.L3FWD_ROUTES, routes.size());
        assertEquals("route 10.200.1.2/32 02:00:0a:c8:01:01 02:00:0a:c8:01:02", routes.get(0));
        String ovs = d.plan().ovsFlows(1).get(0);
        assertTrue(ovs.contains("mod_dl_src:02:00:0a:c8:01:01,mod_dl_dst:02:00:0a:c8:01:02"), ovs);
        assertTrue(d.nfConfig(1).contains("\nnf l3fwd\n"));
    }

    @Test
    void firewallHoldsTenRulesWithADropPolicyAndRoutesTheProbeFlow() {
        DpdkPlan d = plan("firewall+l3fwd", DpdkSettings.defaults());
        String conf = d.nfConfig(1);
        List<String> rules = conf.lines().filter(l -> l.startsWith("rule ")).toList();
        assertEquals(ChainPlan.FIREWALL_RULES, rules.size());
        assertEquals("rule accept proto 17 src 10.200.0.1/32 dst 10.200.2.2/32 dport 6000", rules.get(9));
        assertTrue(rules.contains("rule drop proto 17 dport 161"));
        assertTrue(conf.contains("\npolicy drop\n"));
        assertTrue(conf.contains("\nroute 10.200.2.2/32 02:00:0a:c8:01:01 02:00:0a:c8:01:02\n"), conf);
        assertEquals("# nfvperf-nf configuration of nfvp-4242-1-dut1\nnf l2fwd\n", plan("l2fwd", DpdkSettings.defaults()).nfConfig(1));
    }

    @Test
    void dutTapsAreTakenInsideTheDataplaneByDumpcap() {
        DpdkPlan d = plan("firewall+l3fwd", DpdkSettings.defaults());
        assertTrue(d.insideDataplane("dut2_in"));
        assertFalse(d.insideDataplane("gen"));
        assertFalse(d.insideDataplane("dut3_in"));
        assertEquals("net_vhost0", d.tapPort("dut1_out"));
        assertEquals(List.of("dpdk-dumpcap", "--file-prefix=nfvp-4242-1-dut2", "-i", "net_virtio_user0", "-s", "128",
                "-w", "t.pcapng", "-c", "500", "-f", "udp port 6000"), d.dumpcapCommand("dut2_in", Path.of("t.pcapng"), 500));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.dutOf("sink"));
        assertEquals("tap must be dut<i>_in or dut<i>_out of chain firewall+l3fwd: sink", e.getMessage());
    }

    @Test
    void onlyAPlanOnTheDpdkDataplaneIsAccepted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DpdkPlan(new ChainPlan("nfvp-1-1-", Chain.parse("l3fwd"), 6000), DpdkSettings.defaults(), BIN));
        assertEquals("plan must be on dataplane dpdk: linux", e.getMessage());
    }

    @Test
    void settingsComeFromTheFactorsWithDefaults() {
        DpdkSettings s = DpdkSettings.of(trial(Map.of("burst", "8", "flush_us", "100", "dpdk_cpus", "0")));
        assertEquals(new DpdkSettings(8, 100, DpdkSettings.DEFAULT_IDLE_SLEEP_MICROS, List.of(0)), s);
        assertEquals(32, DpdkSettings.of(trial(Map.of())).burst());
        assertEquals("burst must be in [1, 512]: 0",
                assertThrows(IllegalArgumentException.class, () -> DpdkSettings.of(trial(Map.of("burst", "0")))).getMessage());
        assertEquals("factor flush_us must be an integer: 1ms",
                assertThrows(IllegalArgumentException.class, () -> DpdkSettings.of(trial(Map.of("flush_us", "1ms")))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> DpdkSettings.of(trial(Map.of("dpdk_cpus", "999"))));
    }

    private static Trial trial(Map<String, String> factors) {
        return new Trial("t", "0000000000000001", factors, "10G", 1, 1, List.of(), 0);
    }
}
