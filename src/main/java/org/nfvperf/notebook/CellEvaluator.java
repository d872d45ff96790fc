package org.nfvperf.notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import io.github.spencerpark.jupyter.kernel.magic.registry.UndefinedMagicException;

/**
 * Evaluates the Java code of notebook cells with JShell in this JVM and reports errors at the
 * cell's line: the heart of the kernel, usable without Jupyter (tests, {@code %load}).
 *
 * <p>A cell is split into Java code and magic lines ({@code %name args} at the start of a
 * line; a cell whose first line is {@code %%name args} is a cell magic with the rest as its
 * body). Code is cut into complete snippets with JShell's source analysis and each snippet is
 * evaluated in turn; the value of the last expression is the cell's result. Every snippet
 * remembers where it came from, so compile errors, exceptions thrown in later cells through a
 * method declared here, and interrupts all name {@code cell [N] line L}.
 *
 * <p>Start-up code (imports, {@code display}/{@code render}, {@code IJAVA_STARTUP_*}) runs
 * before the first cell, so its errors show as that cell's error.
 *
 * <p>Thread-safety: {@link #eval} is called by one thread at a time; {@link #interrupt()} may be
 * called from any thread while it runs.
 * <pre>{@code
 * try (CellEvaluator ev = new CellEvaluator(KernelConfig.defaults(), Path.of(""))) {
 *     Object v = ev.eval("int x = 20;\nx + 22", 1).orElseThrow();   // Integer 42
 * }
 * }</pre>
 */
final class CellEvaluator implements AutoCloseable {
    private static final String DEFAULT_STARTUP_RESOURCE = "/org/nfvperf/notebook/startup.jsh";

    private final JShell shell;
    private final SnippetExecutionControl control;
    private final SourceCodeAnalysis analysis;
    private final Magics magics = new Magics();
    private final Path workingDir;
    private final List<Startup> startup = new ArrayList<>();
    private final Map<String, Origin> origins = new HashMap<>();
    private final List<Runnable> interruptHooks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean interruptRequested;
    private boolean started;

    /** Where a snippet came from: a label such as {@code cell [3]} and the 1-based line its code starts on. */
    record Origin(String where, int line) {
        Origin {
            if (line < 1) {
                throw new IllegalArgumentException("line must be >= 1: " + line);
            }
        }
    }

    private record Startup(String where, String code) {
    }

