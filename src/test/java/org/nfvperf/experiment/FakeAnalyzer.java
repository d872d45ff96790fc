package org.nfvperf.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only analyzer for the artifacts of {@link FakeRunnerProvider}: reads the rates back from the
 * fake logs and makes latencies from the taps' positions (segment i: 1000·(i+1) ns mean).
 */
final class FakeAnalyzer implements TrialAnalyzer {
    /** Fraction of offered packets the fake dataplane delivers: 1 for bess, 0.5 otherwise, 1% less each repetition. */
    static double deliveredFraction(Trial t) {
        return (t.factor("dataplane", "bess").equals("bess") ? 1.0 : 0.5) - 0.01 * (t.repetition() - 1);
    }

    @Override
    public TrialMetrics analyze(Trial trial, Path dir) throws Exception {
        double tx = value(dir.resolve("gen-tx.log"), "tx_mpps=");
        double rx = value(dir.resolve("gen-rx.log"), "rx_mpps=");
        int size = trial.frameSizeBytes();
        double line = org.nfvperf.throughput.Ethernet.linePps(org.nfvperf.throughput.LinkSpeed.parse(trial.link()), size) / 1e6;
        TrialMetrics.Throughput tp = new TrialMetrics.Throughput(tx, rx, rx * size * 8 / 1e3, rx * (size + 20) * 8 / 1e3,
                100 * rx / line, 100 * (1 - rx / tx));
        List<TrialMetrics.Segment> segs = new ArrayList<>();
        double total = 0;
        for (int i = 0; i + 1 < trial.taps().size(); i++) {
            String from = trial.taps().get(i);
            if (!Files.exists(dir.resolve("tap-" + from + ".pcap"))) {
                throw new java.nio.file.NoSuchFileException(dir.resolve("tap-" + from + ".pcap").toString());
            }
            double mean = 1000.0 * (i + 1);
            total += mean;
            segs.add(new TrialMetrics.Segment(from, trial.taps().get(i + 1),
                    new TrialMetrics.Latency(mean - 100, mean, mean, mean + 500, mean + 900)));
        }
        TrialMetrics.Latency e2e = segs.isEmpty() ? TrialMetrics.Latency.NONE
                : new TrialMetrics.Latency(total - 100, total, total, total + 500, total + 900);
        return new TrialMetrics(tp, e2e, segs);
    }

    private static double value(Path log, String key) throws Exception {
        String text = Files.readString(log);
        int i = text.indexOf(key);
        return Double.parseDouble(text.substring(i + key.length()).trim());
    }
}
