package org.nfvperf.testbed.netns;

import java.util.ArrayList;
import java.util.List;
import org.nfvperf.experiment.Trial;

/**
 * The knobs of the {@code dpdk} dataplane, read from a trial's factors. Immutable and thread-safe.
 *
 * <ul>
 *   <li>{@code burst}: frames per receive call and per transmit batch, in [1, {@value #MAX_BURST}]
 *       (default 32, DPDK's usual burst);</li>
 *   <li>{@code flush_us}: the flush timer in microseconds: a transmit batch that is not full leaves
 *       when its oldest frame has waited this long (default 0: at the end of every poll round);</li>
 *   <li>{@code idle_sleep_us}: sleep after a poll round that found nothing and left nothing
 *       queued (default {@value #DEFAULT_IDLE_SLEEP_MICROS}; 0 is pure busy polling as BESS does,
 *       which on this shared 2-core machine starved the generator and the taps);</li>
 *   <li>{@code dpdk_cpus}: CPUs the NF lcores are pinned to, {@code /}-separated, NF {@code i}
 *       on the {@code i mod n}-th (default: the machine's last CPU);</li>
 *   <li>{@code dpdk_tap}: {@code nf} (default) or {@code dumpcap}, see {@link TapMode}.</li>
 * </ul>
 *
 * <pre>{@code
 * DpdkSettings s = DpdkSettings.of(trial);   // burst 32, flush_us 0, idle_sleep_us 20, cpus [1]
 * int cpu = s.cpuOf(2);                       // CPU of the second NF
 * }</pre>
 *
 * @param burst           frames per burst, in [1, {@value #MAX_BURST}]
 * @param flushMicros     flush timer in µs, in [0, {@value #MAX_MICROS}]
 * @param idleSleepMicros idle sleep in µs, in [0, {@value #MAX_MICROS}]
 * @param cpus            CPUs for the NF lcores, not empty, each &gt;= 0
 */
public record DpdkSettings(int burst, int flushMicros, int idleSleepMicros, List<Integer> cpus, TapMode tapMode) {
    /** Who takes the taps inside the dataplane ({@code dut<i>_in}, {@code dut<i>_out}). */
    public enum TapMode {
        /** The NF's own rx/tx callbacks, CLOCK_REALTIME timestamps, {@code tap-<name>.pcap} (default). */
        NF,
        /** dpdk-dumpcap through pdump, TSC timestamps, {@code tap-<name>.pcapng}. */
        DUMPCAP
    }

    /** Largest burst nfvperf-nf accepts. */
    public static final int MAX_BURST = 512;
    /** Largest flush timer and idle sleep, in µs (1 s). */
    public static final int MAX_MICROS = 1_000_000;
    /** The factors these settings read. */
    public static final List<String> FACTORS = List.of("burst", "flush_us", "idle_sleep_us", "dpdk_cpus", "dpdk_tap");

    public DpdkSettings {
        if (burst < 1 || burst > MAX_BURST) {
            throw new IllegalArgumentException("burst must be in [1, " + MAX_BURST + "]: " + burst);
        }
        if (flushMicros < 0 || flushMicros > MAX_MICROS) {
            throw new IllegalArgumentException("flush_us must be in [0, " + MAX_MICROS + "]: " + flushMicros);
        }
        if (idleSleepMicros < 0 || idleSleepMicros > MAX_MICROS) {
            throw new IllegalArgumentException("idle_sleep_us must be in [0, " + MAX_MICROS + "]: " + idleSleepMicros);
        }
        cpus = List.copyOf(cpus);
        if (tapMode == null) {
            throw new IllegalArgumentException("dpdk_tap must be nf or dumpcap: null");
        }
        if (cpus.isEmpty() || cpus.stream().anyMatch(c -> c < 0)) {
            throw new IllegalArgumentException("dpdk_cpus must list CPU numbers >= 0: " + cpus);
        }
    }

    /** As the canonical constructor with the NF's own taps. */
    public DpdkSettings(int burst, int flushMicros, int idleSleepMicros, List<Integer> cpus) {
        this(burst, flushMicros, idleSleepMicros, cpus, TapMode.NF);
    }

    /** Idle sleep by default, in µs: pure busy polling of two NFs starved this 2-core machine (see README). */
    public static final int DEFAULT_IDLE_SLEEP_MICROS = 20;

    /** Burst 32, no flush timer, 20 µs idle sleep, every NF on the last CPU of this machine, the NF's own taps. */
    public static DpdkSettings defaults() {
        return new DpdkSettings(32, 0, DEFAULT_IDLE_SLEEP_MICROS, List.of(Runtime.getRuntime().availableProcessors() - 1));
    }

    /**
     * Reads {@link #FACTORS} from a trial, the defaults for those it does not set.
     *
     * @throws IllegalArgumentException naming the factor and its value
     */
    public static DpdkSettings of(Trial trial) {
        DpdkSettings d = defaults();
        List<Integer> cpus = d.cpus();
        String cpuText = trial.factor("dpdk_cpus", null);
        if (cpuText != null) {
            cpus = new ArrayList<>();
            for (String part : cpuText.split("/", -1)) {
                cpus.add(integer("dpdk_cpus", part));
            }
        }
        int available = Runtime.getRuntime().availableProcessors();
        for (int c : cpus) {
            if (c >= available) {
                throw new IllegalArgumentException("dpdk_cpus must name CPUs in [0, " + (available - 1) + "]: " + cpuText);
            }
        }
        String tap = trial.factor("dpdk_tap", "nf").trim();
        TapMode mode = switch (tap) {
            case "nf" -> TapMode.NF;
            case "dumpcap" -> TapMode.DUMPCAP;
            default -> throw new IllegalArgumentException("factor dpdk_tap must be nf or dumpcap: " + tap);
        };
        return new DpdkSettings(integer("burst", trial.factor("burst", Integer.toString(d.burst()))),
                integer("flush_us", trial.factor("flush_us", Integer.toString(d.flushMicros()))),
                integer("idle_sleep_us", trial.factor("idle_sleep_us", Integer.toString(d.idleSleepMicros()))), cpus, mode);
    }

    /** CPU of NF {@code dut} (1-based). */
    public int cpuOf(int dut) {
        return cpus.get((dut - 1) % cpus.size());
    }

    private static int integer(String factor, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("factor " + factor + " must be an integer: " + text);
        }
    }
}
