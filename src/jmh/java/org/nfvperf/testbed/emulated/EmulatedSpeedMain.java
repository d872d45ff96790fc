package org.nfvperf.testbed.emulated;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.nfvperf.reproduction.PaperReproduction;

/**
 * Prints the speed of the emulated testbed as wall time and CPU time (the CPU time is what a
 * trial costs on an idle core; wall time also counts other processes on a shared machine):
 * 10-million-packet trials at 64B line rate, then the whole paper sweep.
 *
 * <p>Run: {@code mvn -P benchmarks -DskipTests package && java -Xmx3g -cp target/benchmarks.jar
 * org.nfvperf.testbed.emulated.EmulatedSpeedMain}. Not thread-safe; a command-line tool.
 */
public final class EmulatedSpeedMain {
    private EmulatedSpeedMain() {
    }

    public static void main(String[] args) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        String[] paths = {"bess/l3fwd", "bess/firewall+l3fwd+l2fwd", "clickos/firewall+l3fwd", "clickos/l3fwd"};
        for (String p : paths) {
            String[] q = p.split("/");
            Scenario s = new Scenario(Scenario.Dataplane.parse(q[0]), NetworkFunction.parseChain(q[1]), 2.6, 64, null,
                    Double.NaN, Scenario.Placement.SAME_SOCKET, 1, 10_000_000_000L);
            for (int rep = 0; rep < 3; rep++) {
                long cpu0 = mx.getCurrentThreadCpuTime();
                long wall0 = System.nanoTime();
                SimulationResult r = Emulator.simulate(s, 10_000_000, 42, 100);
                System.out.printf("trial %-28s 10M packets: cpu %.3f s, wall %.3f s (rx %d)%n", p,
                        (mx.getCurrentThreadCpuTime() - cpu0) / 1e9, (System.nanoTime() - wall0) / 1e9,
                        r.rxPackets());
            }
        }
        Path dir = Files.createTempDirectory("nfvperf-speed");
        long cpu0 = processCpu();
        long wall0 = System.nanoTime();
        PaperReproduction.Result r = PaperReproduction.run(dir, Set.of(), null);
        System.out.printf("paper sweep: %s trials, cpu %.1f s (process), wall %.1f s, %d/%d claims hold%n",
                r.provenance().get("trials"), (processCpu() - cpu0) / 1e9, (System.nanoTime() - wall0) / 1e9,
                r.claims().stream().filter(PaperReproduction.Claim::holds).count(), r.claims().size());
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
