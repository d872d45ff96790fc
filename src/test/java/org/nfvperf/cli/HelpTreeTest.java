package org.nfvperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command and subcommand of the tree answers {@code --help} with its usage on stdout and exit 0. */
class HelpTreeTest {
    @Test
    void everyCommandOfTheTreeAnswersHelp() {
        List<List<String>> paths = new ArrayList<>();
        collect(Main.commandLine(), new ArrayList<>(), paths);
        assertTrue(paths.size() >= 15, "the walk found the command tree: " + paths);
        List<String> failures = new ArrayList<>();
        for (List<String> path : paths) {
            for (String flag : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(path);
                args.add(flag);
                CliRun.Result r = CliRun.run(args.toArray(String[]::new));
                String name = path.isEmpty() ? "nfvperf" : path.get(path.size() - 1);
                if (r.code() != 0 || !r.out().startsWith("Usage: ") || !r.out().contains(name) || !r.err().isEmpty()) {
                    failures.add(String.join(" ", args) + " -> exit " + r.code() + ", err '" + r.err().strip() + "'");
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void helpOfANestedSubcommandShowsItsOwnOptions() {
        CliRun.Result r = CliRun.run("kernel", "install", "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Usage: nfvperf kernel install"), r.out());
        assertTrue(r.out().contains("--prefix=DIR"), r.out());
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        if (cl.getCommandSpec().helpCommand()) {
            return;
        }
        out.add(List.copyOf(path));
        cl.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().name().equals(name)) {
                List<String> p = new ArrayList<>(path);
                p.add(name);
                collect(sub, p, out);
            }
        });
    }
}
