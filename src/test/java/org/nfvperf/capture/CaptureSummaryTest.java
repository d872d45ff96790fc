package org.nfvperf.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Summaries of the real-tool fixtures equal the aggregates of tshark's per-packet fields. */
class CaptureSummaryTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"eth-ns.pcap", "eth-us.pcap", "eth-ns.pcapng", "eth-us.pcapng", "eth-ns.pcap.gz",
        "eth-ns-be.pcap", "lo-ns.pcap", "any-sll.pcap", "any-sll2.pcap", "merged.pcapng", "merged.pcapng.gz",
        "crafted-mixed.pcapng"})
    void aggregatesEqualTsharks(String file) throws IOException {
        List<RealCaptureTest.Row> rows = RealCaptureTest.tshark(file);
        long wire = 0;
        long cap = 0;
        long truncated = 0;
        long outOfOrder = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long prev = Long.MIN_VALUE;
        for (RealCaptureTest.Row r : rows) {
            int w = Integer.parseInt(r.get("frame.len"));
            int c = Integer.parseInt(r.get("frame.cap_len"));
            wire += w;
            cap += c;
            truncated += c < w ? 1 : 0;
            long ts = RealCaptureTest.nanos(r.get("frame.time_epoch"));
            if (ts != CaptureReader.NO_TIMESTAMP) {
                outOfOrder += ts < prev ? 1 : 0;
                prev = ts;
                min = Math.min(min, ts);
                max = Math.max(max, ts);
            }
        }
        CaptureSummary s = CaptureSummary.of(RealCaptureTest.DIR.resolve(file));
        assertEquals(rows.size(), s.packets());
        assertEquals(wire, s.wireBytes());
        assertEquals(cap, s.capturedBytes());
        assertEquals(truncated, s.truncatedPackets());
        assertEquals(outOfOrder, s.outOfOrder());
        assertEquals(min, s.firstNs());
        assertEquals(max, s.lastNs());
        assertEquals(max - min, s.durationNs());
        assertEquals(file.contains(".pcapng") ? "pcapng" : "pcap", s.format());
        assertEquals(true, s.complete());
        assertNull(s.error());
    }

    @Test
    void handWrittenJsonEqualsJacksons() throws IOException {
        List<CaptureSummary> all = new java.util.ArrayList<>();
        for (String f : List.of("eth-ns.pcap", "merged.pcapng", "crafted-mixed.pcapng")) {
            all.add(CaptureSummary.of(RealCaptureTest.DIR.resolve(f)));
        }
        Path odd = tmp.resolve("quote\"back\\slash\ttab.pcap");
        byte[] data = Files.readAllBytes(RealCaptureTest.DIR.resolve("lo-ns.pcap"));
        Files.write(odd, Arrays.copyOf(data, data.length - 1));
        all.add(CaptureSummary.of(odd));
        com.fasterxml.jackson.databind.ObjectMapper m = org.nfvperf.util.Json.MAPPER;
        assertEquals(m.readTree(m.writeValueAsString(all)), m.readTree(CaptureSummary.toJson(all)));
        assertEquals(m.readTree("[]"), m.readTree(CaptureSummary.toJson(List.of())));
    }

    @Test
    void craftedFileCountsEverything() throws IOException {
        CaptureSummary s = CaptureSummary.of(RealCaptureTest.DIR.resolve("crafted-mixed.pcapng"));
        assertEquals(List.of("ETHERNET", "LINUX_SLL"), s.linktypes());
        assertEquals(6, s.interfaces());
        assertEquals(1, s.packetsWithoutTimestamp());
        assertEquals(List.of(2L, 2L, 1L, 1L, 2L, 1L), s.interfaceList().stream().map(CaptureSummary.Interface::packets)
                .toList());
        CaptureSummary.Interface ns = s.interfaceList().get(1);
        assertEquals(10L, ns.ifRecv());
        assertEquals(3L, ns.ifDrop());
        assertEquals(2L, ns.osDrop());
    }

    @Test
    void faultInTheMiddleKeepsWhatWasRead() throws IOException {
        byte[] data = Files.readAllBytes(RealCaptureTest.DIR.resolve("eth-ns.pcapng"));
        // find the 5th enhanced packet block and break its trailer length
        int off = 0;
        int epbs = 0;
        int blocks = 0;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(data).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        while (true) {
            int type = b.getInt(off);
            int len = b.getInt(off + 4);
            if (type == 6 && ++epbs == 5) {
                b.putInt(off + len - 4, len + 4);
                break;
            }
            off += len;
            blocks++;
        }
        Path f = tmp.resolve("broken.pcapng");
        Files.write(f, data);
        CaptureSummary s = CaptureSummary.of(f);
        assertEquals(4, s.packets());
        assertFalse(s.complete());
        int len = b.getInt(off + 4);
        assertEquals(f + ": record " + blocks + " at byte offset " + off + ": expected block trailer length " + len
                + ", found " + (len + 4), s.error());
    }

    @Test
    void cutFileIsIncompleteWithWarning() throws IOException {
        byte[] data = Files.readAllBytes(RealCaptureTest.DIR.resolve("eth-ns.pcapng"));
        Path f = tmp.resolve("cut.pcapng");
        Files.write(f, Arrays.copyOf(data, data.length - 10));
        CaptureSummary s = CaptureSummary.of(f);
        assertEquals(RealCaptureTest.tshark("eth-ns.pcapng").size() - 1, s.packets());
        assertFalse(s.complete());
        assertNull(s.error());
        assertEquals(1, s.warnings().size());
    }
}
