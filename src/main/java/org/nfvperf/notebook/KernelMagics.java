package org.nfvperf.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nfvperf.util.Json;

/**
 * The IJava-compatible magics: {@code %classpath}, {@code %jars}, {@code %load} and the cell
 * magic {@code %%shell}.
 *
 * <ul>
 *   <li>{@code %classpath PATH...}: each argument may hold several entries separated by
 *       {@code :}; globs allowed; directories and jars alike.</li>
 *   <li>{@code %jars GLOB...}: jar files; a glob matching nothing is reported on stderr, not an
 *       error, so a notebook's {@code %jars ../target/nfvperf.jar} is harmless where the toolkit is
 *       already on the class path.</li>
 *   <li>{@code %load FILE}: runs a {@code .jsh}/{@code .jshell}/{@code .java}/{@code .ijava} file, or
 *       every code cell of an {@code .ipynb}; the extension may be left out.</li>
 *   <li>{@code %%shell [ARGS]}: runs the cell body with {@code bash -s ARGS}, streaming its output;
 *       a non-zero exit status fails the cell.</li>
 * </ul>
 *
 * <p>Not thread-safe; used by the evaluator's thread.
 * <pre>{@code
 * KernelMagics.registerAll(evaluator, System.out);
 * evaluator.eval("%jars lib/*.jar", 1);
 * }</pre>
 */
public final class KernelMagics {
    /** The magic names, for error messages. */
    static final String NAMES = "%classpath, %jars, %load, %%shell";
    private static final List<String> LOAD_EXTENSIONS = List.of(".jsh", ".jshell", ".java", ".ijava", ".ipynb");

    private final CellEvaluator evaluator;

    private KernelMagics(CellEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    /** Registers every magic with the evaluator. */
    public static void registerAll(CellEvaluator evaluator) {
        KernelMagics m = new KernelMagics(evaluator);
        evaluator.magics().registerLineMagic("classpath", m::classpath);
        evaluator.magics().registerLineMagic("jars", m::jars);
        evaluator.magics().registerLineMagic("load", m::load);
        evaluator.magics().registerCellMagic("shell", m::shell);
    }

    private Object classpath(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("%classpath needs at least one path or glob");
        }
        for (String arg : args) {
            for (String entry : KernelConfig.splitPath(arg)) {
                if (evaluator.addToClasspath(entry).isEmpty()) {
                    throw new IllegalArgumentException("%classpath: nothing matches '" + entry + "' (relative to "
                            + evaluator.workingDir() + ")");
                }
            }
        }
        return null;
    }

    private Object jars(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("%jars needs at least one jar path or glob");
        }
        for (String glob : args) {
            List<Path> added = new ArrayList<>();
            for (Path p : Globs.expand(glob, evaluator.workingDir())) {
                if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar")) {
                    evaluator.shell().addToClasspath(p.toString());
                    added.add(p);
                }
            }
            if (added.isEmpty()) {
                System.err.println("%jars: no jar matches '" + glob + "' (relative to " + evaluator.workingDir() + ")");
            }
        }
        return null;
    }

    private Object load(List<String> args) throws Exception {
        if (args.size() != 1) {
            throw new IllegalArgumentException("%load takes exactly one file: " + args);
        }
        Path file = resolveLoadable(args.get(0));
        if (file.getFileName().toString().endsWith(".ipynb")) {
            JsonNode nb = Json.MAPPER.readTree(file.toFile());
            Object last = null;
            int index = 0;
            for (JsonNode cell : nb.path("cells")) {
                index++;
                if ("code".equals(cell.path("cell_type").asText())) {
                    last = evaluator.evalSource(sourceOf(cell.path("source")), file.getFileName() + " cell " + index).orElse(null);
                }
            }
            return last;
        }
        return evaluator.evalSource(Files.readString(file), file.getFileName().toString()).orElse(null);
    }

    private Path resolveLoadable(String name) throws NoSuchFileException {
        Path base = evaluator.workingDir();
        Path direct = base.resolve(name).normalize();
        if (Files.isRegularFile(direct)) {
            return direct;
        }
        for (String ext : LOAD_EXTENSIONS) {
            Path p = base.resolve(name + ext).normalize();
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new NoSuchFileException(direct.toString(), null, "no such file (also tried " + LOAD_EXTENSIONS + ")");
    }

    private static String sourceOf(JsonNode source) {
        if (source.isArray()) {
            StringBuilder sb = new StringBuilder();
            source.forEach(line -> sb.append(line.asText()));
            return sb.toString();
        }
        return source.asText();
    }

    private Object shell(List<String> args, String body) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", "-s", "--"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).directory(evaluator.workingDir().toFile()).redirectErrorStream(true).start();
        p.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        PrintStream out = System.out;
        try (InputStream in = p.getInputStream()) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        }
        int status = p.waitFor();
        if (status != 0) {
            throw new IllegalStateException("the shell exited with status " + status);
        }
        return null;
    }
}
