package org.nfvperf.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nfvperf.util.InputException;
import org.nfvperf.util.Json;

/**
 * Writes the Jupyter kernelspec {@code java} ("Java (nfvperf)") whose {@code argv} starts this
 * toolkit's kernel with the absolute path of the running jar (or, when run from class
 * directories as in tests, the whole class path), with {@code interrupt_mode: message} so that
 * an interrupt stops the cell instead of killing the JVM.
 *
 * <p>Where it goes, as {@code jupyter kernelspec install} decides: {@code --prefix DIR} gives
 * {@code DIR/share/jupyter/kernels/java}; {@code --user} gives
 * {@code $JUPYTER_DATA_DIR/kernels/java} or {@code ~/.local/share/jupyter/kernels/java}
 * (honouring {@code XDG_DATA_HOME}); otherwise the system-wide
 * {@code /usr/local/share/jupyter/kernels/java}. A {@code java} kernelspec that differs (for
 * example IJava's) is replaced only with {@code force}.
 *
 * <p>Immutable and thread-safe.
 * <pre>{@code
 * KernelSpecInstaller.Result r = KernelSpecInstaller.forThisJvm()
 *         .install(KernelSpecInstaller.Target.prefix(Path.of("/tmp/jp")), false);
 * // r.directory() = /tmp/jp/share/jupyter/kernels/java
 * }</pre>
 *
 * @param javaExecutable the {@code java} launcher the kernel runs with
 * @param classpath      class path of the kernel JVM (absolute entries)
 */
public record KernelSpecInstaller(Path javaExecutable, List<String> classpath) {
    /** Kernelspec name, the one IJava uses, so notebooks open in either. */
    public static final String KERNEL_NAME = "java";
    /** Display name shown by Jupyter. */
    public static final String DISPLAY_NAME = "Java (nfvperf)";

    /** Validates. */
    public KernelSpecInstaller {
        if (!javaExecutable.isAbsolute()) {
            throw new IllegalArgumentException("javaExecutable must be absolute: " + javaExecutable);
        }
        classpath = List.copyOf(classpath);
        if (classpath.isEmpty()) {
            throw new IllegalArgumentException("classpath must not be empty: " + classpath);
        }
    }

    /** Where to install. */
    public record Target(Path kernelsDir) {
        /** {@code DIR/share/jupyter/kernels}. */
        public static Target prefix(Path dir) {
            return new Target(dir.toAbsolutePath().resolve("share/jupyter/kernels"));
        }

        /** The user's Jupyter data directory's {@code kernels}. */
        public static Target user(Map<String, String> env) {
            String data = env.get("JUPYTER_DATA_DIR");
            if (data != null && !data.isBlank()) {
                return new Target(Path.of(data).toAbsolutePath().resolve("kernels"));
            }
            String xdg = env.get("XDG_DATA_HOME");
            Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local/share");
            return new Target(base.toAbsolutePath().resolve("jupyter/kernels"));
        }

        /** The system-wide {@code /usr/local/share/jupyter/kernels}. */
        public static Target system() {
            return new Target(Path.of("/usr/local/share/jupyter/kernels"));
        }
    }

    /**
     * What {@link #install} did.
     *
     * @param directory the kernelspec directory
     * @param changed   false when an identical kernelspec was already there
     */
    public record Result(Path directory, boolean changed) {
    }

    /** The installer for the JVM running now: its {@code java} and its jar or class path. */
    public static KernelSpecInstaller forThisJvm() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cp = new ArrayList<>();
        try {
            Path code = Path.of(KernelSpecInstaller.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(code)) {
                cp.add(code.toAbsolutePath().toString());
            } else {
                for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
                    if (!e.isBlank()) {
                        cp.add(Path.of(e).toAbsolutePath().toString());
                    }
                }
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the nfvperf classes: " + e.getMessage(), e);
        }
        return new KernelSpecInstaller(java, cp);
    }

    /** The {@code kernel.json} content. */
    public ObjectNode kernelJson() {
        ObjectNode spec = Json.MAPPER.createObjectNode();
        ArrayNode argv = spec.putArray("argv");
        argv.add(javaExecutable.toString());
        argv.add("-Djava.awt.headless=true");
        argv.add("-cp");
        argv.add(String.join(File.pathSeparator, classpath));
        argv.add(KernelMain.class.getName());
        argv.add("{connection_file}");
        spec.put("display_name", DISPLAY_NAME);
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        spec.putObject("env");
        spec.putObject("metadata").put("nfvperf", true);
        return spec;
    }

    /**
     * Writes {@code kernel.json} into {@code target}'s {@code java} directory.
     *
     * @param force replace a different {@code java} kernelspec
     * @throws InputException if a different {@code java} kernelspec exists and {@code force} is false,
     *                        or the existing one cannot be parsed (exit code 2)
     * @throws IOException    if the directory cannot be written
     */
    public Result install(Target target, boolean force) throws IOException {
        Path dir = target.kernelsDir().resolve(KERNEL_NAME);
        Path file = dir.resolve("kernel.json");
        ObjectNode spec = kernelJson();
        if (Files.exists(file)) {
            JsonNode existing;
            try {
                existing = Json.MAPPER.readTree(file.toFile());
            } catch (IOException e) {
                if (!force) {
                    throw new InputException(file + ": existing kernelspec is not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
                            + "); use --force to replace it");
                }
                existing = null;
            }
            if (spec.equals(existing)) {
                return new Result(dir, false);
            }
            if (!force) {
                String name = existing == null ? "?" : existing.path("display_name").asText("?");
                throw new InputException(file + ": a different kernel named '" + KERNEL_NAME + "' is installed (display name '"
                        + name + "'); use --force to replace it");
            }
        }
        Files.createDirectories(dir);
        Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(spec) + "\n");
        return new Result(dir, true);
    }
}
