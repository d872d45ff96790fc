package org.nfvperf.testbed.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nfvperf.loadgen.Direction;
import org.nfvperf.loadgen.LogParsers;
import org.nfvperf.loadgen.LogResult;

/**
 * Real trials in network namespaces. Needs root and ip, tcpdump, nft, tshark, capinfos; skips with a
 * message otherwise (CI runs as root and installs them).
 */
class NetnsIntegrationTest {
    private static final double RATE_PPS = 20_000;
    private static final long DURATION_MS = 1_000;

    @TempDir
    Path dir;

    @BeforeAll
    static void requireRootAndTools() {
        boolean root = false;
        try {
            NetnsRunner.requireRoot();
            root = true;
        } catch (IllegalArgumentException e) {
            // reported by the assumption below
        }
        assumeTrue(root, "skipped: the netns integration test needs root (CAP_NET_ADMIN)");
        for (String tool : List.of("ip", "tcpdump", "nft", "sysctl", "bridge", "tshark", "capinfos")) {
            assumeTrue(Host.onPath(tool), "skipped: the netns integration test needs " + tool
                    + " (apt-get install iproute2 nftables tcpdump tshark procps)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"firewall+l3fwd+l2fwd"})
    void chainDeliversTheRateWithoutLossAndLeavesNothingBehind(String chainId) throws Exception {
        Chain chain = Chain.parse(chainId);
        List<String> taps = new ChainPlan("nfvp-0-0-", chain, NetnsRunner.UDP_PORT).tapNames();
        TrialConfig config = new TrialConfig(chain, Dataplane.LINUX, 128, RATE_PPS, DURATION_MS, taps, 0);
        NetnsRunner runner = new NetnsRunner(NetnsRunner.Options.defaults());
        runner.validate(config);
        TrialReport o = runner.execute(config, dir);

        long planned = UdpGenerator.plannedPackets(RATE_PPS, DURATION_MS);
        // The generator catches up for at most one more duration when the machine held it back, so on
        // a busy shared 2-core box it may send less than planned (and slower), never more.
        assertTrue(o.sent() <= planned && o.sent() >= planned / 2, "sent " + o.sent() + " of " + planned);
        assertTrue(o.lossPercent() <= 1.0, "loss " + o.lossPercent() + "% of " + o.sent());
        assertEquals(o.received(), o.probes(), "every received packet carries the probe header");
        assertEquals(taps, List.copyOf(o.taps().keySet()));
        for (String tap : taps) {
            Path pcap = dir.resolve("tap-" + tap + ".pcap");
            assertTrue(Files.exists(pcap), pcap + " exists");
            TrialReport.TapStats s = o.taps().get(tap);
            assertEquals(0, s.dropped(), tap + " kernel drops");
            assertEquals(s.receivedByFilter(), s.captured(), tap + " drained before stop");
            assertEquals(s.captured(), capinfosPackets(pcap), tap + " packets in file");
        }
        assertEquals(o.sent(), o.taps().get("gen").captured(), "the gen tap sees every packet sent");
        assertEquals(o.received(), o.taps().get("sink").captured(), "the sink tap sees every packet received");
        assertEquals("nsecpcap", capinfosField(dir.resolve("tap-sink.pcap"), "-t", "File type:"), "nanosecond pcap");
        // the first probe on the wire: magic "NFVP", sequence 0, frame of 124 bytes without FCS
        List<String> first = run("tshark", "-r", dir.resolve("tap-sink.pcap").toString(), "-c", "1", "-T", "fields",
                "-e", "frame.len", "-e", "ip.dst", "-e", "udp.dstport", "-e", "udp.payload");
        String[] f = first.get(first.size() - 1).split("\t");
        assertEquals("124", f[0]);
        assertEquals(new ChainPlan("nfvp-0-0-", chain, 1).sinkAddress(), f[1]);
        assertEquals("6000", f[2]);
        boolean trafgen = Trafgen.unavailableReason().isEmpty();
        // trafgen writes the residue-coded probe ("NFVR", every counter byte at 1 for the first frame),
        // the Java generator the plain one ("NFVP", sequence 0)
        assertEquals(trafgen ? "4e465652010101010101" : "4e465650000000000000", f[3].substring(0, 20));

        // paced, not bursty: frames leave the generator evenly (trafgen's --rate alone sent a second's
        // packets in its first tens of ms), so the first tenth of the run holds about a tenth of them
        List<Long> sent = new ArrayList<>();
        try (org.nfvperf.capture.CaptureReader r = org.nfvperf.capture.CaptureReader.open(dir.resolve("tap-gen.pcap"))) {
            while (r.next()) {
                sent.add(r.timestampNanos());
            }
        }
        long span = sent.get(sent.size() - 1) - sent.get(0);
        long early = sent.stream().filter(t -> t - sent.get(0) < span / 10).count();
        assertTrue(span > DURATION_MS * 1_000_000L * 8 / 10, "sending spans the duration: " + span + " ns");
        assertTrue(early < sent.size() * 0.2, early + " of " + sent.size() + " frames in the first tenth of the run");

        // the logs read back through loadgen's parsers
        LogResult tx = LogParsers.parse(dir.resolve("gen-tx.log"));
        LogResult rx = LogParsers.parse(dir.resolve("gen-rx.log"));
        assertEquals(trafgen ? "trafgen" : "netmap-pkt-gen", tx.tool());
        assertEquals(128, tx.frameSizeBytes());
        String port = trafgen ? "0" : "gen";
        assertEquals(o.sent(), tx.totals(port, Direction.TX).orElseThrow().packets());
        assertEquals(o.sent() * 128, tx.totals(port, Direction.TX).orElseThrow().bytes());
        assertEquals(o.received(), rx.totals("sink", Direction.RX).orElseThrow().packets());
        assertEquals(RATE_PPS, tx.totals(port, Direction.TX).orElseThrow().pps(), RATE_PPS * 0.5);

        assertNothingLeft(o.namespacePrefix());
    }

    /** The CI sweep through {@code nfvperf run}, shortened to 1 s trials. */
    @Test
    void specSweepThroughTheOrchestratorWritesResultsAndLatencyGrowsWithTheChain() throws Exception {
        String spec = Files.readString(Path.of("data/specs/netns-chains.yaml")).replace("duration_s: 2", "duration_s: 1");
        Path specFile = dir.resolve("netns-chains.yaml");
        Files.writeString(specFile, spec);
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cl = org.nfvperf.cli.Main.commandLine();
        cl.setOut(new java.io.PrintWriter(out));
        cl.setErr(new java.io.PrintWriter(err));
        assertEquals(0, cl.execute("run", specFile.toString(), "--out", dir.resolve("out").toString()), err.toString());
        List<java.util.Map<String, String>> rows = new ArrayList<>();
        try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().build()
                .parse(Files.newBufferedReader(dir.resolve("out/netns-chains/results.csv")))) {
            parser.forEach(r -> rows.add(r.toMap()));
        }
        assertEquals(List.of("l3fwd", "firewall+l3fwd", "firewall+l3fwd+l2fwd"),
                rows.stream().map(r -> r.get("chain")).collect(Collectors.toList()));
        for (var r : rows) {
            assertEquals("ok", r.get("status"), r.toString());
            assertTrue(Double.parseDouble(r.get("loss_pct")) <= 1.0, r.toString());
            assertTrue(Double.parseDouble(r.get("tx_mpps")) >= 0.01, r.toString());
            assertTrue(Double.parseDouble(r.get("lat_p50_ns")) > 0, r.toString());
        }
        // each NF adds a forwarding step: the 3-NF chain's median is above the 1-NF chain's
        assertTrue(Double.parseDouble(rows.get(0).get("lat_p50_ns")) < Double.parseDouble(rows.get(2).get("lat_p50_ns")),
                rows.toString());
        assertEquals(List.of(), Leftovers.ours().stream()
                .filter(n -> n.startsWith("nfvp-" + ProcessHandle.current().pid() + "-")).collect(Collectors.toList()));
    }

    @Test
    void ovsChainForwardsAndStopsItsDaemons() throws Exception {
        NetnsRunner.ovsUnavailableReason().ifPresent(reason -> assumeTrue(false, reason));
        Chain chain = Chain.parse("l3fwd");
        TrialConfig config = new TrialConfig(chain, Dataplane.OVS, 128, 5_000, DURATION_MS, List.of("gen", "sink"), 0);
        NetnsRunner runner = new NetnsRunner(NetnsRunner.Options.defaults());
        runner.validate(config);
        TrialReport o = runner.execute(config, dir);
        assertTrue(o.sent() > 0);
        assertTrue(o.lossPercent() <= 5.0, "loss " + o.lossPercent() + "% through ovs-vswitchd");
        assertEquals(o.received(), o.taps().get("sink").captured());
        assertEquals("63", run("tshark", "-r", dir.resolve("tap-sink.pcap").toString(), "-c", "1", "-T", "fields",
                "-e", "ip.ttl").get(0).strip().replaceAll(".*\\s", ""), "routed by OpenFlow: TTL decremented once");
        assertNothingLeft(o.namespacePrefix());
        assertFalse(Files.exists(Leftovers.STATE_DIR.resolve(o.namespacePrefix() + "dut1")), "OVS state removed");
    }

    @Test
    void killedRunLeavesNamespacesThatTheNextRunRemoves() throws Exception {
        Process child = startChildRun();
        long pid = child.pid();
        List<String> ours = awaitNamespaces(pid, 4, child);
        awaitGenerator(child);
        List<Long> inside = pidsIn(ours);
        assertFalse(inside.isEmpty(), "helpers run inside the namespaces");
        child.destroyForcibly();
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        assertEquals(ours, namespacesOf(pid), "SIGKILL runs no cleanup");

        List<String> removed = Leftovers.removeDead();
        assertTrue(removed.containsAll(ours), removed + " contains " + ours);
        assertNothingLeft("nfvp-" + pid + "-");
        for (long p : inside) {
            ProcessHandle.of(p).ifPresent(h -> h.onExit().orTimeout(5, TimeUnit.SECONDS).join());
            assertFalse(ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false), "process " + p + " killed");
        }
    }

    @Test
    void sigtermRemovesTheRunsNamespaces() throws Exception {
        Process child = startChildRun();
        awaitNamespaces(child.pid(), 4, child);
        child.destroy();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertNothingLeft("nfvp-" + child.pid() + "-");
    }

    @Test
    void stateLeftByDeadOwnersIsRemoved() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(5, TimeUnit.SECONDS);
        Path pidFile = Leftovers.STATE_DIR.resolve(Long.toString(gone.pid()));
        Path ovsDir = Leftovers.STATE_DIR.resolve("nfvp-" + gone.pid() + "-1-dut1");
        Files.createDirectories(ovsDir);
        Files.writeString(ovsDir.resolve("conf.db"), "x");
        Files.writeString(pidFile, "2026-01-01T00:00:00Z\n");
        Path mine = Leftovers.STATE_DIR.resolve(Long.toString(ProcessHandle.current().pid()));
        Leftovers.registerSelf();
        Leftovers.removeDead();
        assertFalse(Files.exists(ovsDir), ovsDir + " removed");
        assertFalse(Files.exists(pidFile), pidFile + " removed");
        assertTrue(Files.exists(mine), "a live owner's state is kept");
    }

