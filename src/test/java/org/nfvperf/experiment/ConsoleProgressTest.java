package org.nfvperf.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    private long now;

    private static Trial trial(String id) {
        return new Trial("fig2", id, Map.of(), "10G", 1, 1, List.of(), 0);
    }

    @Test
    void plainLinesWithEtaFromThisRunsPace() {
        StringWriter s = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(s), false, () -> now);
        p.started("fig2", 10, 4);
        now = 2_000_000_000L;
        p.trialFinished(trial("aaaa"), null, 1_500_000_000L);
        now = 4_000_000_000L;
        p.trialFinished(trial("bbbb"), "runner: boom", 2_000_000_000L);
        p.finished();
        assertEquals("""
                fig2: 10 trials, 4 already finished, 6 to run
                fig2 [5/10] trial aaaa ok in 1.5 s, eta 0:10
                fig2 [6/10] trial bbbb failed in 2.0 s, eta 0:08: runner: boom
                """, s.toString());
    }

    @Test
    void barRedrawnInPlaceOnATerminal() {
        StringWriter s = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(s), true, () -> now);
        p.started("x", 3, 0);
        now = 3_600_000_000_000L;
        p.trialFinished(trial("a"), null, 1);
        p.trialFinished(trial("b"), "e", 1);
        p.trialFinished(trial("c"), null, 1);
        p.finished();
        assertEquals("\rx [..............................] 0/3 eta ? "
                + "\rx [##########....................] 1/3 eta 2:00:00 "
                + "\rx [####################..........] 2/3 (1 failed) eta 0:30:00 ".replace("0:30:00", "30:00")
                + "\rx [##############################] 3/3 (1 failed) eta 0:00 "
                + "\rx [##############################] 3/3 (1 failed) eta 0:00 \n", s.toString().replace(System.lineSeparator(), "\n"));
    }
}
