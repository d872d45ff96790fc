package org.nfvperf.testbed.emulated;

import java.util.List;

/** Scratch: prints calibration numbers. Not a test. */
public final class CalibrationProbe {
    public static void main(String[] a) {
        if (a.length > 0) {
            fit(a[0]);
        }
        double[] ghz = {1.2, 1.6, 2.0, 2.4, 2.6};
        double[][] pub = {{4.31, 5.73, 7.19, 8.60, 9.34}, {4.45, 5.92, 7.38, 8.87, 9.59},
                {2.10, 2.82, 3.44, 4.26, 5.34}, {1.98, 2.75, 3.27, 4.24, 5.03}};
        String[] dps = {"bess", "bess", "clickos", "clickos"};
        String[] nfs = {"l3fwd", "firewall", "l3fwd", "firewall"};
        for (int r = 0; r < 4; r++) {
            StringBuilder sb = new StringBuilder(dps[r] + " " + nfs[r] + ":");
            for (int i = 0; i < 5; i++) {
                double v = m(dps[r], nfs[r], ghz[i], 64, Double.NaN, "same-socket", 1).rxMpps();
                sb.append(String.format(" %.2f(%+.1f%%)", v, 100 * (v / pub[r][i] - 1)));
            }
            System.out.println(sb);
        }
        for (String dp : new String[] {"bess", "clickos"}) {
            for (double g : new double[] {1.2, 2.0, 2.4, 2.6}) {
                StringBuilder sb = new StringBuilder(dp + " l3fwd " + g + " lr%:");
                for (int fs : new int[] {64, 128, 256, 512, 1024, 1500}) {
                    var mm = m(dp, "l3fwd", g, fs, Double.NaN, "same-socket", 1);
                    sb.append(String.format(" %d:%.1f", fs, 100 * mm.rxMpps() / mm.txMpps()));
                }
                System.out.println(sb);
            }
            for (String ch : new String[] {"firewall+l3fwd", "firewall+l3fwd+l2fwd"}) {
                for (String pl : new String[] {"same-socket", "cross-socket", "via-nic"}) {
                    StringBuilder sb = new StringBuilder(dp + " " + ch + " " + pl + " 2.6 Mpps/lr%:");
                    for (int fs : new int[] {64, 128, 256, 512, 1024, 1500}) {
                        var mm = m(dp, ch, 2.6, fs, Double.NaN, pl, 1);
                        sb.append(String.format(" %d:%.2f/%.0f", fs, mm.rxMpps(), 100 * mm.rxMpps() / mm.txMpps()));
                    }
                    System.out.println(sb);
                }
            }
            StringBuilder sb = new StringBuilder(dp + " 2q 2.6 lr%:");
            for (int fs : new int[] {64, 128, 256, 512}) {
                var mm = m(dp, "l3fwd", 2.6, fs, Double.NaN, "same-socket", 2);
                sb.append(String.format(" %d:%.1f", fs, 100 * mm.rxMpps() / mm.txMpps()));
            }
            System.out.println(sb);
            sb = new StringBuilder(dp + " fig5 2.0 128B lat us:");
            for (double r : new double[] {0.0001, 1, 2, 3, 4, 5, 6, 7, 8}) {
                var mm = m(dp, "l3fwd", 2.0, 128, r * 1e6, "same-socket", 1);
                sb.append(String.format(" %s:%.1f", r, mm.latMeanNanos() / 1000));
            }
            System.out.println(sb);
            for (String ch : new String[] {"firewall", "l3fwd", "firewall+l3fwd", "firewall+l3fwd+l2fwd"}) {
                var mm = m(dp, ch, 2.0, 128, 2e6, "same-socket", 1);
                System.out.printf("%s fig6 %s %.2f us rx %.2f comps %s%n", dp, ch, mm.latMeanNanos() / 1000, mm.rxMpps(),
                        mm.components());
            }
        }
    }

    static void fit(String dp) {
        double[] ghz = {1.2, 1.6, 2.0, 2.4, 2.6};
        double[][] pub = dp.equals("bess") ? new double[][] {{4.31, 5.73, 7.19, 8.60, 9.34}, {4.45, 5.92, 7.38, 8.87, 9.59}}
                : new double[][] {{2.10, 2.82, 3.44, 4.26, 5.34}, {1.98, 2.75, 3.27, 4.24, 5.03}};
        double[] k = dp.equals("bess") ? ModelParameters.KAPPA_BESS : ModelParameters.KAPPA_CLICKOS;
        for (int i = 0; i < 5; i++) {
            double lo = 0, hi = 20;
            for (int it = 0; it < 30; it++) {
                double mid = (lo + hi) / 2;
                k[i] = mid;
                double l3 = m(dp, "l3fwd", ghz[i], 64, Double.NaN, "same-socket", 1).rxMpps();
                double fw = m(dp, "firewall", ghz[i], 64, Double.NaN, "same-socket", 1).rxMpps();
                double g = Math.sqrt(l3 / pub[0][i] * fw / pub[1][i]);
                if (g > 1) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            System.out.printf("kappa %s %.1f = %.4f%n", dp, ghz[i], k[i]);
        }
    }

    static Emulator.Measurement m(String dp, String chain, double ghz, int fs, double rate, String pl, int q) {
        Scenario s = new Scenario(Scenario.Dataplane.parse(dp), NetworkFunction.parseChain(chain), ghz, fs, null,
                rate, Scenario.Placement.parse(pl), q, 10_000_000_000L);
        int n = rate < 1000 ? 100 : 200_000;
        return Emulator.measure(s, n, 7, n < 1000 ? 1 : 100);
    }
}
