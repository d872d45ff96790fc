package org.nfvperf.testbed.emulated;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.nfvperf.experiment.Rate;
import org.nfvperf.experiment.Runner;
import org.nfvperf.experiment.StageCounters;
import org.nfvperf.experiment.Trial;
import org.nfvperf.throughput.LinkSpeed;
import org.nfvperf.throughput.PacketSizeMix;

/**
 * The default runner: the calibrated model of the paper's testbed ({@code MODEL.md}). It
 * simulates the trial and writes {@code gen-tx.log}, {@code gen-rx.log} and
 * {@code tap-<name>.pcap} like a real testbed would; it needs no NIC and no root.
 *
 * <p>Factors (defaults in brackets): {@code dataplane} (bess|clickos) [bess], {@code chain}
 * (NF ids joined with '+') [l3fwd], {@code cpu_ghz} [2.6], {@code frame_size} [64] or {@code mix}
 * (a built-in mix name such as {@code fb-web} or a CSV file), {@code rate} ({@code line} or
 * offered Mpps) [line], {@code placement} (same-socket|cross-socket|via-nic) [same-socket],
 * {@code vnic_queues} [1]. Taps: {@link Topology#tapNames}.
 *
 * <p>Long trials: at most {@code window_packets} packets (runner option, default 1,000,000) are
 * simulated and the log counters are scaled to the trial's duration; captures hold the window's
 * probes. Randomness is seeded from the trial id and repetition, so a trial is reproducible.
 *
 * <p>Thread-safe: trials share nothing. Example:
 * <pre>{@code
 * Runner r = new EmulatedRunner(1_000_000);
 * r.validate(trial);
 * Map<String, Object> provenance = r.run(trial, trialDir);
 * }</pre>
 */
public final class EmulatedRunner implements Runner {
    /** The runner id in specs. */
    public static final String ID = "emulated";
    /** Version of the model; bump when parameters change results. */
    public static final int MODEL_VERSION = 1;
    /** Default largest simulated window, packets. */
    public static final int DEFAULT_WINDOW_PACKETS = 1_000_000;
    /** Factors this runner understands. */
    public static final Set<String> FACTORS = Set.of("dataplane", "chain", "cpu_ghz", "frame_size", "mix", "rate",
            "placement", "vnic_queues");

    private final int windowPackets;

    /** @param windowPackets largest simulated window in packets, in [1000, 100,000,000] */
    public EmulatedRunner(int windowPackets) {
        if (windowPackets < 1000 || windowPackets > 100_000_000) {
            throw new IllegalArgumentException("window_packets must be in [1000, 100000000]: " + windowPackets);
        }
        this.windowPackets = windowPackets;
    }

    /** A runner with the default window. */
    public EmulatedRunner() {
        this(DEFAULT_WINDOW_PACKETS);
    }

    @Override
    public String id() {
        return ID;
    }

    /** The largest simulated window, packets. */
    public int windowPackets() {
        return windowPackets;
    }

    /** Beyond the built-in factors the emulated runner takes {@code mix} (a packet-size mix). */
    @Override
    public boolean acceptsFactor(String name) {
        return name.equals("mix");
    }

    @Override
    public void validate(Trial trial) {
        Scenario s = scenario(trial);
        List<String> known = Topology.tapNames(Topology.build(s));
        for (String tap : trial.taps()) {
            if (!known.contains(tap)) {
                throw new IllegalArgumentException("tap must be one of " + known + ": " + tap);
            }
        }
    }

