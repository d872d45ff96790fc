package org.nfvperf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandsTest {
    @Test
    void registryKeysAreTheCommandsOwnNames() {
        for (Map.Entry<String, Supplier<Object>> e : Commands.all().entrySet()) {
            assertEquals(e.getKey(), new CommandLine(e.getValue().get()).getCommandName());
        }
    }

    @Test
    void aNamedSubcommandIsRegisteredAloneAndOthersSeeAll() {
        assertEquals(List.of("help", "latency"),
                List.copyOf(Main.commandLine(new String[] {"--debug", "latency", "--json"}).getSubcommands().keySet()));
        assertEquals(Commands.all().size() + 1,
                Main.commandLine(new String[] {"--help"}).getSubcommands().size());
        assertEquals(Commands.all().size() + 1,
                Main.commandLine(new String[] {"no-such-command"}).getSubcommands().size());
    }
}
