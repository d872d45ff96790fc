package org.nfvperf.capture;

/**
 * One packet copied out of a capture, for small files and tests; bulk analyses use the
 * allocation-free {@link CaptureReader} cursor instead. The array is not copied defensively:
 * treat it as read-only. Thread-safe if not mutated.
 *
 * <pre>{@code
 * List<CapturedPacket> ps = CaptureReader.readAll(Path.of("small.pcap"));
 * long firstNs = ps.get(0).timestampNanos();
 * }</pre>
 *
 * @param timestampNanos ns since the epoch, or {@link CaptureReader#NO_TIMESTAMP}
 * @param wireLength     bytes on the wire, at least 0
 * @param interfaceId    file-wide interface index, at least 0
 * @param linkType       see {@link LinkType}
 * @param data           the captured bytes
 */
public record CapturedPacket(long timestampNanos, int wireLength, int interfaceId, int linkType, byte[] data) {

    /** Validates the fields. */
    public CapturedPacket {
        if (wireLength < 0) {
            throw new IllegalArgumentException("wireLength must be >= 0: " + wireLength);
        }
        if (interfaceId < 0) {
            throw new IllegalArgumentException("interfaceId must be >= 0: " + interfaceId);
        }
        if (data == null) {
            throw new IllegalArgumentException("data must be non-null: null");
        }
    }

    /** Number of captured bytes, {@code data().length}. */
    public int capturedLength() {
        return data.length;
    }
}
