package org.nfvperf.notebook;

import java.util.List;

/**
 * An error of a notebook cell, located at a line of that cell, in the form Jupyter shows: the
 * subclass's simple name becomes the error's {@code ename} (the names IJava uses), the message its
 * {@code evalue}, and {@link #traceback()} the lines shown under the cell.
 *
 * <p>Immutable and thread-safe.
 * <pre>{@code
 * try {
 *     evaluator.eval("int x = ;", 3);
 * } catch (CellException.CompilationException e) {
 *     e.line();       // 1
 *     e.getMessage(); // "line 1: illegal start of expression"
 * }
 * }</pre>
 */
public abstract class CellException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final List<String> traceback;

    CellException(String message, int line, List<String> traceback, Throwable cause) {
        super(message, cause, false, false);
        this.line = line;
        this.traceback = List.copyOf(traceback);
    }

    /** The 1-based line of the cell the error points at, or 0 when it has no line. */
    public int line() {
        return line;
    }

    /** The lines Jupyter shows for this error (no newlines inside). */
    public List<String> traceback() {
        return traceback;
    }

    /** The cell does not compile; the message names the line and the compiler's complaint. */
    public static final class CompilationException extends CellException {
        private static final long serialVersionUID = 1L;

        CompilationException(String message, int line, List<String> traceback) {
            super(message, line, traceback, null);
        }
    }

    /** The cell ends in the middle of a statement or declaration. */
    public static final class IncompleteSourceException extends CellException {
        private static final long serialVersionUID = 1L;

        IncompleteSourceException(String message, int line, List<String> traceback) {
            super(message, line, traceback, null);
        }
    }

    /** The cell's code threw; the message starts with the thrown class's name. */
    public static final class EvalException extends CellException {
        private static final long serialVersionUID = 1L;
        private final String exceptionClassName;

        EvalException(String exceptionClassName, String message, int line, List<String> traceback) {
            super(message, line, traceback, null);
            this.exceptionClassName = exceptionClassName;
        }

        /** Fully qualified name of the exception the user's code threw. */
        public String exceptionClassName() {
            return exceptionClassName;
        }
    }

    /** A magic ({@code %name} or {@code %%name}) failed or does not exist. */
    public static final class MagicException extends CellException {
        private static final long serialVersionUID = 1L;

        MagicException(String message, int line, List<String> traceback, Throwable cause) {
            super(message, line, traceback, cause);
        }
    }

    /**
     * The running snippet was stopped by a Jupyter interrupt. Also thrown (without a line) by
     * the execution engine, which the evaluator turns into one with the cell's line.
     */
    public static final class EvaluationInterruptedException extends CellException {
        private static final long serialVersionUID = 1L;

        EvaluationInterruptedException() {
            super("Execution interrupted.", 0, List.of(), null);
        }

        EvaluationInterruptedException(String message, int line, List<String> traceback) {
            super(message, line, traceback, null);
        }
    }

    /** A snippet ran longer than {@code IJAVA_TIMEOUT}. */
    public static final class EvaluationTimeoutException extends CellException {
        private static final long serialVersionUID = 1L;

        EvaluationTimeoutException(long timeoutNanos) {
            super("Execution timed out after " + timeoutNanos / 1_000_000 + " ms (IJAVA_TIMEOUT).", 0, List.of(), null);
        }

        EvaluationTimeoutException(String message, int line, List<String> traceback) {
            super(message, line, traceback, null);
        }
    }
}
