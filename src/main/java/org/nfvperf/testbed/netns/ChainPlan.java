package org.nfvperf.testbed.netns;

import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host commands that build (and remove) one trial's namespaces for a chain on the Linux kernel
 * dataplane. Pure: it computes names, addresses and command lines and runs nothing, so that command
 * construction is unit-tested without root. Immutable and thread-safe.
 *
 * <pre>
 *  node 0          node 1 .. N (one per NF)               node N+1
 *  [prefix gen] gen ==== dut1_in [prefix dut1] dut1_out ==== ... ==== sink [prefix sink]
 *               link 0                                    link N
 * </pre>
 *
 * <p>Every layer-3 node (generator, sink, {@code l3fwd}, {@code firewall}) ends an L2 segment;
 * segment {@code s} uses {@code 10.200.s.0/24}, its left router/generator is {@code .1} and its right
 * router/sink {@code .2}. {@code l2fwd} bridges sit inside a segment. MAC addresses are fixed
 * ({@code 02:00:0a:c8:<link>:01|02}) and neighbours are permanent, so no ARP runs and the first
 * packet is not delayed. IPv6 is disabled in every namespace so the taps see only our traffic.
 * The addresses exist only inside the run's namespaces; nothing is routed to the host.
 *
 * <pre>{@code
 * ChainPlan plan = new ChainPlan("nfvp-4242-1-", Chain.parse("firewall+l3fwd"), 6000);
 * for (HostCommand c : plan.setupCommands()) { ... }     // ip netns add nfvp-4242-1-gen, ...
 * TapPoint t = plan.tap("dut1_out");                      // namespace nfvp-4242-1-dut1, interface dut1_out
 * }</pre>
 *
 * @param prefix  namespace name prefix, unique per run, e.g. {@code nfvp-<pid>-<n>-}
 * @param chain   the NFs in path order
 * @param udpPort UDP source and destination port of the probe traffic, in [1, 65535]
 */
