package org.nfvperf.testbed.emulated;

/**
 * Every number of the emulated testbed, with its unit and where it comes from. Cycle costs scale
 * with the CPU clock; nanosecond costs (memory stalls, DMA, PHY) do not. The calibration against
 * the paper is described in {@code MODEL.md} beside this class; {@code EmulatedCalibrationTest}
 * checks it.
 *
 * <p>Constants only; thread-safe. Example:
 * <pre>{@code
 * double cycles = ModelParameters.bessVmCycles(NetworkFunction.L3FWD);
 * }</pre>
 */
public final class ModelParameters {
    private ModelParameters() {
    }

    // ---------------------------------------------------------------- wire and NICs (both dataplanes)
    /** Generator NIC, cable and PHY latency per direction, ns (on top of serialisation). */
    public static final long WIRE_LATENCY_NS = 1_200;
    /** pNIC receive DMA and descriptor write-back latency with DPDK (batched write-back), ns. */
    public static final long PNIC_RX_DMA_NS = 4_100;
    /** pNIC transmit descriptor fetch and DMA latency, ns. */
    public static final long PNIC_TX_DMA_NS = 1_900;
    /** pNIC receive ring, descriptors (DPDK and netmap default for ixgbe). */
    public static final int PNIC_RX_RING = 1024;
    /** pNIC transmit ring, descriptors. */
    public static final int PNIC_TX_RING = 512;
    /** Cache line, bytes (NUMA penalties are per line touched). */
    public static final int CACHE_LINE = 64;

    // ---------------------------------------------------------------- BESS (DPDK, vhost/virtio, KVM)
    /** Largest batch of a DPDK burst (rte_eth_rx_burst / BESS batch), packets. */
    public static final int BESS_BATCH = 32;
    /** virtio ring (vNIC queue) size, descriptors. */
    public static final int BESS_VIRTIO_RING = 256;
    /** One empty iteration of a DPDK poll loop, ns. */
    public static final long BESS_POLL_LOOP_NS = 40;
    /** BESS worker, pNIC to vhost or vhost to pNIC: cycles per batch (burst calls, doorbell). */
    public static final double BESS_PNIC_TC_CYCLES_PER_BATCH = 160;
    /** BESS worker, pNIC to vhost or vhost to pNIC: cycles per packet (descriptors, vhost enqueue). */
    public static final double BESS_PNIC_TC_CYCLES_PER_PACKET = 95;
    /** BESS worker, vhost to vhost between two VMs: cycles per batch. */
    public static final double BESS_VHOST_TC_CYCLES_PER_BATCH = 200;
    /** BESS worker, vhost to vhost: cycles per packet (dequeue from one guest, enqueue to another). */
    public static final double BESS_VHOST_TC_CYCLES_PER_PACKET = 290;
    /** vhost copies into guest memory: cycles per byte (cache-resident, DDIO). */
    public static final double BESS_COPY_CYCLES_PER_BYTE = 0.02;
    /** Latency from a vhost enqueue to the guest seeing the descriptor, ns. */
    public static final long BESS_VHOST_LATENCY_NS = 50;
    /** Guest NF: cycles per batch (virtio rx/tx burst calls). */
    public static final double BESS_VM_CYCLES_PER_BATCH = 120;
    /** Guest NF transmit burst threshold (ip_pipeline port writer), packets. */
    public static final int BESS_BURST_THRESHOLD = 32;
    /** Guest NF flush timer: a partly filled transmit buffer is sent this long after its first packet, ns. */
    public static final long BESS_FLUSH_PERIOD_NS = 600_000;
    /** Fixed latency inside the guest pipeline (rx, software queue, tx), ns. */
    public static final long BESS_VM_LATENCY_NS = 2_300;
    /** Cross-socket hop: extra cycles per packet (remote mbuf and descriptor misses). */
    public static final double NUMA_CYCLES_PER_PACKET = 300;
    /** Cross-socket hop: extra cycles per cache line of packet data. */
    public static final double NUMA_CYCLES_PER_LINE = 12;

    /** BESS guest NF cost per packet in cycles (virtio rx + NF + virtio tx). */
    public static double bessVmCycles(NetworkFunction nf) {
        return switch (nf) {
            case L2FWD -> 150;
            case L3FWD -> 258;
            case FIREWALL -> 250;
        };
    }

