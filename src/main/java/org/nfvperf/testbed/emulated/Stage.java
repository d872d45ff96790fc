package org.nfvperf.testbed.emulated;

import java.util.Objects;

/**
 * One element of an emulated packet path: a wire (serialisation at the link rate behind a
 * finite transmit ring), a fixed delay (DMA, PHY, propagation, notification), or a CPU context
 * (a DPDK poll-mode worker, a VNF's vCPU, a Dom0 netmap thread) that takes batches from a
 * finite input ring with tail drop and spends cycles and memory-stall time on them.
 *
 * <p>Costs of a batch of {@code n} packets of sizes {@code s_i} on a CPU stage, in ns:
 * <pre>
 *   ( cyclesPerBatch + sum_i (cyclesPerPacket + cyclesPerByte * s_i) ) / cpuGhz
 *     + sum_i (stallNanosPerPacket + stallNanosPerByte * s_i)
 *   all multiplied by (1 + overloadKappa * dropFraction)
 * </pre>
 * where {@code dropFraction} is the share of arrivals tail-dropped at this stage's input ring
 * since its previous batch (a software producer hammering a full ring costs the consumer
 * cache-line transfers; see MODEL.md). Cycle terms scale with the clock; stall terms do not.
 *
 * <p>Immutable and thread-safe. Example:
 * <pre>{@code
 * Stage wire = Stage.wire("pnic1", "pNIC1 tx", 10_000_000_000L, 512, 0);
 * }</pre>
 *
 * @param tap             name of the capture point at this stage's output, or null
 * @param segment         latency component of the segment ending at {@code tap} (transmission, dataplane_io, nf_io or nf_processing), or null
 * @param role            human-readable role, for counters and errors
 * @param kind            wire, delay or CPU
 * @param linkBps         wire speed in bit/s (wire stages), else 0
 * @param ringCapacity    input (CPU) or transmit (wire) ring size in packets, &gt;= 1
 * @param latencyNanos    fixed latency added after the stage, &gt;= 0
 * @param batchMax        largest batch a CPU stage takes, &gt;= 1
 * @param cpuGhz          clock of the CPU stage in GHz, &gt; 0 for CPU stages
 * @param cyclesPerBatch  cycles per batch (poll, ring sync, doorbell)
 * @param cyclesPerPacket cycles per packet (NF, descriptors, NUMA misses)
 * @param cyclesPerByte   cycles per byte (copies that hit the cache)
 * @param stallNanosPerPacket memory stall per packet in ns (does not scale with the clock)
 * @param stallNanosPerByte   memory stall per byte in ns
 * @param overloadKappa   slow-down per unit drop fraction at the input ring, &gt;= 0
 * @param blocking        true: the context sleeps when idle and is woken (Xen event channel); false: busy polling
 * @param wakeNanos       wake-up latency after a short idle period (blocking stages)
 * @param deepIdleNanos   idle time after which the context is descheduled (blocking stages)
 * @param deepWakeNanos   wake-up latency after a deep idle period (blocking stages)
 * @param pollLoopNanos   length of one empty poll iteration (busy-polling stages)
 * @param burstThreshold  packets a CPU stage holds in its transmit buffer before sending, 0 or 1 = send each batch
 * @param flushPeriodNanos period of the flush timer that drains a partly filled transmit buffer, 0 = none
 * @param replicas        parallel contexts fed round-robin (vNIC queues with one vCPU each), &gt;= 1
 * @param sleepsAfterBatch a blocking context sleeps after every batch until notified (netmap poll()), even if packets wait
 */
