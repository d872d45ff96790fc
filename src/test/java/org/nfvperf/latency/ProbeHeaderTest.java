package org.nfvperf.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProbeHeaderTest {
    @Test
    void roundTripsLargestSequenceAndTimestamp() {
        byte[] b = new byte[20];
        ProbeHeader.write(b, 2, ProbeHeader.MAX_SEQUENCE, 4_102_444_800_123_456_789L);
        assertTrue(ProbeHeader.isProbe(b, 2, b.length));
        assertEquals(ProbeHeader.MAX_SEQUENCE, ProbeHeader.sequence(b, 2));
        assertEquals(4_102_444_800_123_456_789L, ProbeHeader.sendTimestampNanos(b, 2));
        assertEquals('N', b[2]);
        assertEquals((byte) 0xFF, b[2 + ProbeHeader.SEQUENCE_OFFSET]);
    }

    @Test
    void shortOrForeignPayloadIsNoProbe() {
        byte[] b = new byte[18];
        ProbeHeader.write(b, 0, 1, 0);
        assertFalse(ProbeHeader.isProbe(b, 0, 17));
        b[0] = 'X';
        assertFalse(ProbeHeader.isProbe(b, 0, 18));
    }

    @Test
    void rejectsOutOfRangeSequenceWithValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProbeHeader.write(new byte[18], 0, -1, 0));
        assertEquals("sequence must be in [0, 281474976710655]: -1", e.getMessage());
    }

    @Test
    void residuesDecodeToTheNumberTheyCode() {
        // the product of the moduli, computed here by hand: 241 * 247 * 251 * 253 * 255 * 256
        assertEquals(246_767_740_327_680L, ProbeHeader.RESIDUE_PERIOD);
        for (long n : new long[] {0, 1, 240, 241, 65_535, 65_536, 100_000_000L, 123_456_789_012L,
                ProbeHeader.RESIDUE_PERIOD - 1}) {
            byte[] b = new byte[18];
            b[0] = 'N';
            b[1] = 'F';
            b[2] = 'V';
            b[3] = 'R';
            System.arraycopy(ProbeHeader.residues(n), 0, b, ProbeHeader.SEQUENCE_OFFSET, 6);
            assertTrue(ProbeHeader.isProbe(b, 0, 18));
            assertEquals(n, ProbeHeader.residueSequence(b, 0), "n=" + n);
            assertEquals(n, ProbeHeader.anySequence(b, 0), "n=" + n);
        }
        assertThrows(IllegalArgumentException.class, () -> ProbeHeader.residues(ProbeHeader.RESIDUE_PERIOD));
    }

    @Test
    void bytesThatEachStepOncePerPacketCountUpByOne() {
        // what trafgen's dinc(0, m-1, 1) counters write: every byte +1 per packet, wrapping at its modulus
        int[] m = {241, 247, 251, 253, 255, 256};
        byte[] seq = new byte[6];
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(seq);
        for (long k = 0; k < 200_000; k++) {
            assertEquals(k, ProbeHeader.residueSequence(b, 0), "packet " + k);
            for (int i = 0; i < 6; i++) {
                seq[i] = (byte) (((seq[i] & 0xFF) + 1) % m[i]);
            }
        }
    }
}
