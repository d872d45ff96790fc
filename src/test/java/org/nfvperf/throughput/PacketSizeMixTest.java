package org.nfvperf.throughput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nfvperf.util.InputException;

class PacketSizeMixTest {
    @Test
    void imix() {
        PacketSizeMix m = PacketSizeMix.IMIX;
        assertEquals(4342.0 / 12, m.averageFrameSizeBytes(), 1e-12);
        assertEquals(1e10 / ((4342.0 / 12 + 20) * 8), m.linePps(LinkSpeed.G10), 1e-6);
        assertEquals(3_273_679L, (long) m.linePps(LinkSpeed.G10));
        assertEquals(64, m.medianFrameSizeBytes());
        assertEquals(7.0 / 12, m.share(0), 1e-15);
    }

    @Test
    void facebookWebMatchesThePapersDescription() {
        PacketSizeMix m = PacketSizeMix.named("fb-web");
        assertEquals(124.228, m.averageFrameSizeBytes(), 1e-9);
        assertEquals(120, m.medianFrameSizeBytes());
        assertEquals(0.985, m.shareBelow(256), 1e-12);
        assertEquals(0.465, m.shareBelow(120), 1e-12);
        assertEquals(8_666_833L, (long) m.linePps(LinkSpeed.G10));
        // the paper: 10%..20% of 10G with this mix is 0.87..1.73 Mpps, and BESS forwards 8.662 Mpps of it
        assertEquals("0.87", String.format("%.2f", 0.1 * m.linePps(LinkSpeed.G10) / 1e6));
        assertEquals("1.73", String.format("%.2f", 0.2 * m.linePps(LinkSpeed.G10) / 1e6));
        assertEquals(true, m.linePps(LinkSpeed.G10) >= 8.662e6);
        assertEquals(m, PacketSizeMix.named("Facebook-Web"));
    }

    @ParameterizedTest
    @CsvSource({"imix", "fb-web"})
    void shippedCsvEqualsBuiltIn(String name) throws IOException {
        Path file = Path.of("data", "mixes", name + ".csv");
        assertEquals(PacketSizeMix.named(name), PacketSizeMix.load(file));
        assertEquals(PacketSizeMix.named(name), PacketSizeMix.resolve(name));
        assertEquals(PacketSizeMix.named(name), PacketSizeMix.resolve(file.toString()));
    }

    @Test
    void readsUserCsv() throws IOException {
        PacketSizeMix m = PacketSizeMix.read("u.csv", "u", new StringReader("# mine\nframe_size,weight\n64,1\n 1518 , 1\n"));
        assertEquals(List.of(new PacketSizeMix.Entry(64, 1), new PacketSizeMix.Entry(1518, 1)), m.entries());
        assertEquals(791.0, m.averageFrameSizeBytes(), 0.0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "size,count\\n64,1|u.csv: expected header 'frame_size,weight', found 'size,count'",
        "frame_size,weight\\n64,x|u.csv:2: expected numbers in frame_size,weight, found '64,x'",
        "frame_size,weight\\n40,1|u.csv:2: frameSizeBytes must be in 64..16384: 40",
        "frame_size,weight\\n64,0|u.csv:2: weight must be finite and > 0: 0.0",
        "frame_size,weight\\n|u.csv: mix has no rows (expected frame_size,weight lines)",
        "frame_size,weight\\n64,1\\n64,2|u.csv: frame sizes must be distinct: 64 appears twice in mix 'u'"})
    void rejectsBadCsv(String text, String message) {
        InputException e = assertThrows(InputException.class,
                () -> PacketSizeMix.read("u.csv", "u", new StringReader(text.replace("\\n", "\n"))));
        assertEquals(message, e.getMessage());
    }

    @Test
    void unknownNameThatIsNoFile() {
        assertEquals("no-such-mix: not a built-in mix [imix, fb-web] and no such file",
                assertThrows(InputException.class, () -> PacketSizeMix.resolve("no-such-mix")).getMessage());
    }
}
