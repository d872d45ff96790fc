package org.nfvperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare} on a results.csv as {@code nfvperf run} writes it: rows in trial-completion
 * order (128 before 64), bookkeeping columns (repetition, status, error) and factors that are the
 * same in every row. A reader gets rows sorted by key as numbers, constant keys once in a header
 * line, and a chart whose PDF names the metric's unit, has its provenance footer and tick labels.
 */
class CompareReadabilityTest {
    @TempDir
    Path dir;

    Path results() throws Exception {
        Path f = dir.resolve("results.csv");
        Files.writeString(f, """
                dataplane,cpu_ghz,frame_size,placement,trial,repetition,status,error,rx_mpps
                clickos,2.6,128,same-socket,t4,0,ok,,4
                bess,2.6,128,same-socket,t3,0,ok,,8.4
                bess,2.6,1024,same-socket,t5,0,ok,,1.2
                clickos,2.6,1024,same-socket,t6,0,ok,,1.1
                bess,2.6,64,same-socket,t1,0,ok,,9.34
                clickos,2.6,64,same-socket,t2,0,ok,,5.34
                bess,2.6,64,same-socket,t7,1,ok,,9.30
                """);
        return f;
    }

    @Test
    void textSortsKeysAsNumbersAndFoldsConstantColumns() throws Exception {
        CliRun.Result r = CliRun.run("compare", results().toString(), "--by", "dataplane", "--metric", "rx_mpps");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                rx_mpps by dataplane (higher is better; ratios against clickos)
                in every row: cpu_ghz=2.6, placement=same-socket
                frame_size  clickos   bess  bess/clickos  ahead
                64            5.340  9.320         1.745  bess
                128           4.000  8.400         2.100  bess
                1024          1.100  1.200         1.091  bess
                """, r.out());
    }

    @Test
    void csvKeepsEveryKeyColumnInSortedRows() throws Exception {
        CliRun.Result r = CliRun.run("compare", results().toString(), "--by", "dataplane", "--metric", "rx_mpps", "--csv");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("cpu_ghz,frame_size,placement,clickos,bess,bess/clickos,ahead", lines.get(0));
        assertTrue(lines.get(1).startsWith("2.6,64,same-socket,5.34,9.32,"), lines.get(1));
        assertTrue(lines.get(3).startsWith("2.6,1024,"), lines.get(3));
    }

    @Test
    void chartPdfHasUnitFooterAndTickLabelsAsText() throws Exception {
        Path pdf = dir.resolve("cmp.pdf");
        CliRun.Result r = CliRun.run("compare", results().toString(), "--by", "dataplane", "--metric", "rx_mpps",
                "--chart", pdf.toString());
        assertEquals(0, r.code(), r.err());
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            text = new PDFTextStripper().getText(doc);
        }
        // the y axis title is turned 90°: text extraction breaks it into pieces, spaces aside it is whole
        assertTrue(text.replaceAll("\\s", "").contains("rx(Mpps)"), "metric unit missing: " + text);
        assertTrue(text.contains("Data: "), "provenance footer missing: " + text);
        assertTrue(text.contains("cpu_ghz=2.6"), "constant keys missing: " + text);
        List<String> words = Arrays.asList(text.split("\\s+"));
        for (String label : List.of("64", "128", "1024", "bess", "clickos")) {
            assertTrue(words.contains(label), label + " not text in the chart: " + text);
        }
    }
}
