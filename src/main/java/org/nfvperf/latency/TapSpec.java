package org.nfvperf.latency;

import java.nio.file.Path;
import org.nfvperf.util.UsageException;

/**
 * One capture point: a name, a file and optionally one interface of a multi-interface pcapng
 * ({@code --tap NAME=FILE[#IFACE]}). Immutable and thread-safe.
 *
 * <pre>{@code
 * TapSpec t = TapSpec.parse("vnic0=trial/tap-all.pcapng#2");   // name vnic0, interface 2
 * }</pre>
 *
 * @param name      unique name of the tap in the path, e.g. {@code pnic0}
 * @param file      pcap or pcapng file (optionally gzip)
 * @param iface     pcapng interface number, or -1 for every packet of the file
 */
public record TapSpec(String name, Path file, int iface) {
    public TapSpec {
        if (name == null || name.isBlank() || name.contains("=") || name.contains(",")) {
            throw new UsageException("tap name must be non-empty without '=' or ',': " + name);
        }
        if (file == null) {
            throw new UsageException("tap file must be given: " + name);
        }
        if (iface < -1) {
            throw new UsageException("tap interface must be >= 0: " + iface);
        }
    }

    /**
     * Parses {@code NAME=FILE} or {@code NAME=FILE#IFACE}.
     *
     * @throws IllegalArgumentException showing the expected form
     */
    public static TapSpec parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new UsageException("tap must be NAME=FILE or NAME=FILE#IFACE: " + text);
        }
        String name = text.substring(0, eq);
        String file = text.substring(eq + 1);
        int iface = -1;
        int hash = file.lastIndexOf('#');
        if (hash >= 0 && hash < file.length() - 1 && file.substring(hash + 1).chars().allMatch(Character::isDigit)) {
            try {
                iface = Integer.parseInt(file.substring(hash + 1));
            } catch (NumberFormatException e) {
                throw new UsageException("tap interface must be a number in [0, 2^31): " + text);
            }
            file = file.substring(0, hash);
        }
        return new TapSpec(name, Path.of(file), iface);
    }

    @Override
    public String toString() {
        return name + "=" + file + (iface >= 0 ? "#" + iface : "");
    }
}
