package org.nfvperf.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs the {@code nfvperf} command line in this JVM and captures what it prints, for tests.
 *
 * <pre>{@code
 * CliRun.Result r = CliRun.run("linerate", "--link", "10G", "--size", "64");
 * assertEquals(0, r.code(), r.err());
 * }</pre>
 */
public final class CliRun {
    private CliRun() {
    }

    /** Exit code and everything printed on stdout and stderr. */
    public record Result(int code, String out, String err) {
        /** {@code {code, out, err}} as strings, the shape older tests use. */
        public String[] asArray() {
            return new String[] {Integer.toString(code), out, err};
        }
    }

    /** Executes {@code nfvperf args...} with the production exception handlers. */
    public static Result run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = Main.run(cl, args);
        return new Result(code, out.toString(), err.toString());
    }
}