    // ---------------------------------------------------------------- ClickOS (netmap/VALE, Xen)
    /** netmap ring / VALE port size, slots. */
    public static final int CLICKOS_RING = 256;
    /** Largest batch a netmap sync hands over, packets. */
    public static final int CLICKOS_BATCH = 256;
    /** VALE copying thread (Dom0; sender context): cycles per batch (port lock, ring sync). */
    public static final double CLICKOS_COPY_CYCLES_PER_BATCH = 300;
    /** VALE copying thread: cycles per packet (lookup, slot bookkeeping). */
    public static final double CLICKOS_COPY_CYCLES_PER_PACKET = 60;
    /** VALE copy loop: cycles per byte. */
    public static final double CLICKOS_COPY_CYCLES_PER_BYTE = 0.1;
    /** VALE copying thread: memory stall per packet, ns. */
    public static final double CLICKOS_COPY_STALL_NS = 20;
    /** VALE copy into another domain's buffers (no zero copy): memory stall per byte, ns. */
    public static final double CLICKOS_COPY_STALL_NS_PER_BYTE = 0.4;
    /** pNIC receive DMA and descriptor write-back with the netmap ixgbe driver (per-descriptor write-back), ns. */
    public static final long CLICKOS_PNIC_RX_DMA_NS = 2_400;
    /** ClickOS VM: cycles per batch (event channel, netmap sync hypercalls). */
    public static final double CLICKOS_VM_CYCLES_PER_BATCH = 600;
    /** ClickOS VM: memory stall per packet (buffers cold after the VALE copy), ns. */
    public static final double CLICKOS_VM_STALL_NS = 60;
    /** Extra memory-stall factor per copying context beyond two on a socket (VALE copies share LLC and DRAM). */
    public static final double CLICKOS_COPY_CONTENTION = 0.65;
    /** Event-channel wake-up of a blocked ClickOS vCPU, ns. */
    public static final long CLICKOS_WAKE_NS = 6_000;
    /** Idle time after which a blocked vCPU or a NAPI-polling Dom0 thread goes to sleep deeply, ns. */
    public static final long CLICKOS_DEEP_IDLE_NS = 200_000;
    /** Wake-up of a descheduled ClickOS vCPU (credit scheduler, C-state exit), ns. */
    public static final long CLICKOS_DEEP_WAKE_NS = 40_000;
    /** Dom0 pNIC thread re-poll while traffic flows (NAPI-style), ns. */
    public static final long CLICKOS_DOM0_WAKE_NS = 500;
    /** Dom0 pNIC thread wake-up by interrupt after a deep idle period, ns. */
    public static final long CLICKOS_DOM0_DEEP_WAKE_NS = 15_000;
    /** Dom0 vCPU of a VM-to-VM VALE switch, woken by the sending VM's kick through Xen, ns. */
    public static final long CLICKOS_SWITCH_WAKE_NS = 12_000;
    /** Latency of a VALE notification to the destination port, ns. */
    public static final long CLICKOS_VALE_LATENCY_NS = 800;

    /** ClickOS Click configuration cost per packet in cycles (FromDevice + element + ToDevice). */
    public static double clickosVmCycles(NetworkFunction nf) {
        return switch (nf) {
            case L2FWD -> 60;
            case L3FWD -> 150;
            case FIREWALL -> 160;
        };
    }

    // ---------------------------------------------------------------- overload (receive livelock)
    /** CPU clocks at which the overload coefficients were calibrated, GHz. */
    static final double[] KAPPA_GHZ = {1.2, 1.6, 2.0, 2.4, 2.6};
    /** BESS consumer slow-down per unit drop fraction at its ring. */
    static final double[] KAPPA_BESS = {0.1022, 0.1089, 0.1282, 0.1607, 0.1813};
    /** ClickOS consumer slow-down per unit drop fraction at its VALE port. */
    static final double[] KAPPA_CLICKOS = {1.8316, 1.4782, 1.3484, 1.0064, 0.6600};

    /**
     * Overload coefficient of a consumer fed by a software producer: linear between the calibrated
     * clocks, held constant outside them.
     */
    public static double overloadKappa(Scenario.Dataplane dp, double ghz) {
        double[] k = dp == Scenario.Dataplane.BESS ? KAPPA_BESS : KAPPA_CLICKOS;
        if (ghz <= KAPPA_GHZ[0]) {
            return k[0];
        }
        for (int i = 1; i < KAPPA_GHZ.length; i++) {
            if (ghz <= KAPPA_GHZ[i]) {
                double w = (ghz - KAPPA_GHZ[i - 1]) / (KAPPA_GHZ[i] - KAPPA_GHZ[i - 1]);
                return k[i - 1] + w * (k[i] - k[i - 1]);
            }
        }
        return k[k.length - 1];
    }
}
