package org.nfvperf.testbed.emulated;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The network functions of the paper (§3.3): L2 forwarding, L3 forwarding with 10 routes and a
 * firewall with 10 rules. Their processing costs live in {@link ModelParameters}.
 *
 * <p>Immutable and thread-safe. Example:
 * <pre>{@code
 * List<NetworkFunction> chain = NetworkFunction.parseChain("firewall+l3fwd");
 * }</pre>
 */
public enum NetworkFunction {
    /** DPDK l2fwd / Click FromDevice-ToDevice: no packet processing logic. */
    L2FWD("l2fwd"),
    /** DPDK ip_pipeline routing / Click StaticIPLookup with 10 routes. */
    L3FWD("l3fwd"),
    /** DPDK ip_pipeline firewall / Click IPFilter with 10 rules. */
    FIREWALL("firewall");

    private final String id;

    NetworkFunction(String id) {
        this.id = id;
    }

    /** The id used in specs. */
    public String id() {
        return id;
    }

    /** Parses one NF id (case-insensitive). */
    public static NetworkFunction parse(String id) {
        String s = id.trim().toLowerCase(Locale.ROOT);
        for (NetworkFunction nf : values()) {
            if (nf.id.equals(s)) {
                return nf;
            }
        }
        throw new IllegalArgumentException("chain must name NFs l2fwd, l3fwd or firewall joined with '+': " + id);
    }

    /** Parses a chain of NF ids joined with '+', e.g. {@code firewall+l3fwd}. */
    public static List<NetworkFunction> parseChain(String chain) {
        if (chain == null || chain.isBlank()) {
            throw new IllegalArgumentException("chain must name at least one NF: " + chain);
        }
        List<NetworkFunction> out = new ArrayList<>();
        for (String part : chain.split("\\+", -1)) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("chain must name NFs l2fwd, l3fwd or firewall joined with '+': "
                        + chain);
            }
            out.add(parse(part));
        }
        return List.copyOf(out);
    }

    /** The chain's spec form, e.g. {@code firewall+l3fwd}. */
    public static String chainId(List<NetworkFunction> chain) {
        StringBuilder sb = new StringBuilder();
        for (NetworkFunction nf : chain) {
            if (sb.length() > 0) {
                sb.append('+');
            }
            sb.append(nf.id);
        }
        return sb.toString();
    }
}
