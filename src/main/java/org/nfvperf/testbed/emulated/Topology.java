package org.nfvperf.testbed.emulated;

import static org.nfvperf.testbed.emulated.ModelParameters.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the stage list of a {@link Scenario}: the path a packet takes from the generator through
 * pNIC0, the dataplane and the VNFs, back out of the last pNIC to the generator (Figure 1 of the
 * paper, extended to chains, two sockets and two servers).
 *
 * <p>Capture points are named in path order: {@code gen-tx}, {@code pnic0} (frame arrived at the
 * first pNIC), {@code vnic0}/{@code vnic1} (into and out of the first VNF), {@code vnic2}/{@code vnic3}
 * (second VNF), ..., {@code pnic1} (frame sent by the last pNIC of the first server),
 * {@code pnic2}/{@code pnic3} on the second server with {@code via-nic}, and {@code gen-rx}.
 *
 * <p>Stateless and thread-safe. Example:
 * <pre>{@code
 * List<Stage> path = Topology.build(scenario);
 * List<String> taps = Topology.tapNames(path);   // [gen-tx, pnic0, vnic0, vnic1, pnic1, gen-rx]
 * }</pre>
 */
public final class Topology {
    /** Name of the generator's transmit point. */
    public static final String GEN_TX = "gen-tx";
    /** Name of the generator's receive point. */
    public static final String GEN_RX = "gen-rx";

    private Topology() {
    }

    /** The stages of the scenario's path, in order. */
    public static List<Stage> build(Scenario s) {
        int n = s.chain().size();
        // server and socket of each VNF
        int[] server = new int[n];
        int[] socket = new int[n];
        int firstHalf = Math.max(1, (n + 1) / 2);
        for (int k = 0; k < n; k++) {
            switch (s.placement()) {
                case SAME_SOCKET -> { }
                case CROSS_SOCKET -> socket[k] = (n == 1 || k >= firstHalf) ? 1 : 0;
                case VIA_NIC -> server[k] = k >= firstHalf ? 1 : 0;
            }
        }
        List<Stage> path = new ArrayList<>();
        int[] pnic = {0};
        int[] vnic = {0};
        path.add(Stage.wire("pnic" + pnic[0]++, "generator tx wire", s.linkBps(), Integer.MAX_VALUE,
                WIRE_LATENCY_NS));
        int k = 0;
        while (k < n) {
            int srv = server[k];
            int end = k;
            while (end < n && server[end] == srv) {
                end++;
            }
            if (s.dataplane() == Scenario.Dataplane.BESS) {
                bessServer(s, k, end, socket, path, vnic);
            } else {
                clickosServer(s, k, end, socket, path, vnic);
            }
            path.add(Stage.wire("pnic" + pnic[0]++, "pNIC tx wire (server " + srv + ")", s.linkBps(), PNIC_TX_RING,
                    0).withTap("pnic" + (pnic[0] - 1), "dataplane_io"));
            if (end < n) {
                path.add(Stage.delay("pnic" + pnic[0]++, "transmission", "inter-server wire", WIRE_LATENCY_NS));
            }
            k = end;
        }
        path.add(Stage.delay(GEN_RX, "transmission", "generator rx wire", WIRE_LATENCY_NS));
        return List.copyOf(path);
    }

    private static void bessServer(Scenario s, int from, int to, int[] socket, List<Stage> path, int[] vnic) {
        double ghz = s.cpuGhz();
        double kappa = overloadKappa(Scenario.Dataplane.BESS, ghz);
        int q = s.vnicQueues();
        path.add(Stage.delay(null, null, "pNIC rx DMA", PNIC_RX_DMA_NS));
        // TC: pNIC -> vNIC0 of the first VNF (fed by the NIC: no overload penalty)
        path.add(cpu("vnic" + vnic[0]++, "dataplane_io", "bess-worker pnic->vnic", PNIC_RX_RING, BESS_VHOST_LATENCY_NS,
                BESS_BATCH, ghz, BESS_PNIC_TC_CYCLES_PER_BATCH,
                BESS_PNIC_TC_CYCLES_PER_PACKET + numa(socket[from] != 0), BESS_COPY_CYCLES_PER_BYTE
                        + numaLine(socket[from] != 0), 0, 0, 0, false, 0, 1, 1));
        for (int k = from; k < to; k++) {
            NetworkFunction nf = s.chain().get(k);
            path.add(cpu("vnic" + vnic[0]++, "nf_processing", "bess-vm " + nf.id(), BESS_VIRTIO_RING,
                    BESS_VM_LATENCY_NS, BESS_BATCH, ghz, BESS_VM_CYCLES_PER_BATCH, bessVmCycles(nf), 0, 0, 0, kappa,
                    false, BESS_BURST_THRESHOLD, BESS_FLUSH_PERIOD_NS, q));
            if (k + 1 < to) {
                boolean cross = socket[k] != socket[k + 1];
                path.add(cpu("vnic" + vnic[0]++, "nf_io", "bess-worker vnic->vnic", BESS_VIRTIO_RING * q,
                        BESS_VHOST_LATENCY_NS, BESS_BATCH, ghz, BESS_VHOST_TC_CYCLES_PER_BATCH,
                        BESS_VHOST_TC_CYCLES_PER_PACKET + numa(cross), 2 * BESS_COPY_CYCLES_PER_BYTE + numaLine(cross),
                        0, 0, kappa, false, 0, 1, 1));
            }
        }
        boolean crossOut = socket[to - 1] != 0;
        path.add(cpu(null, null, "bess-worker vnic->pnic", BESS_VIRTIO_RING * q, PNIC_TX_DMA_NS, BESS_BATCH, ghz,
                BESS_PNIC_TC_CYCLES_PER_BATCH, BESS_PNIC_TC_CYCLES_PER_PACKET + numa(crossOut),
                numaLine(crossOut), 0, 0, kappa, false, 0, 1, 1));
    }

