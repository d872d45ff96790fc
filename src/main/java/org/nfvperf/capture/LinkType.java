package org.nfvperf.capture;

/**
 * Link-layer header types of pcap and pcapng (the {@code LINKTYPE_*} registry of tcpdump.org),
 * as plain {@code int} constants so that the per-packet path compares primitives.
 *
 * <p>Only the types that {@link PacketHeaders} decodes have constants; any other value is carried
 * through unchanged and named {@code LINKTYPE_<n>} by {@link #name(int)}. Stateless and thread-safe.
 *
 * <pre>{@code
 * if (reader.linkType() == LinkType.ETHERNET) { ... }
 * LinkType.name(276);            // "LINUX_SLL2"
 * LinkType.name(147);            // "LINKTYPE_147"
 * }</pre>
 */
public final class LinkType {
    /** BSD loopback: 4-byte address family in the byte order of the writing host. */
    public static final int NULL = 0;
    /** Ethernet II / 802.3, optionally VLAN-tagged. */
    public static final int ETHERNET = 1;
    /** Raw IP: the packet starts with an IPv4 or IPv6 header. */
    public static final int RAW = 101;
    /** OpenBSD loopback: 4-byte address family in network byte order. */
    public static final int LOOP = 108;
    /** Linux "cooked" capture v1 (16-byte header), what older {@code tcpdump -i any} writes. */
    public static final int LINUX_SLL = 113;
    /** Raw IPv4 only. */
    public static final int IPV4 = 228;
    /** Raw IPv6 only. */
    public static final int IPV6 = 229;
    /** Linux "cooked" capture v2 (20-byte header), what {@code tcpdump -i any} writes since libpcap 1.10. */
    public static final int LINUX_SLL2 = 276;

    private LinkType() {
    }

    /**
     * The registry name of a link type without the {@code LINKTYPE_} prefix, e.g. {@code "ETHERNET"}.
     *
     * @param linkType link type, any value
     * @return the name, or {@code "LINKTYPE_<n>"} for types without a constant here
     */
    public static String name(int linkType) {
        return switch (linkType) {
            case NULL -> "NULL";
            case ETHERNET -> "ETHERNET";
            case RAW, 12, 14 -> "RAW";
            case LOOP -> "LOOP";
            case LINUX_SLL -> "LINUX_SLL";
            case IPV4 -> "IPV4";
            case IPV6 -> "IPV6";
            case LINUX_SLL2 -> "LINUX_SLL2";
            default -> "LINKTYPE_" + linkType;
        };
    }
}
