package org.nfvperf.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.nfvperf.util.InputException;
import org.nfvperf.util.Json;

/**
 * Executes notebooks headless through real Jupyter ({@code jupyter nbconvert --execute} with
 * the {@code java} kernel), writes the executed {@code .ipynb} and its {@code .html} into an
 * output folder, and finds every cell that errored or printed an error output.
 *
 * <p>Cells run with errors allowed so that the executed notebook is always written (nothing
 * computed is lost), then the outputs are scanned: any {@code "output_type": "error"} fails
 * the notebook, named by cell. When no {@code java} kernelspec is installed, one for this JVM
 * is installed into a private prefix under the output folder and put first on
 * {@code JUPYTER_PATH}.
 *
 * <p>Not thread-safe; runs one notebook at a time.
 * <pre>{@code
 * NotebookRunner runner = new NotebookRunner("jupyter", 600, System.err::println);
 * List<NotebookRunner.Outcome> outcomes = runner.run(Path.of("notebooks"), Path.of("out/notebooks"), List.of());
 * }</pre>
 *
 */
public final class NotebookRunner {
    private final String jupyter;
    private final int cellTimeoutSeconds;
    private final java.util.function.Consumer<String> log;
    private final boolean privateKernel;

    /**
     * One error output of an executed notebook.
     *
     * @param cellIndex      1-based index of the cell among all cells of the notebook
     * @param executionCount the {@code [N]} Jupyter shows, -1 if none
     * @param ename          the error's name
     * @param evalue         the error's message
     */
    public record CellError(int cellIndex, int executionCount, String ename, String evalue) {
    }

    /**
     * What happened to one notebook.
     *
     * @param notebook the source notebook
     * @param executed the executed {@code .ipynb} (may not exist when nbconvert failed)
     * @param html     the {@code .html} (may not exist)
     * @param errors   error outputs found in the executed notebook
     * @param failure  a failure of nbconvert itself (kernel died, cell timeout), or null
     */
    public record Outcome(Path notebook, Path executed, Path html, List<CellError> errors, String failure) {
        /** Validates and copies. */
        public Outcome {
            errors = List.copyOf(errors);
        }

        /** True if the notebook ran and no cell produced an error. */
        public boolean ok() {
            return failure == null && errors.isEmpty();
        }

        /** One line per problem, naming the notebook and the cell. */
        public List<String> problems() {
            List<String> out = new ArrayList<>();
            if (failure != null) {
                out.add(notebook + ": " + failure);
            }
            for (CellError e : errors) {
                out.add(notebook + ": cell " + e.cellIndex() + (e.executionCount() >= 0 ? " [" + e.executionCount() + "]" : "")
                        + ": " + e.ename() + ": " + e.evalue().replace('\n', ' '));
            }
            return out;
        }
    }

    /**
     * @param jupyter            the {@code jupyter} executable
     * @param cellTimeoutSeconds limit per cell
     * @param log                progress lines
     * @param privateKernel      always use a freshly installed kernelspec for this JVM, even if {@code java} exists
     */
    public NotebookRunner(String jupyter, int cellTimeoutSeconds, java.util.function.Consumer<String> log, boolean privateKernel) {
        if (cellTimeoutSeconds <= 0) {
            throw new IllegalArgumentException("cellTimeoutSeconds must be > 0: " + cellTimeoutSeconds);
        }
        this.jupyter = jupyter;
        this.cellTimeoutSeconds = cellTimeoutSeconds;
        this.log = log;
        this.privateKernel = privateKernel;
    }

