package org.nfvperf.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nfvperf.util.InputException;

class NetmapPktGenParserTest {
    static String resource(String name) throws IOException {
        try (InputStream in = NetmapPktGenParserTest.class.getResourceAsStream("/logs/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static LogResult parseResource(String name) throws IOException {
        return LogParsers.parse(name, resource(name));
    }

    @Test
    void scaledTxLogWithControlCAndPartialTail() throws IOException {
        LogResult r = parseResource("netmap-pkt-gen-2016-tx.log");
        assertEquals("netmap-pkt-gen", r.tool());
        assertEquals(64, r.frameSizeBytes());
        assertEquals(List.of("netmap:ix0"), r.ports());
        RateSeries s = r.series("netmap:ix0", Direction.TX).orElseThrow();
        assertEquals(5, s.samples().size());
        assertEquals(13.874e6, s.samples().get(0).pps(), 1e-6);
        assertEquals(-1, s.samples().get(0).packets());
        assertEquals(1_000_732_000L, s.samples().get(1).startNanos());
        assertEquals(13.874e6 * 64 * 8, s.samples().get(0).bitsPerSecond(), 1e-3);
        RateSummary sum = s.summary();
        assertEquals(3, sum.keptSamples());
        assertEquals(14.880e6, sum.medianPps(), 1e-6);
        double mean = (14.880e6 * 1001005 + 14.881e6 * 1001006 + 14.880e6 * 1001006) / (1001005 + 1001006 + 1001006.0);
        assertEquals(mean, sum.meanPps(), 1e-6);
        assertEquals(mean, r.pps("netmap:ix0", Direction.TX), 1e-6);
        assertEquals(1_000_732_000L, sum.steadyStartNanos());
        assertEquals(1_000_732_000L + 3_003_017_000L, sum.steadyEndNanos());
        PortTotals t = r.totals("netmap:ix0", Direction.TX).orElseThrow();
        assertEquals(new PortTotals("netmap:ix0", Direction.TX, 57_716_304L, 3_462_978_240L + 4 * 57_716_304L,
                4_370_000_000L), t);
        assertEquals(4_370_000_000L, r.durationNanos("netmap:ix0"));
    }

    @Test
    void ppsStatsRxLogWithCrlfAndAnsi() throws IOException {
        String text = resource("netmap-pkt-gen-ppsstats-rx-crlf.log");
        assertTrue(text.contains("\r\n") && text.contains("\u001B[0m"), "sample must carry CRLF and ANSI noise");
        LogResult r = LogParsers.parse("x.log", text);
        RateSeries s = r.series("netmap:ix1", Direction.RX).orElseThrow();
        assertEquals(5, s.samples().size());
        assertEquals(List.of(14.213e6, 14.880e6, 14.880e6, 14.879e6, 1.216e6),
                s.samples().stream().map(RateSample::pps).toList());
        assertEquals(3, s.summary().keptSamples());
        assertEquals(14.880e6, s.summary().medianPps(), 1e-6);
        assertEquals(new PortTotals("netmap:ix1", Direction.RX, 57_716_304L, 3_693_843_456L, 4_510_000_000L),
                r.totals("netmap:ix1", Direction.RX).orElseThrow());
    }

    @Test
    void version2014PlainIntegersWithThousandsSeparatorsAndPastedPrefix() throws IOException {
        LogResult r = parseResource("netmap-pkt-gen-2014-tx.log");
        assertEquals(64, r.frameSizeBytes());
        RateSeries s = r.series("netmap:ix0", Direction.TX).orElseThrow();
        assertEquals(List.of(14_524_631L, 14_532_753L, 14_532_749L),
                s.samples().stream().map(RateSample::packets).toList());
        assertEquals(14_524_631 * 1e6 / 1_001_002, s.samples().get(0).pps(), 1e-9);
        assertEquals(2, s.summary().keptSamples());
        assertEquals(new PortTotals("netmap:ix0", Direction.TX, 43_555_271L, 43_555_271L * 64, 3_000_000_000L),
                r.totals("netmap:ix0", Direction.TX).orElseThrow());
    }

    @Test
    void version2015OldReceiverSummaryHasNoFrameSize() throws IOException {
        LogResult r = parseResource("netmap-pkt-gen-2015-rx.log");
        assertEquals(0, r.frameSizeBytes());
        assertEquals(List.of("0"), r.ports());
        assertEquals(new PortTotals("0", Direction.RX, 25_364_080L, -1, 3_000_000_000L),
                r.totals("0", Direction.RX).orElseThrow());
        assertTrue(Double.isNaN(r.series("0", Direction.RX).orElseThrow().summary().meanBitsPerSecond()));
    }

    @ParameterizedTest
    @CsvSource({"gen-rx.log, RX", "gen-tx.log, TX", "results/a/receiver.log, TX", "run_rx_1.log, RX"})
    void directionWithoutHeaderOrSummaryComesFromFileName(String name, Direction expected) {
        String text = "main_thread [2326] 14.880 Mpps (14.895 Mpkts 7.150 Gbps in 1001005 usec) 511.98 avg_batch 99999 min_space\n";
        Direction d = name.contains("receiver") ? Direction.RX : expected;
        assertEquals(List.of(d), LogParsers.parse(name, text).series().stream().map(RateSeries::direction).toList());
    }

    @Test
    void receivedNothingIsZeroPackets() {
        LogResult r = LogParsers.parse("rx.log", "Receiving from veth1: 1 queues, 1 threads and 1 cpus.\nReceived nothing.\n");
        assertEquals(new PortTotals("veth1", Direction.RX, 0, 0, -1), r.totals("veth1", Direction.RX).orElseThrow());
        assertTrue(Double.isNaN(r.pps("veth1", Direction.RX)));
    }

    @Test
    void headerOnlyIsAnErrorNamingWhatIsMissing() {
        InputException e = assertThrows(InputException.class, () -> LogParsers.parse("a.log",
                "Sending on veth0: 1 queues, 1 threads and 1 cpus.\n"));
        assertEquals("a.log: netmap-pkt-gen log has no 'main_thread' rate line and no 'Sent'/'Received' summary", e.getMessage());
    }

    @Test
    void aReceiverWhoseReportsCoverIdleTimeIsRatedOverTheTimePacketsArrivedIn() {
        // data/samples/netns-l3fwd/gen-rx.log: the sink started ~1 s before the traffic and stopped
        // ~0.5 s after it; its own summary says 100 packets in 0.10 s (Speed 968 pps)
        String log = "510.955460 main_thread [2639] 1.000 pps (1.000 pkts 992.000 bps in 1071006 usec) 1.00 avg_batch 0 min_space\n"
                + "511.543060 main_thread [2639] 168.000 pps (99.000 pkts 98.208 Kbps in 587599 usec) 1.00 avg_batch 0 min_space\n"
                + "Received 100 packets 12400 bytes 100 events 124 bytes each in 0.10 seconds.\n"
                + "Speed: 968.200 pps Bandwidth: 960.454 Kbps (raw 960.454 Kbps). Average batch: 1.00 pkts\n";
        LogResult r = LogParsers.parse("gen-rx.log", log);
        assertEquals(1000.0, r.pps("0", Direction.RX), 1e-9);
        // a series that spans its totals' time keeps the steady-state rule (warm-up trimmed)
        String steady = "main_thread [1] 10 pps (10 pkts 0 bps in 1000000 usec)\n"
                + "main_thread [1] 1000 pps (1000 pkts 0 bps in 1000000 usec)\n"
                + "main_thread [1] 1000 pps (1000 pkts 0 bps in 1000000 usec)\n"
                + "Received 2010 packets 120600 bytes 2010 events 60 bytes each in 3.00 seconds.\n";
        assertEquals(1000.0, LogParsers.parse("gen-rx.log", steady).pps("0", Direction.RX), 1e-9);
    }
}
