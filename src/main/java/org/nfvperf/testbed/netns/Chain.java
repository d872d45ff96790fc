package org.nfvperf.testbed.netns;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A chain of 1 to {@value #MAX_LENGTH} network functions in path order, written
 * {@code firewall+l3fwd+l2fwd} in a spec. Immutable and thread-safe.
 *
 * <pre>{@code
 * Chain c = Chain.parse("firewall+l3fwd");   // c.size() == 2, c.id() == "firewall+l3fwd"
 * }</pre>
 *
 * @param functions the NFs in path order (generator side first)
 */
public record Chain(List<NetworkFunction> functions) {
    /** Longest chain the runner builds (one DUT namespace per NF). */
    public static final int MAX_LENGTH = 3;

    public Chain {
        functions = List.copyOf(functions);
        if (functions.isEmpty() || functions.size() > MAX_LENGTH) {
            throw new IllegalArgumentException("chain length must be in [1, " + MAX_LENGTH + "]: " + functions.size());
        }
    }

    /**
     * Parses {@code nf[+nf...]}.
     *
     * @throws IllegalArgumentException for an empty, too long or unknown element
     */
    public static Chain parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("chain must be NF[+NF...] with NF in l2fwd, l3fwd, firewall: " + text);
        }
        List<NetworkFunction> nfs = new ArrayList<>();
        for (String part : text.split("\\+", -1)) {
            nfs.add(NetworkFunction.parse(part));
        }
        if (nfs.size() > MAX_LENGTH) {
            throw new IllegalArgumentException("chain length must be in [1, " + MAX_LENGTH + "]: " + text);
        }
        return new Chain(nfs);
    }

    /** Number of NFs (= number of DUT namespaces). */
    public int size() {
        return functions.size();
    }

    /** The NF at 1-based position {@code dut}, as the tap names count ({@code dut1_in}). */
    public NetworkFunction at(int dut) {
        return functions.get(dut - 1);
    }

    /** The spec spelling, e.g. {@code firewall+l3fwd}. */
    public String id() {
        return functions.stream().map(NetworkFunction::id).collect(Collectors.joining("+"));
    }

    @Override
    public String toString() {
        return id();
    }
}
