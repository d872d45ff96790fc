package org.nfvperf.testbed.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nfvperf.experiment.Experiment;
import org.nfvperf.experiment.Trial;

/** The netns spec set (data/specs/netns/): every spec parses and every trial is one the netns runner accepts (no root needed). */
class NetnsSpecSetTest {
    private static final Path DIR = Path.of("data/specs/netns");

    static Stream<Path> specs() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void everyTrialIsOneTheNetnsRunnerAccepts(Path spec) throws IOException {
        Experiment e = Experiment.load(spec);
        List<Trial> trials = e.trials();
        assertFalse(trials.isEmpty(), spec.toString());
        for (Trial t : trials) {
            TrialConfig c = TrialConfig.of(t);
            assertTrue(c.ratePps() >= 100 && c.ratePps() <= 1_000_000, spec + ": rate within what the namespace generator delivers: " + c.ratePps());
        }
        // linux and ovs side by side in every spec; the dpdk rows in a twin <spec>-dpdk.yaml
        Set<String> dataplanes = trials.stream().map(t -> t.factor("dataplane", "linux")).collect(Collectors.toSet());
        boolean dpdk = spec.getFileName().toString().endsWith("-dpdk.yaml");
        assertEquals(dpdk ? Set.of("dpdk", "ovs-dpdk") : Set.of("linux", "ovs"), dataplanes, spec.toString());
    }

    @ParameterizedTest
    @MethodSource("specs")
    void everyDpdkSpecIsItsTwinsTrialsOnTheDpdkDataplane(Path spec) throws IOException {
        String file = spec.getFileName().toString();
        if (!file.endsWith("-dpdk.yaml")) {
            assertTrue(Files.isRegularFile(DIR.resolve(file.replace(".yaml", "-dpdk.yaml"))),
                    spec + " has its dpdk twin, so reproduce --runner netns has the three dataplanes side by side");
            return;
        }
        Experiment d = Experiment.load(spec);
        Experiment twin = Experiment.load(DIR.resolve(file.replace("-dpdk.yaml", ".yaml")));
        assertEquals(d.name(), file.replace(".yaml", ""), spec.toString());
        Set<TrialConfig> expected = twin.trials().stream().map(TrialConfig::of)
                .flatMap(c -> Stream.of(Dataplane.DPDK, Dataplane.OVS_DPDK).map(dp -> new TrialConfig(c.chain(), dp,
                        c.frameSizeBytes(), c.ratePps(), c.durationMillis(), c.taps(), c.maxPacketsPerTap())))
                .collect(Collectors.toSet());
        // a twin may add cpu_share (process-based dataplanes only): the same trials at each share
        assertEquals(expected, d.trials().stream().map(TrialConfig::of).map(c -> new TrialConfig(c.chain(), c.dataplane(),
                c.frameSizeBytes(), c.ratePps(), c.durationMillis(), c.taps(), c.maxPacketsPerTap()))
                .collect(Collectors.toSet()), spec.toString());
    }

    @Test
    void theFig2TwinVariesTheCpuShareOfItsProcessBasedDataplanes() throws IOException {
        Set<Double> shares = Experiment.load(DIR.resolve("fig2-dpdk.yaml")).trials().stream()
                .map(t -> TrialConfig.of(t).cpuShare()).collect(Collectors.toSet());
        assertEquals(Set.of(0.25, 1.0), shares);
    }

    @Test
    void theFigureShapesAreCovered() throws IOException {
        Set<Integer> frames = Experiment.load(DIR.resolve("fig2.yaml")).trials().stream()
                .map(t -> TrialConfig.of(t).frameSizeBytes()).collect(Collectors.toSet());
        assertEquals(Set.of(64, 128, 256, 512, 1024, 1500), frames);
        Set<Integer> lengths = Experiment.load(DIR.resolve("fig3.yaml")).trials().stream()
                .map(t -> TrialConfig.of(t).chain().size()).collect(Collectors.toSet());
        assertEquals(Set.of(1, 2, 3), lengths);
        double lowest = Experiment.load(DIR.resolve("fig5-100pps.yaml")).trials().stream()
                .mapToDouble(t -> TrialConfig.of(t).ratePps()).min().orElseThrow();
        assertEquals(100.0, lowest, 0.0);
        // the names reproduce --runner netns reads: fig6, fig6-chain2, fig6-chain3
        for (int n = 1; n <= 3; n++) {
            for (Trial t : Experiment.load(DIR.resolve(n == 1 ? "fig6.yaml" : "fig6-chain" + n + ".yaml")).trials()) {
                TrialConfig c = TrialConfig.of(t);
                assertEquals(n, c.chain().size());
                // a tap at every dut<i>_in/out, so the breakdown has transmission, NF and NF-to-NF segments
                assertEquals(new ChainPlan("nfvp-0-0-", c.chain(), 6000).tapNames(), c.taps());
            }
        }
    }
}
