package org.nfvperf.figures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import org.nfvperf.util.InputException;
import tech.tablesaw.api.Table;
import org.nfvperf.reproduction.PublishedNumbers;
import org.nfvperf.util.UsageException;

/**
 * Renders a reproduction from its tables alone: reads {@code TABLES/<id>.csv} (the schemas of
 * {@code nfvperf reproduce}) and an optional {@code claims.csv}, writes every figure to
 * {@code OUT/figures/<id>.png|svg|pdf}, Table 1 in the paper's layout to
 * {@code OUT/figures/table1.html|csv}, and {@code OUT/report.html} with every figure (linked, with
 * its caption and provenance), every table and every claim (published vs reproduced, holds or
 * not). Works the same on the emulated testbed's tables, a netns run's or the user's own.
 *
 * <p>A table that is absent is skipped and listed in the report unless it was asked for by name
 * ({@code only}), which is an error. Not thread-safe: one rendering per output directory.
 *
 * <pre>{@code
 * ReproductionReport.Result r = new ReproductionReport(Path.of("out/tables"), Path.of("out"),
 *         PublishedNumbers.load(Path.of("data/paper/published.csv")), Provenance.emulated("")).render(Set.of());
 * r.report();   // out/report.html
 * }</pre>
 */
public final class ReproductionReport {
    /** What a rendering wrote. */
    public record Result(Path report, List<Path> files, List<String> rendered, List<String> skipped) {
        public Result {
            Objects.requireNonNull(report, "report");
            files = List.copyOf(files);
            rendered = List.copyOf(rendered);
            skipped = List.copyOf(skipped);
        }
    }

    private static final Map<String, String> HEADINGS = new LinkedHashMap<>();

    static {
        HEADINGS.put("fig2", "Fig. 2 — throughput vs frame size and CPU speed (§4.1)");
        HEADINGS.put("table1", "Table 1 — 64B throughput of L3FWD and firewall (§4.1)");
        HEADINGS.put("bottleneck", "Bottlenecks — one vs two vNIC queues (§4.2)");
        HEADINGS.put("stages", "Bottlenecks — which stage saturates first as the rate rises (§4.2)");
        HEADINGS.put("fig3", "Fig. 3 — NF chains (§4.3)");
        HEADINGS.put("fig4", "Fig. 4 — NF chains and NUMA, BESS (§4.3)");
        HEADINGS.put("fig5", "Fig. 5 — latency vs sending rate (§5.1)");
        HEADINGS.put("fig6", "Fig. 6 — latency of NF chains by component (§5.2)");
        HEADINGS.put("fbmix", "Facebook packet-size mix (§4.1)");
    }

    private final Path tablesDir;
    private final Path outDir;
    private final PublishedNumbers paper;
    private final Provenance provenance;
    private final Map<String, Provenance> perFigure = new LinkedHashMap<>();
    private int dpi = FigureExporter.DEFAULT_DPI;