public record ChainPlan(String prefix, Chain chain, int udpPort, Dataplane dataplane) {
    /** Number of routes the {@code l3fwd} NF installs, as in the paper. */
    public static final int L3FWD_ROUTES = 10;
    /** Number of rules in the {@code firewall} NF's filter chain, as in the paper. */
    public static final int FIREWALL_RULES = 10;
    /** Name of the bridge inside an {@code l2fwd} namespace. */
    public static final String BRIDGE = "br0";
    /** Open vSwitch's database schema as Debian's openvswitch-common installs it. */
    public static final String OVS_SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema";
    /**
     * Debian's ovs-vswitchd with the DPDK datapath (openvswitch-switch-dpdk). Started by its path, so
     * the host's {@code ovs-vswitchd} alternative (update-alternatives) is never switched.
     */
    public static final String OVS_VSWITCHD_DPDK = "/usr/lib/openvswitch-switch-dpdk/ovs-vswitchd-dpdk";
    /**
     * EAL memory limit (other_config:dpdk-socket-limit, MiB) of each ovs-dpdk switch: its shared mbuf
     * pool (OVS halves the pool from 262,144 mbufs until it fits) and the two af_packet ports; without
     * the limit the first switch's attempts take the pages the next one needs.
     */
    public static final int OVS_DPDK_MEMORY_MB = 192;
    /** 2 MiB hugepages reserved per ovs-dpdk switch: its limit and some slack. */
    public static final int OVS_DPDK_HUGEPAGES_PER_DUT = OVS_DPDK_MEMORY_MB / 2 + 16;
    /** Frames in each af_packet ring of an ovs-dpdk port (as the dpdk dataplane's). */
    public static final int OVS_DPDK_AF_PACKET_FRAMES = 4096;
    /** Longest sleep (µs) of an idle ovs-dpdk PMD thread (other_config:pmd-maxsleep), like the NFs' idle sleep. */
    public static final int OVS_DPDK_PMD_MAXSLEEP_US = 20;

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,40}-");
    private static final Pattern TAP = Pattern.compile("gen|sink|dut([1-9])_(in|out)");

    public ChainPlan {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("prefix must match " + PREFIX.pattern() + ": " + prefix);
        }
        if (chain == null) {
            throw new IllegalArgumentException("chain must not be null: null");
        }
        if (udpPort < 1 || udpPort > 65535) {
            throw new IllegalArgumentException("udpPort must be in [1, 65535]: " + udpPort);
        }
        if (dataplane == null) {
            throw new IllegalArgumentException("dataplane must not be null: null");
        }
    }

    /** A plan on the Linux kernel dataplane. */
    public ChainPlan(String prefix, Chain chain, int udpPort) {
        this(prefix, chain, udpPort, Dataplane.LINUX);
    }

    /** Where the Open vSwitch daemons of DUT {@code dut} keep database, sockets and logs. */
    public Path ovsDir(int dut) {
        return Leftovers.STATE_DIR.resolve(namespace(dut));
    }

    /** The bridge's OpenFlow management socket of DUT {@code dut}. */
    public String ovsTarget(int dut) {
        return "unix:" + ovsDir(dut).resolve(BRIDGE + ".mgmt");
    }

    /** The ovsdb-server and ovs-vswitchd command lines of DUT {@code dut} (long-running, not detached). */
    public List<List<String>> ovsDaemons(int dut) {
        Path d = ovsDir(dut);
        return List.of(
                List.of("ovsdb-server", d.resolve("conf.db").toString(), "--remote=punix:" + d.resolve("db.sock"),
                        "--pidfile=" + d.resolve("ovsdb-server.pid"), "--unixctl=" + d.resolve("ovsdb-server.ctl"),
                        "--log-file=" + d.resolve("ovsdb-server.log"), "--no-chdir"),
                List.of(dataplane == Dataplane.OVS_DPDK ? OVS_VSWITCHD_DPDK : "ovs-vswitchd", "unix:" + d.resolve("db.sock"),
                        "--pidfile=" + d.resolve("ovs-vswitchd.pid"),
                        "--unixctl=" + d.resolve("ovs-vswitchd.ctl"), "--log-file=" + d.resolve("ovs-vswitchd.log"),
                        "--no-chdir"));
    }

    /** Environment for the OVS tools of DUT {@code dut}, so that nothing touches /var/run/openvswitch. */
    public java.util.Map<String, String> ovsEnvironment(int dut) {
        String d = ovsDir(dut).toString();
        return java.util.Map.of("OVS_RUNDIR", d, "OVS_LOGDIR", d, "OVS_DBDIR", d, "OVS_SYSCONFDIR", d);
    }

    /** Commands run before the daemons of DUT {@code dut} start: a fresh database. */
    public List<HostCommand> ovsPrepareCommands(int dut) {
        Path d = ovsDir(dut);
        return List.of(HostCommand.of("mkdir", "-p", d.toString()),
                HostCommand.of("ovsdb-tool", "create", d.resolve("conf.db").toString(), OVS_SCHEMA));
    }

    /**
     * Commands run once the daemons of DUT {@code dut} are up: a netdev (userspace) bridge in
     * fail-secure mode with {@code dut<i>_in} as OpenFlow port 1 and {@code dut<i>_out} as port 2,
     * and the NF's OpenFlow rules.
     */
    public List<HostCommand> ovsConfigureCommands(int dut) {
        Path d = ovsDir(dut);
        String in = "dut" + dut + "_in";
        String out = "dut" + dut + "_out";
        List<String> vsctl = new ArrayList<>(List.of("ovs-vsctl", "--db=unix:" + d.resolve("db.sock"), "--retry",
                "--timeout=60"));
        if (dataplane == Dataplane.OVS_DPDK) {
            vsctl.addAll(List.of("set", "Open_vSwitch", ".", "other_config:dpdk-init=true",
                    "other_config:dpdk-extra=\"" + String.join(" ", ovsDpdkEal(dut)) + "\"",
                    "other_config:dpdk-socket-limit=" + OVS_DPDK_MEMORY_MB,
                    "other_config:pmd-cpu-mask=" + Long.toHexString(1L << ovsDpdkCpu()),
                    "other_config:dpdk-lcore-mask=" + Long.toHexString(1L << ovsDpdkCpu()),
                    "other_config:pmd-maxsleep=" + OVS_DPDK_PMD_MAXSLEEP_US, "--"));
        }
        vsctl.addAll(List.of("add-br", BRIDGE, "--", "set", "bridge", BRIDGE, "datapath_type=netdev", "fail_mode=secure",
                "--", "add-port", BRIDGE, in, "--", "set", "interface", in, "ofport_request=1"));
        vsctl.addAll(ovsDpdkPort(in, 0));
        vsctl.addAll(List.of("--", "add-port", BRIDGE, out, "--", "set", "interface", out, "ofport_request=2"));
        vsctl.addAll(ovsDpdkPort(out, 1));
        return List.of(new HostCommand(vsctl, ""),
                new HostCommand(List.of("ovs-ofctl", "add-flows", ovsTarget(dut), "-"), String.join("\n", ovsFlows(dut)) + "\n"));
    }

    /** For ovs-dpdk: the interface's type and af_packet devargs (nothing for ovs, whose ports are the veths themselves). */
    private List<String> ovsDpdkPort(String iface, int index) {
        if (dataplane != Dataplane.OVS_DPDK) {
            return List.of();
        }
        return List.of("type=dpdk", "options:dpdk-devargs=\"net_af_packet" + index + ",iface=" + iface
                + ",qpairs=1,qdisc_bypass=0,framecnt=" + OVS_DPDK_AF_PACKET_FRAMES + "\"");
    }

    /** EAL arguments of DUT {@code dut}'s ovs-dpdk switch (other_config:dpdk-extra). */
    public List<String> ovsDpdkEal(int dut) {
        return List.of("--no-pci", "--no-telemetry", "--huge-dir=" + ovsDpdkHugeDir(), "--file-prefix=" + namespace(dut),
                "--single-file-segments");
    }

    /** The CPU the ovs-dpdk switches' PMD threads are pinned to: the last one, as the dpdk dataplane's NFs. */
    public static int ovsDpdkCpu() {
        return Runtime.getRuntime().availableProcessors() - 1;
    }

    /** Hugetlbfs mount of the ovs-dpdk switches, where {@code testbed cleanup} finds a dead owner's (as the dpdk dataplane's). */
    public Path ovsDpdkHugeDir() {
        return Leftovers.STATE_DIR.resolve(prefix + "dpdk").resolve("huge");
    }

    /** 2 MiB hugepages the ovs-dpdk switches of the chain need. */
    public int ovsDpdkHugepages() {
        return chain.size() * OVS_DPDK_HUGEPAGES_PER_DUT;
    }

    /**
     * The OpenFlow rules of DUT {@code dut}: {@code l2fwd} forwards by destination MAC;
     * {@code l3fwd} holds {@value #L3FWD_ROUTES} routes that rewrite the MACs, decrement the TTL
     * and output; {@code firewall} holds {@value #FIREWALL_RULES} rules (8 drops, ICMP and the
     * probe flow routed) and drops the rest (fail-secure table miss).
     */
    public List<String> ovsFlows(int dut) {
        int inLink = dut - 1;
        int outLink = dut;
        List<String> flows = new ArrayList<>();
        if (chain.at(dut) == NetworkFunction.L2FWD) {
            int seg = segmentOf(inLink);
            flows.add("priority=100,in_port=1,dl_dst=" + mac(rightL3Link(seg), 2) + ",actions=output:2");
            flows.add("priority=100,in_port=2,dl_dst=" + mac(leftL3Link(seg), 1) + ",actions=output:1");
            return flows;
        }
        int outSeg = segmentOf(outLink);
        String route = "actions=mod_dl_src:" + mac(outLink, 1) + ",mod_dl_dst:" + mac(rightL3Link(outSeg), 2)
                + ",dec_ttl,output:2";
        if (chain.at(dut) == NetworkFunction.L3FWD) {
            flows.add("priority=100,in_port=1,ip,nw_dst=" + sinkAddress() + "/32," + route);
            for (int i = 0; i < L3FWD_ROUTES - 1; i++) {
                flows.add("priority=100,in_port=1,ip,nw_dst=198.18." + i + ".0/24," + route);
            }
            return flows;
        }
        for (String m : List.of("nw_src=192.0.2.0/24", "nw_dst=192.0.2.0/24", "nw_src=198.51.100.0/24",
                "nw_dst=198.51.100.0/24", "nw_src=203.0.113.0/24", "nw_dst=203.0.113.0/24")) {
            flows.add("priority=300,ip," + m + ",actions=drop");
        }
        flows.add("priority=300,tcp,tp_dst=23,actions=drop");
        flows.add("priority=300,udp,tp_dst=161,actions=drop");
        flows.add("priority=200,in_port=1,icmp,nw_dst=" + sinkAddress() + "," + route);
        flows.add("priority=200,in_port=1,udp,nw_src=" + generatorAddress() + ",nw_dst=" + sinkAddress() + ",tp_dst="
                + udpPort + "," + route);
        return flows;
    }

    /**
     * The MACs a routing DUT writes into a forwarded frame: its out port's (source) and the next
     * layer-3 hop's (destination), as the OVS flows and the kernel's neighbour entries use them.
     */
    List<String> routeMacs(int dut) {
        if (!chain.at(dut).routes()) {
            throw new IllegalArgumentException("dut must route in chain " + chain.id() + ": " + dut);
        }
        return List.of(mac(dut, 1), mac(rightL3Link(segmentOf(dut)), 2));
    }

    /** Where a tap captures: the namespace and the interface in it. */
    public record TapPoint(String name, String namespace, String iface) {
    }

    /** Namespace of node {@code node} (0 = generator, 1..N = DUTs, N+1 = sink). */
    public String namespace(int node) {
        if (node == 0) {
            return prefix + "gen";
        }
        if (node == chain.size() + 1) {
            return prefix + "sink";
        }
        if (node < 0 || node > chain.size() + 1) {
            throw new IllegalArgumentException("node must be in [0, " + (chain.size() + 1) + "]: " + node);
        }
        return prefix + "dut" + node;
    }

    /** Every namespace of the trial, generator first. */
    public List<String> namespaces() {
        List<String> out = new ArrayList<>();
        for (int node = 0; node <= chain.size() + 1; node++) {
            out.add(namespace(node));
        }
        return out;
    }

    /** The generator namespace. */
    public String generatorNamespace() {
        return namespace(0);
    }

    /** The sink namespace. */
    public String sinkNamespace() {
        return namespace(chain.size() + 1);
    }

    /** Every tap name in path order: {@code gen, dut1_in, dut1_out, ..., sink}. */
    public List<String> tapNames() {
        List<String> out = new ArrayList<>();
        out.add("gen");
        for (int d = 1; d <= chain.size(); d++) {
            out.add("dut" + d + "_in");
            out.add("dut" + d + "_out");
        }
        out.add("sink");
        return out;
    }

    /**
     * @throws IllegalArgumentException for a name that is not one of {@link #tapNames()}
     */
    public TapPoint tap(String name) {
        Matcher m = TAP.matcher(name);
        if (m.matches()) {
            if (name.equals("gen")) {
                return new TapPoint(name, generatorNamespace(), "gen");
            }
            if (name.equals("sink")) {
                return new TapPoint(name, sinkNamespace(), "sink");
            }
            int dut = Integer.parseInt(m.group(1));
            if (dut <= chain.size()) {
                return new TapPoint(name, namespace(dut), name);
            }
        }
        throw new IllegalArgumentException("tap must be one of " + String.join(", ", tapNames())
                + " for chain " + chain.id() + ": " + name);
    }

    /** The generator's IPv4 address (source of the probe traffic). */
    public String generatorAddress() {
        return "10.200.0.1";
    }

    /**
     * The MACs of a frame the generator puts on its interface itself (a raw-socket generator such
     * as trafgen, which bypasses the kernel's neighbour table): its own (source) and that of the
     * first layer-3 hop (destination), as the generator namespace's permanent neighbour entry says.
     */
    public List<String> generatorFrameMacs() {
        return List.of(mac(0, 1), mac(rightL3Link(0), 2));
    }

    /** The sink's IPv4 address (destination of the probe traffic). */
    public String sinkAddress() {
        return "10.200." + lastSegment() + ".2";
    }

    /** The commands that build the topology, in order. */
    public List<HostCommand> setupCommands() {
        List<HostCommand> cmds = new ArrayList<>();
        int n = chain.size();
        for (String ns : namespaces()) {
            cmds.add(HostCommand.of("ip", "netns", "add", ns));
        }
        for (int node = 0; node <= n + 1; node++) {
            String ns = namespace(node);
            List<String> sysctl = new ArrayList<>(List.of("ip", "netns", "exec", ns, "sysctl", "-q", "-w",
                    "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1"));
            if (isRouter(node) && dataplane == Dataplane.LINUX) {
                sysctl.addAll(List.of("net.ipv4.ip_forward=1", "net.ipv4.conf.all.rp_filter=0",
                        "net.ipv4.conf.default.rp_filter=0"));
            }
            cmds.add(new HostCommand(sysctl, ""));
            cmds.add(HostCommand.of("ip", "-n", ns, "link", "set", "lo", "up"));
        }
        for (int link = 0; link <= n; link++) {
            cmds.add(HostCommand.of("ip", "link", "add", "name", leftIface(link), "netns", namespace(link),
                    "address", mac(link, 1), "type", "veth", "peer", "name", rightIface(link),
                    "netns", namespace(link + 1), "address", mac(link, 2)));
        }
        for (int dut = 1; dut <= n && dataplane == Dataplane.LINUX; dut++) {
            if (chain.at(dut) == NetworkFunction.L2FWD) {
                cmds.addAll(bridgeCommands(dut));
            }
        }
        if (dataplane != Dataplane.LINUX) {
            // The userspace datapath reads frames with AF_PACKET and cannot finish a checksum the
            // sender's veth left to "hardware": the generator must compute its UDP checksums itself.
            cmds.add(HostCommand.of("ip", "netns", "exec", generatorNamespace(), "ethtool", "-K", "gen", "tx", "off"));
        }
        for (int link = 0; link <= n; link++) {
            cmds.add(HostCommand.of("ip", "-n", namespace(link), "link", "set", leftIface(link), "up"));
            cmds.add(HostCommand.of("ip", "-n", namespace(link + 1), "link", "set", rightIface(link), "up"));
        }
        for (int seg = 0; seg <= lastSegment(); seg++) {
            cmds.addAll(segmentCommands(seg));
        }
        cmds.add(HostCommand.of("ip", "-n", generatorNamespace(), "route", "add", "default", "via", "10.200.0.2",
                "dev", "gen"));
        cmds.add(HostCommand.of("ip", "-n", sinkNamespace(), "route", "add", "default", "via",
                "10.200." + lastSegment() + ".1", "dev", "sink"));
        for (int dut = 1; dut <= n && dataplane == Dataplane.LINUX; dut++) {
            if (chain.at(dut).routes()) {
                cmds.addAll(routerCommands(dut));
            }
        }
        return cmds;
    }

    /** The commands that remove the topology (deleting a namespace destroys its veth ends). */
    public List<HostCommand> teardownCommands() {
        List<HostCommand> cmds = new ArrayList<>();
        for (String ns : namespaces()) {
            cmds.add(HostCommand.of("ip", "netns", "delete", ns));
        }
        return cmds;
    }

    /**
     * The nftables ruleset of a {@code firewall} DUT: a forward chain with policy drop and
     * {@link #FIREWALL_RULES} rules, the last of which accepts (and counts) the probe flow, so every
     * probe packet is compared against all ten.
     */
    public String firewallRuleset(int dut) {
        if (chain.at(dut) != NetworkFunction.FIREWALL) {
            throw new IllegalArgumentException("dut must be a firewall in chain " + chain.id() + ": " + dut);
        }
        return "table ip nfvperf {\n"
                + "  chain forward {\n"
                + "    type filter hook forward priority filter; policy drop;\n"
                + "    ip saddr 192.0.2.0/24 drop\n"
                + "    ip daddr 192.0.2.0/24 drop\n"
                + "    ip saddr 198.51.100.0/24 drop\n"
                + "    ip daddr 198.51.100.0/24 drop\n"
                + "    ip saddr 203.0.113.0/24 drop\n"
                + "    ip daddr 203.0.113.0/24 drop\n"
                + "    tcp dport 23 drop\n"
                + "    udp dport 161 drop\n"
                + "    ip protocol icmp accept\n"
                + "    ip saddr " + generatorAddress() + " ip daddr " + sinkAddress() + " udp dport " + udpPort
                + " counter accept\n"
                + "  }\n"
                + "}\n";
    }

    private List<HostCommand> bridgeCommands(int dut) {
        String ns = namespace(dut);
        List<HostCommand> cmds = new ArrayList<>();
        cmds.add(HostCommand.of("ip", "-n", ns, "link", "add", BRIDGE, "type", "bridge", "stp_state", "0"));
        cmds.add(HostCommand.of("ip", "-n", ns, "link", "set", "dut" + dut + "_in", "master", BRIDGE));
        cmds.add(HostCommand.of("ip", "-n", ns, "link", "set", "dut" + dut + "_out", "master", BRIDGE));
        cmds.add(HostCommand.of("ip", "-n", ns, "link", "set", BRIDGE, "up"));
        int seg = segmentOf(dut - 1);
        cmds.add(HostCommand.of("ip", "netns", "exec", ns, "bridge", "fdb", "replace",
                mac(rightL3Link(seg), 2), "dev", "dut" + dut + "_out", "master", "static"));
        cmds.add(HostCommand.of("ip", "netns", "exec", ns, "bridge", "fdb", "replace",
                mac(leftL3Link(seg), 1), "dev", "dut" + dut + "_in", "master", "static"));
        return cmds;
    }

    private List<HostCommand> segmentCommands(int seg) {
        int left = leftL3Link(seg);
        int right = rightL3Link(seg);
        String leftNs = namespace(left);
        String rightNs = namespace(right + 1);
        String net = "10.200." + seg + ".";
        // On OVS the DUT ports belong to the switch: no kernel address there (the kernel would
        // otherwise answer or forward too); the generator's and sink's neighbours stay the same.
        boolean leftKernel = dataplane == Dataplane.LINUX || left == 0;
        boolean rightKernel = dataplane == Dataplane.LINUX || right == chain.size();
        List<HostCommand> cmds = new ArrayList<>();
        if (leftKernel) {
            cmds.add(HostCommand.of("ip", "-n", leftNs, "addr", "add", net + "1/24", "dev", leftIface(left)));
            cmds.add(HostCommand.of("ip", "-n", leftNs, "neigh", "replace", net + "2", "lladdr", mac(right, 2),
                    "dev", leftIface(left), "nud", "permanent"));
        }
        if (rightKernel) {
            cmds.add(HostCommand.of("ip", "-n", rightNs, "addr", "add", net + "2/24", "dev", rightIface(right)));
            cmds.add(HostCommand.of("ip", "-n", rightNs, "neigh", "replace", net + "1", "lladdr", mac(left, 1),
                    "dev", rightIface(right), "nud", "permanent"));
        }
        return cmds;
    }

    private List<HostCommand> routerCommands(int dut) {
        String ns = namespace(dut);
        String out = "dut" + dut + "_out";
        int outSeg = segmentOf(dut);
        String nextHop = "10.200." + outSeg + ".2";
        List<HostCommand> cmds = new ArrayList<>();
        cmds.add(HostCommand.of("ip", "-n", ns, "route", "add", sinkAddress() + "/32", "via", nextHop, "dev", out));
        if (chain.at(dut) == NetworkFunction.L3FWD) {
            // The other nine entries cover RFC 2544's benchmarking range, so the table holds ten
            // routes as in the paper while the probe flow matches exactly one of them.
            for (int i = 0; i < L3FWD_ROUTES - 1; i++) {
                cmds.add(HostCommand.of("ip", "-n", ns, "route", "add", "198.18." + i + ".0/24", "via", nextHop,
                        "dev", out));
            }
        }
        cmds.add(HostCommand.of("ip", "-n", ns, "route", "add", "default", "via", "10.200." + (outSeg - 1) + ".1",
                "dev", "dut" + dut + "_in"));
        if (chain.at(dut) == NetworkFunction.FIREWALL) {
            cmds.add(new HostCommand(List.of("ip", "netns", "exec", ns, "nft", "-f", "-"), firewallRuleset(dut)));
        }
        return cmds;
    }

    private boolean isRouter(int node) {
        return node >= 1 && node <= chain.size() && chain.at(node).routes();
    }

    private boolean isL3(int node) {
        return node == 0 || node == chain.size() + 1 || chain.at(node).routes();
    }

    /** Segment of link {@code link}: the number of routers among nodes 1..link. */
    private int segmentOf(int link) {
        int s = 0;
        for (int node = 1; node <= link; node++) {
            if (isRouter(node)) {
                s++;
            }
        }
        return s;
    }

    private int lastSegment() {
        return segmentOf(chain.size());
    }

    /** The link whose left end is the L3 node that starts segment {@code seg}. */
    private int leftL3Link(int seg) {
        for (int link = 0; link <= chain.size(); link++) {
            if (segmentOf(link) == seg && isL3(link)) {
                return link;
            }
        }
        throw new IllegalStateException("segment " + seg + " has no left end");
    }

    /** The link whose right end is the L3 node that ends segment {@code seg}. */
    private int rightL3Link(int seg) {
        for (int link = chain.size(); link >= 0; link--) {
            if (segmentOf(link) == seg && isL3(link + 1)) {
                return link;
            }
        }
        throw new IllegalStateException("segment " + seg + " has no right end");
    }

    private String leftIface(int link) {
        return link == 0 ? "gen" : "dut" + link + "_out";
    }

    private String rightIface(int link) {
        return link == chain.size() ? "sink" : "dut" + (link + 1) + "_in";
    }

    private static String mac(int link, int side) {
        return String.format("02:00:0a:c8:%02x:%02x", link, side);
    }
}
