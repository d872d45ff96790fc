package org.nfvperf.testbed.netns;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} arguments of the helper processes (generator, sink); not thread-safe. */
final class ProcessArgs {
    private final Map<String, String> values = new HashMap<>();

    ProcessArgs(String[] args, Set<String> known) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("arguments must be --name value pairs: " + String.join(" ", args));
        }
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || !known.contains(args[i].substring(2))) {
                throw new IllegalArgumentException("option must be one of --" + String.join(", --", known.stream().sorted().toList())
                        + ": " + args[i]);
            }
            values.put(args[i].substring(2), args[i + 1]);
        }
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String string(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("option --" + name + " must be given: missing");
        }
        return v;
    }

    long longValue(String name, long min, long max) {
        String v = string(name);
        long x;
        try {
            x = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer: " + v);
        }
        if (x < min || x > max) {
            throw new IllegalArgumentException("--" + name + " must be in [" + min + ", " + max + "]: " + v);
        }
        return x;
    }

    double doubleValue(String name, double minExclusive, double max) {
        String v = string(name);
        double x;
        try {
            x = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number: " + v);
        }
        if (!(x > minExclusive && x <= max)) {
            throw new IllegalArgumentException("--" + name + " must be in (" + minExclusive + ", " + max + "]: " + v);
        }
        return x;
    }
}
