package org.nfvperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nfvperf reproduce} runs the paper's specs exactly as {@code nfvperf run} does. */
class ReproduceCommandTest {
    @Test
    void reproduceWritesTheRunsOfNfvperfRunWithTheSameTrialIdsAndNumbers(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliRun.Result r = CliRun.run("reproduce", "--out", out.toString(), "--only", "fig6", "--dpi", "36",
                "--jobs", "2");
        assertEquals(0, r.code(), r.err());
        for (String spec : List.of("fig6", "fig6-chain2", "fig6-chain3")) {
            CliRun.Result run = CliRun.run("run", "data/specs/" + spec + ".yaml", "--out", dir.resolve("runs").toString());
            assertEquals(0, run.code(), run.err());
            List<String> mine = sortedLines(out.resolve("runs").resolve(spec).resolve("results.csv"));
            List<String> theirs = sortedLines(dir.resolve("runs").resolve(spec).resolve("results.csv"));
            assertEquals(theirs, mine, spec);
            try (var trials = Files.list(dir.resolve("runs").resolve(spec).resolve("trials"))) {
                for (Path t : trials.toList()) {
                    Path same = out.resolve("runs").resolve(spec).resolve("trials").resolve(t.getFileName());
                    assertTrue(Files.isRegularFile(same.resolve("meta.json")), same.toString());
                    assertEquals(Files.size(t.resolve("tap-gen-rx.pcap")), Files.size(same.resolve("tap-gen-rx.pcap")));
                }
            }
        }
        assertTrue(Files.isRegularFile(out.resolve("tables/fig6.csv")));
        assertTrue(Files.isRegularFile(out.resolve("figures/fig6.pdf")));
        String provenance = Files.readString(out.resolve("provenance.json"));
        assertTrue(provenance.contains("\"runner\" : \"emulated\"") && provenance.contains("\"kind\" : \"EMULATED\"")
                && provenance.contains("\"fig6-chain3\""), provenance);

        CliRun.Result again = CliRun.run("reproduce", "--out", out.toString(), "--only", "fig6", "--dpi", "36");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("fig6-chain2: 2 trials, 0 run now, 0 failed"), again.err());
    }

    /** The stage bottleneck figure: rendered from the stages sweep's counters, shown in the report with its caption. */
    @Test
    void rendersTheStageBottleneckFigureFromTheCounters(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliRun.Result r = CliRun.run("reproduce", "--out", out.toString(), "--only", "bottleneck,stages", "--dpi", "36");
        assertEquals(0, r.code(), r.err());
        for (String ext : List.of("png", "svg", "pdf")) {
            assertTrue(Files.size(out.resolve("figures/stages." + ext)) > 1000, ext);
        }
        String text;
        try (var doc = org.apache.pdfbox.Loader.loadPDF(out.resolve("figures/stages.pdf").toFile())) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
        }
        for (String s : List.of("§4.2 (emulated), BESS: CPU share per stage", "§4.2 (emulated), ClickOS: drops per stage",
                "offered rate (Mpps)", "bess vm l3fwd", "clickos vale pnic vm", "Which stage saturates first",
                "runs stages (22 trials)")) {
            assertTrue(text.contains(s), "not text in the PDF: " + s + "\n" + text);
        }
        assertTrue(text.replaceAll("\\s", "").contains("CPUshareofonecore(%)"), text);
        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("<section id=\"stages\">") && report.contains("<img src=\"figures/stages.png\"")
                && report.contains("Which stage saturates first as the offered rate rises"), report);
        assertTrue(report.contains("<td>bottleneck.stages.clickos.cpu_bound</td>"), "the section 4.2 claims beside it");
        String stages = Files.readAllLines(out.resolve("tables/stages.csv")).get(0);
        assertTrue(stages.startsWith("dataplane,offered_mpps,rx_mpps,duration_s,") && stages.contains("cpu_bess_vm_l3fwd_pct"),
                stages);
    }

    @Test
    void eachFigureFooterNamesTheRunsBehindItsOwnTable(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliRun.Result r = CliRun.run("reproduce", "--out", out.toString(), "--only", "fig5,fig6", "--dpi", "36");
        assertEquals(0, r.code(), r.err());
        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("runs fig5, fig5-100pps (18 trials)"), report);
        assertTrue(report.contains("runs fig6, fig6-chain2, fig6-chain3 (8 trials)"), report);
        String svg5 = Files.readString(out.resolve("figures/fig5.svg"));
        assertTrue(svg5.contains("fig5-100pps") && !svg5.contains("fig6-chain2"), "fig5's footer names fig6's runs");
        // rendered again from the tables alone: the same footers, read back from provenance.json
        Path again = dir.resolve("again");
        CliRun.Result t = CliRun.run("reproduce", "--from-tables", out.toString(), "--out", again.toString(),
                "--only", "fig6", "--dpi", "36");
        assertEquals(0, t.code(), t.err());
        assertTrue(Files.readString(again.resolve("report.html")).contains("runs fig6, fig6-chain2, fig6-chain3 (8 trials)"));
    }

    @Test
    void anUnknownSpecFolderExitsTwo(@TempDir Path dir) {
        CliRun.Result r = CliRun.run("reproduce", "--out", dir.toString(), "--specs", dir.resolve("none").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("nfvperf: " + dir.resolve("none")), r.err());
    }

    private static List<String> sortedLines(Path file) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        String header = lines.remove(0);
        Collections.sort(lines);
        lines.add(0, header);
        return lines;
    }
}