    /**
     * @param tablesDir  where {@code <id>.csv} are read
     * @param outDir     where {@code figures/} and {@code report.html} go; {@code claims.csv} is read
     *                   from here, else from {@code tablesDir}
     * @param paper      the paper's numbers to overlay ({@link PublishedNumbers#none()} for none)
     * @param provenance where the tables came from
     */
    public ReproductionReport(Path tablesDir, Path outDir, PublishedNumbers paper, Provenance provenance) {
        this.tablesDir = Objects.requireNonNull(tablesDir, "tablesDir");
        this.outDir = Objects.requireNonNull(outDir, "outDir");
        this.paper = Objects.requireNonNull(paper, "paper");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /** Sets the PNG resolution (default 300 dpi); returns this. */
    public ReproductionReport dpi(int pngDpi) {
        if (pngDpi < 36 || pngDpi > 1200) {
            throw new UsageException("dpi must be in [36, 1200]: " + pngDpi);
        }
        this.dpi = pngDpi;
        return this;
    }

    /**
     * Sets the provenance of single figures (for example the runs behind each one); a figure not
     * in {@code byFigure} carries the report's provenance. Returns this.
     */
    public ReproductionReport figureProvenance(Map<String, Provenance> byFigure) {
        perFigure.putAll(byFigure);
        return this;
    }

    /** The provenance printed under figure {@code id}. */
    Provenance provenanceOf(String id) {
        return perFigure.getOrDefault(id, provenance);
    }

    /** The builder of a figure id, from its table. */
    static BiFunction<Table, ReproductionReport, Figure> builder(String id) {
        return switch (id) {
            case "fig2" -> (t, r) -> PaperFigures.fig2(t, r.paper, r.provenanceOf("fig2"));
            case "table1" -> (t, r) -> PaperFigures.table1(t, r.provenanceOf("table1"));
            case "bottleneck" -> (t, r) -> PaperFigures.bottleneck(t, r.paper, r.provenanceOf("bottleneck"));
            case "stages" -> (t, r) -> PaperFigures.stages(t, r.provenanceOf("stages"));
            case "fig3" -> (t, r) -> PaperFigures.fig3(t, r.provenanceOf("fig3"));
            case "fig4" -> (t, r) -> PaperFigures.fig4(t, r.paper, r.provenanceOf("fig4"));
            case "fig5" -> (t, r) -> PaperFigures.fig5(t, r.paper, r.provenanceOf("fig5"));
            case "fig6" -> (t, r) -> PaperFigures.fig6(t, r.paper, r.provenanceOf("fig6"));
            case "fbmix" -> (t, r) -> PaperFigures.fbmix(t, r.paper, r.provenanceOf("fbmix"));
            default -> throw new UsageException("figure must be one of " + String.join(", ", PaperFigures.IDS)
                    + ": " + id);
        };
    }

    /** Checks figure ids such as those of {@code --only}; returns them in the paper's order. */
    public static List<String> validateIds(Set<String> ids) {
        for (String id : ids) {
            if (!PaperFigures.IDS.contains(id)) {
                throw new UsageException("--only must name figures among " + String.join(", ", PaperFigures.IDS)
                        + ": " + id);
            }
        }
        return PaperFigures.IDS.stream().filter(ids::contains).toList();
    }

    /**
     * Renders the figures named in {@code only} (all when empty) and the report.
     *
     * @throws InputException if a figure named in {@code only} has no table, or none has
     */
    public Result render(Set<String> only) throws IOException {
        List<String> ids = only.isEmpty() ? PaperFigures.IDS : validateIds(only);
        Path figDir = outDir.resolve("figures");
        Files.createDirectories(figDir);
        List<Path> files = new ArrayList<>();
        List<String> rendered = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<String, Figure> figures = new LinkedHashMap<>();
        Map<String, Table> tables = new LinkedHashMap<>();
        for (String id : ids) {
            Path csv = tablesDir.resolve(id + ".csv");
            if (!Files.isRegularFile(csv)) {
                if (!only.isEmpty()) {
                    throw new InputException(csv + ": expected the table of " + id + ", found no such file");
                }
                skipped.add(id);
                continue;
            }
            Table t = Tables.read(csv);
            Figure f;
            try {
                f = builder(id).apply(t, this);
            } catch (IllegalArgumentException e) {
                throw new InputException(csv + ": " + e.getMessage(), e);
            }
            for (ExportFormat fmt : ExportFormat.values()) {
                Path file = figDir.resolve(id + "." + fmt.extension());
                FigureExporter.write(f, file, fmt, dpi);
                files.add(file);
            }
            if (id.equals("table1")) {
                Table layout = Table1Layout.of(t);
                Path html = figDir.resolve("table1.html");
                writeAtomically(html, page("Table 1", "<h1>Table 1 (" + Html.escape(provenanceOf(id).shortTag()) + ")</h1>\n"
                        + Html.table(layout, null) + "<p class=\"prov\">Data: " + Html.escape(provenanceOf(id).label()) + "</p>\n"));
                Path csvOut = figDir.resolve("table1.csv");
                layout.write().csv(csvOut.toFile());
                files.add(html);
                files.add(csvOut);
            }
            figures.put(id, f);
            tables.put(id, t);
            rendered.add(id);
        }
        if (rendered.isEmpty()) {
            throw new InputException(tablesDir + ": expected at least one of " + String.join(", ",
                    ids.stream().map(i -> i + ".csv").toList()) + ", found none");
        }
        Path claimsFile = Files.isRegularFile(outDir.resolve("claims.csv")) ? outDir.resolve("claims.csv")
                : tablesDir.resolve("claims.csv");
        Table claims = Files.isRegularFile(claimsFile) ? Tables.read(claimsFile) : null;
        Path report = outDir.resolve("report.html");
        writeAtomically(report, reportHtml(figures, tables, claims, skipped));
        files.add(report);
        return new Result(report, files, rendered, skipped);
    }

    private String reportHtml(Map<String, Figure> figures, Map<String, Table> tables, Table claims, List<String> skipped) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>Reproduction of Niu et al., <i>Unveiling Performance of NFV Software Dataplanes</i></h1>\n");
        b.append("<p class=\"prov\"><b>Data:</b> ").append(Html.escape(provenance.label())).append("<br>\n");
        b.append("<b>Published numbers:</b> ").append(Html.escape(paper.source())).append("<br>\n");
        b.append("<b>Rendered:</b> ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" by nfvperf</p>\n");
        if (claims != null) {
            b.append(claimSummary(claims));
        }
        b.append("<ul class=\"toc\">\n");
        for (String id : figures.keySet()) {
            b.append("<li><a href=\"#").append(id).append("\">").append(Html.escape(HEADINGS.get(id))).append("</a></li>\n");
        }
        if (claims != null) {
            b.append("<li><a href=\"#claims\">Claims: published vs reproduced</a></li>\n");
        }
        b.append("</ul>\n");
        if (!skipped.isEmpty()) {
            b.append("<p class=\"warn\">Not rendered (no table in ").append(Html.escape(tablesDir.toString())).append("): ")
                    .append(Html.escape(String.join(", ", skipped))).append("</p>\n");
        }
        for (Map.Entry<String, Figure> e : figures.entrySet()) {
            String id = e.getKey();
            Figure f = e.getValue();
            b.append("<section id=\"").append(id).append("\">\n<h2>").append(Html.escape(HEADINGS.get(id))).append("</h2>\n");
            b.append("<figure><a href=\"figures/").append(id).append(".svg\"><img src=\"figures/").append(id)
                    .append(".png\" alt=\"").append(Html.escape(HEADINGS.get(id))).append("\"></a>\n<figcaption>")
                    .append(Html.escape(f.caption())).append(" <span class=\"prov\">Data: ")
                    .append(Html.escape(provenanceOf(id).label())).append(".</span> Files: ");
            for (ExportFormat fmt : ExportFormat.values()) {
                b.append("<a href=\"figures/").append(id).append('.').append(fmt.extension()).append("\">")
                        .append(fmt.extension().toUpperCase(java.util.Locale.ROOT)).append("</a> ");
            }
            b.append("</figcaption></figure>\n");
            if (id.equals("table1")) {
                b.append(Html.table(Table1Layout.of(tables.get(id)), null));
            }
            Table own = claimsOf(claims, id);
            if (own != null) {
                b.append("<h3>Claims of this figure</h3>\n").append(Html.table(own, verdictColumn(own)));
            }
            b.append("<details><summary>Table <code>tables/").append(id).append(".csv</code> (")
                    .append(tables.get(id).rowCount()).append(" rows)</summary>\n")
                    .append(Html.table(tables.get(id), null)).append("</details>\n</section>\n");
        }
        if (claims != null) {
            b.append("<section id=\"claims\">\n<h2>Claims: published vs reproduced</h2>\n")
                    .append(Html.table(claims, verdictColumn(claims))).append("</section>\n");
        }
        return page("nfvperf reproduction", b.toString());
    }

    /** The claims whose key is {@code id} or starts with {@code id.}, or null if none. */
    static Table claimsOf(Table claims, String id) {
        if (claims == null || !claims.containsColumn("key")) {
            return null;
        }
        tech.tablesaw.selection.Selection sel = new tech.tablesaw.selection.BitmapBackedSelection();
        for (int i = 0; i < claims.rowCount(); i++) {
            String k = claims.getString(i, "key");
            if (k.equals(id) || k.startsWith(id + ".")) {
                sel.add(i);
            }
        }
        return sel.isEmpty() ? null : claims.where(sel);
    }

    private static String verdictColumn(Table claims) {
        for (String c : List.of("holds", "verdict", "ok")) {
            if (claims.containsColumn(c)) {
                return c;
            }
        }
        return null;
    }

    private static String claimSummary(Table claims) {
        String col = verdictColumn(claims);
        if (col == null) {
            return "<p>" + claims.rowCount() + " claims (no verdict column).</p>\n";
        }
        int holds = 0;
        Set<String> failing = new LinkedHashSet<>();
        for (int i = 0; i < claims.rowCount(); i++) {
            Boolean v = Html.truth(claims.getString(i, col));
            if (Boolean.TRUE.equals(v)) {
                holds++;
            } else if (claims.containsColumn("key")) {
                failing.add(claims.getString(i, "key"));
            }
        }
        StringBuilder s = new StringBuilder("<p class=\"summary\"><b>")
                .append(holds).append(" of ").append(claims.rowCount()).append(" claims hold.</b>");
        if (!failing.isEmpty()) {
            s.append(" Not holding: ").append(Html.escape(String.join(", ", failing))).append('.');
        }
        return s.append("</p>\n").toString();
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
                + "</title>\n<style>\nbody{font-family:sans-serif;max-width:1400px;margin:2em auto;padding:0 1em;color:#222}\n"
                + "img{max-width:100%;border:1px solid #ddd}\nfigure{margin:1em 0}\nfigcaption{font-size:.9em;color:#444}\n"
                + "table{border-collapse:collapse;font-size:.85em;margin:.5em 0}\nth,td{border:1px solid #ccc;padding:2px 6px}\n"
                + "th{background:#f2f2f2}\ntd.num{text-align:right;font-variant-numeric:tabular-nums}\n"
                + "tr.holds td{background:#e8f5e9}\ntr.fails td{background:#fdecea}\n.prov{color:#555}\n.warn{color:#a40}\n"
                + "</style></head><body>\n" + body + "</body></html>\n";
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        AtomicFiles.write(file, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }
}
