package org.nfvperf.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nfvperf.capture.CaptureSummary;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What is in packet captures (pcap, pcapng, gzip): a capinfos-like table, one row per capture.
 *
 * <p>Stateless and thread-safe.
 * <pre>{@code
 * Captures.summary(Map.of("gen", Path.of("tap-gen.pcap"), "sink", Path.of("tap-sink.pcap")));
 * }</pre>
 */
public final class Captures {
    private Captures() {
    }

    /** One row per file, named by its file name. */
    public static Table summary(Path... files) throws IOException {
        Map<String, Path> named = new LinkedHashMap<>();
        for (Path f : files) {
            named.put(f.getFileName().toString(), f);
        }
        return summary(named);
    }

    /**
     * One row per capture: {@code tap, format, packets, captured_bytes, duration_s,
     * truncated_packets, out_of_order}.
     *
     * @throws IOException if a capture cannot be read (a damaged one names file and offset)
     */
    public static Table summary(Map<String, Path> taps) throws IOException {
        StringColumn name = StringColumn.create("tap");
        StringColumn format = StringColumn.create("format");
        LongColumn packets = LongColumn.create("packets");
        LongColumn bytes = LongColumn.create("captured_bytes");
        DoubleColumn seconds = DoubleColumn.create("duration_s");
        LongColumn truncated = LongColumn.create("truncated_packets");
        LongColumn outOfOrder = LongColumn.create("out_of_order");
        for (Map.Entry<String, Path> e : taps.entrySet()) {
            CaptureSummary c = CaptureSummary.of(e.getValue());
            name.append(e.getKey());
            format.append(c.format());
            packets.append(c.packets());
            bytes.append(c.capturedBytes());
            seconds.append(c.durationNs() == null ? Double.NaN : c.durationNs() / 1e9);
            truncated.append(c.truncatedPackets());
            outOfOrder.append(c.outOfOrder());
        }
        return Table.create("captures", name, format, packets, bytes, seconds, truncated, outOfOrder);
    }
}
