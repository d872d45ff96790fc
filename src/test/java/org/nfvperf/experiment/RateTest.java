package org.nfvperf.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateTest {
    @ParameterizedTest
    @CsvSource({"0.02, 20000", "2, 2000000", "14.88, 14880000", "100kpps, 100000", "1000pps, 1000", "1000 pps, 1000",
        "2Mpps, 2000000", "2 MPPS, 2000000", "0.5gpps, 500000000", ".5, 500000", "1e-4, 100"})
    void numbersAreMppsUnlessTheyNameAUnit(String text, double pps) {
        assertEquals(pps, Rate.parse(text).pps(), pps * 1e-12);
    }

    @Test
    void lineIsTheLineRate() {
        assertTrue(Rate.parse("line").isLine());
        assertTrue(Double.isNaN(Rate.parse("line").mpps()));
    }

    @ParameterizedTest
    @CsvSource({"fast", "50%", "-1", "5 Mbps", "LINE", "''"})
    void anythingElseIsRefusedWithTheGrammar(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rate.parse(text));
        assertEquals("rate must be 'line', a number of Mpps or a number with pps, kpps, Mpps or Gpps: " + text,
                e.getMessage());
    }

    @Test
    void zeroIsRefused() {
        assertEquals("rate must be > 0: 0kpps",
                assertThrows(IllegalArgumentException.class, () -> Rate.parse("0kpps")).getMessage());
    }

    @Test
    void specsTakeTheSameGrammarAsTheCommandLine() {
        Experiment e = Experiment.fromYaml("name: x\nfactors:\n  frame_size: [64]\n  rate: [100kpps, line]\n");
        List<Trial> trials = e.trials();
        assertEquals(0.1, trials.get(0).offeredMpps(), 1e-12);
        assertEquals(14.880952, trials.get(1).offeredMpps(), 1e-6);
        assertEquals(Map.of("frame_size", "64", "rate", "100kpps"), trials.get(0).factors());
    }
}
