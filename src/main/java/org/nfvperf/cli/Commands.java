package org.nfvperf.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The registry of subcommands, one line each, so that adding a command touches one line.
 *
 * <p>Building a picocli command model loads every class its options mention, so a run that names
 * its subcommand registers only that one (about 0.25 s less start-up for {@code latency} or
 * {@code pcap-info}); help and unknown names see them all. {@code CommandsTest} checks that each
 * key equals the command's own {@code @Command(name)}.
 */
final class Commands {
    private Commands() {
    }

    /** Subcommand name to a new instance, in the order of DESIGN.md's table. */
    static Map<String, Supplier<Object>> all() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("pcap-info", PcapInfoCommand::new);
        m.put("pcap-synth", PcapSynthCommand::new);
        m.put("latency", LatencyCommand::new);
        m.put("throughput", ThroughputCommand::new);
        m.put("linerate", LinerateCommand::new);
        m.put("run", RunCommand::new);
        m.put("search", SearchCommand::new);
        m.put("stages", StagesCommand::new);
        m.put("compare", CompareCommand::new);
        m.put("query", QueryCommand::new);
        m.put("reproduce", ReproduceCommand::new);
        m.put("kernel", KernelCommand::new);
        m.put("notebooks", NotebooksCommand::new);
        m.put("testbed", TestbedCommand::new);
        return m;
    }

    /** Registers every subcommand. */
    static void register(CommandLine cl) {
        all().values().forEach(s -> cl.addSubcommand(s.get()));
    }

    /**
     * Registers only the subcommand that {@code args} names (its first argument that is not a
     * root option), or every subcommand when none is named.
     */
    static void register(CommandLine cl, String[] args) {
        String named = null;
        for (String a : args) {
            if (!a.startsWith("-")) {
                named = a;
                break;
            }
        }
        Supplier<Object> only = named == null ? null : all().get(named);
        if (only == null) {
            register(cl);
        } else {
            cl.addSubcommand(only.get());
        }
    }
}
