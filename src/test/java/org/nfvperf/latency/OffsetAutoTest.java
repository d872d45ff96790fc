package org.nfvperf.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfvperf.capture.LinkType;
import org.nfvperf.capture.PcapWriter;
import org.nfvperf.capture.TimestampPrecision;

/**
 * {@code --offset auto} on captures with a known injected clock offset: requests 10.0.0.1 ->
 * 10.0.1.1 and responses back, seen at taps a and b; b's clock runs {@link #INJECTED} ahead.
 * Requests take 20–60 µs from a to b, responses 30–70 µs back, so the truth is bracketed by
 * [offset − 30 µs, offset + 20 µs]: the estimate is offset − 5 µs, ± 25 µs.
 */
class OffsetAutoTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long INJECTED = 3_217_000;   // b's clock runs 3.217 ms ahead

    @TempDir
    Path dir;

    private static byte[] frame(boolean response) {
        byte[] f = new byte[60];
        f[12] = 0x08;
        f[14] = 0x45;
        f[17] = 46;
        f[22] = 64;
        f[23] = 17;
        byte[] a = {10, 0, 0, 1};
        byte[] b = {10, 0, 1, 1};
        System.arraycopy(response ? b : a, 0, f, 26, 4);
        System.arraycopy(response ? a : b, 0, f, 30, 4);
        f[34] = (byte) (response ? 0x16 : 0x04);
        f[35] = (byte) (response ? 0x2E : 0xD2);
        f[36] = (byte) (response ? 0x04 : 0x16);
        f[37] = (byte) (response ? 0xD2 : 0x2E);
        f[39] = 26;
        return f;
    }

    /** Writes a.pcap and b.pcap; {@code responses} false: requests only. */
    private void write(boolean responses) throws IOException {
        SplittableRandom rnd = new SplittableRandom(3);
        List<long[]> at = new ArrayList<>();   // {ts, seq, response, tap}
        for (int i = 0; i < 2000; i++) {
            long sent = T0 + i * 100_000L;
            long atB = sent + (i == 7 ? 20_000 : 20_000 + rnd.nextInt(40_000));
            at.add(new long[] {sent, 2L * i, 0, 0});
            at.add(new long[] {atB + INJECTED, 2L * i, 0, 1});
            if (responses) {
                long reply = atB + 5_000;
                long back = reply + (i == 11 ? 30_000 : 30_000 + rnd.nextInt(40_000));
                at.add(new long[] {reply + INJECTED, 2L * i + 1, 1, 1});
                at.add(new long[] {back, 2L * i + 1, 1, 0});
            }
        }
        at.sort((x, y) -> Long.compare(x[0], y[0]));
        try (PcapWriter wa = PcapWriter.builder().linkType(LinkType.ETHERNET).precision(TimestampPrecision.NANOS)
                .open(dir.resolve("a.pcap"));
             PcapWriter wb = PcapWriter.builder().linkType(LinkType.ETHERNET).precision(TimestampPrecision.NANOS)
                     .open(dir.resolve("b.pcap"))) {
            for (long[] p : at) {
                byte[] f = frame(p[2] == 1);
                ProbeHeader.write(f, 42, p[1], p[0]);
                (p[3] == 0 ? wa : wb).write(p[0], f, 0, f.length);
            }
        }
    }

    @Test
    void estimatesAKnownOffsetFromBothDirectionsAndAppliesIt() throws IOException {
        write(true);
        LatencyBreakdown b = LatencyAnalysis.builder().tap("a", dir.resolve("a.pcap")).tap("b", dir.resolve("b.pcap"))
                .offsetAuto(true).run();
        TapSummary tb = b.taps().get(1);
        assertEquals(-(INJECTED - 5_000), tb.offsetNanos());
        assertEquals(25_000L, tb.offsetUncertaintyNanos());
        assertTrue(Math.abs(tb.offsetNanos() + INJECTED) <= tb.offsetUncertaintyNanos());
        assertEquals("ntp-min-delay: 2000 packets a->b, 2000 b->a", tb.offsetMethod());
        assertEquals("reference", b.taps().get(0).offsetMethod());
        String json = b.toJson();
        assertTrue(json.contains("\"offset_uncertainty_ns\" : 25000"), json);
        assertTrue(json.contains("\"offset_method\" : \"ntp-min-delay"), json);
        // applied: requests a -> b now take 25..65 us; responses (b -> a, matched here as a -> b) -25..-65 us
        LatencySummary s = b.segments().get(0).stats().summary();
        assertEquals(4000, s.matched());
        assertEquals(2000, s.negative());
        assertTrue(s.maxNanos() <= 65_000 && s.maxNanos() > 25_000, "max " + s.maxNanos());
        assertTrue(s.minNanos() >= -65_000 && s.minNanos() < -25_000, "min " + s.minNanos());
    }

    @Test
    void withOneDirectionOnlyItSaysSoAndLeavesTheClocks() throws IOException {
        write(false);
        LatencyBreakdown b = LatencyAnalysis.builder().tap("a", dir.resolve("a.pcap")).tap("b", dir.resolve("b.pcap"))
                .offsetAuto(true).window(java.time.Duration.ofMillis(10)).run();
        TapSummary tb = b.taps().get(1);
        assertEquals(0, tb.offsetNanos());
        assertNull(tb.offsetUncertaintyNanos());
        assertEquals("none: one direction only", tb.offsetMethod());
        assertTrue(b.warnings().contains("tap b: --offset auto needs traffic in both directions between a and b, found"
                + " 2000 packets in one direction only; its clock is left as it is (offset 0 ns)"), b.warnings().toString());
        assertEquals(INJECTED + 20_000, b.segments().get(0).stats().summary().minNanos());
    }
}
