package org.nfvperf.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.nfvperf.loadgen.LogParsers;
import org.nfvperf.loadgen.LogResult;
import org.nfvperf.loadgen.RateSample;
import org.nfvperf.loadgen.RateSeries;
import org.nfvperf.throughput.Ethernet;
import org.nfvperf.throughput.LinkSpeed;
import org.nfvperf.throughput.ThroughputRow;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Rates from traffic-generator and dataplane logs (pkt-gen, pktgen, MoonGen, TRex, testpmd,
 * Pktgen-DPDK, BESS; the format is detected) and the Ethernet line rate.
 *
 * <p>Stateless and thread-safe; a {@link Result} is immutable.
 * <pre>{@code
 * Throughput.Result r = Throughput.logs("10G", Path.of("data/samples/logs"));
 * r.toTable();                                      // file, tool, port, frame_size, tx/rx Mpps, line_rate_pct, loss_pct
 * Throughput.lineRate("10G", 64, 128, 1500);        // frame_size, line_rate_mpps, ...
 * }</pre>
 */
public final class Throughput {
    private Throughput() {
    }

    /**
     * Parses every {@code .log} file given or inside the folders given (sorted by name).
     *
     * @param link link speed for the line-rate share, e.g. {@code "10G"}
     * @throws IOException              if a log cannot be read
     * @throws IllegalArgumentException if a log's format is not recognised or {@code link} is malformed
     */
    public static Result logs(String link, Path... filesOrFolders) throws IOException {
        LinkSpeed speed = LinkSpeed.parse(link);
        List<Path> files = new ArrayList<>();
        for (Path p : filesOrFolders) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().forEach(files::add);
                }
            } else {
                files.add(p);
            }
        }
        List<LogResult> logs = new ArrayList<>();
        List<ThroughputRow> rows = new ArrayList<>();
        for (Path f : files) {
            LogResult r = LogParsers.parse(f);
            logs.add(r);
            rows.addAll(ThroughputRow.of(r, speed, 0));
        }
        return new Result(speed, logs, rows);
    }

    /** Line rate per frame size: {@code frame_size, line_rate_mpps, l2_gbps, l1_gbps}. */
    public static Table lineRate(String link, int... frameSizes) {
        LinkSpeed speed = LinkSpeed.parse(link);
        IntColumn size = IntColumn.create("frame_size");
        DoubleColumn mpps = DoubleColumn.create("line_rate_mpps");
        DoubleColumn l2 = DoubleColumn.create("l2_gbps");
        DoubleColumn l1 = DoubleColumn.create("l1_gbps");
        for (int s : frameSizes) {
            double pps = Ethernet.linePps(speed, s);
            size.append(s);
            mpps.append(pps / 1e6);
            l2.append(Ethernet.l2Gbps(pps, s));
            l1.append(Ethernet.l1Gbps(pps, s));
        }
        return Table.create("line rate at " + speed, size, mpps, l2, l1);
    }

    /**
     * Parsed logs and their steady-state rows.
     *
     * @param link the link speed of the line-rate share
     * @param logs every log as parsed, with its rate samples
     * @param rows one per log, port and direction
     */
    public record Result(LinkSpeed link, List<LogResult> logs, List<ThroughputRow> rows) {
        /** Freezes the lists. */
        public Result {
            logs = List.copyOf(logs);
            rows = List.copyOf(rows);
        }

        /**
         * One row per log and port: {@code file, tool, port, frame_size, tx_mpps, rx_mpps,
         * rx_gbps_l1, line_rate_pct, loss_pct, samples}; unknown values are empty.
         */
        public Table toTable() {
            StringColumn file = StringColumn.create("file");
            StringColumn tool = StringColumn.create("tool");
            StringColumn port = StringColumn.create("port");
            IntColumn frame = IntColumn.create("frame_size");
            DoubleColumn tx = DoubleColumn.create("tx_mpps");
            DoubleColumn rx = DoubleColumn.create("rx_mpps");
            DoubleColumn gbps = DoubleColumn.create("rx_gbps_l1");
            DoubleColumn line = DoubleColumn.create("line_rate_pct");
            DoubleColumn loss = DoubleColumn.create("loss_pct");
            IntColumn samples = IntColumn.create("samples");
            for (ThroughputRow r : rows) {
                file.append(Path.of(r.file()).getFileName().toString());
                tool.append(r.tool());
                port.append(r.port());
                if (r.frameSize() > 0) {
                    frame.append(r.frameSize());
                } else {
                    frame.appendMissing();
                }
                tx.append(r.txPps() / 1e6);
                rx.append(r.rxPps() / 1e6);
                gbps.append(r.rxGbpsL1());
                line.append(r.lineRatePercent());
                loss.append(r.lossPercent());
                samples.append(r.samples());
            }
            return Table.create("throughput at " + link, file, tool, port, frame, tx, rx, gbps, line, loss, samples);
        }

        /**
         * Every rate sample: {@code file, tool, port, direction, time_s} (end of the interval, from
         * the log's start) and {@code mpps}, for rate-over-time charts.
         */
        public Table samples() {
            StringColumn file = StringColumn.create("file");
            StringColumn tool = StringColumn.create("tool");
            StringColumn port = StringColumn.create("port");
            StringColumn direction = StringColumn.create("direction");
            DoubleColumn time = DoubleColumn.create("time_s");
            DoubleColumn mpps = DoubleColumn.create("mpps");
            for (LogResult log : logs) {
                for (RateSeries s : log.series()) {
                    for (RateSample x : s.samples()) {
                        file.append(Path.of(log.source()).getFileName().toString());
                        tool.append(log.tool());
                        port.append(s.port());
                        direction.append(s.direction().toString());
                        time.append((x.startNanos() + x.intervalNanos()) / 1e9);
                        mpps.append(x.pps() / 1e6);
                    }
                }
            }
            return Table.create("rate samples", file, tool, port, direction, time, mpps);
        }
    }
}
