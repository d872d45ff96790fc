package org.nfvperf.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.nfvperf.throughput.Ethernet;
import org.nfvperf.throughput.LinkSpeed;
import org.nfvperf.throughput.PacketSizeMix;
import org.nfvperf.throughput.ThroughputTable;
import org.nfvperf.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.nfvperf.util.UsageException;

/**
 * {@code nfvperf linerate --link SPEED (--size N,... | --mix NAME|FILE) [--json|--csv]}: the
 * Ethernet line-rate table. {@code line_rate_pps} is rounded down to whole frames; Gb/s come from
 * the exact rate. A mix row has the mix's average frame size and its name in {@code mix}.
 *
 * <pre>{@code
 * ./nfvperf linerate --link 10G --size 64,128,256,512,1024,1518
 * ./nfvperf linerate --link 10G --mix fb-web --json
 * }</pre>
 */
@Command(name = "linerate", mixinStandardHelpOptions = true,
        description = "Ethernet line rate (pps, L2 and L1 Gb/s) per frame size or packet-size mix.")
final class LinerateCommand implements Callable<Integer> {
    @Option(names = "--link", required = true, paramLabel = "SPEED", description = "Link speed, e.g. 10G, 25Gbps, 100G.")
    String link;

    @Option(names = "--size", split = ",", paramLabel = "N", description = "Frame sizes with FCS, 64..16384.")
    List<Integer> sizes = new ArrayList<>();

    @Option(names = "--mix", paramLabel = "NAME|FILE",
            description = "Packet-size mix: imix, fb-web, or a CSV file (frame_size,weight). Repeatable.")
    List<String> mixes = new ArrayList<>();

    @Option(names = "--json", description = "JSON array instead of CSV.")
    boolean json;

    @Option(names = "--csv", description = "CSV with a header (the default).")
    boolean csv;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (sizes.isEmpty() && mixes.isEmpty()) {
            throw new UsageException("linerate needs --size N,... or --mix NAME|FILE");
        }
        if (json && csv) {
            throw new UsageException("--json and --csv are mutually exclusive");
        }
        LinkSpeed speed = LinkSpeed.parse(link);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int size : sizes) {
            rows.add(row(speed, size, Ethernet.linePpsFloor(speed, size), null));
        }
        for (String m : mixes) {
            PacketSizeMix mix = PacketSizeMix.resolve(m);
            double avg = mix.averageFrameSizeBytes();
            rows.add(row(speed, avg, (long) Math.floor(mix.linePps(speed)), mix.name()));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(rows));
        } else {
            CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build());
            p.printRecord(rows.get(0).keySet());
            for (Map<String, Object> r : rows) {
                List<Object> cells = new ArrayList<>();
                for (Object v : r.values()) {
                    cells.add(v instanceof java.math.BigDecimal d ? d.toPlainString() : v);
                }
                p.printRecord(cells);
            }
            p.flush();
        }
        out.flush();
        return 0;
    }

    private static Map<String, Object> row(LinkSpeed speed, double frame, long floorPps, String mix) {
        double pps = Ethernet.linePps(speed, frame);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frame_size", frame == Math.rint(frame) ? (Object) (long) frame : ThroughputTable.decimal(frame));
        m.put("line_rate_pps", floorPps);
        m.put("l2_gbps", ThroughputTable.decimal(Ethernet.l2Gbps(pps, frame)));
        m.put("l1_gbps", ThroughputTable.decimal(Ethernet.l1Gbps(pps, frame)));
        m.put("line_rate_mpps", ThroughputTable.decimal(pps / 1e6));
        m.put("link", speed.toString());
        m.put("mix", mix);
        return m;
    }
}
