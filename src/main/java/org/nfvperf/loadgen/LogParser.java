package org.nfvperf.loadgen;

import java.util.List;

/**
 * A parser for the output of one tool. Implementations are stateless and thread-safe;
 * {@link LogParsers} tries them in a fixed order.
 *
 * <pre>{@code
 * LogParser p = LogParsers.parser("netmap-pkt-gen");
 * if (p.detect(lines)) {
 *     LogResult r = p.parse("gen-tx.log", lines);
 * }
 * }</pre>
 */
public interface LogParser {
    /** The tool id, e.g. {@code netmap-pkt-gen}. */
    String tool();

    /** Whether the cleaned lines (see {@link LogText#lines}) look like this tool's output. */
    boolean detect(List<String> lines);

    /**
     * Parses cleaned lines that {@link #detect} accepted.
     *
     * @param source a file name or label for messages and the result
     * @throws org.nfvperf.util.InputException when the log holds no usable rate or counter
     */
    LogResult parse(String source, List<String> lines);
}
