package org.nfvperf.throughput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EthernetTest {
    @ParameterizedTest
    @CsvSource({
        "10G, 64, 14880952",
        "10G, 128, 8445945",
        "10G, 256, 4528985",
        "10G, 512, 2349624",
        "10G, 1024, 1197318",
        "10G, 1500, 822368",
        "10G, 1518, 812743",
        "1G, 64, 1488095",
        "25G, 64, 37202380",
        "40G, 64, 59523809",
        "100G, 64, 148809523",
        "200G, 64, 297619047",
        "400G, 64, 595238095",
        "100G, 1518, 8127438",
        "10G, 9000, 138580"})
    void lineRateRoundedDown(String link, int frame, long expected) {
        assertEquals(expected, Ethernet.linePpsFloor(LinkSpeed.parse(link), frame));
        long bps = LinkSpeed.parse(link).bitsPerSecond();
        assertEquals(bps / ((frame + 20) * 8.0), Ethernet.linePps(LinkSpeed.parse(link), frame), 0.0);
    }

    @Test
    void tenGigAt64IsExactly() {
        assertEquals(14_880_952L, Ethernet.linePpsFloor(LinkSpeed.G10, 64));
        assertEquals(1e10 / 672, Ethernet.linePps(LinkSpeed.G10, 64), 0.0);
        assertEquals(10.0, Ethernet.l1Gbps(Ethernet.linePps(LinkSpeed.G10, 64), 64), 1e-12);
        assertEquals(1e10 / 672 * 512 / 1e9, Ethernet.l2Gbps(Ethernet.linePps(LinkSpeed.G10, 64), 64), 1e-12);
        assertEquals(100.0, Ethernet.lineRatePercent(1e10 / 672, 64, LinkSpeed.G10), 1e-12);
        assertEquals(50.0, Ethernet.lineRatePercent(1e10 / 672 / 2, 64, LinkSpeed.G10), 1e-12);
    }

    @Test
    void loss() {
        assertEquals(0.5, Ethernet.lossPercent(1000, 995), 1e-12);
        assertEquals(-1.0, Ethernet.lossPercent(1000, 1010), 1e-12);
        assertEquals(Double.NaN, Ethernet.lossPercent(0, 0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"63|frameSizeBytes must be in 64..16384: 63",
        "16385|frameSizeBytes must be in 64..16384: 16385"})
    void frameSizeOutOfRange(int frame, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> Ethernet.linePpsFloor(LinkSpeed.G10, frame)).getMessage());
    }
}
