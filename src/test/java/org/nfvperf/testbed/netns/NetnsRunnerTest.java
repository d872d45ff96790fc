package org.nfvperf.testbed.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.nfvperf.experiment.RunnerProvider;

class NetnsRunnerTest {
    private static final ChainPlan.TapPoint DUT1_IN = new ChainPlan.TapPoint("dut1_in", "nfvp-1-1-dut1", "dut1_in");

    @Test
    void tcpdumpCommandCapturesProbePortWithNanosecondsAndSmallSnaplen() {
        assertEquals(List.of("tcpdump", "-i", "dut1_in", "-n", "-Z", "root", "-s", "128", "-B", "8192",
                        "--time-stamp-precision=nano", "-w", "/t/tap-dut1_in.pcap", "udp", "port", "6000"),
                NetnsRunner.tcpdumpCommand(DUT1_IN, Path.of("/t/tap-dut1_in.pcap"), 6000, 0, false));
        assertEquals(List.of("tcpdump", "-i", "dut1_in", "-n", "-Z", "root", "-s", "128", "-B", "8192",
                        "--time-stamp-precision=nano", "-j", "adapter_unsynced", "-c", "5000", "-w", "/t/x.pcap",
                        "udp", "port", "7000"),
                NetnsRunner.tcpdumpCommand(DUT1_IN, Path.of("/t/x.pcap"), 7000, 5000, true));
    }

    @Test
    void helperCommandRunsTheClassOnTheGivenClassPath() {
        NetnsRunner r = new NetnsRunner(new NetnsRunner.Options("/opt/java/bin/java", "/x/nfvperf.jar", 96));
        assertEquals(List.of("nice", "-n", "-10", "/opt/java/bin/java", "-Xmx96m", "-XX:+UseSerialGC", "-Djava.net.preferIPv4Stack=true",
                        "-cp", "/x/nfvperf.jar", "org.nfvperf.testbed.netns.UdpSink", "--port", "6000"),
                r.helperCommand(UdpSink.class, "--port", "6000"));
    }

