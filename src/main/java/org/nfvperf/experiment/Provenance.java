package org.nfvperf.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What a trial ran on, for {@code meta.json}: software versions and host details. Stateless and
 * thread-safe; values are read once.
 *
 * <pre>{@code
 * Map<String, Object> v = Provenance.versions();   // {nfvperf=0.1.0-SNAPSHOT, java=17.0.13, os=Linux 6.1 amd64}
 * }</pre>
 */
public final class Provenance {
    private static final Map<String, Object> VERSIONS = readVersions();
    private static final Map<String, Object> HOST = readHost();

    private Provenance() {
    }

    /** {@code nfvperf}, {@code java}, {@code java_vm}, {@code os}. */
    public static Map<String, Object> versions() {
        return VERSIONS;
    }

    /** {@code hostname}, {@code cpus}, {@code cpu_model} (Linux only), {@code memory_max_bytes} of this JVM. */
    public static Map<String, Object> host() {
        return HOST;
    }

    private static Map<String, Object> readVersions() {
        Map<String, Object> m = new LinkedHashMap<>();
        Properties p = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream("/nfvperf-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // the version is informative only
        }
        m.put("nfvperf", p.getProperty("version", "unknown"));
        m.put("java", System.getProperty("java.version"));
        m.put("java_vm", System.getProperty("java.vm.name"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<String, Object> readHost() {
        Map<String, Object> m = new LinkedHashMap<>();
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            host = firstLine(Path.of("/etc/hostname"), "unknown");
        }
        m.put("hostname", host.trim());
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        String model = "unknown";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException e) {
            // not Linux: leave unknown
        }
        m.put("cpu_model", model);
        m.put("memory_max_bytes", Runtime.getRuntime().maxMemory());
        return java.util.Collections.unmodifiableMap(m);
    }

    private static String firstLine(Path p, String otherwise) {
        try {
            return Files.readAllLines(p).stream().findFirst().orElse(otherwise);
        } catch (IOException e) {
            return otherwise;
        }
    }
}
