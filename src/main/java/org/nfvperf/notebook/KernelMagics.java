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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nfvperf.util.Json;

/**
 * The IJava magics {@code %classpath}, {@code %jars}, {@code %load}, {@code %maven},
 * {@code %mavenRepo}, {@code %loadFromPOM} (line and cell), and this kernel's own cell magic
 * {@code %%shell}.
 *
 * <ul>
 *   <li>{@code %classpath PATH...}: each argument may hold several entries separated by
 *       {@code :}; globs allowed; directories and jars alike.</li>
 *   <li>{@code %jars GLOB...}: jar files; a glob matching nothing is reported on stderr, not an
 *       error, so a notebook's {@code %jars ../target/nfvperf.jar} is harmless where the toolkit is
 *       already on the class path.</li>
 *   <li>{@code %load FILE}: runs a {@code .jsh}/{@code .jshell}/{@code .java}/{@code .ijava} file, or
 *       every code cell of an {@code .ipynb}; the extension may be left out.</li>
 *   <li>{@code %maven GROUP:ARTIFACT:VERSION...}: resolves the artifacts and their compile and
 *       runtime dependencies from Maven Central and the {@code %mavenRepo} repositories, cached in
 *       the local repository ({@code ~/.m2/repository}), and puts them on the class path
 *       ({@link MavenDependencies}).</li>
 *   <li>{@code %mavenRepo ID URL}: one more repository for {@code %maven}.</li>
 *   <li>{@code %loadFromPOM FILE [SCOPE...]} and the cell magic {@code %%loadFromPOM [SCOPE...]}
 *       whose body is a POM or its {@code <dependencies>}: the POM's repositories and
 *       dependencies, as {@code %maven}.</li>
 *   <li>{@code %%shell [ARGS]} (this kernel's own, not IJava's): runs the cell body with {@code bash -s ARGS}, streaming its output;
 *       a non-zero exit status fails the cell; an interrupt kills the shell and its children.</li>
 * </ul>
 *
 * <p>Not thread-safe; used by the evaluator's thread.
 * <pre>{@code
 * KernelMagics.registerAll(evaluator, System.out);
 * evaluator.eval("%jars lib/*.jar", 1);
 * }</pre>
 */
final class KernelMagics {
    /** The magic names, for error messages. */
    static final String NAMES = "%classpath, %jars, %load, %maven, %mavenRepo, %loadFromPOM, %%loadFromPOM, %%shell";
    /** Scopes {@code %maven} and {@code %loadFromPOM} put on the class path unless told otherwise. */
    static final Set<String> DEFAULT_SCOPES = Set.of("compile", "runtime");
    private static final List<String> LOAD_EXTENSIONS = List.of(".jsh", ".jshell", ".java", ".ijava", ".ipynb");

    private final CellEvaluator evaluator;
    private volatile Process running;
    private MavenDependencies maven;

    private KernelMagics(CellEvaluator evaluator) {
        this.evaluator = evaluator;
        evaluator.onInterrupt(() -> {
            Process p = running;
            if (p != null) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        });
    }

    /** Registers every magic with the evaluator. */
    public static void registerAll(CellEvaluator evaluator) {
        KernelMagics m = new KernelMagics(evaluator);
        evaluator.magics().registerLineMagic("classpath", m::classpath);
        evaluator.magics().registerLineMagic("jars", m::jars);
        evaluator.magics().registerLineMagic("load", m::load);
        evaluator.magics().registerLineMagic("maven", m::maven);
        evaluator.magics().registerLineMagic("mavenRepo", m::mavenRepo);
        evaluator.magics().registerLineMagic("loadFromPOM", m::loadFromPomFile);
        evaluator.magics().registerCellMagic("loadFromPOM", m::loadFromPomCell);
        evaluator.magics().registerCellMagic("shell", m::shell);
    }

    private MavenDependencies maven() {
        if (maven == null) {
            maven = MavenDependencies.fromSystemProperties();
        }
        return maven;
    }

    private Object maven(List<String> args) throws IOException {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("%maven needs at least one group:artifact:version");
        }
        addJars("%maven", maven().resolve(args, DEFAULT_SCOPES));
        return null;
    }

    private Object mavenRepo(List<String> args) {
        if (args.size() != 2) {
            throw new IllegalArgumentException("%mavenRepo takes an id and a URL: " + args);
        }
        maven().addRepository(args.get(0), args.get(1));
        return null;
    }

    private Object loadFromPomFile(List<String> args) throws IOException {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("%loadFromPOM takes a POM file and optional scopes: " + args);
        }
        Path pom = evaluator.workingDir().resolve(args.get(0)).normalize();
        if (!Files.isRegularFile(pom)) {
            throw new NoSuchFileException(pom.toString(), null, "no such POM file");
        }
        Set<String> scopes = args.size() > 1 ? new LinkedHashSet<>(args.subList(1, args.size())) : DEFAULT_SCOPES;
        addJars("%loadFromPOM", maven().resolvePom(pom, scopes));
        return null;
    }

    private Object loadFromPomCell(List<String> args, String body) throws IOException {
        Set<String> scopes = args.isEmpty() ? DEFAULT_SCOPES : new LinkedHashSet<>(args);
        addJars("%%loadFromPOM", maven().resolvePom(body, "the cell's POM", scopes));
        return null;
    }

    private void addJars(String magic, List<Path> files) {
        List<String> names = new ArrayList<>();
        for (Path p : files) {
            evaluator.shell().addToClasspath(p.toString());
            names.add(p.getFileName().toString());
        }
        System.out.println(magic + ": " + files.size() + (files.size() == 1 ? " jar" : " jars") + " on the class path"
                + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")") + ", cached in " + maven().localRepository());
        System.out.flush();
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
        running = p;
        int status;
        try {
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
            status = p.waitFor();
        } finally {
            running = null;
        }
        if (status != 0) {
            throw new IllegalStateException("the shell exited with status " + status);
        }
        return null;
    }
}
