package org.nfvperf.testbed.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TemplateTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            plain value         | pkt-gen -l {frame_size}              | pkt-gen -l '64'
            quote in value      | echo {dataplane}                     | echo 'it'\\''s'
            shell variable kept | echo ${frame_size} {frame_size}      | echo ${frame_size} '64'
            brace expansion     | echo {a,b} {1..3}                    | echo {a,b} {1..3}
            grouping            | { echo x; } > {trial_dir}/o          | { echo x; } > '/t d/x'/o
            adjacent            | {frame_size}{frame_size}B            | '64''64'B
            list                | for t in {taps}; do :; done          | for t in 'a' 'b c'; do :; done
            """)
    void expandsPlaceholdersAsSingleQuotedWords(String what, String template, String expected) {
        Map<String, Object> values = Map.of("frame_size", "64", "dataplane", "it's", "trial_dir", "/t d/x",
                "taps", List.of("a", "b c"));
        assertEquals(expected, Template.parse("run", template).expand(values));
    }

    @Test
    void listsPlaceholdersAndNamesUnknownOnes() {
        Template t = Template.parse("collect", "scp gen:{trial_id}.log {trial_dir}/gen-rx.log; echo {frmae_size} {trial_id}");
        assertEquals(List.of("trial_id", "trial_dir", "frmae_size"), List.copyOf(t.placeholders()));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> t.expand(Map.of("trial_id", "x", "trial_dir", "/d", "frame_size", "64")));
        assertEquals("template 'collect' uses unknown placeholder {frmae_size} (known: frame_size, trial_dir, trial_id)",
                ex.getMessage());
    }

    @Test
    void blankTemplateIsRefused() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Template.parse("setup", "  "));
        assertEquals("setup must be a non-blank command: '  '", ex.getMessage());
    }
}
