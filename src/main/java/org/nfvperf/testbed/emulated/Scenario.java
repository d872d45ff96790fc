package org.nfvperf.testbed.emulated;

import java.util.List;

import org.nfvperf.throughput.PacketSizeMix;
import java.util.Locale;
import java.util.Objects;

/**
 * One configuration of the emulated testbed: which dataplane, which NF chain, how fast the CPU
 * is clocked, what traffic is offered and where the VNFs are placed.
 *
 * <p>Immutable and thread-safe. Example:
 * <pre>{@code
 * Scenario s = new Scenario(Scenario.Dataplane.BESS, NetworkFunction.parseChain("l3fwd"), 2.6,
 *         64, null, Double.NaN, Scenario.Placement.SAME_SOCKET, 1, 10_000_000_000L);
 * }</pre>
 *
 * @param dataplane   BESS or ClickOS
 * @param chain       the NFs in path order, at least one
 * @param cpuGhz      core clock in GHz, in (0, 10]
 * @param frameSize   frame size in bytes with FCS when {@code mix} is null, else 0
 * @param mix         a packet-size distribution, or null for fixed-size frames
 * @param ratePps     offered rate in packets/s, or NaN for line rate
 * @param placement   where the VNFs run
 * @param vnicQueues  vNIC queues per VNF (BESS: one vCPU each; ClickOS: one vCPU in total), in [1, 16]
 * @param linkBps     link speed in bit/s
 */
public record Scenario(Dataplane dataplane, List<NetworkFunction> chain, double cpuGhz, int frameSize, PacketSizeMix mix,
                       double ratePps, Placement placement, int vnicQueues, long linkBps) {

    /** The two dataplanes of the paper. */
    public enum Dataplane {
        /** BESS on KVM with DPDK: poll-mode workers per traffic class, vhost/virtio vNICs. */
        BESS,
        /** ClickOS on Xen with netmap/VALE: copying in the sender's context, no SMP. */
        CLICKOS;

        /** Parses {@code bess} or {@code clickos}. */
        public static Dataplane parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "bess" -> BESS;
                case "clickos" -> CLICKOS;
                default -> throw new IllegalArgumentException("dataplane must be bess or clickos: " + s);
            };
        }

        /** The spec id. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where the VNFs of a chain run (§4.3, Figure 4). */
    public enum Placement {
        /** All vCPUs and workers on the socket of the NICs. */
        SAME_SOCKET,
        /** The second half of the chain (NF2 of 2, NF3 of 3; NF1 of 1) on the other socket. */
        CROSS_SOCKET,
        /** The first half on server A, the rest on server B, joined by a link of the same speed. */
        VIA_NIC;

        /** Parses {@code same-socket}, {@code cross-socket} or {@code via-nic}. */
        public static Placement parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "same-socket" -> SAME_SOCKET;
                case "cross-socket" -> CROSS_SOCKET;
                case "via-nic" -> VIA_NIC;
                default -> throw new IllegalArgumentException(
                        "placement must be same-socket, cross-socket or via-nic: " + s);
            };
        }

        /** The spec id. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public Scenario {
        Objects.requireNonNull(dataplane, "dataplane");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain must name at least one NF: " + chain);
        }
        if (!(cpuGhz > 0 && cpuGhz <= 10)) {
            throw new IllegalArgumentException("cpu_ghz must be in (0, 10]: " + cpuGhz);
        }
        if (mix == null && (frameSize < Traffic.MIN_FRAME || frameSize > Traffic.MAX_FRAME)) {
            throw new IllegalArgumentException("frame_size must be in [" + Traffic.MIN_FRAME + ", "
                    + Traffic.MAX_FRAME + "]: " + frameSize);
        }
        if (!Double.isNaN(ratePps) && !(ratePps > 0)) {
            throw new IllegalArgumentException("rate must be > 0: " + ratePps);
        }
        Objects.requireNonNull(placement, "placement");
        if (vnicQueues < 1 || vnicQueues > 16) {
            throw new IllegalArgumentException("vnic_queues must be in [1, 16]: " + vnicQueues);
        }
        if (linkBps <= 0) {
            throw new IllegalArgumentException("link must be > 0 bit/s: " + linkBps);
        }
    }

    /** True when the generator sends back to back at line rate. */
    public boolean lineRate() {
        return Double.isNaN(ratePps);
    }

    /** Line rate in packets/s for the frame size (or the mix's mean frame size). */
    public double lineRatePps() {
        double mean = mix == null ? frameSize : mix.averageFrameSizeBytes();
        return linkBps / ((mean + 20) * 8.0);
    }

    /** The offered rate in packets/s (line rate when {@link #lineRate()}). */
    public double offeredPps() {
        return lineRate() ? lineRatePps() : ratePps;
    }

}
