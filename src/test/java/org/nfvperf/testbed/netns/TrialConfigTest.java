package org.nfvperf.testbed.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nfvperf.experiment.Trial;

class TrialConfigTest {
    private static Trial trial(Map<String, String> factors, List<String> taps) {
        return new Trial("netns-chains", "abc", factors, "10G", 2.0, 1, taps, 0);
    }

    @ParameterizedTest
    @CsvSource({"0.02, 20000", "0.02Mpps, 20000", "20kpps, 20000", "20000 pps, 20000", "1e-3, 1000", ".5, 500000"})
    void ratesAreMppsUnlessSuffixed(String text, double pps) {
        assertEquals(pps, TrialConfig.parseRatePps(text), 1e-6);
    }

    @ParameterizedTest
    @CsvSource({"line", "50%", "fast", "-1"})
    void nonNumericRatesAreRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrialConfig.parseRatePps(text));
        assertEquals("rate must be a number in Mpps or end in pps/kpps/Mpps (the netns generator has no line rate): "
                + text, e.getMessage());
    }

    @Test
    void readsFactorsOfATrial() {
        TrialConfig c = TrialConfig.of(trial(Map.of("chain", "firewall+l3fwd", "frame_size", "256B", "rate", "0.05"),
                List.of("gen", "dut2_out", "sink")));
        assertEquals("firewall+l3fwd", c.chain().id());
        assertEquals(Dataplane.LINUX, c.dataplane());
        assertEquals(256, c.frameSizeBytes());
        assertEquals(50_000, c.ratePps(), 1e-9);
        assertEquals(2000, c.durationMillis());
        assertEquals(List.of("gen", "dut2_out", "sink"), c.taps());
    }

    @Test
    void badFactorsNameFactorAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrialConfig.of(trial(Map.of("frame_size", "128"), List.of())));
        assertEquals("factor chain must be set for the netns runner (e.g. l3fwd, firewall+l3fwd): missing", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TrialConfig.of(trial(Map.of("chain", "l3fwd", "frame_size", "60"), List.of())));
        assertEquals("frame size must be in [64, 1518] bytes: 60", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TrialConfig.of(trial(Map.of("chain", "l3fwd", "frame_size", "big"), List.of())));
        assertEquals("factor frame_size must be an integer number of bytes: big", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TrialConfig.of(trial(Map.of("chain", "l3fwd", "dataplane", "bess"), List.of())));
        assertEquals("dataplane must be linux, ovs, dpdk or ovs-dpdk for the netns runner: bess", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TrialConfig.of(trial(Map.of("chain", "l3fwd"), List.of("dut2_in"))));
        assertEquals("tap must be one of gen, dut1_in, dut1_out, sink for chain l3fwd: dut2_in", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TrialConfig.of(trial(Map.of("chain", "l3fwd", "rate", "20"), List.of())));
        assertEquals("rate must be in (0, 10.0] Mpps: 20.0", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"64, 18", "128, 82", "1518, 1472"})
    void udpPayloadIsFrameMinusHeadersAndFcs(int frame, int payload) {
        assertEquals(payload, UdpGenerator.udpPayloadBytes(frame));
    }

    @ParameterizedTest
    @CsvSource({"20000, 2000, 40000", "0.5, 1000, 1", "3, 1000, 3", "1e8, 600000, 100000000"})
    void plannedPacketsIsRateTimesDurationCapped(double pps, long ms, long packets) {
        assertEquals(packets, UdpGenerator.plannedPackets(pps, ms));
    }
}
