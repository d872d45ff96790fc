package org.nfvperf.testbed.netns;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.nfvperf.latency.ProbeHeader;
import org.nfvperf.loadgen.Direction;
import org.nfvperf.loadgen.PktGenLogWriter;

/**
 * nfvperf's UDP receiver, run inside the sink namespace as its own process: counts the probe
 * packets that arrive on a port and logs like pkt-gen's receiver ({@code gen-rx.log}).
 *
 * <p>Protocol with the runner: prints {@code READY} on stdout once the socket is bound; stops when
 * its standard input has closed (the runner closes it after the generator finished and the path
 * drained, and the kernel closes it if the runner dies) or after {@code --max-seconds}, whichever
 * comes first, and then reads what is still queued in its socket before it prints
 * {@code nfvperf-sink received=N probes=P reordered=R bytes=B seconds=S}. A stop wakes the blocked
 * receive with an empty datagram from loopback, which is not counted. A packet counts as a probe
 * when its payload starts with the {@link ProbeHeader} magic; {@code reordered} counts probes whose
 * sequence is below the highest seen. The receive loop allocates nothing (a blocking channel
 * receive into a reused heap buffer; the JDK caches the sender's address). Single-threaded, plus a
 * thread that watches stdin and one that enforces the time limit.
 *
 * <pre>{@code
 * ip netns exec NS java -cp nfvperf.jar org.nfvperf.testbed.netns.UdpSink \
 *     --port 6000 --frame-size 128 --max-seconds 30 --log gen-rx.log --iface sink
 * }</pre>
 */
public final class UdpSink {
    private static volatile boolean stop;

    private UdpSink() {
    }

