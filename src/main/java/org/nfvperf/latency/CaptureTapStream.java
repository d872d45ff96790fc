package org.nfvperf.latency;

import java.io.IOException;
import java.nio.file.Path;
import org.nfvperf.capture.CaptureReader;
import org.nfvperf.capture.LinkType;
import org.nfvperf.capture.PacketHeaders;
import org.nfvperf.util.InputException;

/**
 * A {@link TapStream} over a pcap/pcapng file (optionally one interface of a pcapng): reads with
 * the zero-copy {@link CaptureReader}, decodes with {@link PacketHeaders} and identifies with a
 * {@link KeyExtractor} (frames of the common Ethernet/IPv4/UDP layout take
 * {@link KeyExtractor#extractFast} and skip the decoder). Allocation-free per packet. Not thread-safe.
 *
 * <p>Unusable input is an {@link InputException} with one line naming the tap and file: a file
 * without packets, an interface number the file does not declare, a tap none of whose packets
 * has an identity, a UDP/TCP payload too short for {@code seq:OFFSET:LEN}.
 *
 * <pre>{@code
 * try (TapStream s = CaptureTapStream.open("pnic0", Path.of("in.pcap"), -1, KeyExtractor.of(Key.hash()))) {
 *     while (s.next()) { long id = s.key(); }
 * }
 * }</pre>
 */
final class CaptureTapStream implements TapStream {
    private final String name;
    private final String file;
    private final int iface;
    private final CaptureReader reader;
    private final PacketHeaders headers = new PacketHeaders();
    private final KeyExtractor extractor;
    private long packets;
    private long skipped;
    private long keyed;
    private long timestamp;
    private long key;
    private boolean started;

    private CaptureTapStream(String name, Path file, int iface, CaptureReader reader, KeyExtractor extractor) {
        this.name = name;
        this.file = file.toString();
        this.iface = iface;
        this.reader = reader;
        this.extractor = extractor;
    }

    /**
     * Opens a tap.
     *
     * @param iface pcapng interface number, or -1 for every packet of the file
     */
    public static CaptureTapStream open(String name, Path file, int iface, KeyExtractor extractor) throws IOException {
        return new CaptureTapStream(name, file, iface, CaptureReader.openBuffered(file), extractor);
    }

    /**
     * Samples the first packets of a tap for {@code --key auto}; see {@link KeyExtractor#decide}.
     */
    public static KeyExtractor detect(Path file, int iface) throws IOException {
        PacketHeaders h = new PacketHeaders();
        int sampled = 0;
        int probes = 0;
        int pktgens = 0;
        try (CaptureReader r = CaptureReader.open(file)) {
            while (sampled < KeyExtractor.AUTO_SAMPLE && r.next()) {
                if ((iface >= 0 && r.interfaceId() != iface) || !h.decode(r)) {
                    continue;
                }
                int c = KeyExtractor.classify(h, r.frameBuffer());
                if (c > 0) {
                    sampled++;
                    probes += c == 2 ? 1 : 0;
                    pktgens += c == 3 ? 1 : 0;
                }
            }
        }
        return KeyExtractor.decide(probes, pktgens, sampled);
    }

    @Override
    public boolean next() {
        try {
            return nextKeyed();
        } catch (InternalError e) {
            // a page of the mapped capture vanished while a frame was read: the file shrank
            throw reader.changedWhileReading(e);
        }
    }

    private boolean nextKeyed() {
        CaptureReader r = reader;
        while (r.next()) {
            if (!started) {
                started = true;
                checkInterface();
            }
            if (iface >= 0 && r.interfaceId() != iface) {
                continue;
            }
            packets++;
            // the common layout (Ethernet/IPv4/UDP) without the full decoder; same identity
            if (r.linkType() == LinkType.ETHERNET && r.hasTimestamp()
                    && extractor.extractFast(r.frameBuffer(), r.frameOffset(), r.capturedLength()) == KeyExtractor.OK) {
                keyed++;
                timestamp = r.timestampNanos();
                key = extractor.key();
                return true;
            }
            if (!r.hasTimestamp() || !headers.decode(r)) {
                skipped++;
                continue;
            }
            int end = r.frameOffset() + r.capturedLength();
            int status = extractor.extract(headers, r.frameBuffer(), end);
            if (status == KeyExtractor.OK) {
                keyed++;
                timestamp = r.timestampNanos();
                key = extractor.key();
                return true;
            }
            if (status == KeyExtractor.TOO_SHORT) {
                throw new InputException(prefix() + "packet " + r.packetIndex() + " at byte offset "
                        + r.recordOffset() + ": key " + extractor.description() + " needs "
                        + extractor.requiredPayloadBytes() + " bytes of " + transport() + " payload, found "
                        + headers.l4PayloadCapturedLength() + " (key offset outside the payload)");
            }
            skipped++;
        }
        if (keyed == 0) {
            if (!started) {
                throw new InputException(prefix() + "the file contains no packets");
            }
            if (packets == 0) {
                throw new InputException(prefix() + "interface #" + iface + " has no packets");
            }
            throw new InputException(prefix() + "none of its " + packets + " packets has an identity under key "
                    + extractor.description());
        }
        return false;
    }

    private String transport() {
        return headers.protocol() == PacketHeaders.TCP ? "TCP" : "UDP";
    }

    private void checkInterface() {
        int declared = reader.interfaces().size();
        if (iface >= declared) {
            throw new InputException(prefix() + "no interface #" + iface + "; the file declares " + declared
                    + (declared == 1 ? " interface (#0)" : " interfaces (#0..#" + (declared - 1) + ")"));
        }
    }

    private String prefix() {
        return "tap " + name + " (" + file + (iface >= 0 ? "#" + iface : "") + "): ";
    }

    @Override
    public long timestampNanos() {
        return timestamp;
    }

    @Override
    public long key() {
        return key;
    }

    @Override
    public long packets() {
        return packets;
    }

    @Override
    public long skipped() {
        return skipped;
    }

    /** True if the file ended cleanly (not inside a record). */
    public boolean complete() {
        return reader.complete();
    }

    /** The reader's warnings (truncated last record, packets without timestamp, ...). */
    public java.util.List<String> warnings() {
        return reader.warnings();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
