package org.nfvperf.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nfvperf.notebook.NotebookRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import org.nfvperf.util.UsageException;

/**
 * {@code nfvperf notebooks [--out DIR] [NOTEBOOK...]}: executes every notebook of {@code notebooks/}
 * (or the ones named) headless through Jupyter with the {@code java} kernel, writing executed
 * {@code .ipynb} and {@code .html} into DIR; exit 1 naming notebook and cell if any cell errors.
 *
 * <pre>{@code
 * ./nfvperf notebooks --out out/notebooks
 * }</pre>
 */
@Command(name = "notebooks", mixinStandardHelpOptions = true, description = {"Execute every notebook headless through Jupyter (nbconvert --execute, kernel 'java');",
        "write executed .ipynb and .html into --out; exit 1 naming notebook and cell on any error output."})
public final class NotebooksCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/notebooks", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "notebooks", description = "Folder of notebooks (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600", description = "Limit per cell (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--jupyter", paramLabel = "CMD", defaultValue = "jupyter", description = "The jupyter executable (default: ${DEFAULT-VALUE}).")
    String jupyter;

    @Option(names = "--private-kernel", description = "Use a kernelspec for this jar even if a 'java' kernel is installed.")
    boolean privateKernel;

    @Parameters(paramLabel = "NOTEBOOK", arity = "0..*", description = "Notebooks to run instead of all of --dir.")
    List<Path> notebooks = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        List<Path> todo = notebooks.isEmpty() ? NotebookRunner.notebooksIn(dir) : notebooks;
        for (Path nb : todo) {
            if (!Files.isRegularFile(nb)) {
                throw new NoSuchFileException(nb.toString());
            }
        }
        if (todo.isEmpty()) {
            throw new UsageException(dir + " must contain at least one .ipynb: none found");
        }
        NotebookRunner runner = new NotebookRunner(jupyter, timeoutSeconds, line -> {
            err.println(line);
            err.flush();
        }, privateKernel);
        List<NotebookRunner.Outcome> outcomes = runner.run(todo, out);
        int failed = 0;
        for (NotebookRunner.Outcome o : outcomes) {
            stdout.println((o.ok() ? "ok     " : "FAILED ") + o.notebook() + " -> " + o.executed() + ", " + o.html());
            if (!o.ok()) {
                failed++;
                o.problems().forEach(p -> err.println("nfvperf: " + p));
            }
        }
        stdout.flush();
        err.flush();
        if (failed > 0) {
            err.println("nfvperf: " + failed + " of " + outcomes.size() + " notebooks failed");
            err.flush();
            return 1;
        }
        return 0;
    }
}