    /**
     * The scenario a trial describes.
     *
     * @throws IllegalArgumentException naming the factor and value that cannot be used
     */
    public static Scenario scenario(Trial trial) {
        for (String f : trial.factors().keySet()) {
            if (!FACTORS.contains(f)) {
                throw new IllegalArgumentException("factor must be one of " + FACTORS.stream().sorted().toList()
                        + " for the emulated runner: " + f);
            }
        }
        Scenario.Dataplane dp = Scenario.Dataplane.parse(trial.factor("dataplane", "bess"));
        List<NetworkFunction> chain = NetworkFunction.parseChain(trial.factor("chain", "l3fwd"));
        double ghz = number("cpu_ghz", trial.factor("cpu_ghz", "2.6"));
        PacketSizeMix mix = null;
        int frameSize = 0;
        String mixName = trial.factors().get("mix");
        if (mixName != null) {
            if (trial.factors().containsKey("frame_size")) {
                throw new IllegalArgumentException("frame_size must not be given together with mix: "
                        + trial.factors().get("frame_size"));
            }
            try {
                mix = PacketSizeMix.resolve(mixName);
            } catch (IOException e) {
                throw new IllegalArgumentException("mix must be a built-in mix or a readable CSV file: " + mixName
                        + " (" + e.getMessage() + ")");
            }
        } else {
            double fs = number("frame_size", trial.factor("frame_size", "64"));
            if (fs != Math.rint(fs)) {
                throw new IllegalArgumentException("frame_size must be a whole number of bytes: "
                        + trial.factor("frame_size", "64"));
            }
            frameSize = (int) fs;
        }
        long linkBps = LinkSpeed.parse(trial.link()).bitsPerSecond();
        Scenario.Placement placement = Scenario.Placement.parse(trial.factor("placement", "same-socket"));
        double q = number("vnic_queues", trial.factor("vnic_queues", "1"));
        if (q != Math.rint(q)) {
            throw new IllegalArgumentException("vnic_queues must be a whole number: " + trial.factor("vnic_queues", "1"));
        }
        String rate = trial.factor("rate", "line").trim();
        Scenario probe = new Scenario(dp, chain, ghz, frameSize, mix, Double.NaN, placement, (int) q, linkBps);
        double ratePps = Double.NaN;
        Rate offered = Rate.parse(rate);
        if (!offered.isLine()) {
            double line = probe.lineRatePps();
            if (offered.pps() > line * 1.000001) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "rate must be at most the line rate of %.4f Mpps for this frame size and link: %s",
                        line / 1e6, rate));
            }
            ratePps = offered.pps();
        }
        return new Scenario(dp, chain, ghz, frameSize, mix, ratePps, placement, (int) q, linkBps);
    }

    private static double number(String factor, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(factor + " must be a number: " + value);
        }
    }

    /** The seed of a trial: FNV-1a of its id, mixed with the repetition. */
    public static long seed(Trial trial) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < trial.id().length(); i++) {
            h ^= trial.id().charAt(i);
            h *= 0x100000001b3L;
        }
        return h ^ (trial.repetition() * 0x9E3779B97F4A7C15L);
    }

    /**
     * Simulates a trial without writing anything: the window, its stride and the result.
     *
     * @param probes probes to keep per tap (the trial's {@code max_packets} when writing artifacts)
     */
    public Simulated simulate(Trial trial, long probes) {
        Scenario s = scenario(trial);
        double offered = s.offeredPps();
        long total = Math.max(1, Math.round(offered * trial.durationSeconds()));
        int window = (int) Math.min(total, windowPackets);
        int stride = (int) Math.max(1, (window + Math.max(1, probes) - 1) / Math.max(1, probes));
        SimulationResult r = Emulator.simulate(s, window, seed(trial), stride);
        return new Simulated(s, r, total, window);
    }

    /**
     * A simulated trial.
     *
     * @param scenario      what was simulated
     * @param result        the simulated window
     * @param totalPackets  packets the generator sends over the trial's duration
     * @param windowPackets packets simulated
     */
    public record Simulated(Scenario scenario, SimulationResult result, long totalPackets, int windowPackets) {
        /** Received packets over the trial: the window's steady-state delivered share of all packets sent. */
        public long rxPackets() {
            return windowPackets == totalPackets ? result.rxPackets()
                    : Math.round(result.steadyDeliveredFraction() * totalPackets);
        }

        /** The model's own numbers for the window. */
        public Emulator.Measurement measurement() {
            return Emulator.Measurement.of(result, scenario.linkBps());
        }
    }

    /**
     * The model's per-stage counters over the trial: for each CPU context the share of its cores
     * spent serving packets (busy time over the window's span, divided by its replicas; a
     * busy-polling worker's empty polls do not count), and every stage's tail drops scaled from the
     * window to the trial.
     */
    static List<StageCounters.Stage> stages(Simulated sim) {
        SimulationResult r = sim.result();
        double spanNanos = r.traffic().txSpanNanos(sim.scenario().linkBps());
        double scale = (double) sim.totalPackets() / sim.windowPackets();
        List<StageCounters.Stage> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < r.path().size(); i++) {
            Stage st = r.path().get(i);
            String name = StageCounters.slug(st.role());
            for (int n = 2; !names.add(name); n++) {
                name = StageCounters.slug(st.role()) + "_" + n;
            }
            double cpu = st.kind() == Stage.Kind.CPU && spanNanos > 0
                    ? 100.0 * r.busyNanos()[i] / (spanNanos * st.replicas()) : Double.NaN;
            out.add(new StageCounters.Stage(name, st.kind().name().toLowerCase(Locale.ROOT), cpu,
                    Math.round(r.drops()[i] * scale)));
        }
        return out;
    }

    @Override
    public Map<String, Object> run(Trial trial, Path trialDir) throws IOException {
        validate(trial);
        Simulated sim = simulate(trial, trial.maxPacketsPerTap());
        Scenario s = sim.scenario();
        long durationNanos = Math.round(trial.durationSeconds() * 1e9);
        int logFrame = s.mix() == null ? s.frameSize() : (int) Math.round(s.mix().averageFrameSizeBytes());
        ArtifactWriter.writeLogs(trialDir, sim.totalPackets(), sim.rxPackets(), durationNanos, logFrame);
        ArtifactWriter w = new ArtifactWriter(sim.result());
        if (trial.maxPacketsPerTap() > 0) {
            w.writeTaps(trialDir, trial.taps(), trial.maxPacketsPerTap());
        }
        Emulator.Measurement m = sim.measurement();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("model", "nfvperf emulated testbed (BESS/ClickOS, Niu et al.)");
        p.put("model_version", MODEL_VERSION);
        p.put("seed", seed(trial));
        p.put("window_packets", sim.windowPackets());
        p.put("scaled_from_window", sim.windowPackets() < sim.totalPackets());
        p.put("probe_stride", sim.result().sampleStride());
        p.put("taps_available", Topology.tapNames(sim.result().path()));
        p.put("model_tx_packets", sim.totalPackets());
        p.put("model_rx_packets", sim.rxPackets());
        p.put("model_rx_mpps", m.rxMpps());
        p.put("model_lat_mean_ns", m.latMeanNanos());
        Map<String, Long> drops = new LinkedHashMap<>();
        m.dropsByRole().forEach((role, d) -> drops.put(role,
                Math.round((double) d * sim.totalPackets() / sim.windowPackets())));
        p.put("model_drops", drops);
        StageCounters.write(trialDir, "emulated model (busy share of each CPU context's cores, drops scaled to the trial)",
                stages(sim));
        return p;
    }
}
