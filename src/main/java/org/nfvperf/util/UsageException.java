package org.nfvperf.util;

/**
 * A wrong option or option value given by the user ({@code --window -1}, {@code --json} with
 * {@code --csv}, an output that is also an input). The command line turns it into one line on
 * stderr and exit code 2; any other {@link IllegalArgumentException} is a bug (exit 1).
 *
 * <p>It extends {@link IllegalArgumentException} so that library callers who catch the latter
 * for a bad argument keep working. Messages read {@code "<name> must be <constraint>: <value>"}.
 *
 * <pre>{@code
 * throw new UsageException("--window must be > 0: " + text);
 * }</pre>
 */
public class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
