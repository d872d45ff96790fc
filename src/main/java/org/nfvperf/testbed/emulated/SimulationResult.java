package org.nfvperf.testbed.emulated;

import java.util.List;

/**
 * What one simulated window produced: counters (the model's own numbers) and, for every probe
 * packet (every {@code sampleStride}-th by sequence), its timestamp at every tap (-1 when the
 * packet never reached it).
 *
 * <p>Effectively immutable (arrays are not copied; do not modify). Example:
 * <pre>{@code
 * SimulationResult r = simulator.run();
 * long lost = r.txPackets() - r.rxPackets();
 * }</pre>
 *
 * @param path         the stages simulated
 * @param traffic      the offered packets
 * @param sampleStride probe sampling stride
 * @param txPackets    packets offered in the window
 * @param rxPackets    packets delivered back to the generator
 * @param rxBytes      frame bytes delivered
 * @param drops        packets dropped at each stage (index as in {@code path})
 * @param busyNanos    busy time of each CPU stage (all replicas)
 * @param genTx        generator transmit time of each probe
 * @param genRx        generator receive time of each probe, -1 if lost
 * @param tapTimes     per stage with a tap: time of each probe at that tap, -1 if it never got there; null for untapped stages
 * @param rxIds        sequence numbers of the delivered packets, in arrival order
 * @param lastRxNanos  arrival time of the last delivered packet
 */
public record SimulationResult(List<Stage> path, Traffic traffic, int sampleStride, long txPackets, long rxPackets,
                               long rxBytes, long[] drops, long[] busyNanos, long[] genTx, long[] genRx,
                               long[][] tapTimes, int[] rxIds, long lastRxNanos) {

    /**
     * Share of offered packets delivered in steady state: among the packets sent after the first
     * tenth of the window (queues fill from empty during it), the share that reached the generator.
     */
    public double steadyDeliveredFraction() {
        int n = (int) txPackets;
        int warm = n >= 1000 ? n / 10 : 0;
        long delivered = 0;
        for (int id : rxIds) {
            if (id >= warm) {
                delivered++;
            }
        }
        return delivered / (double) (n - warm);
    }

    /** Number of probe packets (sampled sequence numbers). */
    public int probes() {
        return genTx.length;
    }

    /** Index in {@link #path()} of the stage whose output is the tap {@code name}, or -1. */
    public int tapIndex(String name) {
        for (int i = 0; i < path.size(); i++) {
            if (name.equals(path.get(i).tap())) {
                return i;
            }
        }
        return -1;
    }

    /** Sum of the drops at every stage whose role starts with {@code rolePrefix}. */
    public long dropsAt(String rolePrefix) {
        long sum = 0;
        for (int i = 0; i < path.size(); i++) {
            if (path.get(i).role().startsWith(rolePrefix)) {
                sum += drops[i];
            }
        }
        return sum;
    }
}
