package org.nfvperf.testbed.netns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.nfvperf.latency.ProbeHeader;
import org.nfvperf.loadgen.Direction;
import org.nfvperf.loadgen.PktGenLogWriter;

/**
 * nfvperf's UDP traffic generator, run inside the generator namespace as its own process: sends
 * frames of the requested size at a paced rate for a bounded time and count, each UDP payload
 * starting with a {@link ProbeHeader} (sequence, send timestamp), and logs like pkt-gen
 * ({@code gen-tx.log}).
 *
 * <p>Frame size counts the 4-byte FCS (DESIGN.md): UDP payload = frame &minus; 4 &minus; 14 &minus; 20 &minus; 8,
 * e.g. 82 bytes for a 128B frame. Pacing: packet {@code i} is due at {@code start + i / rate}; the
 * thread parks until the next packet is due (the CPU is not spun) and catches up in a short burst
 * when a little late (up to {@value #MAX_LAG_PACKETS} packets or 1 ms); when held back longer it
 * resumes the schedule from now rather than bursting everything that was due. Sending stops when the count ({@code rate × duration}) is
 * reached, or at the latest after twice the duration (plus at most 10 s) when the machine held
 * the sender back. The send loop allocates nothing. Single-threaded. The log is
 * written by {@link PktGenLogWriter}, so {@code nfvperf throughput} reads it like pkt-gen's.
 *
 * <pre>{@code
 * ip netns exec NS java -cp nfvperf.jar org.nfvperf.testbed.netns.UdpGenerator \
 *     --dst 10.200.1.2 --port 6000 --frame-size 128 --rate-pps 20000 --duration-ms 2000 --log gen-tx.log
 * }</pre>
 *
 * <p>Prints one line on stdout when done: {@code nfvperf-gen sent=N bytes=B seconds=S errors=E}.
 */
public final class UdpGenerator {
    /** Ethernet (14) + IPv4 (20) + UDP (8) header bytes plus the 4-byte FCS. */
    public static final int FRAME_OVERHEAD_BYTES = 46;
    /** Smallest frame: the probe header must fit in the UDP payload. */
    public static final int MIN_FRAME_BYTES = FRAME_OVERHEAD_BYTES + ProbeHeader.LENGTH;
    /** Largest frame over a 1500-byte MTU. */
    public static final int MAX_FRAME_BYTES = 1518;
    /** Hard cap on packets per run, whatever rate and duration ask for. */
    public static final long MAX_PACKETS = 100_000_000L;
    /** A sender further behind its schedule than this (and than {@link #MAX_LAG_PACKETS}) resumes from now. */
    public static final long MAX_LAG_NANOS = 1_000_000L;
    /** Largest catch-up burst in packets, when longer than {@link #MAX_LAG_NANOS}. */
    public static final int MAX_LAG_PACKETS = 32;
    /** Packets sent to a loopback socket before the measured run, so that the JIT has compiled the loop. */
    public static final long WARM_UP_PACKETS = 150_000;
    /** Upper bound on the warm-up time: the loop may run half of it, plus its catch-up window. */
    public static final long WARM_UP_NANOS = 1_600_000_000L;
    /** Hard cap on a run's duration. */
    public static final long MAX_DURATION_MS = 600_000L;

    private UdpGenerator() {
    }

    /** UDP payload bytes for a frame of {@code frameSizeBytes} (with FCS). */
    public static int udpPayloadBytes(int frameSizeBytes) {
        if (frameSizeBytes < MIN_FRAME_BYTES || frameSizeBytes > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("frame size must be in [" + MIN_FRAME_BYTES + ", " + MAX_FRAME_BYTES
                    + "] bytes: " + frameSizeBytes);
        }
        return frameSizeBytes - FRAME_OVERHEAD_BYTES;
    }

    /** Packets a run sends when it keeps up: {@code ceil(rate * duration)}, at most {@link #MAX_PACKETS}. */
    public static long plannedPackets(double ratePps, long durationMillis) {
        return Math.min(MAX_PACKETS, (long) Math.ceil(ratePps * durationMillis / 1000.0 - 1e-9));
    }