public record Stage(String tap, String segment, String role, Kind kind, long linkBps, int ringCapacity,
                    long latencyNanos, int batchMax, double cpuGhz, double cyclesPerBatch, double cyclesPerPacket,
                    double cyclesPerByte, double stallNanosPerPacket, double stallNanosPerByte, double overloadKappa,
                    boolean blocking, long wakeNanos, long deepIdleNanos, long deepWakeNanos, long pollLoopNanos,
                    int burstThreshold, long flushPeriodNanos, int replicas, boolean sleepsAfterBatch) {

    /** What a stage does with packets. */
    public enum Kind { WIRE, DELAY, CPU }

    public Stage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(kind, "kind");
        if (ringCapacity < 1) {
            throw new IllegalArgumentException("ringCapacity must be >= 1: " + ringCapacity + " (" + role + ")");
        }
        if (latencyNanos < 0) {
            throw new IllegalArgumentException("latencyNanos must be >= 0: " + latencyNanos + " (" + role + ")");
        }
        if (kind == Kind.WIRE && linkBps <= 0) {
            throw new IllegalArgumentException("linkBps must be > 0: " + linkBps + " (" + role + ")");
        }
        if (kind == Kind.CPU) {
            if (!(cpuGhz > 0)) {
                throw new IllegalArgumentException("cpuGhz must be > 0: " + cpuGhz + " (" + role + ")");
            }
            if (batchMax < 1) {
                throw new IllegalArgumentException("batchMax must be >= 1: " + batchMax + " (" + role + ")");
            }
            if (replicas < 1) {
                throw new IllegalArgumentException("replicas must be >= 1: " + replicas + " (" + role + ")");
            }
            if (overloadKappa < 0 || cyclesPerBatch < 0 || cyclesPerPacket < 0 || cyclesPerByte < 0
                    || stallNanosPerPacket < 0 || stallNanosPerByte < 0) {
                throw new IllegalArgumentException("costs must be >= 0 (" + role + ")");
            }
        }
    }

    /** A wire: frames are serialised one after another at {@code linkBps} (frame + 20 B each). */
    public static Stage wire(String tap, String role, long linkBps, int txRingCapacity, long latencyNanos) {
        return new Stage(tap, "transmission", role, Kind.WIRE, linkBps, txRingCapacity, latencyNanos, 1, 0, 0, 0, 0, 0, 0, 0,
                false, 0, 0, 0, 0, 0, 0, 1, false);
    }

    /** A fixed delay (DMA, PHY, notification) without queueing. */
    public static Stage delay(String tap, String segment, String role, long latencyNanos) {
        return new Stage(tap, segment, role, Kind.DELAY, 0, Integer.MAX_VALUE, latencyNanos, 1, 0, 0, 0, 0, 0, 0, 0,
                false, 0, 0, 0, 0, 0, 0, 1, false);
    }

    /** This stage with a different capture point name. */
    public Stage withTap(String newTap, String newSegment) {
        return new Stage(newTap, newSegment, role, kind, linkBps, ringCapacity, latencyNanos, batchMax, cpuGhz,
                cyclesPerBatch, cyclesPerPacket, cyclesPerByte, stallNanosPerPacket, stallNanosPerByte, overloadKappa,
                blocking, wakeNanos, deepIdleNanos, deepWakeNanos, pollLoopNanos, burstThreshold, flushPeriodNanos,
                replicas, sleepsAfterBatch);
    }

    /** This stage with a different overload coefficient. */
    public Stage withKappa(double newKappa) {
        return new Stage(tap, segment, role, kind, linkBps, ringCapacity, latencyNanos, batchMax, cpuGhz,
                cyclesPerBatch, cyclesPerPacket, cyclesPerByte, stallNanosPerPacket, stallNanosPerByte, newKappa,
                blocking, wakeNanos, deepIdleNanos, deepWakeNanos, pollLoopNanos, burstThreshold, flushPeriodNanos,
                replicas, sleepsAfterBatch);
    }

    /** Service time in ns of one packet of {@code frameBytes} on an idle, not overloaded CPU stage (no batch cost). */
    public double packetNanos(int frameBytes) {
        return (cyclesPerPacket + cyclesPerByte * frameBytes) / cpuGhz
                + stallNanosPerPacket + stallNanosPerByte * frameBytes;
    }
}