    /** The notebooks ({@code *.ipynb}, not checkpoints) of a folder, sorted by name. */
    public static List<Path> notebooksIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString());
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".ipynb") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    /**
     * Executes notebooks.
     *
     * @param notebooks the notebooks to run
     * @param outDir    where executed notebooks, html and a private kernelspec go
     * @return one outcome per notebook, in order
     */
    public List<Outcome> run(List<Path> notebooks, Path outDir) throws IOException, InterruptedException {
        Files.createDirectories(outDir);
        Map<String, String> env = new HashMap<>();
        if (privateKernel || !javaKernelInstalled()) {
            Path prefix = outDir.resolve(".jupyter");
            KernelSpecInstaller.forThisJvm().install(KernelSpecInstaller.Target.prefix(prefix), true);
            String jp = prefix.toAbsolutePath().resolve("share/jupyter").toString();
            String old = System.getenv("JUPYTER_PATH");
            env.put("JUPYTER_PATH", old == null || old.isBlank() ? jp : jp + java.io.File.pathSeparator + old);
            log.accept("kernelspec 'java' for this JVM installed in " + jp);
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Path nb : notebooks) {
            outcomes.add(runOne(nb, outDir, env));
        }
        return outcomes;
    }

    private Outcome runOne(Path nb, Path outDir, Map<String, String> env) throws IOException, InterruptedException {
        String base = nb.getFileName().toString().replaceFirst("\\.ipynb$", "");
        Path executed = outDir.resolve(base + ".ipynb").toAbsolutePath();
        Path html = outDir.resolve(base + ".html").toAbsolutePath();
        Files.deleteIfExists(executed);
        Files.deleteIfExists(html);
        log.accept("executing " + nb);
        long t0 = System.nanoTime();
        Exec exec = exec(env, jupyter, "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.kernel_name=" + KernelSpecInstaller.KERNEL_NAME,
                "--ExecutePreprocessor.timeout=" + cellTimeoutSeconds,
                "--ExecutePreprocessor.allow_errors=True",
                "--output-dir", outDir.toAbsolutePath().toString(), "--output", base + ".ipynb", nb.toAbsolutePath().toString());
        String failure = null;
        if (exec.status() != 0 || !Files.isRegularFile(executed)) {
            failure = "jupyter nbconvert --execute failed (status " + exec.status() + "): " + lastLines(exec.output(), 6);
        }
        List<CellError> errors = Files.isRegularFile(executed) ? errorsIn(executed) : List.of();
        if (Files.isRegularFile(executed)) {
            Exec toHtml = exec(env, jupyter, "nbconvert", "--to", "html", "--output-dir", outDir.toAbsolutePath().toString(),
                    executed.toString());
            if (toHtml.status() != 0 && failure == null) {
                failure = "jupyter nbconvert --to html failed (status " + toHtml.status() + "): " + lastLines(toHtml.output(), 4);
            }
        }
        log.accept(String.format("  %s in %.1f s: %s", base, (System.nanoTime() - t0) / 1e9,
                failure == null && errors.isEmpty() ? "ok" : (errors.size() + " error output(s)" + (failure == null ? "" : ", nbconvert failed"))));
        return new Outcome(nb, executed, html, errors, failure);
    }

    /**
     * The error outputs of an executed notebook.
     *
     * @throws InputException if the file is not a notebook
     */
    public static List<CellError> errorsIn(Path executed) throws IOException {
        JsonNode nb;
        try {
            nb = Json.MAPPER.readTree(executed.toFile());
        } catch (IOException e) {
            throw new InputException(executed + ": expected notebook JSON, found " + e.getMessage().lines().findFirst().orElse("?"), e);
        }
        if (!nb.path("cells").isArray()) {
            throw new InputException(executed + ": expected a notebook with a 'cells' array, found none");
        }
        List<CellError> errors = new ArrayList<>();
        int index = 0;
        for (JsonNode cell : nb.path("cells")) {
            index++;
            for (JsonNode out : cell.path("outputs")) {
                if ("error".equals(out.path("output_type").asText())) {
                    int count = cell.path("execution_count").isInt() ? cell.path("execution_count").asInt() : -1;
                    errors.add(new CellError(index, count, out.path("ename").asText(), out.path("evalue").asText()));
                }
            }
        }
        return errors;
    }

    /** True if {@code jupyter kernelspec list} knows a kernel named {@code java}. */
    public boolean javaKernelInstalled() throws IOException, InterruptedException {
        Exec e = exec(Map.of(), jupyter, "kernelspec", "list", "--json");
        if (e.status() != 0) {
            throw new IOException("'" + jupyter + " kernelspec list --json' failed (status " + e.status() + "): " + lastLines(e.output(), 3)
                    + "; install Jupyter (Debian: apt-get install jupyter-nbconvert jupyter-client python3-nbclient)");
        }
        String out = e.output();
        int brace = out.indexOf('{');
        if (brace < 0) {
            throw new IOException("'" + jupyter + " kernelspec list --json' printed no JSON: " + lastLines(out, 3));
        }
        return Json.MAPPER.readTree(out.substring(brace)).path("kernelspecs").has(KernelSpecInstaller.KERNEL_NAME);
    }

    private record Exec(int status, String output) {
    }

    private static Exec exec(Map<String, String> env, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot run '" + cmd[0] + "': " + e.getMessage()
                    + "; install Jupyter (Debian: apt-get install jupyter-nbconvert jupyter-client python3-nbclient)", e);
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        return new Exec(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static String lastLines(String text, int n) {
        List<String> lines = text.lines().filter(l -> !l.isBlank() && !l.contains("Debugger warning") && !l.startsWith("0.00s - ")).toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }
}
