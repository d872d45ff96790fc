package org.nfvperf.capture;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bit flips, byte overwrites and cuts of real captures: whatever the damage, reading either ends
 * (complete or not) or throws {@link MalformedCaptureException}; nothing else escapes, nothing
 * hangs, memory stays bounded. Deterministic (fixed seeds), bounded in time.
 */
class MutationTest {
    static final int CASES_PER_FILE = 500;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"eth-ns.pcap", "eth-ns-be.pcap", "eth-us.pcapng", "merged.pcapng", "crafted-mixed.pcapng",
        "any-sll2.pcap", "eth-ns.pcap.gz", "merged.pcapng.gz"})
    void onlyTheTypedExceptionEscapes(String file) throws Exception {
        byte[] original = Files.readAllBytes(RealCaptureTest.DIR.resolve(file));
        Random rnd = new Random(file.hashCode());
        int[] outcomes = new int[3];
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int c = 0; c < CASES_PER_FILE; c++) {
                byte[] m = mutate(original, rnd);
                outcomes[read(m, c % 10 == 0, file, c)]++;
            }
        });
        // the mutations must exercise both faults and survivals
        assertTrue(outcomes[0] > 0 && outcomes[2] > 0, file + ": " + Arrays.toString(outcomes));
    }

    static byte[] mutate(byte[] in, Random rnd) {
        byte[] m;
        switch (rnd.nextInt(5)) {
            case 0 -> m = Arrays.copyOf(in, rnd.nextInt(in.length + 1)); // cut anywhere
            case 1 -> { // flip 1..4 bits
                m = in.clone();
                for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
                    int i = rnd.nextInt(m.length);
                    m[i] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 2 -> { // overwrite a 4-byte aligned word, often a length field, with an extreme value
                m = in.clone();
                int i = rnd.nextInt(Math.max(1, m.length / 4)) * 4;
                int v = new int[] {0, -1, 0x7FFFFFFF, 0x80000000, 13, 0x01000000, rnd.nextInt()}[rnd.nextInt(7)];
                for (int k = 0; k < 4 && i + k < m.length; k++) {
                    m[i + k] = (byte) (v >>> (8 * k));
                }
            }
            case 3 -> { // flips in the first 64 bytes: headers
                m = in.clone();
                int i = rnd.nextInt(Math.min(64, m.length));
                m[i] ^= (byte) (1 << rnd.nextInt(8));
            }
            default -> { // flip and cut
                m = Arrays.copyOf(in, rnd.nextInt(in.length + 1));
                if (m.length > 0) {
                    m[rnd.nextInt(m.length)] ^= (byte) 0x40;
                }
            }
        }
        return m;
    }

    /** 0 = malformed, 1 = ended incomplete, 2 = ended complete. */
    int read(byte[] data, boolean viaFile, String file, int c) throws IOException {
        try {
            CaptureReader r;
            if (viaFile) {
                Path f = tmp.resolve("m" + c);
                Files.write(f, data);
                r = CaptureReader.open(f, 4096);
            } else {
                r = CaptureReader.open(data, file);
            }
            try (r) {
                PacketHeaders h = new PacketHeaders();
                long packets = 0;
                while (r.next()) {
                    h.decode(r);
                    packets++;
                    if (packets > data.length) {
                        fail(file + " case " + c + ": more packets than bytes");
                    }
                }
                return r.complete() ? 2 : 1;
            }
        } catch (MalformedCaptureException e) {
            return 0;
        } catch (RuntimeException | IOException e) {
            throw new AssertionError(file + " case " + c + ": " + e, e);
        }
    }
}
