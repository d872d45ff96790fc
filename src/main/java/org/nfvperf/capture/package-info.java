/**
 * Capture engine: streaming, zero-copy reading of pcap and pcapng files (memory-mapped windows,
 * gzip, files of any size), allocation-free header decoding, and pcap / pcapng writers.
 *
 * <ul>
 *   <li>{@link org.nfvperf.capture.CaptureReader}: the flyweight cursor ({@code next()},
 *       {@code timestampNanos()}, {@code wireLength()}, {@code capturedLength()},
 *       {@code interfaceId()}, {@code frameBuffer()}/{@code frameOffset()}).</li>
 *   <li>{@link org.nfvperf.capture.PacketHeaders}: offsets and fields of L2/L3/L4 headers.</li>
 *   <li>{@link org.nfvperf.capture.PcapWriter}: pcap with µs or ns timestamps.</li>
 *   <li>{@link org.nfvperf.capture.MalformedCaptureException}: damaged input, with file, byte
 *       offset, record index, expected and found.</li>
 * </ul>
 *
 * <pre>{@code
 * try (CaptureReader r = CaptureReader.open(Path.of("tap.pcap"))) {
 *     PacketHeaders h = new PacketHeaders();
 *     while (r.next()) {
 *         if (h.decode(r) && h.protocol() == PacketHeaders.UDP) {
 *             long sentNs = r.timestampNanos();
 *             int payloadAt = h.l4PayloadOffset();   // index into r.frameBuffer()
 *         }
 *     }
 * }
 * }</pre>
 */
package org.nfvperf.capture;
