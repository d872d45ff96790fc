package org.nfvperf.loadgen;

/** Opens package-private helpers of {@link LogParsers} to tests in other packages. */
public final class LogParsersAccess {
    private LogParsersAccess() {
    }

    public static String plainWords(String message) {
        return LogParsers.plainWords(message);
    }
}
