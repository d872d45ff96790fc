package org.nfvperf.testbed.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.nfvperf.experiment.Runner;
import org.nfvperf.experiment.Trial;

/**
 * The {@code netns} runner: measures a real Linux software dataplane on this machine. Per trial it
 * builds a generator namespace, one DUT namespace per NF and a sink namespace joined by veth pairs
 * ({@link ChainPlan}), starts the sink, a tcpdump per requested tap (nanosecond timestamps, snaplen
 * {@value #SNAPLEN}, filtered on the probe port), then the generator; after the generator is done
 * and the path drained it stops the sink and the taps (SIGINT, so tcpdump flushes) and removes
 * everything ({@link Testbed}).
 *
 * <p>Artifacts in the trial folder: {@code gen-tx.log}, {@code gen-rx.log} (pkt-gen format),
 * {@code tap-<name>.pcap}, and {@code testbed/} with the setup commands and each helper's output.
 * Needs root (CAP_NET_ADMIN). Traffic uses 10.200.0.0/16 inside the run's own namespaces only.
 * Thread-safe: trials run in their own namespaces, so several may run at once (the machine's
 * cores are the limit).
 *
 * <pre>{@code
 * NetnsRunner r = new NetnsRunner(NetnsRunner.Options.defaults());
 * r.validate(trial);
 * Map<String, Object> provenance = r.run(trial, trialDir);
 * }</pre>
 */
public final class NetnsRunner implements Runner {
    /** Runner id in specs. */
    public static final String ID = "netns";
    /** UDP port of the probe traffic (source and destination). */
    public static final int UDP_PORT = 6000;
    /** tcpdump snap length: headers plus the probe header, never the whole payload. */
    public static final int SNAPLEN = 128;
    /** Time the path gets to drain after the generator stops, in ms. */
    public static final long DRAIN_MILLIS = 300;
    /** Niceness of the generator and sink processes (negative = ahead of ordinary processes). */
    public static final int HELPER_NICENESS = -10;
    /** tcpdump's default buffer timeout: a ring block is handed to it at the latest after this, in ms. */
    public static final long TAP_BLOCK_TIMEOUT_MILLIS = 1000;

    private static final Pattern TCPDUMP_COUNT = Pattern.compile("(\\d+) packets? (captured|received by filter|dropped by kernel)");
    private static volatile boolean leftoversChecked;

    private final Options options;

    /**
     * Runner options from a spec's {@code runner_options}.
     *
     * @param javaCommand   java executable for the generator and sink processes
     * @param classPath     class path that holds this class (the nfvperf jar)
     * @param helperHeapMb  heap of each helper JVM, in MiB
     * @param generator     {@code auto} (trafgen when it is installed, else the Java generator),
     *                      {@code trafgen} (required) or {@code java} ({@link UdpGenerator})
     */
    public record Options(String javaCommand, String classPath, int helperHeapMb, String generator) {
        /** The generators {@link #generator} may name. */
        public static final List<String> GENERATORS = List.of("auto", "trafgen", "java");

        /** With the {@code auto} generator. */
        public Options(String javaCommand, String classPath, int helperHeapMb) {
            this(javaCommand, classPath, helperHeapMb, "auto");
        }

        public Options {
            if (!GENERATORS.contains(generator)) {
                throw new IllegalArgumentException("generator must be one of " + String.join(", ", GENERATORS) + ": " + generator);
            }
            if (javaCommand == null || javaCommand.isBlank()) {
                throw new IllegalArgumentException("javaCommand must be a java executable: " + javaCommand);
            }
            if (classPath == null || classPath.isBlank()) {
                throw new IllegalArgumentException("classPath must not be empty: " + classPath);
            }
            if (helperHeapMb < 16 || helperHeapMb > 4096) {
                throw new IllegalArgumentException("helperHeapMb must be in [16, 4096]: " + helperHeapMb);
            }
        }

        /** This JVM's java and class path, 128 MiB per helper. */
        public static Options defaults() {
            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            return new Options(java, System.getProperty("java.class.path"), 128);
        }
    }