    private static void clickosServer(Scenario s, int from, int to, int[] socket, List<Stage> path, int[] vnic) {
        double ghz = s.cpuGhz();
        double kappa = overloadKappa(Scenario.Dataplane.CLICKOS, ghz);
        int q = s.vnicQueues();
        // copying contexts (one VALE switch per hop) on each socket of this server
        Map<Integer, Integer> copiers = new LinkedHashMap<>();
        copiers.merge(socket[from], 1, Integer::sum);
        for (int k = from; k < to; k++) {
            copiers.merge(k + 1 < to ? socket[k + 1] : socket[k], 1, Integer::sum);
        }
        path.add(Stage.delay(null, null, "pNIC rx DMA", CLICKOS_PNIC_RX_DMA_NS));
        path.add(copyStage("vnic" + vnic[0]++, "dataplane_io", "clickos-vale pnic->vm", PNIC_RX_RING,
                CLICKOS_VALE_LATENCY_NS, ghz, contention(copiers.get(socket[from])), socket[from] != 0,
                CLICKOS_DOM0_WAKE_NS, CLICKOS_DOM0_DEEP_WAKE_NS));
        for (int k = from; k < to; k++) {
            NetworkFunction nf = s.chain().get(k);
            double m = contention(copiers.get(socket[k]));
            boolean last = k + 1 == to;
            // one vCPU whatever the number of vNIC queues (no SMP): extra queues only add polling work
            path.add(new Stage(null, null, "clickos-vm " + nf.id(), Stage.Kind.CPU, 0,
                    CLICKOS_RING * q, 0, CLICKOS_BATCH, ghz, CLICKOS_VM_CYCLES_PER_BATCH * q, clickosVmCycles(nf), 0,
                    CLICKOS_VM_STALL_NS * m, 0, kappa, true, CLICKOS_WAKE_NS, CLICKOS_DEEP_IDLE_NS,
                    CLICKOS_DEEP_WAKE_NS, 0, 0, 0, 1, true));
            if (!last) {
                int dst = socket[k + 1];
                path.add(copyStage("vnic" + vnic[0]++, "nf_processing", "clickos-vale vm->vm", CLICKOS_RING * q,
                        0, ghz, contention(copiers.get(dst)), dst != socket[k],
                        CLICKOS_SWITCH_WAKE_NS, CLICKOS_DEEP_WAKE_NS).withKappa(kappa));
                path.add(Stage.delay("vnic" + vnic[0]++, "nf_io", "clickos-vale notify", CLICKOS_VALE_LATENCY_NS));
            } else {
                path.add(copyStage("vnic" + vnic[0]++, "nf_processing", "clickos-vale vm->pnic", CLICKOS_RING * q,
                        0, ghz, contention(copiers.get(socket[k])), socket[k] != 0, CLICKOS_DOM0_WAKE_NS,
                        CLICKOS_DOM0_DEEP_WAKE_NS).withKappa(kappa));
                path.add(Stage.delay(null, null, "pNIC tx DMA", PNIC_TX_DMA_NS));
            }
        }
    }

    /** A Dom0 thread of a VALE switch copying packets into the destination port (sender's context). */
    private static Stage copyStage(String tap, String segment, String role, int ring, long latency, double ghz,
                                   double contention, boolean cross, long wake, long deepWake) {
        return new Stage(tap, segment, role, Stage.Kind.CPU, 0, ring, latency, CLICKOS_BATCH, ghz,
                CLICKOS_COPY_CYCLES_PER_BATCH, CLICKOS_COPY_CYCLES_PER_PACKET + numa(cross),
                CLICKOS_COPY_CYCLES_PER_BYTE + numaLine(cross), CLICKOS_COPY_STALL_NS * contention,
                CLICKOS_COPY_STALL_NS_PER_BYTE * contention, 0, true, wake, CLICKOS_DEEP_IDLE_NS, deepWake, 0, 0, 0, 1,
                false);
    }

    private static double contention(int copiers) {
        return 1 + CLICKOS_COPY_CONTENTION * Math.max(0, copiers - 2);
    }

    private static double numa(boolean cross) {
        return cross ? NUMA_CYCLES_PER_PACKET : 0;
    }

    private static double numaLine(boolean cross) {
        return cross ? NUMA_CYCLES_PER_LINE / CACHE_LINE : 0;
    }

    private static Stage cpu(String tap, String segment, String role, int ring, long latency, int batch, double ghz,
                             double cycBatch, double cycPkt, double cycByte, double stallPkt, double stallByte,
                             double kappa, boolean blocking, int burst, long flushPeriod, int replicas) {
        return new Stage(tap, segment, role, Stage.Kind.CPU, 0, ring, latency, batch, ghz, cycBatch, cycPkt, cycByte,
                stallPkt, stallByte, kappa, blocking, 0, Long.MAX_VALUE, 0, BESS_POLL_LOOP_NS, burst, flushPeriod,
                replicas, false);
    }

    /** Capture point names of a path, in order, including {@code gen-tx} and {@code gen-rx}. */
    public static List<String> tapNames(List<Stage> path) {
        List<String> out = new ArrayList<>();
        out.add(GEN_TX);
        for (Stage st : path) {
            if (st.tap() != null) {
                out.add(st.tap());
            }
        }
        return List.copyOf(out);
    }
}
