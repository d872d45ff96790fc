package org.nfvperf.throughput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LinkSpeedTest {
    @ParameterizedTest
    @CsvSource({"10G, 10000000000, 10G", "100G, 100000000000, 100G", "25Gbps, 25000000000, 25G",
        "40GbE, 40000000000, 40G", "10 Gb/s, 10000000000, 10G", "1000M, 1000000000, 1G", "2.5G, 2500000000, 2.5G",
        "400g, 400000000000, 400G", "200Gbit/s, 200000000000, 200G", "1G, 1000000000, 1G",
        "10000000000, 10000000000, 10G", "100Mbps, 100000000, 100M"})
    void parses(String text, long bps, String name) {
        LinkSpeed s = LinkSpeed.parse(text);
        assertEquals(bps, s.bitsPerSecond());
        assertEquals(name, s.toString());
        assertEquals(s, LinkSpeed.parse(s.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fast", "10X", "-10G", "G", "10 G G", "0G", "0.5"})
    void rejects(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LinkSpeed.parse(text));
        String expected = text.equals("0G") || text.equals("0.5")
                ? "link speed must be a positive whole number of bits per second: '" + text + "'"
                : "link speed must look like 10G, 25Gbps, 100GbE or 1000M: '" + text + "'";
        assertEquals(expected, e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void aSpeedBeyond64BitsIsAUsageErrorNotAnOverflow() {
        // found by the fuzz contract: 'link: 99999999999T' gave an internal ArithmeticException
        org.nfvperf.util.UsageException e = assertThrows(org.nfvperf.util.UsageException.class,
                () -> LinkSpeed.parse("99999999999T"));
        assertEquals("link speed must be at most 9223372036854775807 bits per second: '99999999999T'", e.getMessage());
    }
}
