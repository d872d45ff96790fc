package org.nfvperf.testbed.netns;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The network functions the netns runner can place in a DUT namespace, named as in a spec's
 * {@code chain} factor. Immutable and thread-safe (an enum).
 *
 * <ul>
 *   <li>{@code l2fwd}: a Linux bridge with static MAC entries (no IP processing);</li>
 *   <li>{@code l3fwd}: IPv4 forwarding with 10 routes in the table, as in the paper;</li>
 *   <li>{@code firewall}: IPv4 forwarding through an nftables filter of 10 rules, as in the paper.</li>
 * </ul>
 *
 * <pre>{@code
 * NetworkFunction nf = NetworkFunction.parse("l3fwd");   // L3FWD, nf.routes() == true
 * }</pre>
 */
public enum NetworkFunction {
    /** MAC-learning-free bridge: forwards by static FDB entries. */
    L2FWD("l2fwd", false),
    /** IPv4 router with 10 routes. */
    L3FWD("l3fwd", true),
    /** IPv4 router whose forward hook runs 10 nftables rules. */
    FIREWALL("firewall", true);

    private final String id;
    private final boolean routes;

    NetworkFunction(String id, boolean routes) {
        this.id = id;
        this.routes = routes;
    }

    /** The id as written in a spec. */
    public String id() {
        return id;
    }

    /** True when the NF forwards at layer 3 (owns IP addresses and ends an L2 segment). */
    public boolean routes() {
        return routes;
    }

    /**
     * @throws IllegalArgumentException for an unknown id, listing the known ones
     */
    public static NetworkFunction parse(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (NetworkFunction nf : values()) {
            if (nf.id.equals(wanted)) {
                return nf;
            }
        }
        throw new IllegalArgumentException("network function must be one of "
                + Arrays.stream(values()).map(NetworkFunction::id).collect(Collectors.joining(", ")) + ": " + id);
    }
}
