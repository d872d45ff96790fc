package org.nfvperf.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Sweeps.pivot: one row per key, one column per value of the pivot column, means where rows meet, NaN where none. */
class SweepsPivotTest {
    private static Table tidy() {
        return Table.create("t",
                StringColumn.create("dataplane", "ovs", "ovs", "ovs", "vpp", "vpp"),
                StringColumn.create("frame_size", "64", "64", "1500", "64", "64"),
                DoubleColumn.create("rx_mpps", 1.0, 3.0, 0.5, 4.0, Double.NaN));
    }

    @Test
    void pivotsMeansAndMarksMissingCells() {
        Table p = Sweeps.pivot(tidy(), "rx_mpps", "frame_size", "dataplane");
        assertEquals("rx_mpps by frame_size", p.name());
        assertEquals(List.of("dataplane", "frame_size=64 rx_mpps", "frame_size=1500 rx_mpps"), p.columnNames());
        assertEquals(List.of("ovs", "vpp"), p.stringColumn("dataplane").asList());
        assertEquals(2.0, p.doubleColumn("frame_size=64 rx_mpps").get(0), 1e-12);
        assertEquals(0.5, p.doubleColumn("frame_size=1500 rx_mpps").get(0), 1e-12);
        assertEquals(4.0, p.doubleColumn("frame_size=64 rx_mpps").get(1), 1e-12, "NaN rows do not enter the mean");
        assertTrue(p.doubleColumn("frame_size=1500 rx_mpps").isMissing(1), "no row for vpp/1500: a missing cell");
    }

    @Test
    void unknownColumnIsRejectedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sweeps.pivot(tidy(), "tx_mpps", "frame_size", "dataplane"));
        assertTrue(e.getMessage().contains("tx_mpps"), e.getMessage());
    }
}