    /**
     * Builds the shell with the configured class path and compiler options; start-up scripts are
     * read now and run before the first cell.
     *
     * @param config     class path, start-up scripts, time limit, compiler options
     * @param workingDir directory relative paths in magics and globs resolve against
     * @throws IOException if a start-up script cannot be read
     */
    public CellEvaluator(KernelConfig config, Path workingDir) throws IOException {
        this.workingDir = workingDir.toAbsolutePath();
        SnippetExecutionControl.Provider provider = new SnippetExecutionControl.Provider(config.timeoutNanos());
        this.shell = JShell.builder()
                .executionEngine(provider, Map.of())
                .compilerOptions(config.compilerOptions().toArray(String[]::new))
                .build();
        this.control = provider.control();
        this.analysis = shell.sourceCodeAnalysis();
        for (String entry : config.classpath()) {
            addToClasspath(entry);
        }
        try (var in = CellEvaluator.class.getResourceAsStream(DEFAULT_STARTUP_RESOURCE)) {
            if (in == null) {
                throw new IOException("missing resource " + DEFAULT_STARTUP_RESOURCE);
            }
            startup.add(new Startup("startup", new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        for (String glob : config.startupScriptPaths()) {
            for (Path script : Globs.expand(glob, this.workingDir)) {
                if (Files.isRegularFile(script)) {
                    startup.add(new Startup(script.toString(), Files.readString(script)));
                }
            }
        }
        if (!config.startupScript().isBlank()) {
            startup.add(new Startup(KernelConfig.STARTUP_SCRIPT_KEY, config.startupScript()));
        }
    }

    /** The magic registry; {@link KernelMagics} fills it. */
    public Magics magics() {
        return magics;
    }

    /** The directory relative paths resolve against. */
    public Path workingDir() {
        return workingDir;
    }

    /** The underlying shell (completion and documentation requests). */
    public JShell shell() {
        return shell;
    }

    /**
     * Adds every path matching a glob to the class path of the compiler and the class loader.
     *
     * @return the paths added (empty if the glob matches nothing)
     */
    public List<Path> addToClasspath(String glob) {
        List<Path> paths = Globs.expand(glob, workingDir);
        for (Path p : paths) {
            shell.addToClasspath(p.toString());
        }
        return paths;
    }

    /**
     * Evaluates one cell.
     *
     * @param code       the cell's source
     * @param cellNumber the execution count Jupyter shows as {@code [N]}
     * @return the value of the cell's last expression or magic, empty if it has none (or it is null)
     * @throws CellException for compile errors, exceptions, failed magics, interrupts and timeouts
     */
    public Optional<Object> eval(String code, int cellNumber) throws CellException {
        interruptRequested = false;
        control.resetStop();
        try {
            runStartup();
            return evalSource(code, "cell [" + cellNumber + "]");
        } finally {
            control.clearValues();
        }
    }

    /**
     * Evaluates code (cell syntax, magics allowed) labelled with {@code where} in error messages;
     * used by {@code %load} and start-up scripts.
     */
    public Optional<Object> evalSource(String code, String where) throws CellException {
        String normalized = code.replace("\r\n", "\n");
        String[] lines = normalized.split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first < lines.length && lines[first].stripLeading().startsWith("%%")) {
            String body = String.join("\n", java.util.Arrays.asList(lines).subList(first + 1, lines.length));
            return Optional.ofNullable(runMagic(lines[first].stripLeading().substring(2), body, where, first + 1));
        }
        Object last = null;
        StringBuilder chunk = new StringBuilder();
        int chunkStart = 1;
        for (int i = 0; i < lines.length; i++) {
            String trimmed = lines[i].stripLeading();
            if (trimmed.startsWith("%") && !trimmed.startsWith("%%") && chunkIsComplete(chunk)) {
                if (!chunk.toString().isBlank()) {
                    last = evalCode(chunk.toString(), where, chunkStart).orElse(null);
                }
                last = runMagic(trimmed.substring(1), null, where, i + 1);
                chunk.setLength(0);
                chunkStart = i + 2;
            } else {
                chunk.append(lines[i]).append('\n');
            }
        }
        if (!chunk.toString().isBlank()) {
            last = evalCode(chunk.toString(), where, chunkStart).orElse(null);
        }
        return Optional.ofNullable(last);
    }

    private boolean chunkIsComplete(StringBuilder chunk) {
        if (chunk.toString().isBlank()) {
            return true;
        }
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(chunk.toString());
        while (info.completeness().isComplete()) {
            info = analysis.analyzeCompletion(info.remaining());
        }
        return info.completeness() == SourceCodeAnalysis.Completeness.EMPTY;
    }

    private Object runMagic(String call, String body, String where, int line) throws CellException {
        List<String> words = KernelConfig.splitWords(call);
        if (words.isEmpty()) {
            throw new CellException.MagicException(where + " line " + line + ": magic name missing after '%'", line,
                    List.of("MagicException: " + where + " line " + line + ": magic name missing after '%'"), null);
        }
        String name = words.get(0);
        List<String> args = words.subList(1, words.size());
        try {
            return body == null ? magics.applyLineMagic(name, new ArrayList<>(args))
                    : magics.applyCellMagic(name, new ArrayList<>(args), body);
        } catch (CellException e) {
            throw e;
        } catch (Exception e) {
            if (interruptRequested) {
                throw interrupted(where, line);
            }
            throw magicError(e, name, body, where, line);
        }
    }

    private CellException magicError(Exception failure, String name, String body, String where, int line) {
        try {
            throw failure;
        } catch (UndefinedMagicException e) {
            String msg = where + " line " + line + ": no " + (body == null ? "line" : "cell") + " magic named '"
                    + name + "'; known: " + knownMagics();
            return new CellException.MagicException(msg, line, List.of("MagicException: " + msg), e);
        } catch (Exception e) {
            String msg = where + " line " + line + ": %" + (body == null ? "" : "%") + name + " failed: "
                    + (e.getMessage() == null ? e.getClass().getName() : e.getMessage());
            return new CellException.MagicException(msg, line, List.of("MagicException: " + msg), e);
        }
    }

    private String knownMagics() {
        return KernelMagics.NAMES;
    }

    private void runStartup() throws CellException {
        if (started) {
            return;
        }
        started = true;
        for (Startup s : startup) {
            evalSource(s.code(), s.where());
        }
    }

    /** Evaluates Java code (no magics) whose first line is line {@code firstLine} of {@code where}. */
    Optional<Object> evalCode(String code, String where, int firstLine) throws CellException {
        Object last = null;
        String remaining = code;
        while (true) {
            if (interruptRequested) {
                throw interrupted(where, firstLine + newlines(code, code.length() - remaining.length()));
            }
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            int offset = code.length() - remaining.length();
            if (!info.completeness().isComplete()) {
                if (info.completeness() != SourceCodeAnalysis.Completeness.EMPTY) {
                    int skip = codeStart(remaining);
                    int line = firstLine + newlines(code, offset + skip);
                    String msg = where + " line " + line + ": incomplete input, the cell ends inside this statement";
                    throw new CellException.IncompleteSourceException(msg, line,
                            List.of("IncompleteSourceException: " + msg, excerpt(code, offset + skip)));
                }
                break;
            }
            String source = info.source();
            int skip = codeStart(source);
            int startLine = firstLine + newlines(code, offset + skip);
            last = evalSnippet(source.substring(skip), new Origin(where, startLine));
            remaining = info.remaining();
        }
        return Optional.ofNullable(last);
    }

    private Object evalSnippet(String source, Origin origin) throws CellException {
        List<SnippetEvent> events = shell.eval(source);
        Object value = null;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = event.snippet();
            origins.put(snippet.id(), origin);
            JShellException ex = event.exception();
            if (ex != null) {
                throw runtimeError(ex, snippet, origin);
            }
            if (event.status() == Snippet.Status.REJECTED) {
                throw compileError(snippet, source, origin);
            }
            switch (snippet.subKind()) {
                case VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND, TEMP_VAR_EXPRESSION_SUBKIND ->
                        value = control.takeValue(event.value(), event.value());
                default -> value = null;
            }
        }
        return value;
    }

    private CellException compileError(Snippet snippet, String source, Origin origin) {
        List<Diag> diags = shell.diagnostics(snippet).filter(Diag::isError).collect(Collectors.toList());
        if (diags.isEmpty()) {
            String msg = origin.where() + " line " + origin.line() + ": the snippet was rejected without a diagnostic";
            return new CellException.CompilationException(msg, origin.line(), List.of("CompilationException: " + msg));
        }
        List<String> tb = new ArrayList<>();
        int firstLine = 0;
        String firstMessage = null;
        for (Diag d : diags) {
            long pos = d.getStartPosition() >= 0 ? d.getStartPosition() : Math.max(0, d.getPosition());
            int p = (int) Math.min(pos, source.length());
            int line = origin.line() + newlines(source, p);
            // javac's continuation lines ("  symbol:   variable q") joined as "; symbol: variable q"
            String message = d.getMessage(Locale.ROOT).lines()
                    .filter(l -> !l.trim().startsWith("location:"))
                    .map(l -> l.trim().replaceAll("\\s+", " "))
                    .collect(Collectors.joining("; "));
            if (firstMessage == null) {
                firstLine = line;
                firstMessage = message;
            }
            tb.add("CompilationException: " + origin.where() + " line " + line + ": " + message);
            tb.addAll(pointer(source, p, d.getEndPosition() >= 0 ? (int) Math.min(d.getEndPosition(), source.length()) : p, line));
        }
        if (snippet instanceof DeclarationSnippet decl) {
            List<String> unresolved = shell.unresolvedDependencies(decl).collect(Collectors.toList());
            if (!unresolved.isEmpty()) {
                tb.add("unresolved dependencies: " + String.join(", ", unresolved));
            }
        }
        String msg = origin.where() + " line " + firstLine + ": " + firstMessage;
        return new CellException.CompilationException(msg, firstLine, tb);
    }

    private CellException runtimeError(JShellException ex, Snippet snippet, Origin origin) {
        if (ex instanceof UnresolvedReferenceException ure) {
            DeclarationSnippet decl = ure.getSnippet();
            List<String> unresolved = shell.unresolvedDependencies(decl).collect(Collectors.toList());
            String msg = origin.where() + " line " + origin.line() + ": '" + firstLine(decl.source())
                    + "' cannot run until these are declared: " + String.join(", ", unresolved);
            return new CellException.CompilationException(msg, origin.line(), List.of("CompilationException: " + msg));
        }
        if (ex instanceof EvalException ee) {
            String cls = ee.getExceptionClassName();
            if (CellException.EvaluationTimeoutException.class.getName().equals(cls)) {
                String msg = origin.where() + " line " + origin.line() + ": " + ee.getMessage();
                return new CellException.EvaluationTimeoutException(msg, origin.line(), List.of("EvaluationTimeoutException: " + msg));
            }
            if (interruptRequested || CellException.EvaluationInterruptedException.class.getName().equals(cls)) {
                return interrupted(origin.where(), innermostLine(ee, origin));
            }
            int line = innermostLine(ee, origin);
            String description = cls + (ee.getMessage() == null ? "" : ": " + ee.getMessage());
            List<String> tb = new ArrayList<>();
            tb.add(description);
            appendFrames(ee, tb);
            Throwable cause = ee.getCause();
            while (cause != null) {
                String cname = cause instanceof EvalException c ? c.getExceptionClassName() : cause.getClass().getName();
                tb.add("Caused by: " + cname + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
                appendFrames(cause, tb);
                cause = cause.getCause();
            }
            String msg = description + " (" + origin.where() + " line " + line + ")";
            return new CellException.EvalException(cls, msg, line, tb);
        }
        String msg = origin.where() + " line " + origin.line() + ": " + ex;
        return new CellException.EvalException(ex.getClass().getName(), msg, origin.line(), List.of(msg));
    }

    private CellException interrupted(String where, int line) {
        String msg = "Execution interrupted at " + where + " line " + line + ".";
        return new CellException.EvaluationInterruptedException(msg, line, List.of("EvaluationInterruptedException: " + msg));
    }

    /** The line of the current snippet's origin the innermost frame in that snippet points at. */
    private int innermostLine(Throwable t, Origin origin) {
        for (StackTraceElement e : t.getStackTrace()) {
            Origin o = originOf(e);
            if (o != null && o.where().equals(origin.where())) {
                return o.line() + Math.max(0, e.getLineNumber() - 1);
            }
        }
        return origin.line();
    }

    private Origin originOf(StackTraceElement e) {
        String file = e.getFileName();
        return file != null && file.startsWith("#") ? origins.get(file.substring(1)) : null;
    }

    private void appendFrames(Throwable t, List<String> tb) {
        StackTraceElement[] frames = t.getStackTrace();
        int last = frames.length - 1;
        while (last >= 0 && originOf(frames[last]) == null) {
            last--;
        }
        if (last < 0) {
            last = Math.min(frames.length, 8) - 1;
        }
        for (int i = 0; i <= last; i++) {
            StackTraceElement e = frames[i];
            Origin o = originOf(e);
            if (o != null) {
                String method = e.getMethodName();
                String name = method.isEmpty() || method.startsWith("do_it$") ? "" : method + " ";
                tb.add("    at " + name + "(" + o.where() + " line " + (o.line() + Math.max(0, e.getLineNumber() - 1)) + ")");
            } else {
                tb.add("    at " + e);
            }
        }
    }

    /** Asks the running snippet to stop; the cell then fails with {@code EvaluationInterruptedException}. */
    public void interrupt() {
        interruptRequested = true;
        shell.stop();
        interruptHooks.forEach(Runnable::run);
    }

    /** Adds something to do on {@link #interrupt()} besides stopping the snippet (e.g. kill a magic's process). */
    public void onInterrupt(Runnable hook) {
        interruptHooks.add(hook);
    }

    @Override
    public void close() {
        shell.close();
    }

    /** Index of the first character that is neither blank nor inside a comment. */
    static int codeStart(String s) {
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (s.startsWith("//", i)) {
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? s.length() : nl + 1;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                if (end < 0) {
                    return i;
                }
                i = end + 2;
            } else {
                return i;
            }
        }
        return s.length();
    }

    static int newlines(String s, int end) {
        int n = 0;
        for (int i = 0; i < end && i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl) + " ...";
    }

    private static String excerpt(String code, int from) {
        return firstLine(code.substring(Math.min(from, code.length())));
    }

    /** The source line holding [start, end) with its line number and a caret underline. */
    static List<String> pointer(String source, int start, int end, int lineNumber) {
        int ls = source.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
        if (start == 0) {
            ls = 0;
        }
        int le = source.indexOf('\n', start);
        if (le < 0) {
            le = source.length();
        }
        String text = source.substring(ls, le);
        String gutter = String.format(Locale.ROOT, "%4d | ", lineNumber);
        int width = Math.max(1, Math.min(end, le) - start);
        return List.of(gutter + text, " ".repeat(gutter.length() - 2) + "| " + " ".repeat(start - ls) + "^".repeat(width));
    }
}
