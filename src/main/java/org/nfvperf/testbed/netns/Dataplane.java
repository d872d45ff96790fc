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
    DPDK("dpdk");

    private final String id;

    Dataplane(String id) {
        this.id = id;
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
        throw new IllegalArgumentException("dataplane must be linux, ovs or dpdk for the netns runner: " + id);
    }
}
