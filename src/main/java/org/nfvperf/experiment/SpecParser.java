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
            "duration_s", "repetitions", "capture", "factors", "search");
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

    private Experiment parse(String text) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            root = new Yaml(options).compose(new StringReader(text));
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
            duration = number(n, "duration_s");
            if (!(duration > 0) || Double.isInfinite(duration)) {
                throw fail(n, "duration_s must be > 0: " + n.getValue());
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