    public static void main(String[] args) throws IOException {
        ProcessArgs a = new ProcessArgs(args, Set.of("dst", "port", "frame-size", "rate-pps", "duration-ms", "log",
                "max-packets", "iface"));
        String dst = a.string("dst");
        int port = (int) a.longValue("port", 1, 65535);
        int frameSize = (int) a.longValue("frame-size", MIN_FRAME_BYTES, MAX_FRAME_BYTES);
        double ratePps = a.doubleValue("rate-pps", 0, 100_000_000);
        long durationMs = a.longValue("duration-ms", 1, MAX_DURATION_MS);
        long maxPackets = a.longValue("max-packets", 1, MAX_PACKETS);
        long count = Math.min(maxPackets, plannedPackets(ratePps, durationMs));
        Path logFile = Path.of(a.string("log"));

        byte[] payload = new byte[udpPayloadBytes(frameSize)];
        long logBytesPerPacket = frameSize - 4L;
        try (DatagramChannel ch = DatagramChannel.open(); Writer out = Files.newBufferedWriter(logFile)) {
            PktGenLogWriter log = new PktGenLogWriter(out, Direction.TX, a.string("iface"), frameSize);
            ch.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            ch.bind(new InetSocketAddress(port));
            ch.connect(new InetSocketAddress(dst, port));
            warmUp(payload);
            log.header();
            SendLoop loop = new SendLoop(ch, payload, logBytesPerPacket, log);
            loop.run(count, ratePps, durationMs * 1_000_000L);
            System.out.printf(java.util.Locale.ROOT, "nfvperf-gen sent=%d bytes=%d seconds=%.6f errors=%d%n",
                    loop.sent, loop.sent * logBytesPerPacket, loop.seconds, loop.errors);
        }
    }

    /**
     * Runs the send loop against a throw-away loopback socket pair for a moment, so that the JIT has
     * compiled it before the measured run starts (otherwise the first few hundred ms fall behind the rate).
     */
    private static void warmUp(byte[] payload) throws IOException {
        try (DatagramChannel sink = DatagramChannel.open(); DatagramChannel src = DatagramChannel.open()) {
            sink.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
            sink.bind(new InetSocketAddress("127.0.0.1", 0));
            src.connect(sink.getLocalAddress());
            new SendLoop(src, payload.clone(), 0, null).run(WARM_UP_PACKETS, 200_000, WARM_UP_NANOS / 2);
        }
    }

    /** The paced send loop; one instance per run, allocation-free per packet. */
    private static final class SendLoop {
        private final DatagramChannel ch;
        private final byte[] payload;
        private final ByteBuffer buf;
        private final long logBytesPerPacket;
        private final PktGenLogWriter log;
        long sent;
        long errors;
        double seconds;

        SendLoop(DatagramChannel ch, byte[] payload, long logBytesPerPacket, PktGenLogWriter log) {
            this.ch = ch;
            this.payload = payload;
            this.buf = ByteBuffer.wrap(payload);
            this.logBytesPerPacket = logBytesPerPacket;
            this.log = log;
        }

        void run(long count, double ratePps, long durationNanos) throws IOException {
            Instant epoch = Instant.now();
            long baseNano = System.nanoTime();
            long baseEpochNanos = epoch.getEpochSecond() * 1_000_000_000L + epoch.getNano();
            long start = System.nanoTime();
            // Time bound: the planned duration plus as much again (at most 10 s) to catch up when the
            // machine delayed the sender; the log's duration then shows the lower rate it achieved.
            long deadline = start + durationNanos + Math.min(durationNanos, 10_000_000_000L);
            double nanosPerPacket = 1e9 / ratePps;
            long maxLagNanos = Math.max(MAX_LAG_NANOS, (long) (MAX_LAG_PACKETS * nanosPerPacket));
            long firstSend = 0;
            long lastSend = 0;
            long lastReport = start;
            long sentAtLastReport = 0;
            while (sent < count) {
                long due = start + (long) (sent * nanosPerPacket);
                long now = System.nanoTime();
                if (now < due) {
                    LockSupport.parkNanos(due - now);
                    continue;
                }
                if (now >= deadline) {
                    break;
                }
                if (now - due > maxLagNanos) {
                    // Held back for longer than the lag allowance: resume the schedule from now instead
                    // of bursting out everything that was due (a burst of thousands would overflow the
                    // DUT's backlog and measure the burst, not the rate).
                    start = now - (long) (sent * nanosPerPacket);
                }
                ProbeHeader.write(payload, 0, sent, baseEpochNanos + (now - baseNano));
                buf.clear();
                try {
                    ch.write(buf);
                } catch (PortUnreachableException e) {
                    errors++;
                }
                if (sent == 0) {
                    firstSend = now;
                }
                lastSend = now;
                sent++;
                if (log != null && now - lastReport >= 1_000_000_000L) {
                    long intervalPackets = sent - sentAtLastReport;
                    log.report(now - lastReport, intervalPackets);
                    lastReport = now;
                    sentAtLastReport = sent;
                }
            }
            // N packets span N inter-departure times, so a generator that keeps up reports exactly its rate.
            seconds = sent == 0 ? 0 : (lastSend - firstSend + nanosPerPacket) / 1e9;
            if (log != null) {
                long end = System.nanoTime();
                long intervalPackets = sent - sentAtLastReport;
                if (end - lastReport >= 10_000_000L) {
                    log.report(end - lastReport, intervalPackets);
                }
                log.summary(sent, Math.max(1, Math.round(seconds * 1e9)));
            }
        }
    }
}
