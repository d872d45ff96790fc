package org.nfvperf.testbed.emulated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulatorTest {
    private static final long LINK = 10_000_000_000L;

    /** A busy-polling CPU stage costing {@code cyclesPerPacket} at 1 GHz (= ns), no batch cost. */
    private static Stage cpu(String tap, double nsPerPacket, int ring, int burst, long flushNanos) {
        return new Stage(tap, "nf_processing", "test-cpu", Stage.Kind.CPU, 0, ring, 0, 32, 1.0, 0, nsPerPacket, 0, 0,
                0, 0, false, 0, Long.MAX_VALUE, 0, 1, burst, flushNanos, 1, false);
    }

    @ParameterizedTest
    @CsvSource({"100, 5000000", "250, 4000000", "50, 14880952"})
    void throughputIsTheSmallerOfOfferedAndCapacity(double nsPerPacket, double offeredPps) {
        Traffic t = Traffic.constantRate(100_000, 64, offeredPps, LINK, 0, 1);
        SimulationResult r = new Simulator(List.of(cpu("out", nsPerPacket, 256, 0, 0)), t, 1).run();
        double span = t.txSpanNanos(LINK) / 1e9;
        double expected = Math.min(offeredPps, 1e9 / nsPerPacket);
        assertEquals(expected, r.rxPackets() / span, expected * 0.01);
        assertEquals(r.txPackets() - r.rxPackets(), r.drops()[0]);
    }

    @Test
    void wireSpacesFramesByTheirWireTime() {
        Traffic t = Traffic.constantRate(10, 64, Double.MAX_VALUE / 4, LINK, 0, 1);
        SimulationResult r = new Simulator(List.of(Stage.wire("w", "wire", LINK, 1000, 0)), t, 1).run();
        long[] at = r.tapTimes()[0];
        // (64 + 20) * 8 bits at 10 Gb/s = 67.2 ns exactly: frame k's last bit at (k + 1) x 67.2 ns, floored
        assertArrayEquals(new long[] {67, 134, 201, 268, 336, 403, 470, 537, 604, 672}, at);
        assertArrayEquals(new long[] {0, 67, 134, 201, 268, 336, 403, 470, 537, 604}, t.txTimes());
        assertEquals(672, t.txSpanNanos(LINK));
    }

    /** Line rate = link / ((frame + 20) x 8), with no drift over a long window. */
    @ParameterizedTest
    @CsvSource({
        "10000000000, 64, 14880952", "10000000000, 1500, 822368", "40000000000, 64, 59523809",
        "40000000000, 1500, 3289473", "25000000000, 64, 37202380", "1000000000, 128, 844594"})
    void wireCarriesExactlyLineRate(long link, int frame, long linePps) {
        int n = 1_000_000;
        Traffic t = Traffic.constantRate(n, frame, Double.MAX_VALUE / 4, link, 0, 1);
        SimulationResult r = new Simulator(List.of(Stage.wire("w", "wire", link, 1000, 0)), t, 1).run();
        assertEquals(n, r.rxPackets());
        double exactNs = (frame + 20) * 8 * 1e9 / link;
        long lastEnd = r.tapTimes()[0][n - 1];
        assertEquals((long) Math.floor(n * exactNs), lastEnd, 1); // no accumulated rounding
        assertEquals(linePps, n / (t.txSpanNanos(link) / 1e9), 1.0);
    }

    @Test
    void lowRateWaitsForTheFlushTimer() {
        // 1000 pps, burst threshold 32 never reached: every packet leaves when the 600 us timer fires
        Traffic t = Traffic.constantRate(20, 128, 1000, LINK, 0, 1);
        SimulationResult r = new Simulator(List.of(cpu("out", 100, 256, 32, 600_000)), t, 1).run();
        for (int i = 0; i < 20; i++) {
            assertEquals(600_100, r.tapTimes()[0][i] - t.txTimes()[i]);
        }
    }

    @Test
    void burstThresholdReleasesFullBurstsTogether() {
        // 10 Mpps into a 50 ns stage with burst 4: packets leave in groups of four
        Traffic t = Traffic.constantRate(16, 64, 10_000_000, LINK, 0, 1);
        SimulationResult r = new Simulator(List.of(cpu("out", 50, 256, 4, 1_000_000)), t, 1).run();
        long[] at = r.tapTimes()[0];
        for (int g = 0; g < 4; g++) {
            assertEquals(at[4 * g], at[4 * g + 3]);
        }
        assertEquals(16, r.rxPackets());
    }

    @Test
    void roundRobinReplicasAddCapacity() {
        Stage one = cpu("out", 200, 256, 0, 0);
        Stage two = new Stage("out", "nf_processing", "test-cpu", Stage.Kind.CPU, 0, 256, 0, 32, 1.0, 0, 200, 0, 0, 0,
                0, false, 0, Long.MAX_VALUE, 0, 1, 0, 0, 2, false);
        Traffic t = Traffic.constantRate(100_000, 64, 14_880_952, LINK, 0, 1);
        double span = t.txSpanNanos(LINK) / 1e9;
        double r1 = new Simulator(List.of(one), t, 1).run().rxPackets() / span;
        double r2 = new Simulator(List.of(two), t, 1).run().rxPackets() / span;
        assertEquals(5_000_000, r1, 50_000);
        assertEquals(10_000_000, r2, 100_000);
    }

    @Test
    void rejectsBadStages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Stage("x", null, "vm", Stage.Kind.CPU, 0, 0, 0, 32, 1.0, 0, 1, 0, 0, 0, 0, false, 0, 0, 0,
                        1, 0, 0, 1, false));
        assertEquals("ringCapacity must be >= 1: 0 (vm)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Simulator(List.of(), null, 0));
        assertEquals("sampleStride must be >= 1: 0", e.getMessage());
    }
}
