package org.nfvperf.util;

/**
 * Unusable input: a file that cannot be read or parsed, a value out of range in a spec, an
 * unknown format. The command line turns it into one line on stderr and exit code 2.
 *
 * <p>Subclasses name the place of the fault (file, byte offset, line). Messages read
 * {@code "<file>: <what was expected>, found <what was found>"}.
 *
 * <pre>{@code
 * throw new InputException(path + ": unrecognised log format (tried netmap-pkt-gen, moongen)");
 * }</pre>
 */
public class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
