package org.nfvperf.cli;

import picocli.CommandLine;

/**
 * The registry of subcommands, one line each, so that adding a command touches one line.
 */
final class Commands {
    private Commands() {
    }

    static void register(CommandLine cl) {
        // one addSubcommand per line, in the order of DESIGN.md's table
        cl.addSubcommand(new PcapInfoCommand());
        cl.addSubcommand(new PcapSynthCommand());
        cl.addSubcommand(new LatencyCommand());
        cl.addSubcommand(new ThroughputCommand());
        cl.addSubcommand(new LinerateCommand());
        cl.addSubcommand(new RunCommand());
        cl.addSubcommand(new CompareCommand());
        cl.addSubcommand(new ReproduceCommand());
        cl.addSubcommand(new KernelCommand());
        cl.addSubcommand(new NotebooksCommand());
        cl.addSubcommand(new TestbedCommand());
    }
}