    public NetnsRunner(Options options) {
        this.options = options;
    }

    @Override
    public String id() {
        return ID;
    }

    /** The knobs of the {@code dpdk} dataplane ({@link DpdkSettings#FACTORS}) and {@code cpu_share} ({@link CpuShare}). */
    @Override
    public boolean acceptsFactor(String name) {
        return DpdkSettings.FACTORS.contains(name) || CpuShare.FACTOR.equals(name);
    }

    /**
     * Checks factors, privileges and tools.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    @Override
    public void validate(Trial trial) {
        TrialConfig config = TrialConfig.of(trial);
        if (config.dataplane() == Dataplane.DPDK) {
            DpdkSettings.of(trial);
        }
        validate(config);
    }

    /** As {@link #validate(Trial)} for an already parsed trial. */
    public void validate(TrialConfig config) {
        requireRoot();
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("ip", "tcpdump", "nft", "sysctl", "bridge")) {
            if (!Host.onPath(tool)) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the netns runner needs " + String.join(", ", missing)
                    + " on PATH: install iproute2, nftables, tcpdump, procps (apt-get install iproute2 nftables tcpdump procps)");
        }
        if (config.dataplane().isOvs()) {
            ovsUnavailableReason().ifPresent(reason -> {
                throw new IllegalArgumentException(reason);
            });
        }
        if (config.dataplane() == Dataplane.DPDK) {
            DpdkChain.unavailableReason().ifPresent(reason -> {
                throw new IllegalArgumentException(reason);
            });
        }
        if (config.dataplane() == Dataplane.OVS_DPDK) {
            ovsDpdkUnavailableReason().ifPresent(reason -> {
                throw new IllegalArgumentException(reason);
            });
        }
        if (config.cpuShare() > 0) {
            CpuShare.unavailableReason().ifPresent(reason -> {
                throw new IllegalArgumentException(reason);
            });
        }
    }

    /** Why {@code ovs-dpdk} trials are skipped on this machine (beyond {@link #ovsUnavailableReason}), or empty. */
    public static java.util.Optional<String> ovsDpdkUnavailableReason() {
        if (!Files.isExecutable(Path.of(ChainPlan.OVS_VSWITCHD_DPDK))) {
            return java.util.Optional.of("dataplane ovs-dpdk skipped: " + ChainPlan.OVS_VSWITCHD_DPDK
                    + " is missing; install Debian's openvswitch-switch-dpdk (apt-get install openvswitch-switch-dpdk)");
        }
        for (String tool : List.of("mount", "umount")) {
            if (!Host.onPath(tool)) {
                return java.util.Optional.of("dataplane ovs-dpdk skipped: " + tool + " is missing");
            }
        }
        try {
            if (!Files.isWritable(Hugepages.NR_HUGEPAGES) || !Files.readString(Path.of("/proc/filesystems")).contains("hugetlbfs")) {
                return java.util.Optional.of("dataplane ovs-dpdk skipped: this kernel offers no 2 MiB hugepages ("
                        + Hugepages.NR_HUGEPAGES + " not writable or no hugetlbfs)");
            }
        } catch (IOException e) {
            return java.util.Optional.of("dataplane ovs-dpdk skipped: " + e.getMessage());
        }
        return java.util.Optional.empty();
    }

    /** Why {@code ovs} trials are skipped on this machine, or empty when Open vSwitch is usable. */
    public static java.util.Optional<String> ovsUnavailableReason() {
        for (String tool : List.of("ovsdb-tool", "ovsdb-server", "ovs-vswitchd", "ovs-vsctl", "ovs-ofctl", "ethtool")) {
            if (!Host.onPath(tool)) {
                return java.util.Optional.of("dataplane ovs skipped: " + tool
                        + " is missing; install Debian's openvswitch-switch and ethtool (apt-get install openvswitch-switch ethtool)");
            }
        }
        if (!Files.isReadable(Path.of(ChainPlan.OVS_SCHEMA))) {
            return java.util.Optional.of("dataplane ovs skipped: " + ChainPlan.OVS_SCHEMA
                    + " is missing; install Debian's openvswitch-common");
        }
        return java.util.Optional.empty();
    }

    /**
     * @throws IllegalArgumentException when this process is not root
     */
    public static void requireRoot() {
        long uid = -1;
        try {
            uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // fall back to the user name below
        }
        requireRoot(uid, System.getProperty("user.name"));
    }

    /** As {@link #requireRoot()} for a given uid (-1 when unknown) and user name. */
    static void requireRoot(long uid, String user) {
        if (uid != 0 && !(uid < 0 && "root".equals(user))) {
            throw new org.nfvperf.util.UsageException("the netns runner needs root (CAP_NET_ADMIN): it creates network namespaces,"
                    + " veth pairs and nftables rules; run as root (e.g. sudo ./nfvperf ...), current user " + user);
        }
    }

    @Override
    public Map<String, Object> run(Trial trial, Path trialDir) throws Exception {
        TrialConfig config = TrialConfig.of(trial);
        validate(config);
        Map<String, Object> dpdkInfo = new LinkedHashMap<>();
        TrialReport outcome = execute(config, config.dataplane() == Dataplane.DPDK ? DpdkSettings.of(trial) : null,
                trialDir, dpdkInfo);
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("runner", ID);
        prov.put("dataplane", config.dataplane().id());
        prov.put("chain", config.chain().id());
        prov.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        prov.putAll(outcome.toMap());
        prov.putAll(dpdkInfo);
        return prov;
    }

    /**
     * Runs one trial into {@code trialDir} (created if missing) and removes its namespaces.
     */
    public TrialReport execute(TrialConfig config, Path trialDir) throws IOException, InterruptedException {
        return execute(config, config.dataplane() == Dataplane.DPDK ? DpdkSettings.defaults() : null, trialDir,
                new LinkedHashMap<>());
    }

    /**
     * As {@link #execute(TrialConfig, Path)} with the knobs of the {@code dpdk} dataplane ({@code null}
     * for the others); which generator ran and what the DPDK NFs and taps report goes into {@code dpdkInfo} (for
     * {@code meta.json}).
     */
    public TrialReport execute(TrialConfig config, DpdkSettings dpdkSettings, Path trialDir, Map<String, Object> dpdkInfo)
            throws IOException, InterruptedException {
        removeLeftoversOnce();
        Files.createDirectories(trialDir);
        Path work = Files.createDirectories(trialDir.resolve("testbed"));
        ChainPlan plan = new ChainPlan(Testbed.newPrefix(), config.chain(), UDP_PORT, config.dataplane());
        Files.write(work.resolve("setup-commands.txt"),
                plan.setupCommands().stream().map(HostCommand::toString).collect(Collectors.toList()));
        try (Testbed tb = Testbed.create(plan)) {
            DpdkPlan dpdkPlan = dpdkSettings == null ? null : new DpdkPlan(plan, dpdkSettings, DpdkChain.binary());
            DpdkChain dpdk = dpdkPlan == null ? null : DpdkChain.start(tb, dpdkPlan, work, trialDir, config.taps());
            Path sinkOut = work.resolve("sink.out");
            long sendSeconds = (config.durationMillis() + 999) / 1000;
            boolean trafgen = useTrafgen();
            List<String> sinkArgs = new ArrayList<>(List.of("--port", Integer.toString(UDP_PORT),
                    "--frame-size", Integer.toString(config.frameSizeBytes()),
                    "--max-seconds", Long.toString(sendSeconds + 120),
                    "--log", trialDir.resolve("gen-rx.log").toString(), "--iface", "sink"));
            if (trafgen) {
                // a socket takes ~60 kpps here: at trafgen's rates the sink counts at the interface
                // and the probes are dropped before the socket layer
                Host.run(new HostCommand(List.of("ip", "netns", "exec", plan.sinkNamespace(), "nft", "-f", "-"),
                        sinkDropRuleset(UDP_PORT)), Host.DEFAULT_TIMEOUT_NANOS);
                sinkArgs.addAll(List.of("--count-interface", "sink"));
            }
            Process sink = tb.start(plan.sinkNamespace(), helperCommand(UdpSink.class, sinkArgs.toArray(String[]::new)),
                    sinkOut, work.resolve("sink.err"));
            if (!Testbed.awaitMarker(sinkOut, "READY", sink, 60_000_000_000L)) {
                throw new IOException("the sink did not start within 60 s; see " + work.resolve("sink.err"));
            }

            Map<String, Process> taps = new LinkedHashMap<>();
            for (String name : config.taps()) {
                if (dpdk != null && dpdkPlan.insideDataplane(name)) {
                    dpdk.startTap(name, dpdkPlan.tapFile(name, trialDir), config.maxPacketsPerTap());
                    continue;
                }
                ChainPlan.TapPoint tp = plan.tap(name);
                Path err = work.resolve("tcpdump-" + name + ".err");
                Process p = tb.start(tp.namespace(), tcpdumpCommand(tp, trialDir.resolve("tap-" + name + ".pcap"),
                        UDP_PORT, config.maxPacketsPerTap(), supportsAdapterUnsynced(tp)), work.resolve("tcpdump-" + name + ".out"), err);
                if (!Testbed.awaitMarker(err, "listening on", p, 20_000_000_000L)) {
                    throw new IOException("tcpdump on tap " + name + " did not start: " + Files.readString(err).strip());
                }
                taps.put(name, p);
            }

            Map<Integer, Long> nfPids = dpdk == null ? Map.of() : dpdk.nfPids();
            Map<Integer, CpuShare> cpuShares = limitCpu(tb, config, dpdk == null ? tb.switchPids() : nfPids, dpdkInfo);
            NetnsStageCounters.Snapshot countersBefore = NetnsStageCounters.take(plan, nfPids);
            Sent sent = trafgen ? runTrafgen(tb, plan, config, trialDir, work) : runJavaGenerator(tb, plan, config, trialDir, work);
            dpdkInfo.putAll(sent.info());
            Thread.sleep(DRAIN_MILLIS);
            sink.getOutputStream().close();
            if (!sink.waitFor(20, TimeUnit.SECONDS) || sink.exitValue() != 0) {
                throw new IOException("the sink did not stop cleanly; see " + work.resolve("sink.err"));
            }
            NetnsStageCounters.Snapshot countersAfter = NetnsStageCounters.take(plan, nfPids);
            Map<Integer, Map<String, Long>> nfCounters = Map.of();
            Map<String, TrialReport.TapStats> tapStats = new LinkedHashMap<>();
            awaitCapturesSettled(trialDir, taps.keySet());
            for (Map.Entry<String, Process> e : taps.entrySet()) {
                stopTap(e.getValue());
            }
            for (Map.Entry<String, Process> e : taps.entrySet()) {
                if (!e.getValue().waitFor(20, TimeUnit.SECONDS)) {
                    throw new IOException("tcpdump on tap " + e.getKey() + " did not stop within 20 s of SIGINT");
                }
                tapStats.put(e.getKey(), tcpdumpStats(Files.readString(work.resolve("tcpdump-" + e.getKey() + ".err"))));
            }
            if (dpdk != null) {
                tapStats.putAll(dpdk.stopTaps());
                nfCounters = dpdk.stopNfs();
                dpdkInfo.putAll(dpdkReport(dpdkPlan, config.taps(), nfCounters));
                tapStats.putAll(dpdk.nfTapStats());
                dpdkInfo.put("dpdk_dumpcap_timestamps_corrected", new java.util.TreeMap<>(dpdk.timestampCorrections()));
            }
            if (!cpuShares.isEmpty()) {
                Map<String, Object> throttled = new LinkedHashMap<>();
                for (Map.Entry<Integer, CpuShare> e : cpuShares.entrySet()) {
                    throttled.put("dut" + e.getKey(), e.getValue().throttling());
                }
                dpdkInfo.put("cpu_share_throttling", throttled);
            }
            NetnsStageCounters.write(trialDir, plan, countersBefore, countersAfter, nfCounters);
            Map<String, String> s = keyValues(Files.readString(sinkOut), "nfvperf-sink");
            return new TrialReport(plan.prefix(), sent.packets(), sent.seconds(),
                    Long.parseLong(s.get("received")), Long.parseLong(s.get("probes")), Long.parseLong(s.get("reordered")),
                    tapStats);
        }
    }

    /**
     * Applies the trial's {@code cpu_share} ({@link CpuShare}): one cgroup per DUT holding the
     * process that forwards for it (its ovs-vswitchd, or its DPDK NF), removed when the testbed
     * closes. Records the limits in {@code info}.
     *
     * @param forwarders per DUT number, the pid of the process that forwards
     * @return per DUT, its cgroup (empty without cpu_share)
     */
    private static Map<Integer, CpuShare> limitCpu(Testbed tb, TrialConfig config, Map<Integer, Long> forwarders,
                                                   Map<String, Object> info) throws IOException {
        if (config.cpuShare() <= 0) {
            return Map.of();
        }
        if (forwarders.size() != config.chain().size()) {
            throw new IOException("cpu_share: expected one forwarding process per NF (" + config.chain().size()
                    + "), found " + forwarders.size() + " for dataplane " + config.dataplane().id());
        }
        Map<Integer, CpuShare> shares = new java.util.TreeMap<>();
        Map<String, Object> limits = new LinkedHashMap<>();
        for (Map.Entry<Integer, Long> e : new java.util.TreeMap<>(forwarders).entrySet()) {
            CpuShare c = CpuShare.create(tb.plan().namespace(e.getKey()), config.cpuShare());
            tb.onClose(c);
            c.add(e.getValue());
            shares.put(e.getKey(), c);
            limits.put("dut" + e.getKey(), c.dir() + ": " + c.limit() + " (quota, period in us), pid " + e.getValue());
        }
        info.put("cpu_share", config.cpuShare());
        info.put("cpu_share_cgroups", limits);
        return shares;
    }

    /** What the generator sent, by its own count, and what meta.json says about it. */
    private record Sent(long packets, double seconds, Map<String, Object> info) {
    }

    /**
     * The sink namespace's nftables rules under a counting sink: probes are counted and dropped at
     * prerouting (before conntrack and the socket lookup, so no ICMP port-unreachable is sent back).
     */
    static String sinkDropRuleset(int udpPort) {
        return "table ip nfvperf_sink {\n"
                + "  counter probes { }\n"
                + "  chain prerouting {\n"
                + "    type filter hook prerouting priority -300; policy accept;\n"
                + "    udp dport " + udpPort + " counter name probes drop\n"
                + "  }\n"
                + "}\n";
    }

    /** Whether this trial's generator is trafgen ({@link Options#generator}). */
    private boolean useTrafgen() {
        return switch (options.generator()) {
            case "trafgen" -> true;
            case "java" -> false;
            default -> Trafgen.unavailableReason().isEmpty();
        };
    }

    /**
     * Runs trafgen ({@link Trafgen}) in the generator namespace: its configuration goes to
     * {@code testbed/trafgen.cfg}, its own output is {@code gen-tx.log} (read by the {@code trafgen}
     * log parser). Bounded in count ({@code rate × duration}) and in time: after twice the duration
     * (at most the duration + 10 s) plus 5 s it gets SIGINT, on which it stops and prints its totals.
     */
    private Sent runTrafgen(Testbed tb, ChainPlan plan, TrialConfig config, Path trialDir, Path work)
            throws IOException, InterruptedException {
        Path conf = work.resolve("trafgen.cfg");
        Files.writeString(conf, Trafgen.config(plan.generatorFrameMacs(), plan.generatorAddress(), plan.sinkAddress(),
                UDP_PORT, config.frameSizeBytes()));
        long count = UdpGenerator.plannedPackets(config.ratePps(), config.durationMillis());
        boolean realtime = Host.onPath("chrt");
        List<String> shaper = Trafgen.shaperCommand("gen", config.ratePps(), config.frameSizeBytes());
        List<String> shaperInNs = new ArrayList<>(List.of("ip", "netns", "exec", plan.generatorNamespace()));
        shaperInNs.addAll(shaper);
        Host.run(HostCommand.of(shaperInNs.toArray(String[]::new)), Host.DEFAULT_TIMEOUT_NANOS);
        Path log = trialDir.resolve("gen-tx.log");
        List<String> command = Trafgen.command("gen", conf, Math.max(1, count), config.ratePps(), realtime);
        Process gen = tb.start(plan.generatorNamespace(), command, log, work.resolve("generator.err"));
        long bound = config.durationMillis() + Math.min(config.durationMillis(), 10_000) + 5_000;
        if (!gen.waitFor(bound, TimeUnit.MILLISECONDS)) {
            stopTap(gen);
            if (!gen.waitFor(10, TimeUnit.SECONDS)) {
                gen.destroyForcibly();
                throw new IOException("trafgen did not stop within 10 s of SIGINT after its time bound of " + bound + " ms");
            }
        }
        String output = Files.readString(log);
        if (gen.exitValue() != 0 && !output.contains("packets outgoing")) {
            throw new IOException("trafgen failed (exit " + gen.exitValue() + "): "
                    + (Files.readString(work.resolve("generator.err")) + output).strip());
        }
        org.nfvperf.loadgen.PortTotals t = org.nfvperf.loadgen.LogParsers.parse(log.toString(), output).totals().get(0);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("generator", "trafgen");
        info.put("sink", "interface counter (rx_packets polled every 1 ms; probes dropped by nftables at prerouting)");
        info.put("generator_command", String.join(" ", command));
        info.put("generator_shaper", String.join(" ", shaper));
        Host.Result q = Host.tryRun(HostCommand.of("ip", "netns", "exec", plan.generatorNamespace(), "tc", "-s", "qdisc", "show",
                "dev", "gen"), Host.DEFAULT_TIMEOUT_NANOS);
        info.put("generator_shaper_stats", q.stdout().strip().replaceAll("\\s+", " "));
        info.put("generator_note", "trafgen's --rate bursts each second's packets, so a tbf shaper on gen spaces them"
                + (realtime ? "; trafgen under SCHED_FIFO (chrt -f 1)" : "; chrt not found: trafgen under the default scheduler"));
        return new Sent(t.packets(), t.durationNanos() > 0 ? t.durationNanos() / 1e9 : 0, info);
    }

    /** Runs the Java {@link UdpGenerator} (the fallback when trafgen is missing or not chosen). */
    private Sent runJavaGenerator(Testbed tb, ChainPlan plan, TrialConfig config, Path trialDir, Path work)
            throws IOException, InterruptedException {
        Path genOut = work.resolve("generator.out");
        Process gen = tb.start(plan.generatorNamespace(), helperCommand(UdpGenerator.class,
                "--dst", plan.sinkAddress(), "--port", Integer.toString(UDP_PORT),
                "--frame-size", Integer.toString(config.frameSizeBytes()),
                "--rate-pps", String.format(Locale.ROOT, "%.3f", config.ratePps()),
                "--duration-ms", Long.toString(config.durationMillis()),
                "--max-packets", Long.toString(UdpGenerator.MAX_PACKETS),
                "--log", trialDir.resolve("gen-tx.log").toString(), "--iface", "gen"), genOut, work.resolve("generator.err"));
        if (!gen.waitFor(config.durationMillis() + 60_000, TimeUnit.MILLISECONDS)) {
            throw new IOException("the generator did not finish within its duration + 60 s");
        }
        if (gen.exitValue() != 0) {
            throw new IOException("the generator failed (exit " + gen.exitValue() + "): "
                    + Files.readString(work.resolve("generator.err")).strip());
        }
        Map<String, String> g = keyValues(Files.readString(genOut), "nfvperf-gen");
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("generator", "java");
        info.put("generator_note", options.generator().equals("java") ? "the Java UdpGenerator (runner option generator: java)"
                : "the Java UdpGenerator, about 0.1 Mpps at most: " + Trafgen.unavailableReason().orElse("trafgen not chosen"));
        return new Sent(Long.parseLong(g.get("sent")), Double.parseDouble(g.get("seconds")), info);
    }

    /**
     * tcpdump reads its TPACKET_V3 ring in blocks that retire after {@value #TAP_BLOCK_TIMEOUT_MILLIS} ms;
     * SIGINT stops it without reading what is still in the ring. So the taps get that long after the
     * traffic ended, and then until their files stop growing, before they are stopped.
     */
    private static void awaitCapturesSettled(Path trialDir, java.util.Set<String> taps) throws IOException, InterruptedException {
        if (taps.isEmpty()) {
            return;
        }
        Thread.sleep(TAP_BLOCK_TIMEOUT_MILLIS + 200 - DRAIN_MILLIS);
        long deadline = System.nanoTime() + 10_000_000_000L;
        long previous = -1;
        while (System.nanoTime() - deadline < 0) {
            long total = 0;
            for (String t : taps) {
                Path f = trialDir.resolve("tap-" + t + ".pcap");
                total += Files.exists(f) ? Files.size(f) : 0;
            }
            if (total == previous) {
                return;
            }
            previous = total;
            Thread.sleep(300);
        }
    }

    /**
     * Sends SIGINT to a tap's tcpdump so that it flushes and prints its counters. A tap that
     * reached its packet cap ({@code -c}) has already exited on its own, with its file complete
     * and its counters printed: that is a normal end, not a failure, so only a live tcpdump is
     * signalled, and a tcpdump that exits between the check and the signal is tolerated.
     *
     * @return true when the signal was sent, false when the tap had already ended
     */
    static boolean stopTap(Process tap) throws IOException {
        if (!tap.isAlive()) {
            return false;
        }
        Host.Result r = Host.tryRun(HostCommand.of("kill", "-INT", Long.toString(tap.pid())), Host.DEFAULT_TIMEOUT_NANOS);
        if (r.exitCode() != 0 && tap.isAlive()) {
            throw new IOException("'kill -INT " + tap.pid() + "' failed with exit code " + r.exitCode() + ": "
                    + r.stderr().strip());
        }
        return r.exitCode() == 0;
    }

    /** What meta.json says about a {@code dpdk} trial: knobs, hugepages, where each tap was taken, NF counters. */
    static Map<String, Object> dpdkReport(DpdkPlan d, List<String> taps, Map<Integer, Map<String, Long>> counters) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dpdk_burst", d.settings().burst());
        m.put("dpdk_flush_us", d.settings().flushMicros());
        m.put("dpdk_idle_sleep_us", d.settings().idleSleepMicros());
        m.put("dpdk_cpus", d.settings().cpus());
        m.put("dpdk_hugepages", d.hugepages());
        Map<String, Object> where = new LinkedHashMap<>();
        for (String t : taps) {
            where.put(t, !d.insideDataplane(t) ? "tcpdump on veth " + d.plan().tap(t).iface() + " in " + d.plan().tap(t).namespace() + ", pcap"
                    : d.settings().tapMode() == DpdkSettings.TapMode.NF
                    ? "NF " + d.dutOf(t) + "'s own " + (t.endsWith("_in") ? "rx" : "tx") + " callback on port " + d.tapPort(t)
                            + ", CLOCK_REALTIME, pcap (dpdk-dumpcap: factor dpdk_tap: dumpcap; its DPDK 22.11 TSC clock is off here,"
                            + " see README)"
                    : "dpdk-dumpcap (pdump) on port " + d.tapPort(t) + " of NF " + d.dutOf(t) + ", pcapng, TSC clock"
                            + " (DPDK's tsc_hz, not the kernel's; see README)");
        }
        m.put("dpdk_taps", where);
        Map<String, Object> nfs = new LinkedHashMap<>();
        counters.forEach((dut, c) -> nfs.put("dut" + dut + ":" + d.plan().chain().at(dut).id(), c));
        m.put("dpdk_nfs", nfs);
        return m;
    }

    /** The command line of a helper JVM (generator or sink). */
    List<String> helperCommand(Class<?> main, String... args) {
        // Raised priority: on a shared machine a starved generator would offer less than the rate asked.
        List<String> cmd = new ArrayList<>(List.of("nice", "-n", Integer.toString(HELPER_NICENESS),
                options.javaCommand(), "-Xmx" + options.helperHeapMb() + "m",
                "-XX:+UseSerialGC", "-Djava.net.preferIPv4Stack=true", "-cp", options.classPath(), main.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The tcpdump command line for one tap (run inside the tap's namespace). */
    static List<String> tcpdumpCommand(ChainPlan.TapPoint tap, Path pcap, int udpPort, long maxPackets,
                                       boolean adapterUnsynced) {
        List<String> cmd = new ArrayList<>(List.of("tcpdump", "-i", tap.iface(), "-n", "-Z", "root", "-s",
                Integer.toString(SNAPLEN), "-B", "8192", "--time-stamp-precision=nano"));
        if (adapterUnsynced) {
            cmd.addAll(List.of("-j", "adapter_unsynced"));
        }
        if (maxPackets > 0) {
            cmd.addAll(List.of("-c", Long.toString(maxPackets)));
        }
        cmd.addAll(List.of("-w", pcap.toString(), "udp", "port", Integer.toString(udpPort)));
        return cmd;
    }

    private static boolean supportsAdapterUnsynced(ChainPlan.TapPoint tap) throws IOException {
        Host.Result r = Host.tryRun(HostCommand.of("ip", "netns", "exec", tap.namespace(), "tcpdump", "-J", "-i", tap.iface()),
                Host.DEFAULT_TIMEOUT_NANOS);
        return (r.stdout() + r.stderr()).contains("adapter_unsynced");
    }

    /** tcpdump's closing "N packets captured / N packets dropped by kernel" counters. */
    static TrialReport.TapStats tcpdumpStats(String stderr) {
        long captured = -1;
        long filtered = -1;
        long dropped = -1;
        Matcher m = TCPDUMP_COUNT.matcher(stderr);
        while (m.find()) {
            long v = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "captured" -> captured = v;
                case "received by filter" -> filtered = v;
                default -> dropped = v;
            }
        }
        if (captured < 0 || filtered < 0 || dropped < 0) {
            throw new IllegalStateException("tcpdump's summary must report packets captured, received by filter and"
                    + " dropped by kernel: " + stderr.strip().replace('\n', ' '));
        }
        return new TrialReport.TapStats(captured, filtered, dropped);
    }

    /** Parses the {@code tag k=v k=v} line a helper prints last. */
    static Map<String, String> keyValues(String output, String tag) {
        for (String line : output.split("\n")) {
            if (line.startsWith(tag + " ")) {
                Map<String, String> kv = new LinkedHashMap<>();
                for (String part : line.substring(tag.length() + 1).trim().split("\\s+")) {
                    int eq = part.indexOf('=');
                    if (eq > 0) {
                        kv.put(part.substring(0, eq), part.substring(eq + 1));
                    }
                }
                return kv;
            }
        }
        throw new IllegalStateException("helper output must contain a '" + tag + " ...' line: " + output.strip());
    }

    private static void removeLeftoversOnce() throws IOException {
        if (!leftoversChecked) {
            List<String> removed = Leftovers.removeDead();
            if (!removed.isEmpty()) {
                System.err.println("nfvperf: removed " + removed.size() + " leftovers of a killed run (namespaces, DPDK mounts, EAL files, hugepages): "
                        + String.join(", ", removed));
            }
            leftoversChecked = true;
        }
    }
}
