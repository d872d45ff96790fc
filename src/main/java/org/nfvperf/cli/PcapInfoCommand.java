package org.nfvperf.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nfvperf.capture.CaptureSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nfvperf pcap-info [--json] FILE...}: a capinfos-like summary of capture files (pcap,
 * pcapng, gzip of either). Files that cannot be read get one line on stderr each; the others are
 * still reported; the exit code is then 2. A file damaged in the middle is reported up to the
 * fault (with {@code complete: false} and {@code error}) and also makes the exit code 2; a file
 * merely cut short inside its last record is a warning (exit 0).
 *
 * <pre>{@code
 * ./nfvperf pcap-info --json tap-in.pcapng tap-out.pcap.gz
 * }</pre>
 */
@Command(name = "pcap-info", mixinStandardHelpOptions = true,
        description = "Summarize capture files (pcap, pcapng, .gz): packets, bytes, first/last timestamp in ns, "
                + "duration, link types, interfaces, truncated and out-of-order packets, completeness.")
public final class PcapInfoCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print a JSON array, one object per file.")
    boolean json;

    @Option(names = "--scan-stats", hidden = true,
            description = "Print the scan time and rate of every file to stderr (for benchmarks).")
    boolean scanStats;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Capture files.")
    List<Path> files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<CaptureSummary> summaries = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Path f : files) {
            try {
                long wall0 = System.nanoTime();
                long cpu0 = scanStats ? threadCpuNanos() : 0;
                CaptureSummary s = CaptureSummary.of(f);
                if (scanStats) {
                    long wall = System.nanoTime() - wall0;
                    long cpu = threadCpuNanos() - cpu0;
                    err.printf("scan %s: %d packets in %.3f s wall (%.1f M packets/s), %.3f s thread CPU"
                            + " (%.1f M packets/s)%n", f, s.packets(), wall / 1e9, s.packets() * 1e3 / Math.max(1, wall), cpu / 1e9,
                            s.packets() * 1e3 / Math.max(1, cpu));
                }
                summaries.add(s);
                if (s.error() != null) {
                    errors.add(s.error() + " (" + s.packets() + " packets read before the fault)");
                }
            } catch (IOException | RuntimeException e) {
                if (Main.exitCodeOf(e) != Main.EXIT_INPUT) {
                    throw e instanceof RuntimeException re ? re : new java.io.UncheckedIOException((IOException) e);
                }
                errors.add(Main.messageOf(e));
            }
        }
        if (!summaries.isEmpty()) {
            if (json) {
                out.println(CaptureSummary.toJson(summaries));
            } else {
                for (int i = 0; i < summaries.size(); i++) {
                    if (i > 0) {
                        out.println();
                    }
                    table(out, summaries.get(i));
                }
            }
        }
        out.flush();
        for (String e : errors) {
            err.println("nfvperf: " + e);
        }
        err.flush();
        return errors.isEmpty() ? 0 : Main.EXIT_INPUT;
    }

    private static long threadCpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static void table(PrintWriter out, CaptureSummary s) {
        row(out, "file", s.file());
        row(out, "format", s.format() + (s.compressed() ? " (gzip)" : ""));
        row(out, "link types", String.join(", ", s.linktypes()));
        row(out, "interfaces", Integer.toString(s.interfaces()));
        row(out, "packets", Long.toString(s.packets()));
        row(out, "captured bytes", Long.toString(s.capturedBytes()));
        row(out, "wire bytes", Long.toString(s.wireBytes()));
        row(out, "first", s.firstNs() == null ? "-" : time(s.firstNs()));
        row(out, "last", s.lastNs() == null ? "-" : time(s.lastNs()));
        row(out, "duration", s.durationNs() == null ? "-"
                : String.format("%d.%09d s (%d ns)", s.durationNs() / 1_000_000_000L, s.durationNs() % 1_000_000_000L,
                        s.durationNs()));
        row(out, "truncated packets", Long.toString(s.truncatedPackets()));
        row(out, "out of order", Long.toString(s.outOfOrder()));
        if (s.packetsWithoutTimestamp() > 0) {
            row(out, "no timestamp", Long.toString(s.packetsWithoutTimestamp()));
        }
        row(out, "complete", s.complete() ? "yes" : "no");
        for (CaptureSummary.Interface i : s.interfaceList()) {
            StringBuilder b = new StringBuilder();
            b.append(i.linktype()).append(", snaplen ").append(i.snaplen()).append(", ").append(i.resolution())
                    .append(", ").append(i.packets()).append(" packets");
            if (!i.name().isEmpty()) {
                b.append(", name ").append(i.name());
            }
            if (i.ifDrop() != null || i.osDrop() != null || i.ifRecv() != null) {
                b.append(", received ").append(dash(i.ifRecv())).append(", dropped by interface ")
                        .append(dash(i.ifDrop())).append(", by OS ").append(dash(i.osDrop()));
            }
            row(out, "interface " + i.id(), b.toString());
        }
        for (String w : s.warnings()) {
            row(out, "warning", w);
        }
        if (s.error() != null) {
            row(out, "error", s.error());
        }
    }

    private static String dash(Long v) {
        return v == null ? "-" : v.toString();
    }

    private static String time(long ns) {
        return Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L)) + " ("
                + ns + " ns)";
    }

    private static void row(PrintWriter out, String key, String value) {
        out.printf("%-18s %s%n", key + ":", value);
    }
}
