package org.nfvperf.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExperimentTest {
    static final String ISSUE_EXAMPLE = """
            name: fig2
            runner: emulated            # emulated (default) | netns | command
            link: 10G
            duration_s: 1
            repetitions: 1
            capture: {taps: [pnic0, vnic0, vnic1, pnic1], max_packets: 100000}
            factors:                    # full cross product
              dataplane: [bess, clickos]
              chain: [l3fwd]
              cpu_ghz: [1.2, 1.6, 2.0, 2.4, 2.6]
              frame_size: [64, 128, 256, 512, 1024, 1500]
              rate: [line]
              placement: [same-socket]
              vnic_queues: [1]
            """;

    @Test
    void issueExampleParsesToTheFullCrossProduct() {
        Experiment e = Experiment.fromYaml(ISSUE_EXAMPLE);
        assertEquals("fig2", e.name());
        assertEquals("emulated", e.runner());
        assertEquals(10_000_000_000L, e.link().bitsPerSecond());
        assertEquals(1.0, e.durationSeconds());
        assertEquals(List.of("pnic0", "vnic0", "vnic1", "pnic1"), e.taps());
        assertEquals(100_000, e.maxPacketsPerTap());
        assertEquals(List.of("dataplane", "chain", "cpu_ghz", "frame_size", "rate", "placement", "vnic_queues"),
                List.copyOf(e.factors().keySet()));
        assertEquals(List.of("1.2", "1.6", "2.0", "2.4", "2.6"), e.factors().get("cpu_ghz"));
        List<Trial> trials = e.trials();
        assertEquals(60, trials.size());
        assertEquals(60, e.trialCount());
        assertEquals(Map.of("dataplane", "bess", "chain", "l3fwd", "cpu_ghz", "1.2", "frame_size", "64", "rate", "line",
                "placement", "same-socket", "vnic_queues", "1"), trials.get(0).factors());
        assertEquals("128", trials.get(1).factors().get("frame_size"));
        assertEquals("clickos", trials.get(59).factors().get("dataplane"));
        assertEquals(60, trials.stream().map(Trial::id).distinct().count());
        assertEquals(7, e.lineOf("factors"));
        assertEquals(10, e.lineOfFactorValue("cpu_ghz", "2.4"));
    }

    @Test
    void defaultsAndRepetitionsComeLast() {
        Experiment e = Experiment.fromYaml("name: x\nrepetitions: 3\nfactors:\n  frame_size: [64, 1500]\n");
        assertEquals(Experiment.DEFAULT_RUNNER, e.runner());
        assertEquals("10G", e.link().toString());
        assertEquals(1.0, e.durationSeconds());
        assertEquals(List.of(), e.taps());
        assertEquals(100_000, e.maxPacketsPerTap());
        List<Trial> t = e.trials();
        assertEquals(6, t.size());
        assertEquals(List.of(1, 1, 2, 2, 3, 3), t.stream().map(Trial::repetition).toList());
        assertEquals(List.of("64", "1500", "64", "1500", "64", "1500"), t.stream().map(x -> x.factors().get("frame_size")).toList());
    }

    @Test
    void runnerOptionsBecomePlainValues() {
        Experiment e = Experiment.fromYaml("""
                name: x
                runner: command
                runner_options:
                  run: |
                    echo {frame_size}
                  timeout_s: 5
                  scale: 1.5
                  keep: yes
                  env: {A: b}
                  list: [1, two]
                """);
        assertEquals(Map.of("run", "echo {frame_size}\n", "timeout_s", 5L, "scale", 1.5, "keep", true, "env", Map.of("A", "b"),
                "list", List.of(1L, "two")), e.runnerOptions());
        assertEquals(6, e.lineOf("runner_options.timeout_s"));
        assertEquals(1, e.trials().size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top key     | name: x\\nfactors:\\n  rate: [1]\\nrepetition: 2                | spec.yaml:4: unknown key 'repetition' (known: name, description, runner, runner_options, link, duration_s, repetitions, capture, factors, search, limits)
            unknown capture key | name: x\\ncapture:\\n  taps: [a]\\n  max_packet: 5               | spec.yaml:4: unknown key 'capture.max_packet' (known: taps, max_packets)
            missing name        | runner: fake\\nfactors: {rate: [1]}                             | spec.yaml:1: missing key 'name'
            name with a slash   | name: a/b                                                      | spec.yaml:1: name must be letters, digits, '_', '.', '-' (it names a folder): a/b
            unknown NF          | name: x\\nfactors:\\n  chain: [l3fwd, firewall+nat]             | spec.yaml:3: unknown NF 'nat' in chain 'firewall+nat' (known: l2fwd, l3fwd, firewall)
            empty NF in chain   | name: x\\nfactors:\\n  chain: [l3fwd+]                          | spec.yaml:3: unknown NF '' in chain 'l3fwd+' (known: l2fwd, l3fwd, firewall)
            rate above line     | name: x\\nfactors:\\n  frame_size: [64, 128]\\n  rate:\\n    - 1\\n    - 9 | spec.yaml:6: rate 9 Mpps is above line rate of 10G at 128B (8.445946 Mpps)
            rate above 40G line | name: x\\nlink: 40G\\nfactors:\\n  rate: [60]                    | spec.yaml:4: rate 60 Mpps is above line rate of 40G at 64B (59.523810 Mpps)
            rate not a number   | name: x\\nfactors:\\n  rate: [fast]                             | spec.yaml:3: rate must be 'line', a number of Mpps or a number with pps, kpps, Mpps or Gpps: fast
            rate zero           | name: x\\nfactors:\\n  rate: [0]                                | spec.yaml:3: rate must be > 0: 0
            frame size small    | name: x\\nfactors:\\n  frame_size: [60]                         | spec.yaml:3: frame_size must be in [64, 9216]: 60
            frame size text     | name: x\\nfactors:\\n  frame_size: [big]                        | spec.yaml:3: frame_size must be an integer number of bytes: big
            bad placement       | name: x\\nfactors:\\n  placement: [same-numa]                   | spec.yaml:3: placement must be one of same-socket, cross-socket, via-nic: same-numa
            zero queues         | name: x\\nfactors:\\n  vnic_queues: [0]                         | spec.yaml:3: vnic_queues must be in [1, 64]: 0
            cpu not a number    | name: x\\nfactors:\\n  cpu_ghz: [fast]                          | spec.yaml:3: cpu_ghz must be a number: fast
            queues not a number | name: x\\nfactors:\\n  vnic_queues: [two]                      | spec.yaml:3: vnic_queues must be an integer: two
            mix and frame size  | name: x\\nfactors:\\n  frame_size: [64]\\n  mix: [imix]            | spec.yaml:4: factors mix and frame_size exclude each other: a mix sets the frame sizes
            rate above mix line | name: x\\nfactors:\\n  mix: [imix, fb-web]\\n  rate: [3.4]         | spec.yaml:4: rate 3.4 Mpps is above line rate of 10G for mix imix (3.273680 Mpps)
            cpu zero            | name: x\\nfactors:\\n  cpu_ghz: [0]                             | spec.yaml:3: cpu_ghz must be in (0, 10]: 0
            duplicate value     | name: x\\nfactors:\\n  cpu_ghz: [2, 2.0]                        | spec.yaml:3: factor cpu_ghz lists 2.0 twice (as 2)
            empty factor        | name: x\\nfactors:\\n  cpu_ghz: []                              | spec.yaml:3: factor cpu_ghz must have at least one value: []
            nested factor value | name: x\\nfactors:\\n  cpu_ghz: [[1]]                           | spec.yaml:3: factor cpu_ghz values must be strings or numbers, found a list
            factor name case    | name: x\\nfactors:\\n  CPU: [1]                                 | spec.yaml:3: factor name must be lower-case letters, digits, '_': CPU
            duration as text    | name: x\\nduration_s: fast                                     | spec.yaml:2: duration_s: duration must be a number of seconds or a number with ns, us, ms, s or min: fast
            duration negative   | name: x\\nduration_s: -1                                       | spec.yaml:2: duration_s must be > 0: -1
            repetitions float   | name: x\\nrepetitions: 1.5                                     | spec.yaml:2: repetitions must be an integer, found a number (1.5)
            repetitions zero    | name: x\\nrepetitions: 0                                       | spec.yaml:2: repetitions must be in [1, 10000]: 0
            link not a speed    | name: x\\nlink: fast                                           | spec.yaml:2: link speed must look like 10G, 25Gbps, 100GbE or 1000M: 'fast'
            runner as list      | name: x\\nrunner: [a]                                          | spec.yaml:2: runner must be a single value, found a list
            runner as number    | name: x\\nrunner: 5                                            | spec.yaml:2: runner must be a string, found an integer (5)
            taps not a list     | name: x\\ncapture: {taps: pnic0}                              | spec.yaml:2: capture.taps must be a list, found a string (pnic0)
            tap twice           | name: x\\ncapture:\\n  taps: [a, b, a]                         | spec.yaml:3: tap a is listed twice
            max packets text    | name: x\\ncapture: {max_packets: many}                        | spec.yaml:2: capture.max_packets must be an integer, found a string (many)
            factors a list      | name: x\\nfactors: [rate]                                      | spec.yaml:2: factors must be a mapping, found a list
            top level a list    | - name: x                                                      | spec.yaml:1: spec must be a mapping, found a list
            duplicate key       | name: x\\nname: y                                              | spec.yaml:2: duplicate key 'name' (first on line 1)
            bad indentation     | name: x\\nfactors:\\n  rate: [1\\n  frame_size: [64]            | spec.yaml:4: invalid YAML: expected ',' or ']', but got :
            duplicate factor    | name: x\\nfactors:\\n  rate: [1]\\n  rate: [2]                   | spec.yaml:4: duplicate factor 'rate' (first on line 3)
            empty spec          | ''                                                             | spec.yaml:1: spec is empty; expected a mapping with name and factors
            """)
    void badSpecsNameFileAndLine(String what, String yaml, String message) {
        String text = yaml.equals("''") ? "" : yaml.replace("\\n", "\n");
        SpecException ex = assertThrows(SpecException.class, () -> Experiment.fromYaml(text, "spec.yaml"));
        assertEquals(message, ex.getMessage());
    }

    @Test
    void loadNamesTheFile(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("s.yaml");
        Files.writeString(spec, "name: x\nfactors:\n  chain: [nat]\n");
        SpecException ex = assertThrows(SpecException.class, () -> Experiment.load(spec));
        assertEquals(spec + ":3: unknown NF 'nat' in chain 'nat' (known: l2fwd, l3fwd, firewall)", ex.getMessage());
        assertEquals(3, ex.line());
        assertEquals(spec.toString(), ex.source());
        assertThrows(NoSuchFileException.class, () -> Experiment.load(dir.resolve("missing.yaml")));
    }

    @Test
    void lineRateWrittenWithFewDigitsPasses() {
        Experiment e = Experiment.fromYaml("name: x\nfactors:\n  frame_size: [64]\n  rate: [14.880952, line, 0.0001]\n");
        assertEquals(List.of("14.880952", "line", "0.0001"), e.factors().get("rate"));
        assertEquals(14.880952380952381, e.trials().get(1).offeredMpps(), 1e-12);
        assertEquals(0.0001, e.trials().get(2).offeredMpps());
    }
}