    @Test
    void nonRootIsToldPlainly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetnsRunner.requireRoot(1000, "alice"));
        assertEquals("the netns runner needs root (CAP_NET_ADMIN): it creates network namespaces, veth pairs and"
                + " nftables rules; run as root (e.g. sudo ./nfvperf ...), current user alice", e.getMessage());
        assertEquals(2, org.nfvperf.cli.Main.exitCodeOf(e));
        NetnsRunner.requireRoot(0, "root");
        NetnsRunner.requireRoot(-1, "root");
    }

    @Test
    void parsesTcpdumpClosingCounters() {
        TrialReport.TapStats s = NetnsRunner.tcpdumpStats("tcpdump: listening on gen, link-type EN10MB (Ethernet),"
                + " snapshot length 128 bytes\n35252 packets captured\n35260 packets received by filter\n"
                + "1 packet dropped by kernel\n");
        assertEquals(new TrialReport.TapStats(35252, 35260, 1), s);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NetnsRunner.tcpdumpStats("tcpdump: gen: No such device exists\n"));
        assertEquals("tcpdump's summary must report packets captured, received by filter and dropped by kernel:"
                + " tcpdump: gen: No such device exists", e.getMessage());
    }

    @Test
    void parsesHelperSummaryLines() {
        Map<String, String> kv = NetnsRunner.keyValues("READY\nnfvperf-sink received=10 probes=9 reordered=0 bytes=1240"
                + " seconds=0.000500\n", "nfvperf-sink");
        assertEquals(Map.of("received", "10", "probes", "9", "reordered", "0", "bytes", "1240", "seconds", "0.000500"), kv);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> NetnsRunner.keyValues("READY\n", "nfvperf-gen"));
        assertEquals("helper output must contain a 'nfvperf-gen ...' line: READY", e.getMessage());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            // sent, seconds, received, tx and rx seen by the search, generator-limited
            "20000, 1.0, 20000, 20000, 20000, false",
            "16000, 1.0, 16000, 16000, 16000, false",
            "15999, 1.0, 15999, 20000, 15999, true",
            "10000, 1.0, 10000, 20000, 10000, true",
            "20000, 1.0, 19000, 20000, 19000, false",
            "20000, 1.25, 20000, 20000, 20000, false",
            "20000, 1.26, 20000, 20000, 15873, true",
            "20000, 1.6, 15000, 20000, 9375, true"})
    void generatorShortfallCountsAsLossInTheSearch(long sent, double seconds, long received, long tx, long rx,
                                                   boolean limited) {
        TrialReport r = new TrialReport("p-", sent, seconds, received, received, 0, Map.of());
        assertEquals(limited, NetnsRateTrial.generatorLimited(r, 20_000, 20_000));
        org.nfvperf.throughput.TrialOutcome o = NetnsRateTrial.outcome(20_000, 1000, r);
        assertEquals(tx, o.txPackets());
        assertEquals(rx, o.rxPackets());
        assertEquals(1_000_000_000L, o.durationNanos());
    }

    @Test
    void outcomeComputesLossAndRates() {
        TrialReport o = new TrialReport("nfvp-1-1-", 40_000, 2.0, 39_600, 39_600, 0, Map.of());
        assertEquals(1.0, o.lossPercent(), 1e-12);
        assertEquals(0.02, o.txMpps(), 1e-12);
        assertEquals(0.0198, o.rxMpps(), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrialReport("p-", -1, 1, 0, 0, 0, Map.of()));
        assertEquals("counts must be >= 0: sent=-1 received=0 probes=0 reordered=0", e.getMessage());
    }

    @Test
    void providerIsRegisteredAndChecksOptions() {
        Optional<RunnerProvider> p = ServiceLoader.load(RunnerProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.id().equals("netns")).findFirst();
        assertTrue(p.isPresent(), "netns provider in META-INF/services");
        assertEquals("netns", p.get().create(Map.of("helper_heap_mb", 64)).id());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.get().create(Map.of("cores", 2)));
        assertEquals("runner_options key must be one of helper_heap_mb, java, generator for runner netns: cores", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.get().create(Map.of("helper_heap_mb", 8)));
        assertEquals("helperHeapMb must be in [16, 4096]: 8", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.get().create(Map.of("generator", "pktgen")));
        assertEquals("generator must be one of auto, trafgen, java: pktgen", e.getMessage());
        assertEquals("netns", p.get().create(Map.of("generator", "java")).id());
    }

    @Test
    void countingSinkDropsProbesBeforeTheSocketLayer() {
        assertEquals("table ip nfvperf_sink {\n  counter probes { }\n  chain prerouting {\n"
                + "    type filter hook prerouting priority -300; policy accept;\n    udp dport 6000 counter name probes drop\n"
                + "  }\n}\n", NetnsRunner.sinkDropRuleset(6000));
    }

    @Test
    void namespaceNamesCarryTheOwnerPid() {
        assertEquals(Optional.of(4242L), Leftovers.ownerPid("nfvp-4242-7-dut2"));
        assertEquals(Optional.empty(), Leftovers.ownerPid("nfvp-x-7-dut2"));
        assertEquals(Optional.empty(), Leftovers.ownerPid("nfvlat123a"));
        String prefix = Testbed.newPrefix();
        assertTrue(prefix.matches("nfvp-" + ProcessHandle.current().pid() + "-\\d+-"), prefix);
        assertEquals(Optional.of(ProcessHandle.current().pid()), Leftovers.ownerPid(prefix + "gen"));
    }

    @Test
    void aTapThatAlreadyReachedItsCapEndsCleanly() throws Exception {
        // tcpdump -c N exits by itself once N packets are written: stopping it must not fail the trial
        Process done = new ProcessBuilder("true").start();
        assertTrue(done.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(false, NetnsRunner.stopTap(done));
    }

    @Test
    void aLiveTapIsStoppedWithSigint() throws Exception {
        // a process that handles SIGINT as tcpdump, trafgen and dumpcap do (they install a handler, so a
        // SIGINT ignored by whoever started the run, e.g. `nohup ... &`, still reaches them; a bare
        // `sleep` would inherit the ignore)
        Process live = new ProcessBuilder("python3", "-c",
                "import signal, sys, time\nsignal.signal(signal.SIGINT, lambda *a: sys.exit(130))\nprint('ready', flush=True)\ntime.sleep(30)")
                .start();
        assertEquals("ready", new java.io.BufferedReader(new java.io.InputStreamReader(live.getInputStream())).readLine());
        try {
            assertEquals(true, NetnsRunner.stopTap(live));
            assertTrue(live.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(130, live.exitValue(), "ends by its SIGINT handler");
        } finally {
            live.destroyForcibly();
        }
    }

    @Test
    void tapDropsAreSummedIntoMetaJson() {
        TrialReport r = new TrialReport("nfvp-1-1-", 10, 1.0, 10, 10, 0, Map.of(
                "gen", new TrialReport.TapStats(5, 7, 2), "sink", new TrialReport.TapStats(10, 10, 0)));
        assertEquals(2L, r.tapDroppedPackets());
        assertEquals(2L, r.toMap().get("taps_dropped_packets"));
    }
}
