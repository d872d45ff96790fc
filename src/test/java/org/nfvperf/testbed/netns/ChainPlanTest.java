package org.nfvperf.testbed.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChainPlanTest {
    private static ChainPlan plan(String chain) {
        return new ChainPlan("nfvp-1-1-", Chain.parse(chain), 6000);
    }

    private static List<String> lines(ChainPlan p) {
        return p.setupCommands().stream().map(HostCommand::toString).collect(Collectors.toList());
    }

    @Test
    void l3fwdPlanIsExactlyTheseCommands() {
        List<String> expected = new java.util.ArrayList<>(List.of(
                "ip netns add nfvp-1-1-gen",
                "ip netns add nfvp-1-1-dut1",
                "ip netns add nfvp-1-1-sink",
                "ip netns exec nfvp-1-1-gen sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1",
                "ip -n nfvp-1-1-gen link set lo up",
                "ip netns exec nfvp-1-1-dut1 sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1"
                        + " net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0",
                "ip -n nfvp-1-1-dut1 link set lo up",
                "ip netns exec nfvp-1-1-sink sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1",
                "ip -n nfvp-1-1-sink link set lo up",
                "ip link add name gen netns nfvp-1-1-gen address 02:00:0a:c8:00:01 type veth peer name dut1_in netns nfvp-1-1-dut1 address 02:00:0a:c8:00:02",
                "ip link add name dut1_out netns nfvp-1-1-dut1 address 02:00:0a:c8:01:01 type veth peer name sink netns nfvp-1-1-sink address 02:00:0a:c8:01:02",
                "ip -n nfvp-1-1-gen link set gen up",
                "ip -n nfvp-1-1-dut1 link set dut1_in up",
                "ip -n nfvp-1-1-dut1 link set dut1_out up",
                "ip -n nfvp-1-1-sink link set sink up",
                "ip -n nfvp-1-1-gen addr add 10.200.0.1/24 dev gen",
                "ip -n nfvp-1-1-gen neigh replace 10.200.0.2 lladdr 02:00:0a:c8:00:02 dev gen nud permanent",
                "ip -n nfvp-1-1-dut1 addr add 10.200.0.2/24 dev dut1_in",
                "ip -n nfvp-1-1-dut1 neigh replace 10.200.0.1 lladdr 02:00:0a:c8:00:01 dev dut1_in nud permanent",
                "ip -n nfvp-1-1-dut1 addr add 10.200.1.1/24 dev dut1_out",
                "ip -n nfvp-1-1-dut1 neigh replace 10.200.1.2 lladdr 02:00:0a:c8:01:02 dev dut1_out nud permanent",
                "ip -n nfvp-1-1-sink addr add 10.200.1.2/24 dev sink",
                "ip -n nfvp-1-1-sink neigh replace 10.200.1.1 lladdr 02:00:0a:c8:01:01 dev sink nud permanent",
                "ip -n nfvp-1-1-gen route add default via 10.200.0.2 dev gen",
                "ip -n nfvp-1-1-sink route add default via 10.200.1.1 dev sink",
                "ip -n nfvp-1-1-dut1 route add 10.200.1.2/32 via 10.200.1.2 dev dut1_out"));
        for (int i = 0; i < 9; i++) {
            expected.add("ip -n nfvp-1-1-dut1 route add 198.18." + i + ".0/24 via 10.200.1.2 dev dut1_out");
        }
        expected.add("ip -n nfvp-1-1-dut1 route add default via 10.200.0.1 dev dut1_in");
        assertEquals(expected, lines(plan("l3fwd")));
    }

    @ParameterizedTest
    @CsvSource({
            "l3fwd, 10.200.1.2, 4, 0, 0",
            "firewall, 10.200.1.2, 4, 1, 0",
            "l2fwd, 10.200.0.2, 4, 0, 1",
            "firewall+l3fwd, 10.200.2.2, 6, 1, 0",
            "firewall+l3fwd+l2fwd, 10.200.2.2, 8, 1, 1",
            "l2fwd+l2fwd+l2fwd, 10.200.0.2, 8, 0, 3"})
    void addressesTapsAndNfsFollowTheChain(String chain, String sink, int taps, int firewalls, int bridges) {
        ChainPlan p = plan(chain);
        assertEquals(sink, p.sinkAddress());
        assertEquals("10.200.0.1", p.generatorAddress());
        assertEquals(taps, p.tapNames().size());
        List<String> cmds = lines(p);
        assertEquals(firewalls, cmds.stream().filter(c -> c.contains(" nft -f -")).count());
        assertEquals(bridges, cmds.stream().filter(c -> c.endsWith("type bridge stp_state 0")).count());
        assertEquals(2L * bridges, cmds.stream().filter(c -> c.contains("bridge fdb replace")).count());
        Chain c = Chain.parse(chain);
        for (int dut = 1; dut <= c.size(); dut++) {
            String prefix = "ip -n " + p.namespace(dut) + " route add ";
            long routes = cmds.stream().filter(x -> x.startsWith(prefix) && !x.startsWith(prefix + "default")).count();
            int expected = switch (c.at(dut)) {
                case L3FWD -> ChainPlan.L3FWD_ROUTES;
                case FIREWALL -> 1;
                case L2FWD -> 0;
            };
            assertEquals(expected, routes, "routes in dut" + dut);
        }
        assertEquals(p.namespaces().size(), p.teardownCommands().size());
        assertEquals("ip netns delete nfvp-1-1-sink", p.teardownCommands().get(p.namespaces().size() - 1).toString());
    }

    @Test
    void threeNfChainBridgesTheLastSegmentToTheSink() {
        List<String> cmds = lines(plan("firewall+l3fwd+l2fwd"));
        // the l3fwd's next hop is the sink itself, across the bridge in dut3
        assertEquals(true, cmds.contains("ip -n nfvp-1-1-dut2 neigh replace 10.200.2.2 lladdr 02:00:0a:c8:03:02 dev dut2_out nud permanent"));
        assertEquals(true, cmds.contains("ip netns exec nfvp-1-1-dut3 bridge fdb replace 02:00:0a:c8:03:02 dev dut3_out master static"));
        assertEquals(true, cmds.contains("ip -n nfvp-1-1-sink route add default via 10.200.2.1 dev sink"));
        assertEquals(true, cmds.contains("ip -n nfvp-1-1-dut1 route add 10.200.2.2/32 via 10.200.1.2 dev dut1_out"));
    }

    @Test
    void ovsPlanLeavesDutPortsToTheSwitchAndProgramsFlows() {
        ChainPlan p = new ChainPlan("nfvp-1-1-", Chain.parse("firewall+l3fwd+l2fwd"), 6000, Dataplane.OVS);
        List<String> cmds = lines(p);
        assertEquals(0, cmds.stream().filter(c -> c.contains("-dut") && (c.contains(" addr add ") || c.contains(" route ")
                || c.contains("ip_forward") || c.contains(" nft ") || c.contains("type bridge"))).count(), cmds.toString());
        assertTrue(cmds.contains("ip netns exec nfvp-1-1-gen ethtool -K gen tx off"));
        assertTrue(cmds.contains("ip -n nfvp-1-1-gen neigh replace 10.200.0.2 lladdr 02:00:0a:c8:00:02 dev gen nud permanent"));
        assertTrue(cmds.contains("ip -n nfvp-1-1-sink addr add 10.200.2.2/24 dev sink"));
        assertEquals(List.of(
                "priority=100,in_port=1,dl_dst=02:00:0a:c8:03:02,actions=output:2",
                "priority=100,in_port=2,dl_dst=02:00:0a:c8:02:01,actions=output:1"), p.ovsFlows(3));
        List<String> l3 = p.ovsFlows(2);
        assertEquals(ChainPlan.L3FWD_ROUTES, l3.size());
        assertEquals("priority=100,in_port=1,ip,nw_dst=10.200.2.2/32,actions=mod_dl_src:02:00:0a:c8:02:01,"
                + "mod_dl_dst:02:00:0a:c8:03:02,dec_ttl,output:2", l3.get(0));
        List<String> fw = p.ovsFlows(1);
        assertEquals(ChainPlan.FIREWALL_RULES, fw.size());
        assertEquals("priority=200,in_port=1,udp,nw_src=10.200.0.1,nw_dst=10.200.2.2,tp_dst=6000,actions=mod_dl_src:"
                + "02:00:0a:c8:01:01,mod_dl_dst:02:00:0a:c8:01:02,dec_ttl,output:2", fw.get(9));
        assertEquals("unix:/run/nfvperf-netns/nfvp-1-1-dut2/br0.mgmt", p.ovsTarget(2));
        HostCommand flows = p.ovsConfigureCommands(2).get(1);
        assertEquals(List.of("ovs-ofctl", "add-flows", "unix:/run/nfvperf-netns/nfvp-1-1-dut2/br0.mgmt", "-"), flows.argv());
        assertEquals(String.join("\n", l3) + "\n", flows.stdin());
        assertEquals("/run/nfvperf-netns/nfvp-1-1-dut1", p.ovsEnvironment(1).get("OVS_RUNDIR"));
    }

    @Test
    void ovsDpdkPlanIsTheOvsPlanWithTheDpdkSwitchAndAfPacketPorts() {
        ChainPlan ovs = new ChainPlan("nfvp-1-1-", Chain.parse("firewall+l3fwd"), 6000, Dataplane.OVS);
        ChainPlan p = new ChainPlan("nfvp-1-1-", Chain.parse("firewall+l3fwd"), 6000, Dataplane.OVS_DPDK);
        assertEquals(lines(ovs), lines(p), "same namespaces, links and addresses");
        assertEquals(ovs.ovsFlows(1), p.ovsFlows(1));
        assertEquals(ovs.ovsFlows(2), p.ovsFlows(2));
        assertEquals(ChainPlan.OVS_VSWITCHD_DPDK, p.ovsDaemons(1).get(1).get(0));
        assertEquals("ovs-vswitchd", ovs.ovsDaemons(1).get(1).get(0));
        List<String> vsctl = p.ovsConfigureCommands(2).get(0).argv();
        assertTrue(vsctl.contains("other_config:dpdk-init=true"), vsctl.toString());
        assertTrue(vsctl.contains("other_config:dpdk-extra=\"--no-pci --no-telemetry --huge-dir=/run/nfvperf-netns/nfvp-1-1-dpdk/huge"
                + " --file-prefix=nfvp-1-1-dut2 --single-file-segments\""), vsctl.toString());
        assertTrue(vsctl.contains("options:dpdk-devargs=\"net_af_packet0,iface=dut2_in,qpairs=1,qdisc_bypass=0,framecnt=4096\""),
                vsctl.toString());
        assertTrue(vsctl.contains("options:dpdk-devargs=\"net_af_packet1,iface=dut2_out,qpairs=1,qdisc_bypass=0,framecnt=4096\""),
                vsctl.toString());
        assertEquals(2, vsctl.stream().filter("type=dpdk"::equals).count());
        assertTrue(ovs.ovsConfigureCommands(2).get(0).argv().stream().noneMatch(a -> a.contains("dpdk")));
        assertEquals(2 * ChainPlan.OVS_DPDK_HUGEPAGES_PER_DUT, p.ovsDpdkHugepages());
        assertEquals(Dataplane.OVS_DPDK, Dataplane.parse("ovs-dpdk"));
        assertTrue(Dataplane.OVS_DPDK.isOvs() && Dataplane.OVS.isOvs() && !Dataplane.DPDK.isOvs());
    }

    @Test
    void firewallRulesetHasTenRulesEndingInTheProbeAccept() {
        String rules = plan("firewall+l3fwd").firewallRuleset(1);
        List<String> ruleLines = rules.lines().map(String::strip)
                .filter(l -> l.endsWith(" drop") || l.endsWith(" accept")).collect(Collectors.toList());
        assertEquals(ChainPlan.FIREWALL_RULES, ruleLines.size());
        assertEquals("ip saddr 10.200.0.1 ip daddr 10.200.2.2 udp dport 6000 counter accept", ruleLines.get(9));
        assertEquals(true, rules.contains("policy drop;"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> plan("firewall+l3fwd").firewallRuleset(2));
        assertEquals("dut must be a firewall in chain firewall+l3fwd: 2", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
            "gen, nfvp-1-1-gen, gen",
            "dut1_in, nfvp-1-1-dut1, dut1_in",
            "dut2_out, nfvp-1-1-dut2, dut2_out",
            "sink, nfvp-1-1-sink, sink"})
    void tapsMapToNamespaceAndInterface(String tap, String ns, String iface) {
        ChainPlan.TapPoint t = plan("firewall+l3fwd").tap(tap);
        assertEquals(ns, t.namespace());
        assertEquals(iface, t.iface());
    }

    @Test
    void unknownTapAndBadPrefixAreRejectedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plan("l3fwd").tap("dut2_in"));
        assertEquals("tap must be one of gen, dut1_in, dut1_out, sink for chain l3fwd: dut2_in", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ChainPlan("bad prefix", Chain.parse("l3fwd"), 6000));
        assertEquals("prefix must match [A-Za-z0-9][A-Za-z0-9._-]{0,40}-: bad prefix", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ChainPlan("nfvp-1-1-", Chain.parse("l3fwd"), 0));
        assertEquals("udpPort must be in [1, 65535]: 0", e.getMessage());
    }

    @Test
    void chainParsingNamesTheBadElement() {
        assertEquals("firewall+l3fwd+l2fwd", Chain.parse(" firewall+L3FWD+l2fwd").id());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Chain.parse("l3fwd+nat"));
        assertEquals("network function must be one of l2fwd, l3fwd, firewall: nat", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Chain.parse("l3fwd+l3fwd+l3fwd+l3fwd"));
        assertEquals("chain length must be in [1, 3]: l3fwd+l3fwd+l3fwd+l3fwd", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Chain.parse("l3fwd+"));
        assertEquals("network function must be one of l2fwd, l3fwd, firewall: ", e.getMessage());
    }
}
