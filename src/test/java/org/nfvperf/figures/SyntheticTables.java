package org.nfvperf.figures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a tables directory in the schemas of {@code nfvperf reproduce} (issue 5) with simple,
 * plausible synthetic numbers: a capacity proportional to CPU speed capped by the line rate.
 * Test data only; nothing here pretends to be a model of the testbed.
 */
final class SyntheticTables {
    static final double[] GHZ = {1.2, 1.6, 2.0, 2.4, 2.6};
    static final int[] SIZES = {64, 128, 256, 512, 1024, 1500};

    private SyntheticTables() {
    }

    static double lineRate(int size) {
        return 1e4 / ((size + 20) * 8.0);
    }

    static double capacity(String dp, double ghz) {
        return (dp.equals("bess") ? 3.6 : 2.0) * ghz;
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** Writes DIR/tables/*.csv and DIR/claims.csv; returns DIR/tables. */
    static Path write(Path dir) throws IOException {
        Path t = dir.resolve("tables");
        Files.createDirectories(t);
        List<String> table1 = new ArrayList<>(List.of("dataplane,nf,cpu_ghz,reproduced_mpps,published_mpps,error_pct"));
        List<String> fig2 = new ArrayList<>(List.of("dataplane,nf,cpu_ghz,frame_size,rx_mpps,rx_gbps_l1,line_rate_pct"));
        double[][] pub = {{4.31, 5.73, 7.19, 8.60, 9.34}, {2.10, 2.82, 3.44, 4.26, 5.34}};
        String[] dps = {"bess", "clickos"};
        for (int d = 0; d < 2; d++) {
            for (String nf : new String[] {"l3fwd", "firewall"}) {
                for (int g = 0; g < GHZ.length; g++) {
                    double cap = capacity(dps[d], GHZ[g]);
                    double p = pub[d][g];
                    table1.add(String.join(",", dps[d], nf, Double.toString(GHZ[g]), f(cap), Double.toString(p),
                            f(100 * (cap - p) / p)));
                    for (int s : SIZES) {
                        double rx = Math.min(cap, lineRate(s));
                        fig2.add(String.join(",", dps[d], nf, Double.toString(GHZ[g]), Integer.toString(s), f(rx),
                                f(rx * (s + 20) * 8 / 1e3), f(100 * rx / lineRate(s))));
                    }
                }
            }
        }
        Files.write(t.resolve("table1.csv"), table1);
        Files.write(t.resolve("fig2.csv"), fig2);

        List<String> bn = new ArrayList<>(List.of("dataplane,vnic_queues,frame_size,rx_mpps,line_rate_pct"));
        List<String> f3 = new ArrayList<>(List.of("dataplane,chain_length,chain,frame_size,rx_mpps,line_rate_pct"));
        String[] chains = {"l3fwd", "firewall+l3fwd", "firewall+l3fwd+l2fwd"};
        for (String dp : dps) {
            for (int q = 1; q <= 2; q++) {
                for (int s : SIZES) {
                    double cap = capacity(dp, 2.6) * (dp.equals("bess") ? q : 1);
                    double rx = Math.min(cap, lineRate(s));
                    bn.add(String.join(",", dp, Integer.toString(q), Integer.toString(s), f(rx), f(100 * rx / lineRate(s))));
                }
            }
            for (int len = 1; len <= 3; len++) {
                for (int s : SIZES) {
                    double rx = Math.min(capacity(dp, 2.6) / (dp.equals("bess") ? Math.min(len, 2) * 0.6 + 0.4 : len), lineRate(s));
                    f3.add(String.join(",", dp, Integer.toString(len), chains[len - 1], Integer.toString(s), f(rx),
                            f(100 * rx / lineRate(s))));
                }
            }
        }
        Files.write(t.resolve("bottleneck.csv"), bn);
        Files.write(t.resolve("fig3.csv"), f3);

        List<String> f4 = new ArrayList<>(List.of("dataplane,chain_length,placement,frame_size,rx_mpps,line_rate_pct"));
        for (int len = 2; len <= 3; len++) {
            for (String pl : new String[] {"same-socket", "cross-socket", "via-nic"}) {
                for (int s : SIZES) {
                    double cap = 7.5 * (pl.equals("cross-socket") ? 0.5 : 1) / (len == 3 && pl.equals("cross-socket") ? 1.2 : 1);
                    double rx = Math.min(cap, lineRate(s));
                    f4.add(String.join(",", "bess", Integer.toString(len), pl, Integer.toString(s), f(rx), f(100 * rx / lineRate(s))));
                }
            }
        }
        Files.write(t.resolve("fig4.csv"), f4);

        List<String> f5 = new ArrayList<>(List.of("dataplane,offered_mpps,lat_mean_ns,lat_p50_ns,lat_p99_ns"));
        double[] rates = {0.0001, 1, 2, 3, 4, 5, 6, 7, 8};
        double[] bess = {250_000, 30_000, 24_000, 20_000, 17_000, 15_000, 13_500, 13_000, 90_000};
        double[] click = {60_000, 20_000, 22_000, 25_000, 28_000, 32_000, 37_000, 45_000, 60_000};
        for (int i = 0; i < rates.length; i++) {
            f5.add(String.join(",", "bess", Double.toString(rates[i]), f(bess[i]), f(bess[i] * 0.95), f(bess[i] * 1.8)));
            f5.add(String.join(",", "clickos", Double.toString(rates[i]), f(click[i]), f(click[i] * 0.95), f(click[i] * 1.6)));
        }
        Files.write(t.resolve("fig5.csv"), f5);

        List<String> f6 = new ArrayList<>(List.of(
                "dataplane,chain,lat_mean_ns,transmission_ns,dataplane_io_ns,nf_io_ns,nf_processing_ns,largest_component"));
        String[] c6 = {"firewall", "l3fwd", "firewall+l3fwd", "firewall+l3fwd+l2fwd"};
        for (String dp : dps) {
            for (int i = 0; i < c6.length; i++) {
                int n = c6[i].split("\\+").length;
                double tx = 1_000;
                double dio = 5_000;
                double nio = 3_000 * n * (dp.equals("clickos") ? 1.5 : 1);
                double proc = 9_000 * n + (i == 1 ? 1_000 : 0);
                f6.add(String.join(",", dp, c6[i], f(tx + dio + nio + proc), f(tx), f(dio), f(nio), f(proc), "nf_processing"));
            }
        }
        Files.write(t.resolve("fig6.csv"), f6);

        List<String> fb = new ArrayList<>(List.of("dataplane,cpu_ghz,utilization_pct,offered_mpps,rx_mpps,loss_pct"));
        for (String dp : dps) {
            for (double g : new double[] {1.2, 2.6}) {
                for (int u : new int[] {10, 20, 50, 100}) {
                    double offered = 9.7 * u / 100.0;
                    double rx = Math.min(offered, capacity(dp, g) * 1.2);
                    fb.add(String.join(",", dp, Double.toString(g), Integer.toString(u), f(offered), f(rx),
                            f(100 * (offered - rx) / offered)));
                }
            }
        }
        Files.write(t.resolve("fbmix.csv"), fb);

        // stage counters as the offered rate rises: BESS's VM saturates at 9 Mpps, ClickOS's VALE copy at 5
        List<String> st = new ArrayList<>(List.of("dataplane,offered_mpps,rx_mpps,duration_s,cpu_bess_worker_pct,"
                + "cpu_bess_vm_pct,drop_bess_vm_pkts,cpu_clickos_vale_pct,drop_clickos_vm_pkts,drop_wire_pkts"));
        for (String dp : dps) {
            double cap = dp.equals("bess") ? 9 : 5;
            for (double r = 2; r <= 14; r += 2) {
                double rx = Math.min(r, cap);
                long drops = Math.round((r - rx) * 1e6);
                st.add(dp.equals("bess")
                        ? String.join(",", dp, f(r), f(rx), "1", f(100 * rx / 10), f(100 * rx / cap), Long.toString(drops), "", "", "0")
                        : String.join(",", dp, f(r), f(rx), "1", "", "", "", f(100 * rx / cap), Long.toString(drops), "0"));
            }
        }
        Files.write(t.resolve("stages.csv"), st);

        Files.write(dir.resolve("claims.csv"), List.of(
                "key,section,claim,published,reproduced,unit,error_pct,holds",
                "table1.bess.l3fwd.2.6,4.1,BESS L3FWD 64B at 2.6 GHz,9.34,9.36,Mpps,0.21,true",
                "fig5.bess.knee,5.1,BESS latency starts to rise at about 7 Mpps,7,7,Mpps,0,true",
                "fig6.bess.chain2,5.2,BESS 2-NF chain latency,34.326,40.1,us,16.8,false"));
        return t;
    }
}
