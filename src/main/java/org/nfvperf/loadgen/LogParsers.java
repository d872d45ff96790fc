package org.nfvperf.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.nfvperf.util.InputException;

/**
 * Entry point for reading generator and dataplane logs: detects the tool from the content
 * (never from the file name) and parses. Stateless and thread-safe.
 *
 * <p>Parsers are tried in the order of {@link #toolIds()}; the first whose
 * {@link LogParser#detect} accepts the cleaned lines parses them. Empty or unrecognised input
 * raises an {@link InputException} (exit code 2) whose message contains
 * {@code "unrecognised log format"} and the list of formats tried.
 *
 * <pre>{@code
 * LogResult r = LogParsers.parse(Path.of("results/fig2/a1b2/gen-rx.log"));
 * System.out.println(r.tool() + " " + r.frameSizeBytes() + "B " + r.pps(r.ports().get(0), Direction.RX));
 * }</pre>
 */
public final class LogParsers {
    private static final List<LogParser> PARSERS = List.of(new NetmapPktGenParser(), new LinuxPktgenParser(),
            new MoonGenParser(), new TestpmdParser(), new PktgenDpdkParser(), new BessParser(), new TrexParser());

    private LogParsers() {
    }

    /** The tool ids, in detection order. */
    public static List<String> toolIds() {
        return PARSERS.stream().map(LogParser::tool).collect(Collectors.toUnmodifiableList());
    }

    /**
     * Whether a tool id names a dataplane rather than a traffic generator ({@code bess},
     * {@code dpdk-testpmd}): its RX is what it was offered and its TX what it forwarded.
     */
    public static boolean isDataplane(String tool) {
        return tool.equals(BessParser.TOOL) || tool.equals(TestpmdParser.TOOL);
    }

    /**
     * The parser of a tool.
     *
     * @throws IllegalArgumentException when {@code tool} is not one of {@link #toolIds()}
     */
    public static LogParser parser(String tool) {
        return PARSERS.stream().filter(p -> p.tool().equals(tool)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("tool must be one of " + toolIds() + ": " + tool));
    }

    /**
     * Reads and parses a log file (UTF-8; undecodable bytes become U+FFFD).
     *
     * @throws IOException    when the file cannot be read
     * @throws InputException when the file is empty or in no known format
     */
    public static LogResult parse(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return parse(file.toString(), new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * Parses log text.
     *
     * @param source file name or label used in messages and in the result
     * @throws InputException when the text is empty or in no known format
     */
    public static LogResult parse(String source, String text) {
        List<String> lines = LogText.lines(text);
        boolean blank = lines.stream().allMatch(String::isBlank);
        if (!blank) {
            for (LogParser p : PARSERS) {
                if (p.detect(lines)) {
                    return p.parse(source, lines);
                }
            }
        }
        throw new InputException(source + ": " + (blank ? "empty log, " : "") + "unrecognised log format (tried "
                + String.join(", ", toolIds()) + ")");
    }
}