    public static void main(String[] args) throws IOException {
        ProcessArgs a = new ProcessArgs(args, Set.of("port", "frame-size", "max-seconds", "log", "iface", "count-interface"));
        if (a.has("count-interface")) {
            countInterface(a);
            return;
        }
        int port = (int) a.longValue("port", 1, 65535);
        int frameSize = (int) a.longValue("frame-size", UdpGenerator.MIN_FRAME_BYTES, UdpGenerator.MAX_FRAME_BYTES);
        long maxSeconds = a.longValue("max-seconds", 1, UdpGenerator.MAX_DURATION_MS / 1000 + 60);
        Path logFile = Path.of(a.string("log"));
        long logBytesPerPacket = frameSize - 4L;

        byte[] data = new byte[65536];
        ByteBuffer buf = ByteBuffer.wrap(data);
        try (DatagramChannel ch = DatagramChannel.open(); Writer out = Files.newBufferedWriter(logFile)) {
            PktGenLogWriter log = new PktGenLogWriter(out, Direction.RX, a.string("iface"), frameSize);
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 8 << 20);
            ch.bind(new InetSocketAddress(port));
            log.header();
            startDaemon("stdin-watcher", () -> {
                watchStdin();
                wake(port);
            });
            startDaemon("time-limit", () -> {
                try {
                    Thread.sleep(maxSeconds * 1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                stop = true;
                wake(port);
            });
            System.out.println("READY");
            System.out.flush();

            long baseNano = System.nanoTime();
            long received = 0;
            long probes = 0;
            long reordered = 0;
            long highestSeq = -1;
            long first = 0;
            long last = 0;
            long lastReport = baseNano;
            long receivedAtLastReport = 0;
            while (true) {
                buf.clear();
                SocketAddress from = ch.receive(buf);
                if (from == null) {
                    // non-blocking after a stop, and the socket is empty: everything that arrived is counted
                    break;
                }
                long now = System.nanoTime();
                int length = buf.position();
                if (length > 0) {
                    if (received == 0) {
                        // reports cover the time packets arrived in, not the wait before the first one
                        first = now;
                        lastReport = now;
                    }
                    last = now;
                    received++;
                    if (ProbeHeader.isProbe(data, 0, length)) {
                        probes++;
                        long seq = ProbeHeader.anySequence(data, 0);
                        if (seq < highestSeq) {
                            reordered++;
                        } else {
                            highestSeq = seq;
                        }
                    }
                }
                if (stop && ch.isBlocking()) {
                    ch.configureBlocking(false);
                }
                if (received > 0 && now - lastReport >= 1_000_000_000L) {
                    long n = received - receivedAtLastReport;
                    log.report(now - lastReport, n);
                    lastReport = now;
                    receivedAtLastReport = received;
                }
            }
            // the last report ends at the last arrival, not at the stop (the drain and settle time after it)
            long n = received - receivedAtLastReport;
            if (n > 0 && last - lastReport >= 10_000_000L) {
                log.report(last - lastReport, n);
            }
            // N arrivals span N-1 gaps; scale to N so a loss-free sink reports the sender's rate.
            double seconds = received < 2 ? 0 : (last - first) / 1e9 * received / (received - 1);
            log.summary(received, Math.max(1, Math.round(seconds * 1e9)));
            System.out.printf(Locale.ROOT, "nfvperf-sink received=%d probes=%d reordered=%d bytes=%d seconds=%.6f%n",
                    received, probes, reordered, received * logBytesPerPacket, seconds);
        }
    }

    /** Poll period of the interface counter in {@code --count-interface} mode, in ns. */
    static final long POLL_NANOS = 1_000_000L;

    /**
     * The counting sink for rates a socket cannot take (trafgen's): instead of receiving, it polls
     * {@code /sys/class/net/IFACE/statistics/rx_packets} every {@value #POLL_NANOS} ns, while an
     * nftables rule in the sink namespace drops the probes before they reach the socket layer. The
     * namespace has IPv6 off and permanent neighbours, so the probe flow is the only traffic the
     * interface receives. Arrival times are those of the polls that saw the counter move (±1 ms over
     * the run); {@code probes} equals {@code received} and {@code reordered} is 0 (no packet is
     * inspected: reordering is what the taps show). Same protocol and output as the socket mode.
     */
    private static void countInterface(ProcessArgs a) throws IOException {
        String iface = a.string("count-interface");
        if (!iface.matches("[A-Za-z0-9_.-]{1,15}")) {
            throw new IllegalArgumentException("count-interface must be an interface name: " + iface);
        }
        Path counter = Path.of("/sys/class/net", iface, "statistics", "rx_packets");
        int frameSize = (int) a.longValue("frame-size", UdpGenerator.MIN_FRAME_BYTES, UdpGenerator.MAX_FRAME_BYTES);
        long maxSeconds = a.longValue("max-seconds", 1, UdpGenerator.MAX_DURATION_MS / 1000 + 60);
        long logBytesPerPacket = frameSize - 4L;
        try (Writer out = Files.newBufferedWriter(Path.of(a.string("log")))) {
            PktGenLogWriter log = new PktGenLogWriter(out, Direction.RX, a.string("iface"), frameSize);
            log.header();
            startDaemon("stdin-watcher", () -> {
                watchStdin();
                stop = true;
            });
            long start = System.nanoTime();
            long base = readCounter(counter);
            System.out.println("READY");
            System.out.flush();
            long received = 0;
            long first = 0;
            long last = 0;
            long lastReport = 0;
            long receivedAtLastReport = 0;
            while (true) {
                boolean stopping = stop || System.nanoTime() - start > maxSeconds * 1_000_000_000L;
                long now = System.nanoTime();
                long total = readCounter(counter) - base;
                if (total > received) {
                    if (received == 0) {
                        first = now;
                        lastReport = now;
                    }
                    received = total;
                    last = now;
                }
                if (received > 0 && now - lastReport >= 1_000_000_000L) {
                    log.report(now - lastReport, received - receivedAtLastReport);
                    lastReport = now;
                    receivedAtLastReport = received;
                }
                if (stopping) {
                    break;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(POLL_NANOS);
            }
            long n = received - receivedAtLastReport;
            if (n > 0 && last - lastReport >= 10_000_000L) {
                log.report(last - lastReport, n);
            }
            // the first and last polls that saw the counter move bound the arrivals to within one poll period
            double seconds = received < 2 ? 0 : Math.max(POLL_NANOS, last - first) / 1e9;
            log.summary(received, Math.max(1, Math.round(seconds * 1e9)));
            System.out.printf(Locale.ROOT, "nfvperf-sink received=%d probes=%d reordered=%d bytes=%d seconds=%.6f%n",
                    received, received, 0, received * logBytesPerPacket, seconds);
        }
    }

    private static long readCounter(Path counter) throws IOException {
        return Long.parseLong(Files.readString(counter).strip());
    }

    private static void startDaemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    /** Sets the stop flag and sends an empty datagram to our own port to unblock the receive. */
    private static void wake(int port) {
        stop = true;
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.send(ByteBuffer.allocate(0), new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            // the receive loop then ends at the next packet or the time limit's wake-up
        }
    }

    private static void watchStdin() {
        try (InputStream in = System.in) {
            byte[] b = new byte[256];
            while (in.read(b) >= 0) {
                // keep reading until EOF
            }
        } catch (IOException e) {
            // a broken stdin means the runner is gone: stop as on EOF
        }
    }
}
