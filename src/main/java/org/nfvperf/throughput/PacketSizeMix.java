package org.nfvperf.throughput;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.nfvperf.util.InputException;
import org.nfvperf.util.UsageException;

/**
 * A packet-size mix: frame sizes (with FCS) and the share of packets of each. Immutable and
 * thread-safe.
 *
 * <p>Because every frame costs the same 20 bytes of overhead, the line rate of a mix is the line
 * rate of its average frame size: {@code link_bps / ((avg + 20) × 8)}.
 *
 * <p><b>Built-in mixes</b> (also shipped as CSV in {@code data/mixes/}):
 * <ul>
 *   <li>{@code imix} — "simple IMIX" 7:4:1 by packets, from the IPv4 sizes 40, 576 and 1500 bytes
 *       carried in Ethernet: frames of 64 (40 + 18 padded to the minimum), 594 and 1518 bytes.
 *       Average 361.833 B; 10GbE line rate 3 273 679 pps (rounded down).</li>
 *   <li>{@code fb-web} — an empirical-shaped mix for the Facebook web-server cluster that the
 *       paper uses (§4.1, citing Roy et al., "Inside the Social Network's (Datacenter) Network",
 *       SIGCOMM 2015, its [17]). The trace is not public; the mix is built to the statistics the
 *       two papers state: median frame about 120 B (here exactly 120: 46.5% of packets are
 *       &le; 100 B, 56.5% &le; 120 B), most packets below 256 B (98.5%), a small tail of MTU-sized
 *       frames (0.4% at 1518 B), and an average of 124.228 B, so that its 10GbE line rate is
 *       8.667 Mpps: the paper offers the mix at 10 Gb/s, measures 8.662 Mpps through BESS, and
 *       derives 0.87–1.73 Mpps for 10–20% link utilisation, which this average reproduces
 *       (0.867 and 1.733 Mpps).</li>
 * </ul>
 *
 * <p><b>CSV</b> ({@link #load}): header {@code frame_size,weight}; weights are relative packet
 * counts or shares (they need not sum to 1); {@code #} starts a comment line.
 *
 * <pre>{@code
 * PacketSizeMix mix = PacketSizeMix.named("fb-web");
 * double avg = mix.averageFrameSizeBytes();              // 124.228
 * double pps = mix.linePps(LinkSpeed.G10);              // 8_666_833.07
 * }</pre>
 *
 * @param name    the mix's name
 * @param entries the sizes and weights, at least one, each size once
 */
