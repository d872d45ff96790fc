package org.nfvperf.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.knowm.xchart.style.markers.SeriesMarkers;

class StyleAndKneeTest {
    @Test
    void dataplaneColoursAreFixedCaseInsensitiveAndDistinct() {
        assertEquals(new Color(0x00, 0x72, 0xB2), Style.dataplaneColor("bess"));
        assertEquals(Style.dataplaneColor("BESS"), Style.dataplaneColor(" bess "));
        assertEquals(new Color(0xD5, 0x5E, 0x00), Style.dataplaneColor("clickos"));
        assertNotEquals(Style.dataplaneColor("bess"), Style.dataplaneColor("clickos"));
        assertEquals(Style.dataplaneColor("my-dataplane"), Style.dataplaneColor("My-Dataplane"));
        assertNotEquals(Style.dataplaneColor("bess"), Style.dataplaneColor("my-dataplane"));
    }

    @Test
    void everyPaperCpuSpeedHasItsOwnMarker() {
        Set<Object> markers = new HashSet<>();
        for (double g : SyntheticTables.GHZ) {
            markers.add(Style.cpuMarker(g));
        }
        assertEquals(5, markers.size());
        assertEquals(SeriesMarkers.CIRCLE, Style.cpuMarker(1.2));
        assertEquals(SeriesMarkers.TRIANGLE_DOWN, Style.cpuMarker(2.6));
        assertEquals(Style.cpuMarker(1.8), Style.cpuMarker(1.8000000001));
    }

    @Test
    void provenanceLabels() {
        assertEquals("netns run on host lab-01 at 2026-11-26T01:10Z", Provenance.netns("lab-01", "2026-11-26T01:10Z").label());
        assertEquals("emulated testbed calibrated to Niu et al. (no measurement), model v1",
                Provenance.emulated("model v1").label());
        assertEquals("user's files: a.csv, b.csv", Provenance.userFiles(java.util.List.of("a.csv", "b.csv")).label());
        assertEquals("user data", Provenance.userFiles(java.util.List.of("a")).shortTag());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Provenance.netns(" ", "d"));
        assertEquals("host must be non-empty for a netns run: ''", e.getMessage());
    }

    @Test
    void provenanceRoundTripsThroughJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Provenance p = Provenance.netns("h1", "2026-11-26");
        p.write(dir.resolve("p.json"));
        assertEquals(p, Provenance.read(dir.resolve("p.json")));
        java.nio.file.Files.writeString(dir.resolve("bad.json"), "[1,2]");
        var e = assertThrows(org.nfvperf.util.InputException.class, () -> Provenance.read(dir.resolve("bad.json")));
        assertTrue(e.getMessage().startsWith(dir.resolve("bad.json") + ": expected a provenance object"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        // name; rates; latencies (µs); expected knee rate or empty
        "valley then queueing (BESS); 0.0001,1,2,3,4,5,6,7,8; 250,30,24,20,17,15,13.5,13,90; 7",
        "flat floor then rise; 1,2,3,4,5; 12,12.5,13,12.9,40; 4",
        "rising from the start (ClickOS); 1,2,3,4; 20,22,25,30; 2",
        "never rises; 1,2,3,4; 30,20,15,14; ",
        "noise inside the band; 1,2,3,4; 10,10.9,10.2,10.5; ",
        "one loaded point; 0.0001,8; 250,20; ",
    })
    void kneeFollowsTheDocumentedRule(String name, String rates, String lats, String expected) {
        double[] r = java.util.Arrays.stream(rates.split(",")).mapToDouble(Double::parseDouble).toArray();
        double[] l = java.util.Arrays.stream(lats.split(",")).mapToDouble(s -> Double.parseDouble(s) * 1000).toArray();
        Optional<Knee> k = Knee.find(r, l);
        if (expected == null) {
            assertTrue(k.isEmpty(), name + ": " + k);
        } else {
            assertEquals(Double.parseDouble(expected), k.orElseThrow().rateMpps(), name);
        }
    }

    @Test
    void kneeReportsFloorAndLatency() {
        Knee k = Knee.find(new double[] {8, 1, 7}, new double[] {60e3, 30e3, 12e3}).orElseThrow();
        assertEquals(new Knee(7, 12e3, 12e3), k);
    }

    @Test
    void kneeArgumentsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Knee.find(new double[] {1}, new double[] {1, 2}));
        assertEquals("rateMpps and latencyNanos must have the same length: 1 != 2", e.getMessage());
    }
}
