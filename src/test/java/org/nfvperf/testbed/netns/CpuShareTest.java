package org.nfvperf.testbed.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CpuShareTest {
    @Test
    void quotaIsTheShareOfTheHundredMillisecondPeriod() {
        assertEquals(50_000, CpuShare.quotaMicros(0.5));
        assertEquals(100_000, CpuShare.quotaMicros(1));
        assertEquals(250_000, CpuShare.quotaMicros(2.5));
        assertEquals(1000, CpuShare.quotaMicros(0.001), "the kernel's smallest quota is 1 ms");
        assertThrows(IllegalArgumentException.class, () -> CpuShare.quotaMicros(0));
    }

    @Test
    void linuxTrialsRefuseACpuShare() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrialConfig(Chain.parse("l3fwd"),
                Dataplane.LINUX, 64, 1000, 1000, List.of(), 0, 0.5));
        assertTrue(e.getMessage().startsWith("factor cpu_share applies to dataplanes that forward in a process"), e.getMessage());
        assertEquals(0.5, new TrialConfig(Chain.parse("l3fwd"), Dataplane.OVS, 64, 1000, 1000, List.of(), 0, 0.5).cpuShare());
    }

    /** A real cgroup: the limit as the kernel holds it, a process moved in, and nothing left after close. */
    @Test
    void limitsAProcessAndLeavesNothingBehind() throws Exception {
        assumeTrue(CpuShare.root().isPresent() && "root".equals(System.getProperty("user.name")), "root and the cgroup cpu controller");
        String name = Leftovers.NAMESPACE_PREFIX + ProcessHandle.current().pid() + "-9999-dut1";
        Process busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        Path dir;
        try (CpuShare c = CpuShare.create(name, 0.1)) {
            dir = c.dir();
            assertEquals("10000 100000", c.limit());
            c.add(busy.pid());
            assertTrue(Files.readAllLines(dir.resolve("cgroup.procs")).contains(Long.toString(busy.pid())));
            Thread.sleep(600);
            assertTrue(c.throttling().matches("nr_throttled [1-9]\\d*.*"), "a busy loop at 10% of a core is throttled: "
                    + c.throttling());
        } finally {
            busy.destroyForcibly();
            busy.waitFor(5, TimeUnit.SECONDS);
        }
        assertFalse(Files.exists(dir), dir + " removed");
    }

    /** After a SIGKILL the owner is gone: testbed cleanup removes its cgroups by the pid in their name. */
    @Test
    void cgroupsOfADeadOwnerAreRemoved() throws Exception {
        assumeTrue(CpuShare.root().isPresent() && "root".equals(System.getProperty("user.name")), "root and the cgroup cpu controller");
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        String name = Leftovers.NAMESPACE_PREFIX + dead.pid() + "-1-dut2";
        CpuShare orphan = CpuShare.create(name, 0.5);
        assertTrue(Files.isDirectory(orphan.dir()));
        List<String> removed = CpuShare.removeDead();
        assertTrue(removed.contains(orphan.dir().toString()), removed.toString());
        assertFalse(Files.exists(orphan.dir()));
    }
}
