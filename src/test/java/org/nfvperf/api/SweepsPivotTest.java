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
    void numbersHeldAsTextPivotByTheirValuesNotTheirDictionaryCodes() {
        Table t = Table.create("fig2.csv", tech.tablesaw.api.StringColumn.create("dataplane", "bess", "bess", "clickos", "clickos"),
                tech.tablesaw.api.StringColumn.create("frame_size", "64", "128", "64", "128"),
                tech.tablesaw.api.StringColumn.create("rx_mpps", "4.308", "4.369", "", "2.1"));
        Table p = Sweeps.pivot(t, "rx_mpps", "frame_size", "dataplane");
        assertEquals(4.308, p.doubleColumn("frame_size=64 rx_mpps").get(0), 1e-12);
        assertEquals(4.369, p.doubleColumn("frame_size=128 rx_mpps").get(0), 1e-12);
        assertTrue(p.doubleColumn("frame_size=64 rx_mpps").isMissing(1), "an empty cell is missing, not 0");
        assertEquals(2.1, p.doubleColumn("frame_size=128 rx_mpps").get(1), 1e-12);
        t.stringColumn("rx_mpps").set(0, "fast");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sweeps.pivot(t, "rx_mpps", "frame_size", "dataplane"));
        assertEquals("Column rx_mpps of table fig2.csv must hold numbers: 'fast' in row 0", e.getMessage());
    }

    @Test
    void unknownColumnIsRejectedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sweeps.pivot(tidy(), "tx_mpps", "frame_size", "dataplane"));
        assertTrue(e.getMessage().contains("tx_mpps"), e.getMessage());
    }
}
