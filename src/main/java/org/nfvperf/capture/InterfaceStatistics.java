package org.nfvperf.capture;

/**
 * The counters of a pcapng Interface Statistics Block (ISB), most importantly how many packets
 * the interface and the operating system dropped. Counters absent from the block are -1.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * for (InterfaceStatistics s : reader.statistics()) {
 *     if (s.ifDrop() > 0) System.out.println("interface " + s.interfaceId() + " dropped " + s.ifDrop());
 * }
 * }</pre>
 *
 * @param interfaceId     file-wide interface index (see {@link CaptureInterface#id()})
 * @param timestampNanos  time of the block, ns since the epoch
 * @param startNanos      {@code isb_starttime} in ns, or -1
 * @param endNanos        {@code isb_endtime} in ns, or -1
 * @param ifRecv          {@code isb_ifrecv}: packets received by the interface, or -1
 * @param ifDrop          {@code isb_ifdrop}: packets the interface dropped, or -1
 * @param filterAccept    {@code isb_filteraccept}: packets the filter accepted, or -1
 * @param osDrop          {@code isb_osdrop}: packets the OS dropped, or -1
 * @param userDelivered   {@code isb_usrdeliv}: packets delivered to the capturing program, or -1
 */
public record InterfaceStatistics(int interfaceId, long timestampNanos, long startNanos, long endNanos, long ifRecv,
        long ifDrop, long filterAccept, long osDrop, long userDelivered) {

    /** Validates the fields. */
    public InterfaceStatistics {
        if (interfaceId < 0) {
            throw new IllegalArgumentException("interfaceId must be >= 0: " + interfaceId);
        }
    }
}
