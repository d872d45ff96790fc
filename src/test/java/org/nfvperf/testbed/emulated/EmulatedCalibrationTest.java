package org.nfvperf.testbed.emulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The model against Table 1 of the paper, and its behaviour between and beyond calibrated points. */
class EmulatedCalibrationTest {
    private static final long LINK = 10_000_000_000L;

    static Emulator.Measurement run(String dp, String chain, double ghz, int frame, double ratePps, String placement,
                                    int queues, long link) {
        Scenario s = new Scenario(Scenario.Dataplane.parse(dp), NetworkFunction.parseChain(chain), ghz, frame, null,
                ratePps, Scenario.Placement.parse(placement), queues, link);
        return Emulator.measure(s, 100_000, 11, 100);
    }

    @ParameterizedTest(name = "{0} {1} {2} GHz: {3} Mpps")
    @CsvSource({
        "bess, l3fwd, 1.2, 4.31", "bess, l3fwd, 1.6, 5.73", "bess, l3fwd, 2.0, 7.19", "bess, l3fwd, 2.4, 8.60",
        "bess, l3fwd, 2.6, 9.34", "bess, firewall, 1.2, 4.45", "bess, firewall, 1.6, 5.92",
        "bess, firewall, 2.0, 7.38", "bess, firewall, 2.4, 8.87", "bess, firewall, 2.6, 9.59",
        "clickos, l3fwd, 1.2, 2.10", "clickos, l3fwd, 1.6, 2.82", "clickos, l3fwd, 2.0, 3.44",
        "clickos, l3fwd, 2.4, 4.26", "clickos, l3fwd, 2.6, 5.34", "clickos, firewall, 1.2, 1.98",
        "clickos, firewall, 1.6, 2.75", "clickos, firewall, 2.0, 3.27", "clickos, firewall, 2.4, 4.24",
        "clickos, firewall, 2.6, 5.03"})
    void table1WithinThreePercent(String dp, String nf, double ghz, double publishedMpps) {
        double rx = run(dp, nf, ghz, 64, Double.NaN, "same-socket", 1, LINK).rxMpps();
        assertEquals(publishedMpps, rx, publishedMpps * 0.03, dp + " " + nf + " " + ghz + " GHz");
    }

    /** Line rate on the generator's wire = link / ((frame + 20) x 8), and no backlog in front of it. */
    @ParameterizedTest(name = "{0} {1} bit/s {2}B: {3} pps")
    @CsvSource({
        "bess, 10000000000, 64, 14880952", "clickos, 10000000000, 64, 14880952",
        "bess, 10000000000, 1500, 822368", "bess, 40000000000, 64, 59523809", "bess, 40000000000, 1500, 3289473"})
    void lineRateTrialOffersExactlyLineRate(String dp, long link, int frame, long linePps) {
        Emulator.Measurement m = run(dp, "l3fwd", 2.0, frame, Double.NaN, "same-socket", 1, link);
        assertEquals(linePps, m.txMpps() * 1e6, 1.0);
        // every frame reaches pNIC0 one wire time plus the wire's fixed latency after it was sent
        double wireNs = (frame + 20) * 8 * 1e9 / link;
        double genToPnic = m.segments().get(Topology.GEN_TX + "->pnic0");
        assertEquals(wireNs + ModelParameters.WIRE_LATENCY_NS, genToPnic, 1.0, m.segments().toString());
    }

    @ParameterizedTest
    @CsvSource({"bess, l3fwd", "bess, firewall", "clickos, l3fwd", "clickos, firewall"})
    void interpolatesBetweenCalibratedClocks(String dp, String nf) {
        double at16 = run(dp, nf, 1.6, 64, Double.NaN, "same-socket", 1, LINK).rxMpps();
        double at18 = run(dp, nf, 1.8, 64, Double.NaN, "same-socket", 1, LINK).rxMpps();
        double at20 = run(dp, nf, 2.0, 64, Double.NaN, "same-socket", 1, LINK).rxMpps();
        assertTrue(at16 < at18 && at18 < at20, at16 + " < " + at18 + " < " + at20);
    }

    @Test
    void extrapolatesToLongerChainsFasterLinksAndClocks() {
        Emulator.Measurement four = run("bess", "firewall+l3fwd+l2fwd+l3fwd", 2.6, 64, Double.NaN, "same-socket", 1,
                LINK);
        Emulator.Measurement three = run("bess", "firewall+l3fwd+l2fwd", 2.6, 64, Double.NaN, "same-socket", 1, LINK);
        assertTrue(four.rxMpps() > 0 && four.rxMpps() <= three.rxMpps() * 1.001, four + " vs " + three);
        Emulator.Measurement c4 = run("clickos", "firewall+l3fwd+l2fwd+l3fwd", 2.6, 512, Double.NaN, "same-socket", 1,
                LINK);
        Emulator.Measurement c3 = run("clickos", "firewall+l3fwd+l2fwd", 2.6, 512, Double.NaN, "same-socket", 1, LINK);
        assertTrue(c4.rxMpps() < c3.rxMpps(), c4.rxMpps() + " < " + c3.rxMpps());
        // 40G: line rate for 1500B (3.29 Mpps) is within a BESS core at 2.6 GHz, 64B (59.5 Mpps) is not
        Emulator.Measurement big = run("bess", "l3fwd", 2.6, 1500, Double.NaN, "same-socket", 1, 40_000_000_000L);
        assertEquals(100, 100 * big.rxMpps() / big.txMpps(), 0.5);
        Emulator.Measurement small = run("bess", "l3fwd", 2.6, 64, Double.NaN, "same-socket", 1, 40_000_000_000L);
        assertEquals(59.52, small.txMpps(), 0.01);
        assertTrue(small.rxMpps() < 10, "" + small.rxMpps());
        // a 3.5 GHz core (beyond the calibration) is faster than a 2.6 GHz one
        assertTrue(run("clickos", "l3fwd", 3.5, 64, Double.NaN, "same-socket", 1, LINK).rxMpps()
                > run("clickos", "l3fwd", 2.6, 64, Double.NaN, "same-socket", 1, LINK).rxMpps());
    }

    @Test
    void latencyComponentsAddUpToTheEndToEndMean() {
        Emulator.Measurement m = run("bess", "firewall+l3fwd", 2.0, 128, 2e6, "same-socket", 1, LINK);
        double sum = m.components().values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(m.latMeanNanos(), sum, 1e-6 * sum);
        assertEquals(List.of("transmission", "dataplane_io", "nf_processing", "nf_io"),
                List.copyOf(m.components().keySet()));
    }
}