    @Test
    void liveOwnersNamespacesAreKept() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        String ns = "nfvp-" + sleeper.pid() + "-1-gen";
        try {
            Host.run(HostCommand.of("ip", "netns", "add", ns), Host.DEFAULT_TIMEOUT_NANOS);
            assertFalse(Leftovers.removeDead().contains(ns));
            assertTrue(Leftovers.ours().contains(ns));
            sleeper.destroyForcibly();
            sleeper.waitFor(5, TimeUnit.SECONDS);
            assertTrue(Leftovers.removeDead().contains(ns));
            assertFalse(Leftovers.ours().contains(ns));
        } finally {
            sleeper.destroyForcibly();
            Leftovers.remove(ns);
        }
    }

    private Process startChildRun() throws IOException {
        List<String> cmd = javaCommand("org.nfvperf.cli.Main", "testbed", "run", "--chain", "firewall+l3fwd",
                "--rate", "1000pps", "--duration", "60", "--taps", "gen,sink", "--out", dir.toString());
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.out").toFile()).start();
    }

    private static List<String> javaCommand(String main, String... args) {
        NetnsRunner.Options o = NetnsRunner.Options.defaults();
        List<String> cmd = new ArrayList<>(List.of(o.javaCommand(), "-Xmx128m", "-cp", o.classPath(), main));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static List<String> awaitNamespaces(long pid, int count, Process child) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && child.isAlive()) {
            List<String> ns = namespacesOf(pid);
            // all namespaces exist and the generator's JVM runs inside the first one
            if (ns.size() == count && !pidsIn(List.of("nfvp-" + pid + "-1-gen")).isEmpty()) {
                return ns;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the child run did not build its " + count + " namespaces in time (alive=" + child.isAlive() + ")");
    }

    /** Waits until the child's generator opened its log: the sink and taps run by then. */
    private void awaitGenerator(Process child) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && child.isAlive()) {
            try (var files = Files.walk(dir)) {
                if (files.anyMatch(f -> f.getFileName().toString().equals("gen-tx.log"))) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the child run's generator did not start in time (alive=" + child.isAlive() + ")");
    }

    private static List<String> namespacesOf(long pid) throws IOException {
        return Leftovers.ours().stream().filter(n -> n.startsWith("nfvp-" + pid + "-")).sorted().collect(Collectors.toList());
    }

    private static List<Long> pidsIn(List<String> namespaces) throws IOException {
        List<Long> pids = new ArrayList<>();
        for (String ns : namespaces) {
            Host.Result r = Host.tryRun(HostCommand.of("ip", "netns", "pids", ns), Host.DEFAULT_TIMEOUT_NANOS);
            r.stdout().lines().filter(l -> !l.isBlank()).forEach(l -> pids.add(Long.parseLong(l.strip())));
        }
        return pids;
    }

    private static void assertNothingLeft(String prefix) throws IOException {
        assertEquals(List.of(), Leftovers.ours().stream().filter(n -> n.startsWith(prefix)).collect(Collectors.toList()),
                "namespaces left with prefix " + prefix);
        String links = Host.run(HostCommand.of("ip", "-o", "link", "show", "type", "veth"), Host.DEFAULT_TIMEOUT_NANOS);
        List<String> leftover = links.lines().filter(l -> l.matches("\\d+: (gen|sink|dut\\d_(in|out))@.*"))
                .collect(Collectors.toList());
        assertEquals(List.of(), leftover, "veths of ours in the root namespace");
    }

    private static long capinfosPackets(Path pcap) throws IOException {
        return Long.parseLong(capinfosField(pcap, "-c", "Number of packets:").replace(" ", ""));
    }

    private static String capinfosField(Path pcap, String flag, String label) throws IOException {
        for (String line : run("capinfos", "-M", flag, pcap.toString())) {
            if (line.startsWith(label)) {
                return line.substring(label.length()).strip();
            }
        }
        throw new AssertionError("capinfos printed no '" + label + "' for " + pcap);
    }

    private static List<String> run(String... argv) throws IOException {
        return Host.run(HostCommand.of(argv), Host.DEFAULT_TIMEOUT_NANOS).lines().collect(Collectors.toList());
    }
}
