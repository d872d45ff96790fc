package org.nfvperf.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cleaning of pasted or captured log text and parsing of the numbers tools print. Stateless
 * and thread-safe.
 *
 * <p>Real logs carry terminal noise: CRLF line ends, carriage returns that overwrite a line,
 * ANSI colour and cursor sequences (MoonGen, Pktgen-DPDK), {@code ^C} echoed by the terminal,
 * and prefixes added when pasting (timestamps, {@code $ } prompts); numbers may carry
 * thousands separators ({@code 14,880,952}). {@link #lines(String)} removes the noise that
 * would break a pattern; prefixes are left in place because every parser matches with
 * {@code find()}, never anchored at the line start.
 *
 * <pre>{@code
 * List<String> lines = LogText.lines("\u001B[32m14,880,952\u001B[0m pps\r\n^C");
 * // ["14,880,952 pps", ""]
 * double pps = LogText.number("14,880,952");   // 1.4880952E7
 * }</pre>
 */
public final class LogText {
    /** A decimal number, possibly with thousands separators and a fraction. */
    public static final String NUM = "([0-9]{1,3}(?:,[0-9]{3})+(?:\\.[0-9]+)?|[0-9]+(?:\\.[0-9]+)?)";
    /** An SI prefix as printed by rate formatters (may be empty). */
    public static final String SI = "([KkMGT]?)";

    private static final Pattern ANSI = Pattern.compile("\u001B(?:\\[[0-?]*[ -/]*[@-~]|\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)|[@-Z\\\\-_])");
    private static final Pattern CONTROL = Pattern.compile("\\^C|[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]");

    /** The Ethernet FCS that pktgen, pkt-gen, DPDK and BESS leave out of their sizes and byte counts. */
    static final int FCS_BYTES = 4;

    private LogText() {
    }

    /** Whether any line contains a match of any of the patterns ({@code find()}, not anchored). */
    public static boolean anyFind(List<String> lines, Pattern... patterns) {
        for (String line : lines) {
            for (Pattern p : patterns) {
                if (p.matcher(line).find()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Splits text into lines (LF, CRLF or lone CR), removing ANSI escape sequences, {@code ^C}
     * and other control characters, and trailing white space.
     */
    public static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        String[] raw = text.split("\r\n|\r|\n", -1);
        int n = raw.length;
        if (n > 0 && raw[n - 1].isEmpty()) {
            n--;
        }
        for (int i = 0; i < n; i++) {
            out.add(clean(raw[i]));
        }
        return out;
    }

    /** One line without ANSI sequences, control characters, {@code ^C} and trailing blanks. */
    public static String clean(String line) {
        String s = line;
        if (s.indexOf('\u001B') >= 0) {
            s = ANSI.matcher(s).replaceAll("");
        }
        s = CONTROL.matcher(s).replaceAll("");
        return s.stripTrailing();
    }

    /**
     * Parses a decimal number as printed, dropping thousands separators.
     *
     * @throws NumberFormatException when {@code text} is not a number
     */
    public static double number(String text) {
        return Double.parseDouble(text.replace(",", ""));
    }

    /** Parses an integer count as printed, dropping thousands separators. */
    public static long count(String text) {
        return Long.parseLong(text.replace(",", ""));
    }

    /** The factor of an SI prefix: "" 1, K/k 1e3, M 1e6, G 1e9, T 1e12. */
    public static double scale(String prefix) {
        return switch (prefix) {
            case "" -> 1;
            case "K", "k" -> 1e3;
            case "M" -> 1e6;
            case "G" -> 1e9;
            case "T" -> 1e12;
            default -> throw new IllegalArgumentException("prefix must be one of K, M, G, T or empty: " + prefix);
        };
    }

    /** {@link #number(String)} times {@link #scale(String)}. */
    public static double scaled(String number, String prefix) {
        return number(number) * scale(prefix == null ? "" : prefix);
    }

    /** Seconds as printed to {@code long} nanoseconds, rounded. */
    public static long secondsToNanos(double seconds) {
        return Math.round(seconds * 1e9);
    }

    /**
     * The direction a file name suggests: a name token {@code rx} (e.g. {@code gen-rx.log})
     * means RX, {@code tx} means TX; {@code fallback} otherwise.
     */
    static Direction directionFromName(String source, Direction fallback) {
        String name = source.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
        for (String token : name.split("[^a-z0-9]+")) {
            if (token.equals("rx") || token.equals("recv") || token.equals("receiver")) {
                return Direction.RX;
            }
            if (token.equals("tx") || token.equals("send") || token.equals("sender")) {
                return Direction.TX;
            }
        }
        return fallback;
    }
}
