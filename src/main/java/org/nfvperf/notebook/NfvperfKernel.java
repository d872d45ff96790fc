package org.nfvperf.notebook;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.SourceCodeAnalysis;

/**
 * The Jupyter kernel: a jupyter-jvm-basekernel {@link BaseKernel} whose cells are evaluated by a
 * {@link CellEvaluator} in this JVM, with the toolkit on the class path and
 * {@link Renderers} for charts and tables. A cell's last expression is shown as its result
 * ({@code execute_result}); errors become Jupyter errors whose {@code ename} is the
 * {@link CellException} subclass (IJava's names) and whose {@code evalue} names the cell line.
 *
 * <p>One kernel per JVM ({@link #current()} is what {@code display(...)} uses). The basekernel
 * calls {@link #eval} from its shell thread and {@link #interrupt()} from its control thread.
 * <pre>{@code
 * NfvperfKernel kernel = new NfvperfKernel(KernelConfig.fromEnvironment(System.getenv()), Path.of(""));
 * kernel.becomeHandlerForConnection(connection);
 * }</pre>
 */
public final class NfvperfKernel extends BaseKernel {
    private static volatile NfvperfKernel current;

    private final CellEvaluator evaluator;
    private final LanguageInfo languageInfo;

    /**
     * @param config     environment settings (IJAVA_*)
     * @param workingDir directory for relative paths (the notebook's folder)
     * @throws IOException if a start-up script cannot be read
     */
    public NfvperfKernel(KernelConfig config, Path workingDir) throws IOException {
        this.evaluator = new CellEvaluator(config, workingDir);
        KernelMagics.registerAll(evaluator);
        Renderers.registerAll(getRenderer());
        this.languageInfo = new LanguageInfo.Builder("java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("java")
                .build();
        current = this;
    }

    /** The kernel running in this JVM, or null. */
    public static NfvperfKernel current() {
        return current;
    }

    /** The evaluator behind the kernel. */
    public CellEvaluator evaluator() {
        return evaluator;
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        Object value = evaluator.eval(code, executionCount.get() - 1).orElse(null);
        if (value == null) {
            return null;
        }
        return value instanceof DisplayData d ? d : getRenderer().render(value);
    }

    @Override
    public List<String> formatError(Exception e) {
        if (e instanceof CellException ce) {
            return ce.traceback();
        }
        return super.formatError(e);
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return languageInfo;
    }

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " :: nfvperf kernel (IJava-compatible)";
    }

    @Override
    public List<LanguageInfo.Help> getHelpLinks() {
        return List.of(new LanguageInfo.Help("Java tutorial", "https://docs.oracle.com/javase/tutorial/"));
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                evaluator.shell().sourceCodeAnalysis().completionSuggestions(code, at, anchor);
        if (suggestions == null || suggestions.isEmpty()) {
            return null;
        }
        List<String> options = suggestions.stream()
                .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .collect(Collectors.toList());
        return new ReplacementOptions(options, anchor[0], at);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        int end = at;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        List<SourceCodeAnalysis.Documentation> docs =
                evaluator.shell().sourceCodeAnalysis().documentation(code, end, extraDetail);
        if (docs == null || docs.isEmpty()) {
            return null;
        }
        return new DisplayData(docs.stream()
                .map(d -> d.javadoc() == null ? d.signature() : d.signature() + "\n" + d.javadoc())
                .collect(Collectors.joining("\n\n")));
    }

    @Override
    public String isComplete(String code) {
        SourceCodeAnalysis analysis = evaluator.shell().sourceCodeAnalysis();
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(code);
        while (info.completeness().isComplete()) {
            info = analysis.analyzeCompletion(info.remaining());
        }
        return switch (info.completeness()) {
            case EMPTY, COMPLETE, COMPLETE_WITH_SEMI -> IS_COMPLETE_YES;
            case UNKNOWN -> IS_COMPLETE_BAD;
            case CONSIDERED_INCOMPLETE, DEFINITELY_INCOMPLETE -> "    ";
        };
    }

    @Override
    public void interrupt() {
        evaluator.interrupt();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        evaluator.close();
        current = null;
    }
}
