package org.nfvperf.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TrialIdsTest {
    private static final String SPEC = "name: a\nrunner: fake\nlink: 10G\nduration_s: 2\ncapture: {taps: [p0, p1], max_packets: 5}\n";

    @Test
    void canonicalTextAndGoldenId() {
        Experiment e = Experiment.fromYaml(SPEC);
        assertEquals("nfvperf-trial-v1\nrunner=fake\nlink=10000000000\nduration_s=2\ntaps=p0,p1\nmax_packets=5\n"
                + "factor.cpu_ghz=2\nfactor.frame_size=64\nrepetition=3\n",
                TrialIds.canonical(e, Map.of("frame_size", "64", "cpu_ghz", "2.0"), 3));
        // printf '...' | sha256sum | cut -c1-16
        assertEquals("a83691c946c1ad21", TrialIds.of(e, Map.of("frame_size", "64", "cpu_ghz", "2.0"), 3));
    }

    @Test
    void nameAndRunnerOptionsDoNotChangeIdsButParametersDo() {
        Experiment e = Experiment.fromYaml(SPEC);
        Map<String, String> f = Map.of("frame_size", "64");
        String id = TrialIds.of(e, f, 1);
        assertEquals(id, TrialIds.of(Experiment.fromYaml(SPEC.replace("name: a", "name: b") + "runner_options: {x: 1}\n"), f, 1));
        assertEquals(id, TrialIds.of(Experiment.fromYaml(SPEC.replace("duration_s: 2", "duration_s: 2.000")), f, 1));
        assertEquals(id, TrialIds.of(Experiment.fromYaml(SPEC.replace("10G", "10Gbps")), f, 1));
        assertNotEquals(id, TrialIds.of(e, f, 2));
        assertNotEquals(id, TrialIds.of(e, Map.of("frame_size", "128"), 1));
        assertNotEquals(id, TrialIds.of(Experiment.fromYaml(SPEC.replace("10G", "40G")), f, 1));
        assertNotEquals(id, TrialIds.of(Experiment.fromYaml(SPEC.replace("[p0, p1]", "[p1, p0]")), f, 1));
        assertNotEquals(id, TrialIds.of(Experiment.fromYaml(SPEC.replace("fake", "command")), f, 1));
    }
}
