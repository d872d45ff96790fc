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
            new MoonGenParser(), new TestpmdParser(), new PktgenDpdkParser(), new BessParser(), new TrexParser(),
            new TrafgenParser());

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
                    try {
                        return p.parse(source, lines);
                    } catch (InputException | org.nfvperf.util.UsageException e) {
                        throw e;
                    } catch (NumberFormatException e) {
                        throw new InputException(numberFault(source, p.tool(), lines, e), e);
                    } catch (IllegalArgumentException | ArithmeticException | IllegalStateException e) {
                        // a value type refused what the log says (a time going backwards, a count
                        // beyond 64 bits): bad input, said without the code's names
                        throw new InputException(source + ": not a usable " + p.tool() + " log: "
                                + plainWords(String.valueOf(e.getMessage())), e);
                    }
                }
            }
        }
        throw new InputException(source + ": " + (blank ? "empty log, " : "") + "unrecognised log format (tried "
                + String.join(", ", toolIds()) + ")");
    }

    /** {@code "<file>:<line>: number 9999... is out of range"} for a number no parser can hold. */
    private static String numberFault(String source, String tool, List<String> lines, NumberFormatException e) {
        String msg = String.valueOf(e.getMessage());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"([^\"]*)\"").matcher(msg);
        String number = m.find() ? m.group(1) : null;
        if (number != null && !number.isEmpty()) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(number) || lines.get(i).replace(",", "").contains(number)) {
                    return source + ":" + (i + 1) + ": " + tool + " log: number " + number
                            + " is out of range (beyond 64 bits) or malformed";
                }
            }
            return source + ": " + tool + " log: number " + number + " is out of range (beyond 64 bits) or malformed";
        }
        return source + ": " + tool + " log: a number is out of range or malformed";
    }

    /** {@code steadyEndNanos (-1) must be >= steadyStartNanos (0)} as {@code steady end ns (-1) must be >= steady start ns (0)}. */
    static String plainWords(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b([a-z]+(?:[A-Z][a-z0-9]*)+)\\b").matcher(message);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String words = m.group(1).replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT)
                    .replaceAll("\\bnanos\\b", "ns");
            m.appendReplacement(b, java.util.regex.Matcher.quoteReplacement(words));
        }
        m.appendTail(b);
        return b.toString();
    }
}
