package org.nfvperf.testbed.netns;

import java.util.Locale;

/**
 * The software dataplane that implements the NFs inside the DUT namespaces, named as in a spec's
 * {@code dataplane} factor. Immutable and thread-safe (an enum).
 *
 * <pre>{@code
 * Dataplane d = Dataplane.parse("linux");
 * }</pre>
 */
public enum Dataplane {
    /** The Linux kernel: bridge, IPv4 forwarding, nftables. */
    LINUX("linux"),
    /** Open vSwitch with the userspace (netdev) datapath, one ovs-vswitchd per DUT namespace. */
    OVS("ovs"),
    /** One DPDK poll-mode process per NF ({@code nfvperf-nf}), joined by vhost-user/virtio-user pairs. */
    DPDK("dpdk"),
    /**
     * Open vSwitch with the DPDK datapath ({@code ovs-vswitchd-dpdk}), one per DUT namespace, its
     * ports DPDK af_packet ports on the veths, the same flows as {@link #OVS}.
     */
    OVS_DPDK("ovs-dpdk");

    private final String id;

    Dataplane(String id) {
        this.id = id;
    }

    /** True for the Open vSwitch dataplanes (same bridge, ports and flows; {@link #OVS} and {@link #OVS_DPDK}). */
    public boolean isOvs() {
        return this == OVS || this == OVS_DPDK;
    }

    /** The id as written in a spec. */
    public String id() {
        return id;
    }

    /**
     * @throws IllegalArgumentException for an unknown id
     */
    public static Dataplane parse(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (Dataplane d : values()) {
            if (d.id.equals(wanted)) {
                return d;
            }
        }
        throw new IllegalArgumentException("dataplane must be linux, ovs, dpdk or ovs-dpdk for the netns runner: " + id);
    }
}
