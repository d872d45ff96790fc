package org.nfvperf.experiment;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.nfvperf.throughput.LinkSpeed;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns spec text into an {@link Experiment} through snakeyaml's node tree, so that every fault
 * names its line. Runner-independent checks only; {@link Orchestrator#plan} adds the runner's.
 */
final class SpecParser {
    private static final List<String> TOP_KEYS = List.of("name", "description", "runner", "runner_options", "link",
            "duration_s", "repetitions", "capture", "factors", "search", "limits");
    private static final List<String> LIMIT_KEYS = List.of("max_duration_s", "max_trials", "max_packets");
    /**
     * What a spec may ask unless its {@code limits:} raise it: a trial's {@code duration_s}, the
     * number of trials (factor values multiplied, times repetitions) and the packets per tap
     * capture. They stop a slip ({@code duration_s: 1e15}, a cross product of 10^7 trials)
     * before anything is planned, run or written.
     */
    static final double LIMIT_DURATION_S = 3600;
    static final long LIMIT_TRIALS = 100_000;
    static final long LIMIT_PACKETS = 10_000_000;
    private static final List<String> CAPTURE_KEYS = List.of("taps", "max_packets");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern TAP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final Pattern FACTOR = Pattern.compile("[a-z][a-z0-9_]*");
    /** Default cap on packets per tap capture. */
    static final long DEFAULT_MAX_PACKETS = 100_000;

    private final String source;
    private final Map<String, Integer> lines = new HashMap<>();

    private SpecParser(String source) {
        this.source = source;
    }

    static Experiment parse(String text, String source) {
        return new SpecParser(source).parse(text);
    }

    /** Largest spec file read: a spec lists factors, not data (SnakeYAML alone allows 3 MB and is slow near it). */
    static final long MAX_SPEC_BYTES = 1 << 20;

    /**
     * Reads a spec file as strict UTF-8: one that is too large or not UTF-8 is refused naming
     * the file and the line of the first bad byte, before any parsing.
     */
    static String read(java.nio.file.Path path) throws java.io.IOException {
        String source = path.toString();
        long size = java.nio.file.Files.size(path);
        if (size > MAX_SPEC_BYTES) {
            throw new SpecException(source, 1, "spec is " + size + " bytes, more than " + MAX_SPEC_BYTES
                    + " (1 MiB); a spec lists factors and options, not data");
        }
        byte[] bytes = java.nio.file.Files.readAllBytes(path);
        java.nio.charset.CharsetDecoder d = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        java.nio.charset.CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new SpecException(source, line, String.format("not UTF-8 text: byte 0x%02x at column %d (byte offset"
                    + " %d); save the spec as UTF-8", bytes[at] & 0xFF, at - lineStart + 1, at));
        }
        d.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static int lineOfCodePoint(String text, int codePointIndex) {
        int line = 1;
        int cp = 0;
        for (int i = 0; i < text.length() && cp < codePointIndex; i += Character.charCount(text.codePointAt(i)), cp++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int columnOfCodePoint(String text, int codePointIndex) {
        int column = 1;
        int cp = 0;
        for (int i = 0; i < text.length() && cp < codePointIndex; i += Character.charCount(text.codePointAt(i)), cp++) {
            column = text.charAt(i) == '\n' ? 1 : column + 1;
        }
        return column;
    }

    private Experiment parse(String text) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            root = new Yaml(options).compose(new StringReader(text));
        } catch (org.yaml.snakeyaml.reader.ReaderException e) {
            // a character YAML does not allow (NUL, other control characters): name its line
            throw new SpecException(source, lineOfCodePoint(text, e.getPosition()), String.format(
                    "character U+%04X is not allowed in a YAML spec (column %d)", e.getCodePoint(),
                    columnOfCodePoint(text, e.getPosition())));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new SpecException(source, m == null ? 1 : m.getLine() + 1, "invalid YAML: "
                    + (e.getProblem() == null ? e.getMessage() : e.getProblem()).replace('\n', ' '));
        } catch (YAMLException e) {
            throw new SpecException(source, 1, "invalid YAML: " + String.valueOf(e.getMessage()).replace('\n', ' '));
        }
        if (root == null) {
            throw new SpecException(source, 1, "spec is empty; expected a mapping with name and factors");
        }
        MappingNode top = mapping(root, "spec");
        Map<String, Node> keys = keys(top, "", TOP_KEYS);
        Limits limits = limits(keys.get("limits"));

        ScalarNode nameNode = required(keys, top, "name");
        String name = string(nameNode, "name");
        if (!NAME.matcher(name).matches()) {
            throw fail(nameNode, "name must be letters, digits, '_', '.', '-' (it names a folder): " + name);
        }
        if (keys.containsKey("description")) {
            string(scalar(keys.get("description"), "description"), "description");
        }
        String runner = keys.containsKey("runner") ? string(scalar(keys.get("runner"), "runner"), "runner")
                : Experiment.DEFAULT_RUNNER;
        Map<String, Object> runnerOptions = new LinkedHashMap<>();
        if (keys.containsKey("runner_options")) {
            Node n = keys.get("runner_options");
            if (!(n instanceof ScalarNode s && s.getTag().equals(Tag.NULL))) {
                for (NodeTuple t : mapping(n, "runner_options").getValue()) {
                    String k = string(scalar(t.getKeyNode(), "runner_options key"), "runner_options key");
                    if (runnerOptions.containsKey(k)) {
                        throw fail(t.getKeyNode(), "duplicate key 'runner_options." + k + "' (first on line "
                                + lines.get("runner_options." + k) + ")");
                    }
                    lines.put("runner_options." + k, line(t.getKeyNode()));
                    runnerOptions.put(k, plain(t.getValueNode()));
                }
            }
        }
        LinkSpeed link = LinkSpeed.parse("10G");
        if (keys.containsKey("link")) {
            ScalarNode n = scalar(keys.get("link"), "link");
            try {
                link = LinkSpeed.parse(n.getValue());
            } catch (IllegalArgumentException e) {
                throw fail(n, e.getMessage());
            }
        }
        double duration = 1;
        if (keys.containsKey("duration_s")) {
            ScalarNode n = scalar(keys.get("duration_s"), "duration_s");
            duration = seconds(n, "duration_s");
            if (!(duration > 0) || Double.isInfinite(duration)) {
                throw fail(n, "duration_s must be > 0: " + n.getValue());
            }
            if (duration > limits.maxDurationS) {
                throw fail(n, "duration_s must be <= " + plainNumber(limits.maxDurationS) + " (limits.max_duration_s): "
                        + n.getValue() + "; raise the limit with 'limits: {max_duration_s: N}' if you mean it");
            }
        }
        int repetitions = 1;
        if (keys.containsKey("repetitions")) {
            ScalarNode n = scalar(keys.get("repetitions"), "repetitions");
            long r = integer(n, "repetitions");
            if (r < 1 || r > 10_000) {
                throw fail(n, "repetitions must be in [1, 10000]: " + n.getValue());
            }
            repetitions = (int) r;
        }
        List<String> taps = new ArrayList<>();
        long maxPackets = DEFAULT_MAX_PACKETS;
        if (keys.containsKey("capture")) {
            Map<String, Node> cap = keys(mapping(keys.get("capture"), "capture"), "capture.", CAPTURE_KEYS);
            if (cap.containsKey("taps")) {
                List<Node> items = sequence(cap.get("taps"), "capture.taps").getValue();
                for (int i = 0; i < items.size(); i++) {
                    ScalarNode t = scalar(items.get(i), "capture.taps[" + i + "]");
                    String tap = string(t, "tap");
                    if (!TAP.matcher(tap).matches()) {
                        throw fail(t, "tap must be letters, digits, '_', '-': " + tap);
                    }
                    if (taps.contains(tap)) {
                        throw fail(t, "tap " + tap + " is listed twice");
                    }
                    lines.put("capture.taps[" + i + "]", line(t));
                    taps.add(tap);
                }
            }
            if (cap.containsKey("max_packets")) {
                ScalarNode n = scalar(cap.get("max_packets"), "capture.max_packets");
                maxPackets = integer(n, "capture.max_packets");
                if (maxPackets < 0) {
                    throw fail(n, "capture.max_packets must be >= 0: " + n.getValue());
                }
                if (maxPackets > limits.maxPackets) {
                    throw fail(n, "capture.max_packets must be <= " + limits.maxPackets + " (limits.max_packets): "
                            + n.getValue() + "; raise the limit with 'limits: {max_packets: N}' if you mean it");
                }
            }
        }

        Map<String, List<String>> factors = new LinkedHashMap<>();
        if (keys.containsKey("factors")) {
            Node fn = keys.get("factors");
            if (!(fn instanceof ScalarNode s && s.getTag().equals(Tag.NULL))) {
                for (NodeTuple t : mapping(fn, "factors").getValue()) {
                    ScalarNode keyNode = scalar(t.getKeyNode(), "factor name");
                    String factor = string(keyNode, "factor name");
                    if (!FACTOR.matcher(factor).matches()) {
                        throw fail(keyNode, "factor name must be lower-case letters, digits, '_': " + factor);
                    }
                    if (factors.containsKey(factor)) {
                        throw fail(keyNode, "duplicate factor '" + factor + "' (first on line " + lines.get("factors." + factor)
                                + ")");
                    }
                    lines.put("factors." + factor, line(keyNode));
                    factors.put(factor, factorValues(factor, t.getValueNode()));
                }
            }
        }
        checkTrialCount(factors, repetitions, limits, keys);
        checkRates(factors, link);
        return new Experiment(name, source, runner, runnerOptions, link, duration, repetitions, taps, maxPackets,
                factors, lines);
    }

    private List<String> factorValues(String factor, Node node) {
        List<Node> items = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
        if (items.isEmpty()) {
            throw fail(node, "factor " + factor + " must have at least one value: []");
        }
        List<String> values = new ArrayList<>();
        Map<String, String> normalized = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            if (!(item instanceof ScalarNode s) || s.getTag().equals(Tag.NULL)) {
                throw fail(item, "factor " + factor + " values must be strings or numbers, found " + kind(item));
            }
            String v = s.getValue();
            try {
                Factors.check(factor, v);
            } catch (IllegalArgumentException e) {
                throw fail(item, e.getMessage());
            }
            String previous = normalized.putIfAbsent(TrialIds.normalize(v), v);
            if (previous != null) {
                throw fail(item, "factor " + factor + " lists " + v + " twice" + (previous.equals(v) ? "" : " (as " + previous + ")"));
            }
            lines.put("factors." + factor + "[" + i + "]", line(item));
            values.add(v);
        }
        return values;
    }

    /** The bounds of {@link #LIMIT_KEYS}, defaults or raised by the spec's {@code limits:}. */
    private record Limits(double maxDurationS, long maxTrials, long maxPackets) {
    }

    private Limits limits(Node node) {
        double maxDuration = LIMIT_DURATION_S;
        long maxTrials = LIMIT_TRIALS;
        long maxPackets = LIMIT_PACKETS;
        if (node == null || node instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
            return new Limits(maxDuration, maxTrials, maxPackets);
        }
        Map<String, Node> keys = keys(mapping(node, "limits"), "limits.", LIMIT_KEYS);
        if (keys.containsKey("max_duration_s")) {
            ScalarNode n = scalar(keys.get("max_duration_s"), "limits.max_duration_s");
            maxDuration = seconds(n, "limits.max_duration_s");
            if (!(maxDuration > 0) || Double.isInfinite(maxDuration)) {
                throw fail(n, "limits.max_duration_s must be > 0 and finite: " + n.getValue());
            }
        }
        if (keys.containsKey("max_trials")) {
            ScalarNode n = scalar(keys.get("max_trials"), "limits.max_trials");
            maxTrials = integer(n, "limits.max_trials");
            // trial ids, results.csv rows and the planner hold every trial in memory: ints
            if (maxTrials < 1 || maxTrials > Integer.MAX_VALUE) {
                throw fail(n, "limits.max_trials must be in [1, " + Integer.MAX_VALUE + "]: " + n.getValue());
            }
        }
        if (keys.containsKey("max_packets")) {
            ScalarNode n = scalar(keys.get("max_packets"), "limits.max_packets");
            maxPackets = integer(n, "limits.max_packets");
            if (maxPackets < 0) {
                throw fail(n, "limits.max_packets must be >= 0: " + n.getValue());
            }
        }
        return new Limits(maxDuration, maxTrials, maxPackets);
    }

    /** Counts the cross product without building it, so a 10^7-trial sweep is refused at once. */
    private void checkTrialCount(Map<String, List<String>> factors, int repetitions, Limits limits,
                                 Map<String, Node> keys) {
        long trials = repetitions;
        StringBuilder product = new StringBuilder();
        for (Map.Entry<String, List<String>> f : factors.entrySet()) {
            int n = f.getValue().size();
            trials = trials > Long.MAX_VALUE / 2 / n ? Long.MAX_VALUE / 2 : trials * n;
            product.append(f.getValue().size()).append(' ').append(f.getKey()).append(" x ");
        }
        if (trials > limits.maxTrials) {
            Node at = keys.containsKey("factors") ? keys.get("factors") : keys.get("repetitions");
            int line = at == null ? 1 : lines.getOrDefault("factors", line(at));
            throw new SpecException(source, line, "the spec asks for " + (trials >= Long.MAX_VALUE / 2 ? "more than 2^62"
                    : Long.toString(trials)) + " trials (" + product + repetitions + " repetitions), more than "
                    + limits.maxTrials + " (limits.max_trials); raise the limit with 'limits: {max_trials: N}' if"
                    + " you mean it");
        }
    }

    private static String plainNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Every offered rate must fit the link at every frame size or mix it is combined with. */
    private void checkRates(Map<String, List<String>> factors, LinkSpeed link) {
        List<String> rates = factors.getOrDefault("rate", List.of());
        if (factors.containsKey("mix")) {
            if (factors.containsKey("frame_size")) {
                throw new SpecException(source, lines.get("factors.mix"),
                        "factors mix and frame_size exclude each other: a mix sets the frame sizes");
            }
            for (int i = 0; i < rates.size(); i++) {
                for (String mix : factors.get("mix")) {
                    try {
                        Factors.checkRate(rates.get(i), link, Factors.mix(mix));
                    } catch (IllegalArgumentException e) {
                        throw new SpecException(source, lines.get("factors.rate[" + i + "]"), e.getMessage());
                    }
                }
            }
            return;
        }
        List<String> sizes = factors.getOrDefault("frame_size", List.of(Integer.toString(Trial.DEFAULT_FRAME_SIZE_BYTES)));
        for (int i = 0; i < rates.size(); i++) {
            for (String size : sizes) {
                try {
                    Factors.checkRate(rates.get(i), link, Integer.parseInt(size));
                } catch (IllegalArgumentException e) {
                    throw new SpecException(source, lines.get("factors.rate[" + i + "]"), e.getMessage());
                }
            }
        }
    }

    private Map<String, Node> keys(MappingNode map, String prefix, List<String> allowed) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            ScalarNode k = scalar(t.getKeyNode(), prefix.isEmpty() ? "key" : prefix + "key");
            String key = k.getValue();
            if (!allowed.contains(key)) {
                throw fail(k, "unknown key '" + prefix + key + "' (known: " + String.join(", ", allowed) + ")");
            }
            if (out.containsKey(key)) {
                throw fail(k, "duplicate key '" + prefix + key + "' (first on line " + lines.get(prefix + key) + ")");
            }
            lines.put(prefix + key, line(k));
            out.put(key, t.getValueNode());
        }
        return out;
    }

    private ScalarNode required(Map<String, Node> keys, Node parent, String key) {
        Node n = keys.get(key);
        if (n == null) {
            throw fail(parent, "missing key '" + key + "'");
        }
        return scalar(n, key);
    }

    private MappingNode mapping(Node n, String what) {
        if (n instanceof MappingNode m) {
            return m;
        }
        throw fail(n, what + " must be a mapping, found " + kind(n));
    }

    private SequenceNode sequence(Node n, String what) {
        if (n instanceof SequenceNode s) {
            return s;
        }
        throw fail(n, what + " must be a list, found " + kind(n));
    }

    private ScalarNode scalar(Node n, String what) {
        if (n instanceof ScalarNode s) {
            return s;
        }
        throw fail(n, what + " must be a single value, found " + kind(n));
    }

    private String string(ScalarNode n, String what) {
        if (!n.getTag().equals(Tag.STR)) {
            throw fail(n, what + " must be a string, found " + kind(n));
        }
        if (n.getValue().isBlank()) {
            throw fail(n, what + " must be non-blank: '" + n.getValue() + "'");
        }
        return n.getValue();
    }

    /** A number of seconds, or a duration with its unit ({@code 500ms}, {@code 2 min}): the one duration grammar. */
    private double seconds(ScalarNode n, String what) {
        if (n.getTag().equals(Tag.INT) || n.getTag().equals(Tag.FLOAT)) {
            return number(n, what);
        }
        if (!n.getTag().equals(Tag.STR)) {
            throw fail(n, what + " must be a number of seconds or a duration such as 500ms, found " + kind(n));
        }
        try {
            return Durations.seconds(n.getValue());
        } catch (IllegalArgumentException e) {
            throw fail(n, what + ": " + e.getMessage());
        }
    }

    private double number(ScalarNode n, String what) {
        if (!n.getTag().equals(Tag.INT) && !n.getTag().equals(Tag.FLOAT)) {
            throw fail(n, what + " must be a number, found " + kind(n));
        }
        try {
            return Double.parseDouble(n.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            throw fail(n, what + " must be a decimal number: " + n.getValue());
        }
    }

    private long integer(ScalarNode n, String what) {
        if (!n.getTag().equals(Tag.INT)) {
            throw fail(n, what + " must be an integer, found " + kind(n));
        }
        try {
            return Long.parseLong(n.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            throw fail(n, what + " must be a decimal integer: " + n.getValue());
        }
    }

    /** A node as plain Java values: String, Long, Double, Boolean, null, List, Map. */
    private Object plain(Node n) {
        if (n instanceof ScalarNode s) {
            Tag tag = s.getTag();
            String v = s.getValue();
            try {
                if (tag.equals(Tag.INT)) {
                    return Long.parseLong(v.replace("_", ""));
                }
                if (tag.equals(Tag.FLOAT)) {
                    return Double.parseDouble(v.replace("_", ""));
                }
            } catch (NumberFormatException e) {
                return v;
            }
            if (tag.equals(Tag.BOOL)) {
                return Boolean.parseBoolean(v.toLowerCase(java.util.Locale.ROOT)) || v.equalsIgnoreCase("yes")
                        || v.equalsIgnoreCase("on");
            }
            return tag.equals(Tag.NULL) ? null : v;
        }
        if (n instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            seq.getValue().forEach(item -> out.add(plain(item)));
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (NodeTuple t : ((MappingNode) n).getValue()) {
            out.put(String.valueOf(plain(t.getKeyNode())), plain(t.getValueNode()));
        }
        return out;
    }

    private static String kind(Node n) {
        if (n instanceof MappingNode) {
            return "a mapping";
        }
        if (n instanceof SequenceNode) {
            return "a list";
        }
        Tag tag = n.getTag();
        String v = ((ScalarNode) n).getValue();
        if (tag.equals(Tag.INT)) {
            return "an integer (" + v + ")";
        }
        if (tag.equals(Tag.FLOAT)) {
            return "a number (" + v + ")";
        }
        if (tag.equals(Tag.BOOL)) {
            return "a boolean (" + v + ")";
        }
        if (tag.equals(Tag.NULL)) {
            return "nothing";
        }
        return "a string (" + v + ")";
    }

    private static int line(Node n) {
        return n.getStartMark().getLine() + 1;
    }

    private SpecException fail(Node n, String detail) {
        return new SpecException(source, line(n), detail);
    }
}
