package org.nfvperf.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfvperf.util.Json;

class KernelSpecInstallerTest {
    @TempDir
    Path tmp;

    private String[] run(String... args) {
        return org.nfvperf.cli.CliRun.run(args).asArray();
    }

    @Test
    void kernelJsonStartsKernelMainWithMessageInterrupts() {
        KernelSpecInstaller i = new KernelSpecInstaller(Path.of("/opt/jdk/bin/java"), List.of("/x/nfvperf.jar"));
        assertEquals("{\"argv\":[\"/opt/jdk/bin/java\",\"-Djava.awt.headless=true\",\"-cp\",\"/x/nfvperf.jar\","
                + "\"org.nfvperf.notebook.KernelMain\",\"{connection_file}\"],\"display_name\":\"Java (nfvperf)\","
                + "\"language\":\"java\",\"interrupt_mode\":\"message\",\"env\":{},\"metadata\":{\"nfvperf\":true}}",
                i.kernelJson().toString());
    }

    @Test
    void targetsFollowJupyterConventions() {
        assertEquals(tmp.resolve("p/share/jupyter/kernels"), KernelSpecInstaller.Target.prefix(tmp.resolve("p")).kernelsDir());
        assertEquals(Path.of("/d/kernels"), KernelSpecInstaller.Target.user(Map.of("JUPYTER_DATA_DIR", "/d")).kernelsDir());
        assertEquals(Path.of("/x/jupyter/kernels"), KernelSpecInstaller.Target.user(Map.of("XDG_DATA_HOME", "/x")).kernelsDir());
        assertEquals(Path.of(System.getProperty("user.home"), ".local/share/jupyter/kernels"),
                KernelSpecInstaller.Target.user(Map.of()).kernelsDir());
        assertEquals(Path.of("/usr/local/share/jupyter/kernels"), KernelSpecInstaller.Target.system().kernelsDir());
    }

    @Test
    void installIsIdempotentAndRefusesAnotherJavaKernelWithoutForce() throws Exception {
        Path prefix = tmp.resolve("prefix");
        String[] first = run("kernel", "install", "--prefix", prefix.toString());
        Path dir = prefix.resolve("share/jupyter/kernels/java").toAbsolutePath();
        assertEquals("0", first[0], first[2]);
        assertEquals("installed kernelspec 'java' in " + dir + "\n", first[1]);
        assertEquals(KernelSpecInstaller.forThisJvm().kernelJson(), Json.MAPPER.readTree(dir.resolve("kernel.json").toFile()));
        String[] again = run("kernel", "install", "--prefix", prefix.toString());
        assertEquals("kernelspec 'java' already up to date in " + dir + "\n", again[1]);

        Files.writeString(dir.resolve("kernel.json"), "{\"argv\":[\"java\",\"-jar\",\"ijava.jar\"],\"display_name\":\"Java\",\"language\":\"java\"}");
        String[] refused = run("kernel", "install", "--prefix", prefix.toString());
        assertEquals("2", refused[0]);
        assertEquals("nfvperf: " + dir.resolve("kernel.json") + ": a different kernel named 'java' is installed (display name 'Java'); "
                + "use --force to replace it\n", refused[2]);
        String[] forced = run("kernel", "install", "--prefix", prefix.toString(), "--force");
        assertEquals("0", forced[0], forced[2]);
        assertEquals(KernelSpecInstaller.forThisJvm().kernelJson(), Json.MAPPER.readTree(dir.resolve("kernel.json").toFile()));
    }

    @Test
    void userAndPrefixAreExclusive() {
        String[] r = run("kernel", "install", "--user", "--prefix", "/tmp/x");
        assertEquals("2", r[0]);
        assertTrue(r[2].startsWith("nfvperf: Error: --user, --prefix=DIR are mutually exclusive"), r[2]);
    }

    @Test
    void runNeedsAnExistingConnectionFile() {
        String[] r = run("kernel", "run", tmp.resolve("missing.json").toString());
        assertEquals("2", r[0]);
        assertEquals("nfvperf: " + tmp.resolve("missing.json") + ": no such file\n", r[2]);
        assertFalse(Files.exists(tmp.resolve("missing.json")));
    }
}
