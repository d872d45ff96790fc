package org.nfvperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command runner's counters: a collect step that leaves {@code stages.json} (the documented
 * format) gets them into every trial's {@code meta.json} and into the sweep's {@code stages.csv},
 * exactly like the emulated and netns runners; a malformed one is one line naming the file.
 */
class CommandRunnerStagesTest {
    private static Path spec(Path dir, String stagesJson) throws Exception {
        Path spec = dir.resolve("lab.yaml");
        Path template = dir.resolve("stages-template.json");
        Files.writeString(template, stagesJson);
        Files.writeString(spec, """
                name: lab
                runner: command
                capture: {taps: [a, b]}
                runner_options:
                  env: {LOGS: %s, CAPS: %s, STAGES: %s}
                  timeout_s: 30
                  run: |
                    cp "$LOGS/netmap-pkt-gen-2016-tx.log" gen-tx.log
                    cp "$LOGS/netmap-pkt-gen-2015-rx.log" gen-rx.log
                  collect: |
                    cp "$CAPS/probe-a0.pcap" tap-a.pcap
                    cp "$CAPS/probe-r1.pcap" tap-b.pcap
                    r={rate}; sed "s/RATE/$r/g" "$STAGES" > stages.json
                factors:
                  rate: [1, 2]
                """.formatted(Path.of("src/test/resources/logs").toAbsolutePath(),
                Path.of("src/test/resources/latency").toAbsolutePath(), template.toAbsolutePath()));
        return spec;
    }

    @Test
    void aCollectStepsCountersReachMetaJsonAndStagesCsv(@TempDir Path dir) throws Exception {
        Path spec = spec(dir, "{\"source\": \"lab collect\", \"stages\": [{\"stage\": \"nf_vm\", \"kind\": \"cpu\","
                + " \"cpu_pct\": RATE0, \"drop_pkts\": RATE00}, {\"stage\": \"pnic0\", \"kind\": \"nic\", \"drop_pkts\": 0}]}");
        CliRun.Result r = CliRun.run("run", spec.toString(), "--out", dir.resolve("out").toString());
        assertEquals(0, r.code(), r.err());
        Path sweep = dir.resolve("out/lab");
        List<String> stages = Files.readAllLines(sweep.resolve("stages.csv"));
        String header = stages.get(0);
        assertTrue(header.contains("cpu_nf_vm_pct") && header.contains("drop_nf_vm_pkts")
                && header.contains("drop_pnic0_pkts"), header);
        assertEquals(3, stages.size(), String.join("\n", stages));
        List<String> cols = List.of(header.split(","));
        int cpu = cols.indexOf("cpu_nf_vm_pct");
        int drop = cols.indexOf("drop_nf_vm_pkts");
        int rate = cols.indexOf("rate");
        for (String row : stages.subList(1, 3)) {
            String[] c = row.split(",");
            assertEquals(c[rate] + "0", c[cpu], row);
            assertEquals(c[rate] + "00", c[drop], row);
        }
        try (var trials = Files.list(sweep.resolve("trials"))) {
            for (Path t : trials.toList()) {
                String meta = Files.readString(t.resolve("meta.json"));
                assertTrue(meta.contains("\"stages\"") && meta.contains("\"cpu_nf_vm_pct\""), meta);
            }
        }
    }

    /** {@code stages --chart}: the figure's footer names the results file, or says netns run for a netns sweep. */
    @Test
    void theStagesChartSaysWhereItsDataCameFrom(@TempDir Path dir) throws Exception {
        Path spec = spec(dir, "{\"stages\": [{\"stage\": \"nf_vm\", \"kind\": \"cpu\", \"cpu_pct\": RATE0,"
                + " \"drop_pkts\": RATE00}]}");
        assertEquals(0, CliRun.run("run", spec.toString(), "--out", dir.resolve("out").toString()).code());
        Path sweep = dir.resolve("out/lab");
        Path svg = dir.resolve("stages.svg");
        CliRun.Result r = CliRun.run("stages", sweep.toString(), "--chart", svg.toString());
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(svg);
        assertTrue(text.contains("user&apos;s files") || text.contains("user's files") || text.contains("user&#39;s files"),
                text.substring(Math.max(0, text.length() - 3000)));
        assertTrue(text.contains(sweep.resolve("results.csv").toString()), "names the results file");
        // the same trials as a netns sweep would record them: the footer says netns run, host and date
        try (var trials = Files.list(sweep.resolve("trials"))) {
            for (Path t : trials.toList()) {
                Path meta = t.resolve("meta.json");
                Files.writeString(meta, Files.readString(meta).replaceFirst("\"runner\" : \"command\"", "\"runner\" : \"netns\""));
            }
        }
        r = CliRun.run("stages", sweep.toString(), "--chart", svg.toString());
        assertEquals(0, r.code(), r.err());
        text = Files.readString(svg);
        assertTrue(text.contains("netns run on host ") && text.contains("lab (2 trials)"),
                text.substring(Math.max(0, text.length() - 3000)));
    }

    @Test
    void aMalformedStagesFileIsOneLineNamingIt(@TempDir Path dir) throws Exception {
        Path spec = spec(dir, "{\"stages\": 5}");
        CliRun.Result r = CliRun.run("run", spec.toString(), "--out", dir.resolve("out").toString());
        assertTrue(r.code() != 0, r.err());
        assertTrue(r.err().contains("stages.json: expected an object with a \"stages\" array"), r.err());
        assertTrue(Files.isRegularFile(dir.resolve("out/lab/results.csv")), "the sweep's results are kept");
    }
}
