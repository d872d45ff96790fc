package org.nfvperf.capture;

/**
 * One capture interface: the single implicit interface of a pcap file, or a pcapng Interface
 * Description Block. Immutable and thread-safe.
 *
 * <p>{@code tsResolutionCode} uses the pcapng {@code if_tsresol} encoding for both formats: bit 7
 * clear means units of 10<sup>-n</sup> s, set means 2<sup>-n</sup> s, with n in the low 7 bits.
 * A µs pcap has code 6, a ns pcap 9.
 *
 * <pre>{@code
 * for (CaptureInterface i : reader.interfaces()) {
 *     System.out.println(i.id() + " " + LinkType.name(i.linkType()) + " " + i.resolutionText());
 * }
 * }</pre>
 *
 * @param id               file-wide interface index from 0 (the order of IDBs in the file)
 * @param section          pcapng section index from 0 (always 0 for pcap)
 * @param idInSection      interface id as EPBs of its section refer to it
 * @param linkType         link type, see {@link LinkType}
 * @param snapLength       snapshot length in bytes (0 = unlimited in pcapng)
 * @param name             {@code if_name}, or empty
 * @param description      {@code if_description}, or empty
 * @param tsResolutionCode {@code if_tsresol} byte (default 6)
 * @param tsOffsetSeconds  {@code if_tsoffset}: seconds added to every timestamp
 * @param fcsBytes         bytes of FCS at the end of every frame, or -1 if unknown
 */
public record CaptureInterface(int id, int section, int idInSection, int linkType, long snapLength, String name,
        String description, int tsResolutionCode, long tsOffsetSeconds, int fcsBytes) {

    /** Validates the fields. */
    public CaptureInterface {
        if (id < 0) {
            throw new IllegalArgumentException("id must be >= 0: " + id);
        }
        if (section < 0) {
            throw new IllegalArgumentException("section must be >= 0: " + section);
        }
        if (idInSection < 0) {
            throw new IllegalArgumentException("idInSection must be >= 0: " + idInSection);
        }
        if (snapLength < 0) {
            throw new IllegalArgumentException("snapLength must be >= 0: " + snapLength);
        }
        if (tsResolutionCode < 0 || tsResolutionCode > 255) {
            throw new IllegalArgumentException("tsResolutionCode must be in [0, 255]: " + tsResolutionCode);
        }
        if (fcsBytes < -1) {
            throw new IllegalArgumentException("fcsBytes must be >= -1: " + fcsBytes);
        }
        name = name == null ? "" : name;
        description = description == null ? "" : description;
    }

    /** The resolution as text: {@code "1e-9 s"} or {@code "2^-20 s"}. */
    public String resolutionText() {
        int n = tsResolutionCode & 0x7F;
        return ((tsResolutionCode & 0x80) == 0 ? "1e-" : "2^-") + n + " s";
    }
}
