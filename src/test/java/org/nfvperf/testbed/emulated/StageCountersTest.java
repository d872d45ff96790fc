package org.nfvperf.testbed.emulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfvperf.experiment.StageCounters;
import org.nfvperf.experiment.Trial;

/** The model's per-stage counters, read back from {@code stages.json}, show the paper's §4.2 bottlenecks. */
class StageCountersTest {
    @TempDir
    Path dir;

    private Map<String, Object> counters(String name, Map<String, String> factors) throws IOException {
        Path d = Files.createDirectory(dir.resolve(name));
        new EmulatedRunner().run(new Trial("t", name, factors, "10G", 1.0, 1, List.of(), 0), d);
        return StageCounters.columns(StageCounters.read(d).orElseThrow());
    }

    private static double num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            throw new AssertionError("no " + key + " in " + m.keySet());
        }
        return ((Number) v).doubleValue();
    }

    @Test
    void bessLosesAboutFiveMppsBetweenPnic0AndVnic0AtLineRate() throws IOException {
        Map<String, Object> line = counters("bess-line", EmulatedRunnerTest.factors("dataplane", "bess", "chain", "l3fwd",
                "cpu_ghz", "2.6", "frame_size", "64"));
        // §4.2: 'monitor port' showed about 5 Mpps lost between pNIC0 and vNIC0, the worker saturated
        // the worker moving pNIC0 -> vNIC0 pushes more than the VM takes: vNIC0's ring drops them
        double dropMpps = num(line, "drop_bess_vm_l3fwd_pkts") / 1e6;
        assertTrue(dropMpps > 4 && dropMpps < 7, "pNIC0->vNIC0 drops " + dropMpps + " Mpps: " + line);
        assertTrue(num(line, "cpu_bess_vm_l3fwd_pct") > 95, line.toString());
        assertEquals(0.0, num(line, "drop_bess_worker_pnic_vnic_pkts"), 0.0, "the pNIC ring keeps up: " + line);
        assertEquals(0.0, num(line, "drop_bess_worker_vnic_pnic_pkts"), 0.0, "nothing is lost after the VM");

        Map<String, Object> light = counters("bess-2", EmulatedRunnerTest.factors("dataplane", "bess", "chain", "l3fwd",
                "cpu_ghz", "2.6", "frame_size", "64", "rate", "2"));
        assertEquals(0.0, num(light, "drop_bess_vm_l3fwd_pkts"), 0.0);
        assertTrue(num(light, "cpu_bess_vm_l3fwd_pct") < 50, light.toString());
    }

    @Test
    void clickosIsCpuBoundInItsVmAtLineRate() throws IOException {
        Map<String, Object> line = counters("clickos-line", EmulatedRunnerTest.factors("dataplane", "clickos", "chain",
                "l3fwd", "cpu_ghz", "2.6", "frame_size", "64"));
        // no stage is idle-bound: the VALE copy into the VM (sender's context) saturates its core,
        // and the VM's ring drops what its vCPU cannot take
        assertTrue(num(line, "cpu_clickos_vale_pnic_vm_pct") > 95, line.toString());
        assertTrue(num(line, "drop_clickos_vm_l3fwd_pkts") > 1e6, line.toString());
        Map<String, Object> light = counters("clickos-1", EmulatedRunnerTest.factors("dataplane", "clickos", "chain",
                "l3fwd", "cpu_ghz", "2.6", "frame_size", "64", "rate", "1"));
        assertTrue(num(light, "cpu_clickos_vale_pnic_vm_pct") < 50, light.toString());
        assertEquals(0.0, num(light, "drop_clickos_vm_l3fwd_pkts"), 0.0, light.toString());
    }

    @Test
    void stagesJsonRoundTripsAndBadFilesNameThemselves() throws IOException {
        List<StageCounters.Stage> st = List.of(new StageCounters.Stage("nf1", "cpu", 42.5, 7),
                new StageCounters.Stage("wire", "wire", Double.NaN, 0));
        StageCounters.write(dir, "test", st);
        assertEquals(st.get(0), StageCounters.read(dir).orElseThrow().get(0));
        assertEquals(Map.of("cpu_nf1_pct", 42.5, "drop_nf1_pkts", 7L, "drop_wire_pkts", 0L),
                StageCounters.columns(StageCounters.read(dir).orElseThrow()));
        Files.writeString(dir.resolve("stages.json"), "{\"stages\": [{\"cpu_pct\": 3}]}");
        org.nfvperf.util.InputException e = org.junit.jupiter.api.Assertions.assertThrows(org.nfvperf.util.InputException.class, () -> StageCounters.read(dir));
        assertEquals(dir.resolve("stages.json") + ": a stage without a \"stage\" name", e.getMessage());
        assertEquals("bess_worker_pnic_vnic", StageCounters.slug("bess-worker pnic->vnic"));
    }
}
