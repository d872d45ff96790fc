package org.nfvperf.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one duration grammar, and every place that reads a duration or a rate going through it. */
class DurationsTest {
    @Test
    void unitsAndBareSeconds() {
        assertEquals(2.0, Durations.seconds("2"));
        assertEquals(0.5, Durations.seconds(".5"));
        assertEquals(0.1, Durations.seconds("100ms"));
        assertEquals(90.0, Durations.seconds("1.5 min"));
        assertEquals(250, Durations.nanos("250ns"));
        assertEquals(50_000, Durations.nanos("50us"));
        assertEquals(50_000, Durations.nanos("50µs"));
        assertEquals(1_000_000_000L, Durations.nanos("1S"));
        assertEquals("100ms", Durations.format(0.1));
        assertEquals("2s", Durations.format(2));
        assertEquals("50us", Durations.format(50e-6));
    }

    @Test
    void faultsSayWhatIsExpected() {
        for (String bad : List.of("", "5 parsecs", "-1s", "1e400", "ms", "1 s s")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.seconds(bad), bad);
            assertTrue(e.getMessage().startsWith("duration must be"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Durations.seconds("0ms"));
        assertThrows(IllegalArgumentException.class, () -> Durations.nanos("0.1ns"));
        assertThrows(IllegalArgumentException.class, () -> Durations.nanos("300000000000 s"));
    }

    @Test
    void specsTakeTheGrammarForDurationsAndRates() {
        String spec = "name: a\nrunner: fake\nlink: 10G\nduration_s: 500ms\ncapture: {taps: [p0, p1]}\n"
                + "search:\n  max_rate: 100kpps\n  min_rate: 1000 pps\n  initial_duration_s: 250ms\n";
        Experiment e = Experiment.fromYaml(spec);
        assertEquals(0.5, e.durationSeconds());
        SearchPlan p = SearchPlan.parse(spec, "a.yaml");
        assertEquals("0.1", p.maxRate());
        assertEquals(0.001, p.minMpps(), 1e-15);
        assertEquals(0.25, p.initialDurationS());
        // the same trial as written in seconds: the grammar does not change trial ids
        assertEquals(TrialIds.of(Experiment.fromYaml(spec.replace("500ms", "0.5")), java.util.Map.of(), 1),
                TrialIds.of(e, java.util.Map.of(), 1));
        SpecException bad = assertThrows(SpecException.class,
                () -> Experiment.fromYaml(spec.replace("500ms", "half a second")));
        assertTrue(bad.getMessage().contains(":4: ") && bad.getMessage().contains("duration_s: duration must be"),
                bad.getMessage());
    }

    @Test
    void commandLineConvertersTakeTheGrammar() {
        assertEquals(0.5, new Durations.SecondsConverter().convert("500ms"));
        assertEquals(0.1, new Rate.MppsConverter().convert("100kpps"), 1e-15);
        assertThrows(picocli.CommandLine.TypeConversionException.class, () -> new Rate.MppsConverter().convert("line"));
        assertThrows(picocli.CommandLine.TypeConversionException.class, () -> new Durations.SecondsConverter().convert("x"));
    }
}
