package org.nfvperf.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CellEvaluatorTest {
    @TempDir
    static Path dir;
    static CellEvaluator ev;
    static int cell;

    @BeforeAll
    static void start() throws Exception {
        ev = new CellEvaluator(KernelConfig.defaults(), dir);
        KernelMagics.registerAll(ev);
    }

    @AfterAll
    static void stop() {
        ev.close();
    }

    static Optional<Object> eval(String code) throws CellException {
        return ev.eval(code, ++cell);
    }

    @Test
    void lastExpressionIsTheValueAndObjectsAreShared() throws Exception {
        assertEquals(42, eval("int x = 20;\nx + 22").orElseThrow());
        Object list = eval("var l = new java.util.ArrayList<String>(List.of(\"a\"));\nl").orElseThrow();
        assertInstanceOf(java.util.ArrayList.class, list);
        assertEquals(Optional.empty(), eval("int y = 1;"));
        assertEquals(Optional.empty(), eval("System.out.print(\"\");"));
    }

    @Test
    void toolkitClassesAreOnTheClassPath() throws Exception {
        assertEquals("org.nfvperf.util.Json", eval("org.nfvperf.util.Json.class.getName()").orElseThrow());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            int a = 1;\\nint b = ;                 | 2 | illegal start of expression
            \\n\\n// note\\nString s = 5;         | 4 | incompatible types: int cannot be converted to java.lang.String
            int c = 1;\\nint d = c +\\n   nope;   | 3 | cannot find symbol; symbol: variable nope
            """)
    void compileErrorsNameTheCellLine(String code, int line, String message) {
        int n = cell + 1;
        CellException e = assertThrows(CellException.CompilationException.class, () -> eval(code.replace("\\n", "\n")));
        assertEquals(line, e.line());
        assertEquals("cell [" + n + "] line " + line + ": " + message, e.getMessage());
    }

    @Test
    void runtimeErrorsNameTheThrownClassAndTheLine() throws Exception {
        eval("int divide(int a, int b) {\n  int q = a;\n  return q / b;\n}");
        int n = cell + 1;
        CellException.EvalException e = assertThrows(CellException.EvalException.class,
                () -> eval("int ok = 1;\n\nint r = divide(1, 0);"));
        assertEquals("java.lang.ArithmeticException", e.exceptionClassName());
        assertEquals("java.lang.ArithmeticException: / by zero (cell [" + n + "] line 3)", e.getMessage());
        assertEquals(3, e.line());
        assertEquals(List.of("java.lang.ArithmeticException: / by zero",
                "    at divide (cell [" + (n - 1) + "] line 3)",
                "    at (cell [" + n + "] line 3)"), e.traceback());
    }

    @Test
    void incompleteCellIsAnError() {
        CellException e = assertThrows(CellException.IncompleteSourceException.class, () -> eval("int z = 1;\nfor (int i = 0; i < 2; i++) {"));
        assertEquals(2, e.line());
    }

    @Test
    void lineMagicsRunInOrderWithCode() throws Exception {
        Path jarDir = Files.createDirectories(dir.resolve("lib"));
        Path script = Files.writeString(dir.resolve("helper.jsh"), "int helper() { return 7; }\n");
        assertEquals(7, eval("%load helper.jsh\nhelper()").orElseThrow());
        assertEquals(8, eval("int h = helper();\n%load " + script + "\nh + 1").orElseThrow());
        CellException e = assertThrows(CellException.MagicException.class, () -> eval("%classpath " + jarDir + "/*.jar"));
        assertTrue(e.getMessage().endsWith("%classpath failed: %classpath: nothing matches '" + jarDir + "/*.jar' (relative to "
                + dir.toAbsolutePath() + ")"), e.getMessage());
        CellException u = assertThrows(CellException.MagicException.class, () -> eval("\n%nosuch 1"));
        assertEquals(2, u.line());
        assertTrue(u.getMessage().endsWith("line 2: no line magic named 'nosuch'; known: %classpath, %jars, %load, %maven, %mavenRepo, %loadFromPOM, %%loadFromPOM, %%shell"), u.getMessage());
    }

    @Test
    void shellCellMagicFailsOnNonZeroStatus() throws Exception {
        assertEquals(Optional.empty(), eval("%%shell\ntrue"));
        CellException e = assertThrows(CellException.MagicException.class, () -> eval("%%shell\nexit 3"));
        assertTrue(e.getMessage().endsWith("%%shell failed: the shell exited with status 3"), e.getMessage());
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void interruptStopsASleepingLoopABusyLoopAndAShellCell() throws Exception {
        for (String loop : List.of("while (true) { Thread.sleep(50); }", "long k = 0;\nwhile (true) { k++; }", "%%shell\nsleep 60")) {
            // Interrupts keep coming until the cell ends: one sent before the loop started would be lost.
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            Thread t = new Thread(() -> {
                while (!done.get()) {
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (!done.get()) {
                        ev.interrupt();
                    }
                }
            });
            t.start();
            CellException e = assertThrows(CellException.EvaluationInterruptedException.class, () -> eval(loop));
            done.set(true);
            assertTrue(e.getMessage().startsWith("Execution interrupted at cell [" + cell + "] line "), e.getMessage());
            t.join();
        }
        assertEquals(3, eval("1 + 2").orElseThrow());
    }

    @Test
    void timeoutStopsTheSnippet() throws Exception {
        try (CellEvaluator limited = new CellEvaluator(KernelConfig.defaults().withTimeoutNanos(200_000_000L), dir)) {
            CellException e = assertThrows(CellException.EvaluationTimeoutException.class,
                    () -> limited.eval("Thread.sleep(10_000);", 1));
            assertEquals("cell [1] line 1: Execution timed out after 200 ms (IJAVA_TIMEOUT).", e.getMessage());
            assertEquals(5, limited.eval("5", 2).orElseThrow());
        }
    }
}
