package org.nfvperf.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nfvperf.loadgen.LogParsers;
import org.nfvperf.loadgen.LogResult;
import org.nfvperf.throughput.LinkSpeed;
import org.nfvperf.throughput.ThroughputRow;
import org.nfvperf.throughput.ThroughputTable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import org.nfvperf.util.UsageException;

/**
 * {@code nfvperf throughput [--link 10G] [--json|--csv] LOG...}: parses generator and dataplane
 * logs (format detected from content) and prints one row per log and port, or with
 * {@code --combine NAME} one row for all logs together. A log that fails is reported on stderr
 * after the rows of the others (with {@code --combine}, no row is printed), and the exit code is
 * then 2.
 *
 * <pre>{@code
 * ./nfvperf throughput --link 10G --json results/fig2/*\/gen-*.log
 * ./nfvperf throughput --combine trial-a1b2 --json results/fig2/a1b2/gen-tx.log results/fig2/a1b2/gen-rx.log
 * }</pre>
 */
@Command(name = "throughput", mixinStandardHelpOptions = true,
        description = "Steady-state rates, Gb/s, %% of line rate and loss from generator/dataplane logs "
                + "(netmap pkt-gen, Linux pktgen, MoonGen, TRex, testpmd, Pktgen-DPDK, BESS).")
final class ThroughputCommand implements Callable<Integer> {
    @Option(names = "--link", defaultValue = "10G", paramLabel = "SPEED",
            description = "Link speed for %% of line rate, e.g. 10G, 25Gbps, 100G (default ${DEFAULT-VALUE}).")
    String link;

    @Option(names = "--frame-size", paramLabel = "BYTES", defaultValue = "0",
            description = "Frame size with FCS to assume, overriding what the log says (default: from the log).")
    int frameSize;

    @Option(names = "--combine", paramLabel = "NAME",
            description = "Treat all LOGs as one measurement (e.g. gen-tx.log and gen-rx.log of a trial) and print one "
                    + "row named NAME with their sum and loss.")
    String combine;

    @ArgGroup(exclusive = true)
    OutputFormat format = new OutputFormat();

    @Parameters(arity = "1..*", paramLabel = "LOG", description = "Log files.")
    List<Path> logs;

    @Spec
    CommandSpec spec;

    /** --json or --csv; neither means an aligned text table. */
    static final class OutputFormat {
        @Option(names = "--json", description = "JSON array, one object per log and port.")
        boolean json;
        @Option(names = "--csv", description = "CSV with a header.")
        boolean csv;
    }

    @Override
    public Integer call() {
        LinkSpeed speed = LinkSpeed.parse(link);
        if (frameSize != 0 && (frameSize < 64 || frameSize > 16384)) {
            throw new UsageException("--frame-size must be in 64..16384: " + frameSize);
        }
        List<ThroughputRow> rows = new ArrayList<>();
        List<LogResult> parsed = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Path log : logs) {
            try {
                LogResult r = LogParsers.parse(log);
                parsed.add(r);
                if (combine == null) {
                    rows.addAll(ThroughputRow.of(r, speed, frameSize, warnings));
                }
            } catch (Exception e) {
                failures.add(e);
            }
        }
        if (combine != null && failures.isEmpty()) {
            rows.add(ThroughputRow.ofMeasurement(combine, parsed, speed, frameSize));
        }
        PrintWriter out = spec.commandLine().getOut();
        var table = ThroughputTable.of(rows);
        if (format.json) {
            out.println(ThroughputTable.toJson(table));
        } else if (format.csv) {
            out.print(ThroughputTable.toCsv(table));
        } else {
            printText(out, rows);
        }
        out.flush();
        int code = 0;
        for (String w : warnings) {
            spec.commandLine().getErr().println("nfvperf: warning: " + w);
        }
        for (Exception e : failures) {
            if (Main.debugRequested(spec)) {
                e.printStackTrace(spec.commandLine().getErr());
            } else {
                spec.commandLine().getErr().println("nfvperf: " + Main.messageOf(e));
            }
            code = Math.max(code, Main.exitCodeOf(e));
        }
        spec.commandLine().getErr().flush();
        return code;
    }

    private static void printText(PrintWriter out, List<ThroughputRow> rows) {
        String fmt = "%-28s %-15s %-12s %6s %9s %9s %9s %8s %8s %7s%n";
        out.printf(Locale.ROOT, fmt, "file", "tool", "port", "frame", "tx_mpps", "rx_mpps", "rx_gbpsL1", "line%",
                "loss%", "samples");
        for (ThroughputRow r : rows) {
            out.printf(Locale.ROOT, fmt, r.file(), r.tool(), r.port(), r.frameSize() > 0 ? Integer.toString(r.frameSize()) : "-",
                    num(r.txMpps(), 3), num(r.rxMpps(), 3), num(r.rxGbpsL1(), 3), num(r.lineRatePercent(), 2),
                    num(r.lossPercent(), 3), r.samples());
        }
    }

    private static String num(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
