package org.nfvperf.experiment;

import org.nfvperf.util.InputException;

/**
 * A bad experiment spec, with the file and 1-based line of the fault. The command line prints the
 * message ({@code "fig2.yaml:7: unknown factor 'cpu_mhz' (known: ...)"}) and exits with 2.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * throw new SpecException("fig2.yaml", 7, "unknown factor 'cpu_mhz'");
 * }</pre>
 */
public final class SpecException extends InputException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;

    /**
     * @param source the spec's file name as given by the user, or {@code <string>}
     * @param line   1-based line of the fault
     * @param detail what is wrong, without the location
     */
    public SpecException(String source, int line, String detail) {
        super(source + ":" + line + ": " + detail);
        this.source = source;
        this.line = line;
    }

    /** The spec's file name as given by the user, or {@code <string>} for a spec given as text. */
    public String source() {
        return source;
    }

    /** The 1-based line of the fault. */
    public int line() {
        return line;
    }
}
