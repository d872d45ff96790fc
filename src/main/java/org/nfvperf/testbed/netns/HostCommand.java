package org.nfvperf.testbed.netns;

import java.util.List;
import java.util.Objects;

/**
 * One host command of a testbed plan: an argument vector run without a shell, and optional text
 * fed to its standard input (an nftables ruleset). Immutable and thread-safe.
 *
 * <pre>{@code
 * HostCommand c = HostCommand.of("ip", "netns", "add", "nfvp-123-1-gen");
 * String shown = c.toString();   // "ip netns add nfvp-123-1-gen"
 * }</pre>
 *
 * @param argv  program and arguments, not empty
 * @param stdin text for standard input, or {@code ""} for none
 */
public record HostCommand(List<String> argv, String stdin) {
    public HostCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must not be empty: " + argv);
        }
        Objects.requireNonNull(stdin, "stdin");
    }

    /** A command without standard input. */
    public static HostCommand of(String... argv) {
        return new HostCommand(List.of(argv), "");
    }

    /** The command line as a user would type it (arguments joined by spaces; stdin not shown). */
    @Override
    public String toString() {
        return String.join(" ", argv) + (stdin.isEmpty() ? "" : " <<< (" + stdin.lines().count() + " lines)");
    }
}
