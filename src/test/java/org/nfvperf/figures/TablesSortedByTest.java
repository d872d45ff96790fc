package org.nfvperf.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@link Tables#sortedBy} orders rows by the numbers of a column, strings from a CSV included. */
class TablesSortedByTest {
    @Test
    void rowsComeOutInNumericOrderWhateverTheirOrderWas() {
        Table t = Table.create("t", StringColumn.create("rate", "0.05", "0.045", "0.1", "0.01"),
                DoubleColumn.create("y", 5, 4.5, 10, 1));
        Table s = Tables.sortedBy(t, "rate");
        assertArrayEquals(new double[] {0.01, 0.045, 0.05, 0.1}, Tables.doubles(s, "rate"));
        assertArrayEquals(new double[] {1, 4.5, 5, 10}, Tables.doubles(s, "y"), "rows move whole");
        assertEquals(4, t.rowCount());
        assertEquals("0.05", t.getString(0, "rate"), "the input is left as it was");
    }
}
