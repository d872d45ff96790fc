package org.nfvperf.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.NodeList;

class FigureExporterTest {
    @TempDir
    Path dir;

    static Figure twoPanels() {
        var a = Charts.latencyCdf("a", Map.of("bess", new double[] {1000, 2000, 3000}), false);
        var b = Charts.groupedBars("b", "Throughput (Mpps)", List.of("64"), Map.of("clickos", new double[] {5.3}));
        return new Figure("t", "A caption long enough to be wrapped onto a second line when the figure is narrow, which it"
                + " is not here, but the words keep coming anyway for a while longer than one line can hold.",
                List.of(a, b), 2, Provenance.netns("lab-01", "2026-11-26"));
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void eachFormatWritesAValidFile(ExportFormat format) throws Exception {
        Path f = dir.resolve("fig." + format.extension());
        FigureExporter.write(twoPanels(), f, format, 72);
        byte[] head = Arrays.copyOf(Files.readAllBytes(f), 8);
        switch (format) {
            case PNG -> assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, head);
            case PDF -> assertEquals("%PDF-", new String(head, 0, 5, StandardCharsets.US_ASCII));
            case SVG -> {
                String text = Files.readString(f);
                assertTrue(text.startsWith("<?xml") && text.contains("<svg"), text.substring(0, 80));
                assertTrue(text.contains("lab-01"), "provenance footer is in the SVG text");
            }
            default -> throw new AssertionError(format);
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(f.getFileName().toString()), files.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file left behind");
        }
    }

    @Test
    void pngHasTheRequestedDpiAndPixelSize() throws Exception {
        Figure fig = twoPanels();
        Path f = dir.resolve("fig.png");
        FigureExporter.write(fig, f, ExportFormat.PNG, 150);
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals((int) Math.ceil(FigureExporter.width(fig) * 150 / 72.0), img.getWidth());
        assertEquals((int) Math.ceil(FigureExporter.height(fig) * 150 / 72.0), img.getHeight());
        assertEquals(2 * Style.PANEL_WIDTH, FigureExporter.width(fig));
        try (ImageInputStream in = ImageIO.createImageInputStream(f.toFile())) {
            ImageReader r = ImageIO.getImageReaders(in).next();
            r.setInput(in);
            IIOMetadataNode root = (IIOMetadataNode) r.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            NodeList phys = root.getElementsByTagName("pHYs");
            assertEquals(1, phys.getLength());
            IIOMetadataNode p = (IIOMetadataNode) phys.item(0);
            assertEquals(Long.toString(Math.round(150 / 0.0254)), p.getAttribute("pixelsPerUnitXAxis"));
            assertEquals("meter", p.getAttribute("unitSpecifier"));
        }
    }

    @Test
    void writeAllWritesThreeFormats() throws Exception {
        Figure one = Figure.of("one", "", Charts.latencyCdf("a", Map.of("x", new double[] {1}), false), Provenance.emulated(""));
        List<Path> files = FigureExporter.writeAll(one, dir.resolve("sub"));
        assertEquals(List.of("one.png", "one.svg", "one.pdf"), files.stream().map(p -> p.getFileName().toString()).toList());
        for (Path p : files) {
            assertTrue(Files.size(p) > 1000, p + " is " + Files.size(p) + " bytes");
        }
    }

    @Test
    void unknownExtensionIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportFormat.ofFileName(Path.of("x.jpg")));
        assertEquals("chart file must end in .png, .svg or .pdf: x.jpg", e.getMessage());
    }

    @Test
    void figureIdsAreFileNameSafe() {
        var c = Charts.latencyCdf("a", Map.of("x", new double[] {1}), false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Figure.of("../x", "", c, Provenance.emulated("")));
        assertEquals("id must be letters, digits, '-' or '_': '../x'", e.getMessage());
    }
}
