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
}
