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
import org.nfvperf.figures.Html;

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

    /**
     * Signature and Javadoc (where the JDK's {@code src.zip} or a source is available) of what the
     * cursor is on: a method with the cursor on its name, right after it or inside its arguments, a
     * class, a field or a variable. text/plain and text/html.
     */
    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        SourceCodeAnalysis analysis = evaluator.shell().sourceCodeAnalysis();
        for (int position : inspectionPositions(code, at)) {
            List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(code, position, true);
            if (docs != null && !docs.isEmpty()) {
                return documentationDisplay(docs);
            }
        }
        return null;
    }

    /**
     * Where to ask JShell: it documents a method only with the cursor after its '(' and a class or
     * variable only at the end of its name, so the cursor on or after a name moves there.
     */
    static List<Integer> inspectionPositions(String code, int at) {
        int cursor = Math.max(0, Math.min(at, code.length()));
        int start = cursor;
        while (start > 0 && Character.isJavaIdentifierPart(code.charAt(start - 1))) {
            start--;
        }
        int end = cursor;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        java.util.LinkedHashSet<Integer> positions = new java.util.LinkedHashSet<>();
        int afterName = end;
        while (afterName < code.length() && Character.isWhitespace(code.charAt(afterName))) {
            afterName++;
        }
        if (end > start && afterName < code.length() && code.charAt(afterName) == '(') {
            positions.add(afterName + 1);
        }
        if (end > start) {
            positions.add(end);
        }
        positions.add(cursor);
        return List.copyOf(positions);
    }

    private static DisplayData documentationDisplay(List<SourceCodeAnalysis.Documentation> docs) {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<div class=\"nfvperf-doc\">");
        for (SourceCodeAnalysis.Documentation d : docs) {
            if (text.length() > 0) {
                text.append("\n\n");
                html.append("<hr>");
            }
            text.append(d.signature());
            html.append("<pre><code>").append(Html.escape(d.signature())).append("</code></pre>");
            if (d.javadoc() != null && !d.javadoc().isBlank()) {
                text.append('\n').append(d.javadoc().strip());
                html.append("<pre style=\"white-space: pre-wrap\">").append(Html.escape(d.javadoc().strip())).append("</pre>");
            }
        }
        html.append("</div>");
        DisplayData data = new DisplayData(text.toString());
        data.putHTML(html.toString());
        return data;
    }

    /**
     * "complete", "invalid" (JShell cannot read it, or a snippet it calls complete does not parse)
     * or the indent for the next line: four spaces per open block. Magic lines are left to the
     * magics: a cell magic is complete, line magics are skipped.
     */
    @Override
    public String isComplete(String code) {
        String firstLine = code.stripLeading();
        if (firstLine.startsWith("%%")) {
            return IS_COMPLETE_YES;
        }
        String java = code.lines().map(l -> l.stripLeading().startsWith("%") ? "" : l)
                .collect(Collectors.joining("\n"));
        SourceCodeAnalysis analysis = evaluator.shell().sourceCodeAnalysis();
        String remaining = java;
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case EMPTY:
                    return IS_COMPLETE_YES;
                case UNKNOWN:
                    return IS_COMPLETE_BAD;
                case CONSIDERED_INCOMPLETE:
                case DEFINITELY_INCOMPLETE:
                    return JavaSyntax.indent(java);
                default:
                    if (!JavaSyntax.parses(info.source())) {
                        return IS_COMPLETE_BAD;
                    }
                    remaining = info.remaining();
            }
        }
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
