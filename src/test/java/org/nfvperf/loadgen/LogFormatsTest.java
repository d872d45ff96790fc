package org.nfvperf.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nfvperf.loadgen.NetmapPktGenParserTest.parseResource;
import static org.nfvperf.loadgen.NetmapPktGenParserTest.resource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nfvperf.util.InputException;

/** One contract over every sample log, then format-specific details. */
class LogFormatsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // file | tool | frame | ports | port | direction | steady-state pps (NaN: none) | totals packets (-1: none)
        "netmap-pkt-gen-2016-tx.log|netmap-pkt-gen|64|netmap:ix0|netmap:ix0|TX|14880333.333444333|57716304",
        "netmap-pkt-gen-2014-tx.log|netmap-pkt-gen|64|netmap:ix0|netmap:ix0|TX|14518218.263518218|43555271",
        "linux-pktgen-proc.txt|linux-pktgen|64|eth1|eth1|TX|1472254|10000000",
        "linux-pktgen-sample03.txt|linux-pktgen|64|ens1f0@0 ens1f0@1|ens1f0@1|TX|7376945|74338710",
        "moongen-libmoon.log|moongen|64|0 1|0|TX|14880000|61906052",
        "moongen-libmoon.log|moongen|64|0 1|1|RX|9346666.666666666|38922464",
        "moongen-2015.log|moongen|64|0 1|1|RX|9350000|27133000",
        "moongen-stats.csv|moongen|64|0|0|TX|14880952|60267856",
        "testpmd-stats.log|dpdk-testpmd|64|0 1|0|RX|9340120|133936360",
        "testpmd-stats.log|dpdk-testpmd|64|0 1|1|TX|9340120|111773200",
        "testpmd-forward-only.log|dpdk-testpmd|0|0 1|0|TX|NaN|74412672",
        "pktgen-dpdk-3x-page.txt|pktgen-dpdk|64|0 1|1|RX|8445940|101351280",
        "pktgen-dpdk-2x-page.txt|pktgen-dpdk|128|0 1|0|TX|8445945|84459450",
        "pktgen-dpdk-lua.txt|pktgen-dpdk|64|0 1|1|RX|14880000|148800000",
        "bess-monitor-2016.txt|bess|64|port_inc|port_inc|RX|8446000|-1",
        "bess-show-port.txt|bess|64|pmd_port0 pmd_port1|pmd_port1|TX|NaN|93405120",
        "bess-monitor.csv|bess|64|pmd_port0 pmd_port1|pmd_port0|RX|14881000|-1",
        "trex-jsonrpc.log|trex|64|1|1|RX|9330000|93300000",
        "trex-python-stats.txt|trex|64|0 1|0|TX|14880952|148809524",
        "trex-console-stats.txt|trex|64|0 1|1|RX|9330000|93300000"})
    void everyFormat(String file, String tool, int frame, String ports, String port, Direction direction, double pps,
                     long packets) throws IOException {
        LogResult r = parseResource(file);
        assertEquals(tool, r.tool());
        assertEquals(frame, r.frameSizeBytes());
        assertEquals(List.of(ports.split(" ")), r.ports());
        if (Double.isNaN(pps)) {
            assertEquals(0, r.samples(port, direction));
        } else {
            assertEquals(pps, r.series(port, direction).orElseThrow().summary().meanPps(), 1e-6);
        }
        assertEquals(packets, r.totals(port, direction).map(PortTotals::packets).orElse(-1L));
        assertEquals(tool, LogParsers.parse(file, "noise before\r\n" + resource(file) + "\n^C\n").tool());
    }

    @Test
    void linuxPktgenTotalsAndUnits() throws IOException {
        LogResult r = parseResource("linux-pktgen-proc.txt");
        assertEquals(new PortTotals("eth1", Direction.TX, 10_000_000, 640_000_000, 6_792_325_000L),
                r.totals("eth1", Direction.TX).orElseThrow());
        // the rate pktgen printed, not packets / the truncated elapsed time
        assertEquals(1_472_254, r.pps("eth1", Direction.TX), 0.0);
        LogResult s = parseResource("linux-pktgen-sample03.txt");
        assertEquals(10_077_124_000L, s.totals("ens1f0@0", Direction.TX).orElseThrow().durationNanos());
        assertEquals(10_077_198_000L, s.totals("ens1f0@1", Direction.TX).orElseThrow().durationNanos());
    }

    @Test
    void moongenIntervalsFromCumulativeCounts() throws IOException {
        LogResult r = parseResource("moongen-2015.log");
        List<RateSample> tx = r.series("0", Direction.TX).orElseThrow().samples();
        assertEquals(List.of(14_878_718L, 14_880_952L, 14_880_952L), tx.stream().map(RateSample::packets).toList());
        assertEquals(Math.round(14_878_718 / 14.88e6 * 1e9), tx.get(0).intervalNanos());
        assertEquals(7618.02e6, tx.get(0).bitsPerSecond(), 1e-3);
        assertEquals(new PortTotals("0", Direction.TX, 44_640_622, 2_856_999_808L, -1), r.totals("0", Direction.TX).orElseThrow());
    }

    @Test
    void moongenCsvFinalRowIsTotalsOnly() throws IOException {
        LogResult r = parseResource("moongen-stats.csv");
        RateSeries s = r.series("0", Direction.TX).orElseThrow();
        assertEquals(4, s.samples().size());
        assertEquals(1_000_000_000L, s.samples().get(1).intervalNanos(), 100);
        assertEquals(new PortTotals("0", Direction.TX, 60_267_856, 3_857_142_784L, -1), r.totals("0", Direction.TX).orElseThrow());
    }

    @Test
    void moongenHistogram() throws IOException {
        LogResult r = parseResource("moongen-histogram.csv");
        assertEquals(List.of(new LatencyBucket(1830, 1), new LatencyBucket(1836, 7), new LatencyBucket(1843, 52),
                new LatencyBucket(1849, 31), new LatencyBucket(2113, 9)), r.latency());
        assertEquals(List.of(), r.ports());
    }

    @Test
    void testpmdSeriesTotalsAndLayer2Bits() throws IOException {
        LogResult r = parseResource("testpmd-stats.log");
        RateSeries tx = r.series("1", Direction.TX).orElseThrow();
        assertEquals(5, tx.samples().size());
        assertEquals(0.0, tx.samples().get(0).pps(), 0.0);
        assertEquals(9_340_120.0 * 480 + 9_340_120.0 * 32, tx.samples().get(1).bitsPerSecond(), 1e-3);
        assertEquals(new PortTotals("1", Direction.TX, 111_773_200L, 111_773_200L * 64, -1), r.totals("1", Direction.TX).orElseThrow());
        assertEquals(new PortTotals("0", Direction.RX, 133_936_360L, 133_936_360L * 64, -1), r.totals("0", Direction.RX).orElseThrow());
        LogResult f = parseResource("testpmd-forward-only.log");
        assertEquals(new PortTotals("0", Direction.TX, 74_412_672L, -1, -1), f.totals("0", Direction.TX).orElseThrow());
        assertEquals(new PortTotals("1", Direction.RX, 74_412_720L, -1, -1), f.totals("1", Direction.RX).orElseThrow());
    }

    @Test
    void pktgenDpdkMaxSlashCurrentAndLuaTotals() throws IOException {
        LogResult r = parseResource("pktgen-dpdk-3x-page.txt");
        assertEquals(14_880_952.0, r.series("0", Direction.TX).orElseThrow().samples().get(0).pps(), 0.0);
        assertEquals(new PortTotals("0", Direction.TX, 178_571_424L, -1, -1), r.totals("0", Direction.TX).orElseThrow());
        LogResult lua = parseResource("pktgen-dpdk-lua.txt");
        assertEquals(new PortTotals("0", Direction.TX, 148_809_520L, 8_928_571_200L + 4 * 148_809_520L, -1),
                lua.totals("0", Direction.TX).orElseThrow());
    }

    @Test
    void bessTimesLayer2AndDriverSuffix() throws IOException {
        LogResult r = parseResource("bess-monitor-port.txt");
        assertEquals(List.of("pmd_port0", "pmd_port1"), r.ports());
        RateSeries out = r.series("pmd_port1", Direction.TX).orElseThrow();
        assertEquals(List.of(1_000_000_000L, 1_000_328_000L, 1_000_321_000L, 1_000_319_000L),
                out.samples().stream().map(RateSample::intervalNanos).toList());
        double mean = (9.341e6 * 1_000_328_000L + 9.340e6 * 1_000_321_000L + 9.341e6 * 1_000_319_000L)
                / (1_000_328_000L + 1_000_321_000L + 1_000_319_000.0);
        assertEquals(mean, out.summary().meanPps(), 1e-6);
        assertEquals(6269.4e6 - 9.330e6 * 160, out.samples().get(0).bitsPerSecond(), 1e-3);
        assertEquals(1_000_000_000L, parseResource("bess-monitor-2016.txt").series("port_inc", Direction.RX).orElseThrow()
                .samples().get(1).intervalNanos());
        assertEquals(new PortTotals("pmd_port0", Direction.RX, 148_814_380L, 8_928_862_800L + 4 * 148_814_380L, -1),
                parseResource("bess-show-port.txt").totals("pmd_port0", Direction.RX).orElseThrow());
        assertEquals("pmd_port0", BessParser.portName("pmd_port0/PMDPort", List.of()));
        assertEquals("vport0", BessParser.portName("vport0VPort", List.of()));
        assertEquals("p", BessParser.portName("pPMDPort", List.of("p")));
    }

    @Test
    void trexPortFromRequestAndLatencyHistogram() throws IOException {
        LogResult rpc = parseResource("trex-jsonrpc.log");
        assertEquals(4_776_960_000.0, rpc.series("1", Direction.RX).orElseThrow().samples().get(0).bitsPerSecond(), 0.0);
        LogResult py = parseResource("trex-python-stats.txt");
        assertEquals(List.of(new LatencyBucket(9_000, 1400), new LatencyBucket(10_000, 3200), new LatencyBucket(20_000, 400),
                new LatencyBucket(30_000, 12)), py.latency());
        assertEquals(new PortTotals("1", Direction.RX, 93_300_000L, 5_971_200_000L, -1), py.totals("1", Direction.RX).orElseThrow());
    }

    @Test
    void trexHdrhStringIsDecoded() {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(7, 10);
        h.recordValueWithCount(12, 5);
        h.recordValueWithCount(150, 1);
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(buf);
        String b64 = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), n));
        String py = "{0: {'opackets': 10, 'ipackets': 10}, 'latency': {1: {'latency': {'histogram': {1: 99}, 'hdrh': '"
                + b64 + "', 'average': 17.0}}}}";
        LogResult r = LogParsers.parse("t.txt", py);
        assertEquals(List.of(new LatencyBucket(7_000, 10), new LatencyBucket(12_000, 5), new LatencyBucket(150_000, 1)), r.latency());
        InputException e = assertThrows(InputException.class, () -> LogParsers.parse("t.txt",
                "{'latency': {1: {'latency': {'hdrh': 'bm90IGhkcmg='}}}}"));
        assertTrue(e.getMessage().startsWith("t.txt: trex 'hdrh' is not a base64 compressed HdrHistogram"), e.getMessage());
    }

    @Test
    void pythonLiteralConversion() {
        assertEquals("{\"0\": {\"a\": true, \"b\": null, \"c\": null, \"d\": 5, \"e\": \"it's \\\"q\\\"\"}}",
                TrexParser.pythonToJson("{0: {'a': True, 'b': None, 'c': nan, 'd': 5L, 'e': 'it\\'s \"q\"'}}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "Result: Idle\\nParams: count 10  min_pkt_size: 60  max_pkt_size: 60|p: linux-pktgen output has no 'Result: OK: ...' line (a run that has not finished shows 'Result: Idle')",
        "  ##### NIC statistics for port 0  #####\\n|p: dpdk-testpmd output has statistics headers but no 'RX-packets:' or 'Rx-pps:' lines",
        "Time,Device,Direction,PacketRate,Mbit,MbitWithFraming,TotalPackets,TotalBytes\\n1,Device: id=0,TX,x,1,1,1,1|p:2: expected numbers and RX/TX in '1,Device: id=0,TX,x,1,1,1,1'",
        "Time,Device,Direction,PacketRate,Mbit,MbitWithFraming,TotalPackets,TotalBytes\\n1,Device: id=0,TX,1|p:2: expected 8 CSV fields (Time,Device,Direction,PacketRate,Mbit,MbitWithFraming,TotalPackets,TotalBytes), found 4",
        "Monitoring ports: a\\n|p: bess output has no 'monitor port' rows and no 'show port' counters",
        "{\"opackets\": \"x\"|p: trex output has 0 readable objects but no port counters ('opackets'/'ipackets') and no latency histogram"})
    void detectedButUnusable(String text, String message) {
        InputException e = assertThrows(InputException.class, () -> LogParsers.parse("p", text.replace("\\n", "\n")));
        assertEquals(message, e.getMessage());
    }

    @Test
    void randomGarbageOnlyRaisesInputException() {
        Random rnd = new Random(42);
        String alphabet = "0123456789 .,:/[]{}'\"=\n\r\u001B-_abcdefRXTX MppsMbit/sDevice: id=";
        for (int i = 0; i < 300; i++) {
            StringBuilder sb = new StringBuilder();
            int len = rnd.nextInt(200);
            for (int j = 0; j < len; j++) {
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            try {
                LogParsers.parse("g", sb.toString());
            } catch (InputException expected) {
                // the only exception allowed
            }
        }
    }

    @Test
    void linuxPktgenPrefersThePrintedRateOverTruncatedMicroseconds() {
        LogResult r = LogParsers.parse("one.txt", "Result: OK: 19(c5+d13) usec, 1 (60byte,0frags)\n"
                + "  51762pps 24Mb/sec (24845760bps) errors: 0\n");
        assertEquals(51_762, r.pps("0", Direction.TX), 0.0);
        assertEquals(new PortTotals("0", Direction.TX, 1, 64, 19_000), r.totals("0", Direction.TX).orElseThrow());
    }

    @Test
    void pktgenDpdkPageWithoutItsFlagsPortRow() {
        // two ports and the total column, as pasted into an issue from the Pkts/s rows down
        LogResult two = LogParsers.parse("pasted.txt", ""
                + "Pkts/s Max/Rx     :               0/0 14880960/8445940 14880960/8445940\n"
                + "       Max/Tx     : 14880960/14880952               0/0 14880960/14880952\n"
                + "MBits/s Rx/Tx     :            0/9999            5675/0          5675/9999\n");
        assertEquals("pktgen-dpdk", two.tool());
        assertEquals(List.of("0", "1"), two.ports());
        assertEquals(14_880_952, two.pps("0", Direction.TX), 0.0);
        assertEquals(8_445_940, two.pps("1", Direction.RX), 0.0);
        // one port: its total column repeats it
        LogResult one = LogParsers.parse("pasted.txt", ""
                + "Pkts/s Rx           :                0                0\n"
                + "       Tx           :       14,880,952       14,880,952\n"
                + "MBits/s Rx/Tx       :           0/9999           0/9999\n");
        assertEquals(List.of("0"), one.ports());
        assertEquals(14_880_952, one.pps("0", Direction.TX), 0.0);
        // no total column (its values are not the sum): every column is a port
        LogResult noTotal = LogParsers.parse("pasted.txt", ""
                + "Pkts/s Rx           :                0          100\n"
                + "       Tx           :              100            0\n");
        assertEquals(List.of("0", "1"), noTotal.ports());
        assertEquals(100, noTotal.pps("1", Direction.RX), 0.0);
    }
}
