package org.nfvperf.testbed.emulated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nfvperf.capture.CaptureReader;
import org.nfvperf.experiment.Runner;
import org.nfvperf.experiment.RunnerProvider;
import org.nfvperf.experiment.Trial;
import org.nfvperf.latency.LatencyAnalysis;
import org.nfvperf.latency.LatencyBreakdown;
import org.nfvperf.latency.ProbeHeader;
import org.nfvperf.loadgen.Direction;
import org.nfvperf.loadgen.LogParsers;
import org.nfvperf.loadgen.LogResult;
import org.nfvperf.loadgen.PortTotals;

class EmulatedRunnerTest {
    @TempDir
    Path dir;

    static Trial trial(String id, Map<String, String> factors, double seconds, List<String> taps, long max) {
        return new Trial("test", id, factors, "10G", seconds, 1, taps, max);
    }

    static Map<String, String> factors(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The parsers read the artifacts back to the model's own counters and latencies. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "bess l3fwd line;      dataplane=bess,chain=l3fwd,cpu_ghz=2.6,frame_size=64;                    0.02",
        "clickos chain 2 Mpps; dataplane=clickos,chain=firewall+l3fwd,cpu_ghz=2.0,frame_size=128,rate=2; 0.05",
        "bess via-nic;         dataplane=bess,chain=firewall+l3fwd+l2fwd,placement=via-nic,frame_size=256; 0.02",
        "bess two queues;      dataplane=bess,chain=l3fwd,vnic_queues=2,frame_size=64;                   0.01",
        "bess fb-web mix;      dataplane=bess,chain=l3fwd,mix=fb-web;                                    0.02"})
    void artifactsReadBackToTheModelsNumbers(String name, String spec, double seconds) throws IOException {
        Map<String, String> f = new LinkedHashMap<>();
        for (String kv : spec.split(",")) {
            String[] p = kv.split("=");
            f.put(p[0], p[1]);
        }
        EmulatedRunner runner = new EmulatedRunner();
        Scenario s = EmulatedRunner.scenario(trial("x", f, seconds, List.of(), 0));
        List<String> taps = Topology.tapNames(Topology.build(s));
        Trial t = trial("t-" + name.hashCode(), f, seconds, taps, 5_000);
        Map<String, Object> prov = runner.run(t, dir);
        EmulatedRunner.Simulated sim = runner.simulate(t, t.maxPacketsPerTap());
        Emulator.Measurement m = sim.measurement();
        assertEquals(prov.get("model_rx_packets"), sim.rxPackets());

        LogResult tx = LogParsers.parse(dir.resolve("gen-tx.log"));
        LogResult rx = LogParsers.parse(dir.resolve("gen-rx.log"));
        PortTotals txTotals = tx.totals("eth0", Direction.TX).orElseThrow();
        PortTotals rxTotals = rx.totals("eth1", Direction.RX).orElseThrow();
        assertEquals(sim.totalPackets(), txTotals.packets());
        assertEquals(sim.rxPackets(), rxTotals.packets());
        assertEquals(Math.round(seconds * 1e9), rxTotals.durationNanos(), 10_000_000);
        // every trial here is shorter than the window: the log holds exactly what was simulated
        assertEquals(sim.result().rxPackets(), rxTotals.packets());

        // captures: every probe at every tap, at the model's timestamps, carrying its sequence number
        Map<String, Map<Long, Long>> atTap = new HashMap<>();
        for (String tap : taps) {
            Map<Long, Long> bySeq = new HashMap<>();
            long last = Long.MIN_VALUE;
            try (CaptureReader r = CaptureReader.open(dir.resolve("tap-" + tap + ".pcap"))) {
                while (r.next()) {
                    ByteBuffer b = r.frameBuffer();
                    int payload = r.frameOffset() + 42;
                    byte[] head = new byte[ProbeHeader.LENGTH];
                    b.get(payload, head);
                    assertTrue(ProbeHeader.isProbe(head, 0, head.length));
                    long seq = ProbeHeader.sequence(head, 0);
                    assertTrue(r.timestampNanos() >= last, "time order at " + tap);
                    last = r.timestampNanos();
                    assertEquals(sim.result().traffic().frameSize((int) seq) - 4, r.wireLength());
                    bySeq.put(seq, r.timestampNanos());
                }
                assertTrue(r.complete());
            }
            long[] model = new ArtifactWriter(sim.result()).times(tap);
            long expected = java.util.Arrays.stream(model).filter(v -> v >= 0).count();
            assertEquals(expected, bySeq.size(), tap);
            for (int i = 0; i < model.length; i++) {
                if (model[i] >= 0) {
                    assertEquals(model[i], bySeq.get((long) i * sim.result().sampleStride()), tap + " probe " + i);
                }
            }
            atTap.put(tap, bySeq);
        }
        double sum = 0;
        int n = 0;
        for (Map.Entry<Long, Long> e : atTap.get(Topology.GEN_RX).entrySet()) {
            sum += e.getValue() - atTap.get(Topology.GEN_TX).get(e.getKey());
            n++;
        }
        assertEquals(m.latMeanNanos(), sum / n, 1e-6);

        // the latency engine, as nfvperf latency and the orchestrator run it, agrees with the model
        LatencyAnalysis.Builder b = LatencyAnalysis.builder();
        for (String tap : taps) {
            b.tap(tap, dir.resolve("tap-" + tap + ".pcap"));
        }
        LatencyBreakdown breakdown = b.run();
        assertEquals(n, breakdown.endToEnd().summary().matched());
        assertEquals(m.latMeanNanos(), breakdown.endToEnd().summary().meanNanos(), 1.0);
        for (LatencyBreakdown.Segment seg : breakdown.segments()) {
            assertEquals(m.segments().get(seg.from() + "->" + seg.to()), seg.stats().summary().meanNanos(), 1.0,
                    seg.from() + "->" + seg.to());
        }
    }

    @Test
    void capsEachCaptureAtMaxPacketsAndWritesNoneForZero() throws IOException {
        Trial t = trial("cap", factors("frame_size", "512"), 0.01, List.of("pnic0", "pnic1"), 100);
        new EmulatedRunner().run(t, dir);
        try (CaptureReader r = CaptureReader.open(dir.resolve("tap-pnic0.pcap"))) {
            int k = 0;
            while (r.next()) {
                k++;
            }
            assertEquals(100, k);
        }
        Path other = Files.createDirectory(dir.resolve("none"));
        new EmulatedRunner().run(trial("cap", factors("frame_size", "512"), 0.01, List.of("pnic0"), 0), other);
        assertFalse(Files.exists(other.resolve("tap-pnic0.pcap")));
        assertTrue(Files.exists(other.resolve("gen-rx.log")));
    }

    @Test
    void sameTrialGivesIdenticalArtifactsAndTheWindowScalesLongTrials() throws IOException {
        Map<String, String> f = factors("dataplane", "clickos", "mix", "imix");
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        EmulatedRunner small = new EmulatedRunner(20_000);
        Map<String, Object> pa = small.run(trial("same", f, 1.0, List.of("vnic0"), 500), a);
        small.run(trial("same", f, 1.0, List.of("vnic0"), 500), b);
        assertArrayEquals(Files.readAllBytes(a.resolve("tap-vnic0.pcap")), Files.readAllBytes(b.resolve("tap-vnic0.pcap")));
        assertArrayEquals(Files.readAllBytes(a.resolve("gen-rx.log")), Files.readAllBytes(b.resolve("gen-rx.log")));
        assertEquals(true, pa.get("scaled_from_window"));
        assertEquals(20_000, pa.get("window_packets"));
        LogResult rx = LogParsers.parse(a.resolve("gen-rx.log"));
        assertEquals((long) pa.get("model_rx_packets"), rx.totals("eth1", Direction.RX).orElseThrow().packets());
        assertTrue((long) pa.get("model_rx_packets") > 20_000);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "dataplane=vpp;                       dataplane must be bess or clickos: vpp",
        "chain=l3fwd+nat;                     chain must name NFs l2fwd, l3fwd or firewall joined with '+': nat",
        "chain=l3fwd++firewall;               chain must name NFs l2fwd, l3fwd or firewall joined with '+': l3fwd++firewall",
        "rate=20;                             rate must be at most the line rate of 14.8810 Mpps for this frame size and link: 20",
        "rate=fast;                           rate must be 'line', a number of Mpps or a number with pps, kpps, Mpps or Gpps: fast",
        "placement=other-rack;                placement must be same-socket, cross-socket or via-nic: other-rack",
        "cpu_ghz=0;                           cpu_ghz must be in (0, 10]: 0.0",
        "frame_size=63;                       frame_size must be in [64, 9216]: 63",
        "vnic_queues=1.5;                     vnic_queues must be a whole number: 1.5",
        "color=blue;                          factor must be one of [chain, cpu_ghz, dataplane, frame_size, mix, placement, rate, vnic_queues] for the emulated runner: color"})
    void rejectsBadFactorsWithOneLine(String kv, String message) {
        String[] p = kv.split("=");
        Trial t = trial("bad", factors(p[0], p[1]), 1, List.of(), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EmulatedRunner().validate(t));
        assertEquals(message, e.getMessage());
    }

    @Test
    void rejectsUnknownTapsAndOptions() {
        Trial t = trial("tap", factors("chain", "l3fwd"), 1, List.of("vnic2"), 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EmulatedRunner().validate(t));
        assertEquals("tap must be one of [gen-tx, pnic0, vnic0, vnic1, pnic1, gen-rx]: vnic2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new EmulatedRunnerProvider().create(Map.of("window", 5)));
        assertEquals("runner_options must only set window_packets for the emulated runner: window", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new EmulatedRunnerProvider().create(Map.of("window_packets", "lots")));
        assertEquals("window_packets must be a whole number: lots", e.getMessage());
    }

    @Test
    void isFoundThroughTheServiceLoader() {
        Runner found = null;
        for (RunnerProvider p : ServiceLoader.load(RunnerProvider.class)) {
            if (p.id().equals("emulated")) {
                found = p.create(Map.of("window_packets", 5000));
            }
        }
        assertTrue(found instanceof EmulatedRunner);
        assertEquals(5000, ((EmulatedRunner) found).windowPackets());
        assertEquals("emulated", found.id());
    }

    @Test
    void namesTapsInPathOrder() {
        Scenario via = EmulatedRunner.scenario(trial("v", factors("chain", "firewall+l3fwd+l2fwd", "placement",
                "via-nic"), 1, List.of(), 0));
        assertEquals(List.of("gen-tx", "pnic0", "vnic0", "vnic1", "vnic2", "vnic3", "pnic1", "pnic2", "vnic4", "vnic5",
                "pnic3", "gen-rx"), Topology.tapNames(Topology.build(via)));
        Scenario click = EmulatedRunner.scenario(trial("c", factors("dataplane", "clickos", "chain", "firewall+l3fwd"),
                1, List.of(), 0));
        assertEquals(List.of("gen-tx", "pnic0", "vnic0", "vnic1", "vnic2", "vnic3", "pnic1", "gen-rx"),
                Topology.tapNames(Topology.build(click)));
    }
}
