package org.nfvperf.capture;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A capinfos-like summary of one capture file, the object {@code nfvperf pcap-info --json} prints.
 * JSON keys are snake_case as in DESIGN.md: {@code file, format, linktypes, interfaces, packets,
 * captured_bytes, wire_bytes, first_ns, last_ns, duration_ns, truncated_packets, out_of_order,
 * complete, warnings}, plus {@code compressed, packets_without_timestamp, interface_list} (with
 * ISB drop counters) and {@code error} (the fault that stopped the scan, or null).
 *
 * <p>{@code first_ns}/{@code last_ns} are the earliest and latest timestamp (as capinfos reports
 * them), ns since the epoch, null without timestamped packets. {@code truncated_packets} counts
 * packets whose captured length is below their wire length; {@code out_of_order} packets whose
 * timestamp is below that of the timestamped packet before them in the file. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * CaptureSummary s = CaptureSummary.of(Path.of("tap.pcap"));
 * System.out.println(s.packets() + " packets, " + s.durationNs() + " ns");
 * System.out.println(Json.write(List.of(s)));
 * }</pre>
 *
 * @param file                    file name as given
 * @param format                  "pcap" or "pcapng"
 * @param linktypes               link type names of the interfaces, distinct, in order (see {@link LinkType#name})
 * @param interfaces              number of interfaces
 * @param packets                 packets read
 * @param capturedBytes           sum of captured lengths
 * @param wireBytes               sum of wire lengths
 * @param firstNs                 earliest timestamp, or null
 * @param lastNs                  latest timestamp, or null
 * @param durationNs              {@code lastNs - firstNs}, or null
 * @param truncatedPackets        packets with captured length below wire length
 * @param outOfOrder              packets earlier than their predecessor
 * @param complete                false if the file ended inside a record or the scan stopped at a fault
 * @param warnings                warnings (truncated last record with its byte offset, packets without timestamp)
 * @param compressed              true for gzip input
 * @param packetsWithoutTimestamp pcapng simple packet blocks
 * @param interfaceList           one entry per interface
 * @param error                   the message of the {@link MalformedCaptureException} that stopped the scan, or null
 */
@JsonPropertyOrder({"file", "format", "linktypes", "interfaces", "packets", "captured_bytes", "wire_bytes",
    "first_ns", "last_ns", "duration_ns", "truncated_packets", "out_of_order", "complete", "warnings",
    "compressed", "packets_without_timestamp", "interface_list", "error"})
public record CaptureSummary(
        @JsonProperty("file") String file,
        @JsonProperty("format") String format,
        @JsonProperty("linktypes") List<String> linktypes,
        @JsonProperty("interfaces") int interfaces,
        @JsonProperty("packets") long packets,
        @JsonProperty("captured_bytes") long capturedBytes,
        @JsonProperty("wire_bytes") long wireBytes,
        @JsonProperty("first_ns") Long firstNs,
        @JsonProperty("last_ns") Long lastNs,
        @JsonProperty("duration_ns") Long durationNs,
        @JsonProperty("truncated_packets") long truncatedPackets,
        @JsonProperty("out_of_order") long outOfOrder,
        @JsonProperty("complete") boolean complete,
        @JsonProperty("warnings") List<String> warnings,
        @JsonProperty("compressed") boolean compressed,
        @JsonProperty("packets_without_timestamp") long packetsWithoutTimestamp,
        @JsonProperty("interface_list") List<Interface> interfaceList,
        @JsonProperty("error") String error) {

    /** Validates the fields and freezes the lists. */
    public CaptureSummary {
        if (packets < 0) {
            throw new IllegalArgumentException("packets must be >= 0: " + packets);
        }
        if (interfaces < 0) {
            throw new IllegalArgumentException("interfaces must be >= 0: " + interfaces);
        }
        if ((firstNs == null) != (lastNs == null)) {
            throw new IllegalArgumentException("firstNs and lastNs must both be null or both set: " + firstNs + ", "
                    + lastNs);
        }
        linktypes = List.copyOf(linktypes);
        warnings = List.copyOf(warnings);
        interfaceList = List.copyOf(interfaceList);
    }

    /**
     * One interface of the summary, with its packet count and the counters of its latest
     * statistics block (null when absent). Immutable and thread-safe.
     *
     * @param id         file-wide interface index
     * @param section    pcapng section
     * @param name       {@code if_name} or empty
     * @param linktype   link type name
     * @param snaplen    snapshot length
     * @param resolution timestamp resolution as text, e.g. "1e-9 s"
     * @param packets    packets read on this interface
     * @param ifRecv     ISB {@code isb_ifrecv}, or null
     * @param ifDrop     ISB {@code isb_ifdrop}, or null
     * @param osDrop     ISB {@code isb_osdrop}, or null
     */
    @JsonPropertyOrder({"id", "section", "name", "linktype", "snaplen", "resolution", "packets", "if_recv",
        "if_drop", "os_drop"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Interface(
            @JsonProperty("id") int id,
            @JsonProperty("section") int section,
            @JsonProperty("name") String name,
            @JsonProperty("linktype") String linktype,
            @JsonProperty("snaplen") long snaplen,
            @JsonProperty("resolution") String resolution,
            @JsonProperty("packets") long packets,
            @JsonProperty("if_recv") Long ifRecv,
            @JsonProperty("if_drop") Long ifDrop,
            @JsonProperty("os_drop") Long osDrop) {

        /** Validates the fields. */
        public Interface {
            if (packets < 0) {
                throw new IllegalArgumentException("packets must be >= 0: " + packets);
            }
        }
    }

    /**
     * The summaries as a pretty-printed JSON array, the same content as
     * {@code Json.write(summaries)} but written directly: loading Jackson costs the command line
     * about half a second of CPU, more than scanning ten million packets.
     */
    public static String toJson(List<CaptureSummary> summaries) {
        StringBuilder b = new StringBuilder(1024);
        b.append('[');
        for (int i = 0; i < summaries.size(); i++) {
            b.append(i == 0 ? " " : ", ");
            summaries.get(i).appendJson(b, "  ");
        }
        return b.append(summaries.isEmpty() ? "]" : " ]").toString();
    }

    private void appendJson(StringBuilder b, String ind) {
        b.append("{\n");
        field(b, ind, "file").append(str(file)).append(",\n");
        field(b, ind, "format").append(str(format)).append(",\n");
        field(b, ind, "linktypes").append('[');
        for (int i = 0; i < linktypes.size(); i++) {
            b.append(i == 0 ? " " : ", ").append(str(linktypes.get(i)));
        }
        b.append(linktypes.isEmpty() ? "],\n" : " ],\n");
        field(b, ind, "interfaces").append(interfaces).append(",\n");
        field(b, ind, "packets").append(packets).append(",\n");
        field(b, ind, "captured_bytes").append(capturedBytes).append(",\n");
        field(b, ind, "wire_bytes").append(wireBytes).append(",\n");
        field(b, ind, "first_ns").append(firstNs).append(",\n");
        field(b, ind, "last_ns").append(lastNs).append(",\n");
        field(b, ind, "duration_ns").append(durationNs).append(",\n");
        field(b, ind, "truncated_packets").append(truncatedPackets).append(",\n");
        field(b, ind, "out_of_order").append(outOfOrder).append(",\n");
        field(b, ind, "complete").append(complete).append(",\n");
        field(b, ind, "warnings").append('[');
        for (int i = 0; i < warnings.size(); i++) {
            b.append(i == 0 ? " " : ", ").append(str(warnings.get(i)));
        }
        b.append(warnings.isEmpty() ? "],\n" : " ],\n");
        field(b, ind, "compressed").append(compressed).append(",\n");
        field(b, ind, "packets_without_timestamp").append(packetsWithoutTimestamp).append(",\n");
        field(b, ind, "interface_list").append('[');
        String in2 = ind + "  ";
        for (int i = 0; i < interfaceList.size(); i++) {
            Interface f = interfaceList.get(i);
            b.append(i == 0 ? " {\n" : ", {\n");
            field(b, in2, "id").append(f.id()).append(",\n");
            field(b, in2, "section").append(f.section()).append(",\n");
            field(b, in2, "name").append(str(f.name())).append(",\n");
            field(b, in2, "linktype").append(str(f.linktype())).append(",\n");
            field(b, in2, "snaplen").append(f.snaplen()).append(",\n");
            field(b, in2, "resolution").append(str(f.resolution())).append(",\n");
            field(b, in2, "packets").append(f.packets()).append(",\n");
            field(b, in2, "if_recv").append(f.ifRecv()).append(",\n");
            field(b, in2, "if_drop").append(f.ifDrop()).append(",\n");
            field(b, in2, "os_drop").append(f.osDrop()).append('\n');
            b.append(ind).append('}');
        }
        b.append(interfaceList.isEmpty() ? "],\n" : " ],\n");
        field(b, ind, "error").append(error == null ? "null" : str(error)).append('\n');
        b.append('}');
    }

    private static StringBuilder field(StringBuilder b, String ind, String key) {
        return b.append(ind).append('"').append(key).append("\" : ");
    }

    private static String str(String v) {
        return org.nfvperf.util.JsonText.string(v);
    }

    /**
     * Scans a capture file. A fault in the middle does not throw: the summary holds what was
     * read before it, {@code complete == false} and {@link #error()}.
     *
     * @throws MalformedCaptureException if the file is empty, no capture, or its header is damaged
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     */
    public static CaptureSummary of(Path file) throws IOException {
        try (CaptureReader r = CaptureReader.open(file)) {
            return of(r);
        }
    }

    /** Scans the remaining packets of {@code r} (see {@link #of(Path)}). */
    public static CaptureSummary of(CaptureReader r) {
        long packets = 0;
        long capBytes = 0;
        long wireBytes = 0;
        long truncated = 0;
        long outOfOrder = 0;
        long noTimestamp = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long prev = Long.MIN_VALUE;
        long[] perInterface = new long[4];
        String error = null;
        try {
            while (r.next()) {
                long ts = r.timestampNanos();
                int cap = r.capturedLength();
                int wire = r.wireLength();
                packets++;
                capBytes += cap;
                wireBytes += wire;
                if (cap < wire) {
                    truncated++;
                }
                if (ts == CaptureReader.NO_TIMESTAMP) {
                    noTimestamp++;
                } else {
                    if (ts < prev) {
                        outOfOrder++;
                    }
                    prev = ts;
                    min = Math.min(min, ts);
                    max = Math.max(max, ts);
                }
                int id = r.interfaceId();
                if (id >= perInterface.length) {
                    perInterface = Arrays.copyOf(perInterface, Math.max(id + 1, perInterface.length * 2));
                }
                perInterface[id]++;
            }
        } catch (MalformedCaptureException e) {
            error = e.getMessage();
        } catch (InternalError e) {
            throw r.changedWhileReading(e);
        }
        List<Interface> itfs = new ArrayList<>();
        Set<String> linktypes = new LinkedHashSet<>();
        List<InterfaceStatistics> stats = r.statistics();
        for (CaptureInterface i : r.interfaces()) {
            linktypes.add(LinkType.name(i.linkType()));
            InterfaceStatistics s = null;
            for (InterfaceStatistics x : stats) {
                if (x.interfaceId() == i.id()) {
                    s = x;
                }
            }
            itfs.add(new Interface(i.id(), i.section(), i.name(), LinkType.name(i.linkType()), i.snapLength(),
                    i.resolutionText(), i.id() < perInterface.length ? perInterface[i.id()] : 0,
                    s == null || s.ifRecv() < 0 ? null : s.ifRecv(), s == null || s.ifDrop() < 0 ? null : s.ifDrop(),
                    s == null || s.osDrop() < 0 ? null : s.osDrop()));
        }
        boolean any = min != Long.MAX_VALUE;
        Long duration = null;
        List<String> warnings = r.warnings();
        if (any) {
            try {
                duration = Math.subtractExact(max, min);
            } catch (ArithmeticException e) {
                // timestamps more than 292 years apart: no 64-bit ns duration, and no wrapped one either
                warnings = new ArrayList<>(warnings);
                warnings.add(r.file() + ": timestamps span more than 2^63 ns (first " + min + " ns, last " + max
                        + " ns); duration not given");
            }
        }
        return new CaptureSummary(r.file(), r.format().key(), new ArrayList<>(linktypes), itfs.size(), packets,
                capBytes, wireBytes, any ? min : null, any ? max : null, duration, truncated,
                outOfOrder, r.complete() && error == null, warnings, r.compressed(), noTimestamp, itfs, error);
    }
}
