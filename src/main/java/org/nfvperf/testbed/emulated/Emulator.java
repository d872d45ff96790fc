package org.nfvperf.testbed.emulated;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the model: simulates a {@link Scenario} over a window of packets and summarises
 * what the model itself counted (the runner turns the same simulation into artifacts).
 *
 * <p>Long trials: a window of at most {@code windowPackets} packets is simulated from empty
 * queues; rates and loss are those of its steady state (packets sent after the first tenth of
 * the window) and packet counters are scaled to the trial's duration; latency statistics are
 * those of the window's probes.
 *
 * <p>Stateless and thread-safe. Example:
 * <pre>{@code
 * Emulator.Measurement m = Emulator.measure(scenario, 1_000_000, 42L, 1);
 * double rxMpps = m.rxMpps();
 * }</pre>
 */
public final class Emulator {
    /** Epoch of the simulated clock: 2026-01-01T00:00:00Z in ns, so artifacts are reproducible. */
    public static final long START_NANOS = 1_767_225_600_000_000_000L;

    private Emulator() {
    }

    /** The offered traffic of a scenario for a window of {@code packets}. */
    public static Traffic traffic(Scenario s, int packets, long seed) {
        double rate = s.lineRate() ? Double.MAX_VALUE / 4 : s.ratePps();
        if (s.mix() == null) {
            return Traffic.constantRate(packets, s.frameSize(), rate, s.linkBps(), START_NANOS, seed);
        }
        int k = s.mix().entries().size();
        int[] sizes = new int[k];
        double[] cumulative = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sizes[i] = s.mix().entries().get(i).frameSizeBytes();
            sum += s.mix().entries().get(i).weight();
            cumulative[i] = sum;
        }
        return Traffic.mix(packets, sizes, cumulative, rate, s.linkBps(), START_NANOS, seed);
    }

    /** Simulates {@code packets} packets; every {@code sampleStride}-th is a probe. */
    public static SimulationResult simulate(Scenario s, int packets, long seed, int sampleStride) {
        List<Stage> path = Topology.build(s);
        return new Simulator(path, traffic(s, packets, seed), sampleStride).run();
    }

    /** Simulates and summarises. */
    public static Measurement measure(Scenario s, int packets, long seed, int sampleStride) {
        return Measurement.of(simulate(s, packets, seed, sampleStride), s.linkBps());
    }

    /**
     * The model's own numbers for one window.
     *
     * @param txMpps      offered rate, Mpps
     * @param rxMpps      delivered rate in steady state, Mpps
     * @param rxGbpsL1    delivered rate on the wire (frame + 20 B), Gb/s
     * @param lossPercent     lost share of offered packets, %
     * @param latMeanNanos   mean end-to-end latency (generator tx to rx) of delivered probes, ns
     * @param latP50Ns    median, ns
     * @param latP99Ns    99th percentile, ns
     * @param latMinNs    minimum, ns
     * @param latMaxNs    maximum, ns
     * @param segments    mean latency per segment between consecutive taps over the probes seen at both, "from->to" to ns
     * @param components  mean latency per component (transmission, dataplane_io, nf_io, nf_processing), ns
     * @param dropsByRole packets dropped per stage role in the window
     */
    public record Measurement(double txMpps, double rxMpps, double rxGbpsL1, double lossPercent, double latMeanNanos,
                              long latP50Ns, long latP99Ns, long latMinNs, long latMaxNs,
                              Map<String, Double> segments, Map<String, Double> components,
                              Map<String, Long> dropsByRole) {

        /** Summarises a simulation result. */
        public static Measurement of(SimulationResult r, long linkBps) {
            Traffic t = r.traffic();
            double span = t.txSpanNanos(linkBps) / 1e9;
            double txMpps = r.txPackets() / span / 1e6;
            double delivered = r.steadyDeliveredFraction();
            double rxMpps = txMpps * delivered;
            double meanWire = r.rxPackets() == 0 ? 0 : r.rxBytes() / (double) r.rxPackets() + 20;
            double rxGbpsL1 = rxMpps * 1e6 * meanWire * 8 / 1e9;
            double loss = 100.0 * (1 - delivered);
            long[] lat = new long[r.probes()];
            int m = 0;
            for (int i = 0; i < r.probes(); i++) {
                if (r.genRx()[i] >= 0) {
                    lat[m++] = r.genRx()[i] - r.genTx()[i];
                }
            }
            lat = Arrays.copyOf(lat, m);
            Arrays.sort(lat);
            double sum = 0;
            for (long v : lat) {
                sum += v;
            }
            Map<String, Double> segments = new LinkedHashMap<>();
            Map<String, Double> components = new LinkedHashMap<>();
            List<long[]> cols = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<String> segs = new ArrayList<>();
            cols.add(r.genTx());
            names.add(Topology.GEN_TX);
            segs.add(null);
            for (int k = 0; k < r.path().size(); k++) {
                if (r.tapTimes()[k] != null) {
                    cols.add(r.tapTimes()[k]);
                    names.add(r.path().get(k).tap());
                    segs.add(r.path().get(k).segment());
                }
            }
            for (int c = 1; c < cols.size(); c++) {
                long[] a = cols.get(c - 1);
                long[] b = cols.get(c);
                double s = 0;
                long cnt = 0;
                for (int i = 0; i < a.length; i++) {
                    if (a[i] >= 0 && b[i] >= 0) { // seen at both taps, as the latency engine counts a segment
                        s += b[i] - a[i];
                        cnt++;
                    }
                }
                double mean = cnt == 0 ? Double.NaN : s / cnt;
                segments.put(names.get(c - 1) + "->" + names.get(c), mean);
                components.merge(segs.get(c), mean, Double::sum);
            }
            Map<String, Long> drops = new LinkedHashMap<>();
            for (int k = 0; k < r.path().size(); k++) {
                if (r.drops()[k] > 0) {
                    drops.merge(r.path().get(k).role(), r.drops()[k], Long::sum);
                }
            }
            return new Measurement(txMpps, rxMpps, rxGbpsL1, loss, m == 0 ? Double.NaN : sum / m,
                    m == 0 ? -1 : lat[(int) Math.min(m - 1, Math.ceil(0.5 * m) - 1)],
                    m == 0 ? -1 : lat[(int) Math.min(m - 1, Math.ceil(0.99 * m) - 1)],
                    m == 0 ? -1 : lat[0], m == 0 ? -1 : lat[m - 1], segments, components, drops);
        }
    }
}
