package org.nfvperf.capture;

/**
 * The two capture file formats nfvperf reads and writes; a {@code .gz} wrapper is orthogonal
 * (see {@link CaptureReader#compressed()}). Immutable and thread-safe.
 *
 * <pre>{@code
 * CaptureFormat f = reader.format();   // PCAP or PCAPNG
 * f.key();                              // "pcap" or "pcapng", as in pcap-info's JSON
 * }</pre>
 */
public enum CaptureFormat {
    /** Classic libpcap format: one link type, µs or ns timestamps, either byte order. */
    PCAP("pcap"),
    /** pcapng: sections, interfaces with their own link type and timestamp resolution, blocks. */
    PCAPNG("pcapng");

    private final String key;

    CaptureFormat(String key) {
        this.key = key;
    }

    /** Lower-case name used in JSON output: {@code "pcap"} or {@code "pcapng"}. */
    public String key() {
        return key;
    }
}
