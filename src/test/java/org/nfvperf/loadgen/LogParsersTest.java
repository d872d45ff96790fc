package org.nfvperf.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nfvperf.util.InputException;

class LogParsersTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "^C\r\n", "\u001B[0m\n"})
    void emptyInputIsUnrecognised(String text) {
        InputException e = assertThrows(InputException.class, () -> LogParsers.parse("e.log", text));
        assertEquals("e.log: empty log, unrecognised log format (tried " + String.join(", ", LogParsers.toolIds()) + ")",
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello world\n", "PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.\n", "1,2,3\n4,5,6\n"})
    void unknownTextIsUnrecognised(String text) {
        InputException e = assertThrows(InputException.class, () -> LogParsers.parse("u.log", text));
        assertEquals("u.log: unrecognised log format (tried " + String.join(", ", LogParsers.toolIds()) + ")",
                e.getMessage());
    }
}