public record PacketSizeMix(String name, List<Entry> entries) {
    /**
     * One frame size of a mix. Immutable and thread-safe.
     *
     * @param frameSizeBytes frame size with FCS, 64..16384
     * @param weight         relative share of packets, finite and &gt; 0
     */
    public record Entry(int frameSizeBytes, double weight) {
        public Entry {
            if (frameSizeBytes < Ethernet.MIN_FRAME_BYTES || frameSizeBytes > Ethernet.MAX_FRAME_BYTES) {
                throw new UsageException("frameSizeBytes must be in " + Ethernet.MIN_FRAME_BYTES + ".."
                        + Ethernet.MAX_FRAME_BYTES + ": " + frameSizeBytes);
            }
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new UsageException("weight must be finite and > 0: " + weight);
            }
        }
    }

    /** Simple IMIX, 7:4:1 of 64, 594 and 1518-byte frames. */
    public static final PacketSizeMix IMIX = new PacketSizeMix("imix",
            List.of(new Entry(64, 7), new Entry(594, 4), new Entry(1518, 1)));

    /** The Facebook web-cluster shaped mix (per mille of packets); see the class comment. */
    public static final PacketSizeMix FB_WEB = new PacketSizeMix("fb-web", List.of(
            new Entry(64, 325), new Entry(80, 70), new Entry(100, 70), new Entry(120, 100), new Entry(128, 165),
            new Entry(150, 115), new Entry(180, 80), new Entry(220, 45), new Entry(250, 15), new Entry(576, 11),
            new Entry(1518, 4)));

    private static final Map<String, PacketSizeMix> BUILT_IN = Map.of("imix", IMIX, "fb-web", FB_WEB,
            "facebook-web", FB_WEB);

    public PacketSizeMix {
        Objects.requireNonNull(name, "name");
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new UsageException("entries must not be empty: mix '" + name + "'");
        }
        for (int i = 0; i < entries.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (entries.get(i).frameSizeBytes() == entries.get(j).frameSizeBytes()) {
                    throw new UsageException("frame sizes must be distinct: " + entries.get(i).frameSizeBytes()
                            + " appears twice in mix '" + name + "'");
                }
            }
        }
    }

    /** Names of the built-in mixes. */
    public static List<String> builtInNames() {
        return List.of("imix", "fb-web");
    }

    /**
     * A built-in mix by name ({@code imix}, {@code fb-web}, alias {@code facebook-web}).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static PacketSizeMix named(String name) {
        PacketSizeMix mix = BUILT_IN.get(name.toLowerCase(Locale.ROOT));
        if (mix == null) {
            throw new UsageException("mix must be one of " + builtInNames() + " or a CSV file: " + name);
        }
        return mix;
    }

    /**
     * A built-in mix when {@code nameOrFile} names one, else the CSV file of that path.
     *
     * @throws IOException    when the file cannot be read
     * @throws InputException when it is neither a built-in name nor a file, or the file is malformed
     */
    public static PacketSizeMix resolve(String nameOrFile) throws IOException {
        PacketSizeMix mix = BUILT_IN.get(nameOrFile.toLowerCase(Locale.ROOT));
        if (mix != null) {
            return mix;
        }
        Path p = Path.of(nameOrFile);
        if (!Files.exists(p)) {
            throw new InputException(nameOrFile + ": not a built-in mix " + builtInNames() + " and no such file");
        }
        return load(p);
    }

    /**
     * Reads a mix from a CSV file; the mix is named after the file without extension.
     *
     * @throws InputException naming the file and line on a missing column, a bad number or a bad size
     */
    public static PacketSizeMix load(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        String name = fileName.replaceFirst("\\.[^.]*$", "");
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.toString(), name, in);
        }
    }

    /** Reads a mix from CSV text; {@code source} appears in messages. */
    public static PacketSizeMix read(String source, String name, Reader in) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setCommentMarker('#').setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).build();
        List<Entry> entries = new ArrayList<>();
        try (CSVParser csv = CSVParser.parse(in, format)) {
            List<String> header = csv.getHeaderNames();
            if (!header.contains("frame_size") || !header.contains("weight")) {
                throw new InputException(source + ": expected header 'frame_size,weight', found '"
                        + String.join(",", header) + "'");
            }
            for (CSVRecord r : csv) {
                String line = source + ":" + r.getParser().getCurrentLineNumber();
                try {
                    entries.add(new Entry(Integer.parseInt(r.get("frame_size")), Double.parseDouble(r.get("weight"))));
                } catch (NumberFormatException e) {
                    throw new InputException(line + ": expected numbers in frame_size,weight, found '"
                            + r.get("frame_size") + "," + r.get("weight") + "'");
                } catch (IllegalArgumentException e) {
                    throw new InputException(line + ": " + e.getMessage(), e);
                }
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new InputException(source + ": not a CSV mix: " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            throw new InputException(source + ": mix has no rows (expected frame_size,weight lines)");
        }
        try {
            return new PacketSizeMix(name, entries);
        } catch (IllegalArgumentException e) {
            throw new InputException(source + ": " + e.getMessage(), e);
        }
    }

    /** Sum of the weights. */
    public double totalWeight() {
        double sum = 0;
        for (Entry e : entries) {
            sum += e.weight();
        }
        return sum;
    }

    /** The share of packets of entry {@code i}, in 0..1. */
    public double share(int i) {
        return entries.get(i).weight() / totalWeight();
    }

    /** Average frame size in bytes (with FCS), weighted by packets. */
    public double averageFrameSizeBytes() {
        double bytes = 0;
        for (Entry e : entries) {
            bytes += e.frameSizeBytes() * e.weight();
        }
        return bytes / totalWeight();
    }

    /** The smallest frame size whose cumulative share of packets reaches one half. */
    public int medianFrameSizeBytes() {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> Integer.compare(a.frameSizeBytes(), b.frameSizeBytes()));
        double half = totalWeight() / 2;
        double cumulative = 0;
        for (Entry e : sorted) {
            cumulative += e.weight();
            if (cumulative >= half) {
                return e.frameSizeBytes();
            }
        }
        return sorted.get(sorted.size() - 1).frameSizeBytes();
    }

    /** The share of packets (0..1) whose frame is smaller than {@code frameSizeBytes}. */
    public double shareBelow(int frameSizeBytes) {
        double below = 0;
        for (Entry e : entries) {
            if (e.frameSizeBytes() < frameSizeBytes) {
                below += e.weight();
            }
        }
        return below / totalWeight();
    }

    /** Exact line rate of the mix in packets per second. */
    public double linePps(LinkSpeed link) {
        return Ethernet.linePps(link, averageFrameSizeBytes());
    }
}
